/**
 * Reverse-mode gradients over tfjs's own tape, computed as tf.grads computes them (the same
 * gradient functions, in the same order, so the results are identical), with two things tf.grads
 * cannot do:
 *
 * - free memory as the backward pass goes. tf.grads keeps every saved forward tensor and every
 *   intermediate gradient until the whole backward pass ends, so its peak is about twice the
 *   forward tape. Here a node's saved tensors and the gradients of its outputs are released as soon
 *   as the node is done, as PyTorch does: the peak is the tape plus the gradients in flight.
 * - run one forward pass and several backward passes (PyTorch's retain_graph), for Jacobian rows:
 *   TE-NAS's NTK with BatchNorm in train mode differentiates each sample's logits through the same
 *   full-batch forward pass.
 *
 * It reads tfjs-core 4.22's engine state (activeTape, gradientDepth), which tf.grads itself uses.
 * Inside another gradient computation (grasp's double backward) `gradients` records its forward and
 * backward passes on the outer tape, as tf.grads does, and keeps every saved tensor (the outer pass
 * differentiates through them), but still drops each output gradient and each intermediate as soon
 * as its node is done: what the outer pass needs, its tape has kept. `taped` falls back to tf.grads
 * there.
 */
import { getFilteredNodesXToY, type TapeNode } from '@tensorflow/tfjs-core/dist/tape.js';
import { tf } from './tf';

interface TapeState {
  activeTape: TapeNode[] | null;
  gradientDepth: number;
  kernelDepth: number;
}

function engineState(): TapeState {
  return tf.engine().state as unknown as TapeState;
}

/** The result of one taped forward pass, ready for backward passes. */
export interface Taped {
  /** f's output; owned by the caller (dispose it or let an enclosing tidy do it). */
  value: tf.Tensor;
  /**
   * ∂(Σ dy ⊙ value)/∂x for every x. `last: true` releases the tape as it goes (the handle is spent);
   * otherwise the tape stays for the next call. The gradients belong to the caller.
   */
  grads(dy: tf.Tensor, last?: boolean): tf.Tensor[];
  /** Releases the tape (idempotent). */
  dispose(): void;
}

/**
 * Runs f(...xs) once while recording the tape. Falls back to tf.grads per call when a gradient
 * computation is already running (nested differentiation).
 */
export function taped(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): Taped {
  const state = engineState();
  if (state.gradientDepth !== 0 || state.kernelDepth !== 0) return viaTfGrads(f, xs);
  state.activeTape = [];
  state.gradientDepth = 1;
  let value: tf.Tensor;
  let tape: TapeNode[];
  try {
    value = tf.tidy(() => f(...xs));
  } finally {
    state.gradientDepth = 0;
    tape = state.activeTape ?? [];
    state.activeTape = null;
  }
  const nodes = getFilteredNodesXToY(tape, xs, value);
  if (nodes.length === 0) {
    release(tape);
    value.dispose();
    throw new Error('Cannot compute gradient of y=f(x) with respect to x: no operation connects them.');
  }
  // Nodes off every x → y path are never differentiated: free what they saved now.
  const used = new Set(nodes.map((node) => node.id));
  release(tape.filter((node) => !used.has(node.id)));
  let spent = false;
  return {
    value,
    grads(dy, last = false) {
      if (spent) throw new Error('taped: this tape was already released');
      if (!tf.util.arraysEqual(dy.shape, value.shape)) {
        throw new Error(`taped: dy has shape [${dy.shape}] but f returned [${value.shape}]`);
      }
      spent = last;
      try {
        return tf.tidy(() => backward(nodes, xs, value, dy, last));
      } finally {
        if (last) release(tape);
      }
    },
    dispose() {
      spent = true;
      release(tape);
    },
  };
}

/** tf.grads-compatible: the gradients of f at xs, with the tape freed as the backward pass goes. */
export function gradients(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  xs: tf.Tensor[],
  dy?: tf.Tensor,
): tf.Tensor[] {
  const state = engineState();
  if (state.kernelDepth !== 0) return tf.grads(f)(xs, dy);
  if (state.gradientDepth !== 0) return nestedGradients(f, xs, dy);
  const run = taped(f, xs);
  try {
    return tf.tidy(() => run.grads(dy ?? tf.onesLike(run.value), true));
  } finally {
    run.value.dispose();
    run.dispose();
  }
}

/**
 * `gradients` while an outer gradient is being recorded: f's forward pass goes on the outer tape
 * one level deeper (as tf.grads does it), then the backward pass runs at the outer level so that
 * its ops are recorded too, releasing nothing the tape saved.
 */
function nestedGradients(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor): tf.Tensor[] {
  const state = engineState();
  const tape = state.activeTape;
  if (!tape) return tf.grads(f)(xs, dy);
  const start = tape.length;
  state.gradientDepth++;
  let value: tf.Tensor;
  try {
    value = tf.tidy(() => f(...xs));
  } finally {
    state.gradientDepth--;
  }
  const nodes = getFilteredNodesXToY(tape.slice(start), xs, value);
  try {
    if (nodes.length === 0) {
      throw new Error('Cannot compute gradient of y=f(x) with respect to x: no operation connects them.');
    }
    if (dy && !tf.util.arraysEqual(dy.shape, value.shape)) {
      throw new Error(`gradients: dy has shape [${dy.shape}] but f returned [${value.shape}]`);
    }
    return tf.tidy(() => backward(nodes, xs, value, dy ?? tf.onesLike(value), false));
  } finally {
    value.dispose();
  }
}

function release(nodes: readonly TapeNode[]): void {
  for (const node of nodes) for (const t of node.saved ?? []) t.dispose();
}

/** One backward pass over the filtered tape; returns the gradient of each x (as tf.grads, every x must be reached). */
function backward(
  nodes: readonly TapeNode[],
  xs: readonly tf.Tensor[],
  y: tf.Tensor,
  dy: tf.Tensor,
  releaseAsWeGo: boolean,
): tf.Tensor[] {
  const accumulated = new Map<number, tf.Tensor>([[y.id, dy]]);
  const results = new Set(xs.map((x) => x.id));
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    const dys = node.outputs.map((o) => accumulated.get(o.id) ?? null);
    if (!node.gradient)
      throw new Error(`Cannot compute gradient: no gradient function for ${node.kernelName}`);
    const gradient = node.gradient;
    const names = Object.keys(node.inputs);
    // One tidy per node: intermediates of its gradient (customGrad computes them eagerly) go now.
    const dxs = tf.tidy(() => {
      const map = gradient(dys as tf.Tensor[]);
      return names.map((name) => {
        if (!(name in map)) throw new Error(`Cannot backprop through input ${name} of ${node.kernelName}`);
        return map[name]!();
      });
    });
    names.forEach((name, k) => {
      const x = node.inputs[name]!;
      const dx = dxs[k]!;
      if (!tf.util.arraysEqual(dx.shape, x.shape)) {
        throw new Error(`gradient of ${node.kernelName} input ${name}: shape [${dx.shape}] for [${x.shape}]`);
      }
      const current = accumulated.get(x.id);
      if (current === undefined) {
        accumulated.set(x.id, dx);
      } else {
        accumulated.set(x.id, tf.add(current, dx));
        if (current !== dy) current.dispose();
        if (dx !== dy) dx.dispose();
      }
    });
    if (releaseAsWeGo) for (const t of node.saved ?? []) t.dispose();
    // The outputs' gradients are consumed; a gradient function may have passed one through as an
    // input's gradient (the same tensor), which must live on.
    const passedOn = new Set<tf.Tensor>(names.map((name) => accumulated.get(node.inputs[name]!.id)!));
    for (const o of node.outputs) {
      const g = accumulated.get(o.id);
      if (g === undefined || results.has(o.id)) continue;
      accumulated.delete(o.id);
      if (g !== dy && !passedOn.has(g)) g.dispose();
    }
  }
  return xs.map((x) => {
    const g = accumulated.get(x.id);
    if (g === undefined) {
      throw new Error(
        'Cannot compute gradient of y=f(x) with respect to one of the x: no operation connects them.',
      );
    }
    return g;
  });
}

/** Nested differentiation: tf.grads per backward pass, recomputing the forward each time. */
function viaTfGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): Taped {
  const value = f(...xs);
  return {
    value,
    grads: (dy) => tf.grads(f)(xs, dy),
    dispose: () => {},
  };
}
