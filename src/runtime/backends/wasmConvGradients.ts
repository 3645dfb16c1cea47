/**
 * Convolution gradient kernels for the tfjs WASM backend, built from that backend's own fast kernels.
 *
 * Why this exists: @tensorflow/tfjs-backend-wasm 4.22 registers no `Conv2DBackpropFilter` kernel
 * (https://github.com/tensorflow/tfjs/issues/8474), so every gradient with respect to a convolution's
 * weights throws on 'wasm'. Its `Conv2DBackpropInput` does exist, but it is a naive scalar loop that
 * runs about ten times slower than its XNNPACK-backed `Conv2D`.
 *
 * For NHWC the filter gradient runs in our own SIMD kernel (directFilterGradient). Otherwise, both
 * gradients are themselves convolutions, so they are rewritten here as a few calls to the WASM
 * backend's registered `Conv2D` (XNNPACK, which handles dilation and asymmetric explicit padding),
 * `Transpose`, `Reverse`, `Reshape`, `PadV2`, `Slice` and `Fill` kernels. Every intermediate is freed
 * with `backend.disposeData` before the kernel returns. The results are exact up to float32 summation
 * order for every padding mode, stride and rounding mode; dilated forward convolutions never reach
 * these kernels because tfjs's Conv2D gradient rejects dilations other than 1.
 *
 * Layouts: `Conv2DBackpropFilter` supports NHWC and NCHW (only the transposes differ).
 * `Conv2DBackpropInput` takes the fast path for NHWC and hands NCHW to the original WASM kernel, which
 * is kept rather than discarded when it is replaced.
 */
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  Conv2D,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  PadV2,
  Reverse,
  registerKernel,
  type TensorInfo,
  Transpose,
  unregisterKernel,
} from '@tensorflow/tfjs-core';
import { directFilterGradient, directInputGradient } from './wasmDirectConv';
import {
  BACKEND,
  cropSpans,
  explicitPad,
  keptSize,
  runKernel,
  Scratch,
  type Shape4,
  type Span,
  zeros,
} from './wasmKernelScratch';

export { setDirectConvKernels } from './wasmDirectConv';

/** The WASM backend's Conv2DBackpropInput as it was before this module replaced it (NCHW fallback). */
let originalBackpropInput: KernelConfig | undefined;

/**
 * dW[kh,kw,ci,co] = sum_{b,i,j} xpad[b, i*sh+kh, j*sw+kw, ci] * dy[b,i,j,co].
 *
 * Read as a convolution: the "images" are the ci input channels of x, laid out [ci, H, W, b] (batch
 * as channels), the "filter" is dy laid out [Ho, Wo, b, co] and applied with dilation (sh, sw) and
 * stride 1. Padding x by padTop above and cropping/padding below so that it has exactly
 * (Ho-1)*sh + KH rows makes the 'valid' output exactly [ci, KH, KW, co]; one transpose gives dW.
 */
function conv2DBackpropFilter(args: Parameters<KernelFunc>[0]): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const dataFormat = backend_util.convertConv2DDataFormat(attrs.dataFormat);
  const info = backend_util.computeConv2DInfo(
    x.shape as Shape4,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    dataFormat,
  );
  const channelsLast = info.dataFormat === 'channelsLast';
  const dyShape = dy.shape as Shape4;
  // dy's own size, not info.outHeight: tfjs's conv2d gradient drops dimRoundingMode, so with 'ceil' or
  // 'round' the recomputed size can be one short of the dy the forward pass actually produced.
  const dyHeight = channelsLast ? dyShape[1] : dyShape[2];
  const dyWidth = channelsLast ? dyShape[2] : dyShape[3];
  const { filterHeight, filterWidth, inChannels, outChannels, strideHeight, strideWidth } = info;
  const rows: Span = {
    before: info.padInfo.top,
    after: (dyHeight - 1) * strideHeight + filterHeight - info.padInfo.top - info.inHeight,
  };
  const cols: Span = {
    before: info.padInfo.left,
    after: (dyWidth - 1) * strideWidth + filterWidth - info.padInfo.left - info.inWidth,
  };
  if (channelsLast) {
    const direct = directFilterGradient(backend, x, dy, info);
    if (direct) return direct;
  }
  const scratch = new Scratch(backend);
  try {
    if (keptSize(info.inHeight, rows) <= 0 || keptSize(info.inWidth, cols) <= 0) {
      // Every tap the forward convolution made landed in padding.
      return zeros(scratch, [filterHeight, filterWidth, inChannels, outChannels]);
    }
    // x -> [ci, H, W, b]; dy -> [Ho, Wo, b, co].
    const images = scratch.transpose(x, channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]);
    const filter = scratch.transpose(dy, channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]);
    const spans: [Span, Span] = [rows, cols];
    const cropped = cropSpans(scratch, images, spans);
    const grad = scratch.run(
      Conv2D,
      { x: cropped, filter },
      {
        strides: [1, 1],
        pad: explicitPad(spans),
        dataFormat: 'NHWC',
        dilations: [strideHeight, strideWidth],
      },
    );
    // [ci, KH, KW, co] -> [KH, KW, ci, co]; this one is the kernel's output, so it is not scratch.
    return runKernel(Transpose, backend, { x: grad }, { perm: [1, 2, 0, 3] });
  } finally {
    scratch.dispose();
  }
}

/**
 * dx[b,h,w,ci] = sum_{kh,kw,co} dyz[b, h+kh-P, w+kw-Q, co] * W[KH-1-kh, KW-1-kw, ci, co], where dyz is
 * dy with (sh-1) zero rows after every row and (sw-1) zero columns after every column, P = KH-1-padTop
 * and Q = KW-1-padLeft. That is a stride-1 'valid' convolution of dyz, padded by P above and cropped or
 * zero-padded below to Hin+KH-1 rows (same for columns), with W flipped spatially and laid out
 * [KH, KW, co, ci].
 */
function conv2DBackpropInput(args: Parameters<KernelFunc>[0]): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
  const dataFormat = backend_util.convertConv2DDataFormat(attrs.dataFormat);
  if (dataFormat !== 'channelsLast') {
    if (!originalBackpropInput) {
      throw new Error(`wasm Conv2DBackpropInput: dataFormat '${attrs.dataFormat}' is not supported`);
    }
    return originalBackpropInput.kernelFunc(args) as TensorInfo;
  }
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as Shape4,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    dataFormat,
  );
  // As in the filter gradient, dy's own size is used rather than info.outHeight/outWidth.
  const [batch, dyHeight, dyWidth, dyChannels] = dy.shape as Shape4;
  const { filterHeight, filterWidth, strideHeight, strideWidth, inHeight, inWidth } = info;
  const stuffedHeight = dyHeight * strideHeight;
  const stuffedWidth = dyWidth * strideWidth;
  const rows: Span = { before: filterHeight - 1 - info.padInfo.top, after: 0 };
  rows.after = inHeight + filterHeight - 1 - rows.before - stuffedHeight;
  const cols: Span = { before: filterWidth - 1 - info.padInfo.left, after: 0 };
  cols.after = inWidth + filterWidth - 1 - cols.before - stuffedWidth;
  const direct = directInputGradient(backend, dy, filter, info);
  if (direct) return direct;
  const scratch = new Scratch(backend);
  try {
    if (keptSize(stuffedHeight, rows) <= 0 || keptSize(stuffedWidth, cols) <= 0) {
      return zeros(scratch, [...info.inShape]);
    }
    // Spatially flipped filter as [KH, KW, co, ci].
    const flipped = scratch.run(Reverse, { x: filter }, { dims: [0, 1] });
    const kernel = scratch.transpose(flipped, [0, 1, 3, 2]);
    let stuffed = dy;
    if (strideHeight > 1 || strideWidth > 1) {
      // [b*Ho, 1, Wo, 1, co] padded after dims 1 and 3 -> [b*Ho, sh, Wo, sw, co] = [b, Ho*sh, Wo*sw, co].
      const expanded = scratch.reshape(dy, [batch * dyHeight, 1, dyWidth, 1, dyChannels]);
      const padded = scratch.run(
        PadV2,
        { x: expanded },
        {
          paddings: [
            [0, 0],
            [0, strideHeight - 1],
            [0, 0],
            [0, strideWidth - 1],
            [0, 0],
          ],
          constantValue: 0,
        },
      );
      stuffed = scratch.reshape(padded, [batch, stuffedHeight, stuffedWidth, dyChannels]);
    }
    const spans: [Span, Span] = [rows, cols];
    const cropped = cropSpans(scratch, stuffed, spans);
    return runKernel(
      Conv2D,
      backend,
      { x: cropped, filter: kernel },
      { strides: [1, 1], pad: explicitPad(spans), dataFormat: 'NHWC', dilations: [1, 1] },
    );
  } finally {
    scratch.dispose();
  }
}

const backpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: BACKEND,
  kernelFunc: conv2DBackpropFilter as KernelFunc,
};

/**
 * Installs the composed `Conv2DBackpropFilter` and `Conv2DBackpropInput` kernels for 'wasm'.
 * Idempotent. Call it before or after the wasm backend is initialised; either works, since the new
 * kernels need no setup of their own and the replaced input kernel's setup function is carried over.
 */
export function registerWasmConvGradients(): void {
  const currentInput = getKernel(Conv2DBackpropInput, BACKEND) as KernelConfig | undefined;
  if (currentInput?.kernelFunc !== (conv2DBackpropInput as KernelFunc)) {
    if (currentInput) {
      originalBackpropInput = currentInput;
      unregisterKernel(Conv2DBackpropInput, BACKEND);
    }
    const inputConfig: KernelConfig = {
      kernelName: Conv2DBackpropInput,
      backendName: BACKEND,
      kernelFunc: conv2DBackpropInput as KernelFunc,
    };
    // Keep the original kernel's setup so that the NCHW fallback works on a backend initialised later.
    if (currentInput?.setupFunc) inputConfig.setupFunc = currentInput.setupFunc;
    if (currentInput?.disposeFunc) inputConfig.disposeFunc = currentInput.disposeFunc;
    registerKernel(inputConfig);
  }
  const currentFilter = getKernel(Conv2DBackpropFilter, BACKEND) as KernelConfig | undefined;
  if (currentFilter?.kernelFunc !== backpropFilterConfig.kernelFunc) {
    if (currentFilter) unregisterKernel(Conv2DBackpropFilter, BACKEND);
    registerKernel(backpropFilterConfig);
  }
}
