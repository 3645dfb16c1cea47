/**
 * Full-batch gradient descent for the lab's NTK panels, with the step written out so that its
 * linearisation is exact to state (docs/science.md §9):
 *
 *   loss            L(θ) = (1/2n)·‖f(X; θ) − y‖²,  residual r = f(X; θ) − y,
 *   GD              θ ← θ − η·∇L = θ − (η/n)·Jᵀ r,
 *   preconditioned  θ ← θ − (η/n)·Jᵀ S r,
 *   linearised      r ← (I − (η/n)·K S) r,  K = J Jᵀ (ntkModel.labNtk, unnormalised), S = I for GD.
 *
 * η is the learning rate on the mean loss; a step is stable in the linear model while
 * η·λ_max(K S)/n < 2. Every parameter is trained (the NTK of ntkModel.ts counts them all).
 *
 * Jᵀ w is a vector–Jacobian product, never a Jacobian: the gradient of ⟨w, f(X; θ)⟩ with w computed
 * before, outside the differentiated function, so autodiff holds it constant (a stopped tensor).
 * A step therefore runs the network forward twice (once for r, once under the tape) and backward once.
 */
import type { Network, ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';

/**
 * Default η as a fraction f of the stability limit 2n/λ_max (of K, or of K S when preconditioned):
 * every linearised factor 1 − 2f·λ_i/λ_max then lies in [0.5, 1), a monotone decay close to gradient
 * flow (f ≤ 0.5 never overshoots). Larger steps take a run further from its linearisation, most of
 * all a preconditioned one, whose flattened directions all sit at the top where a step is largest:
 * measured max |f_GD − f_pre| between the training points 0.03 at f = 0.2, 0.10 at 0.5 and 0.13 at
 * 0.8 (16 circle points, width 1024, cos 3t, trained to MSE 1e-8), where the linear theory says 0.
 */
export const LAB_LR_FRACTION = 0.25;

/** Maps the residual r [n, 1] to the vector w whose Jᵀ w is the step (S r); must not keep tensors. */
export type Preconditioner = (r: tf.Tensor2D) => tf.Tensor2D;

export class LabDescent {
  private readonly vars: Map<string, tf.Variable>;
  private readonly names: string[];

  /** Copies `params` into variables (the caller keeps its tensors). x [n, dim]; y [n, 1], kept. */
  constructor(
    private readonly net: Network,
    params: ParamTensors,
    private readonly x: tf.Tensor2D,
    private readonly y: tf.Tensor2D,
  ) {
    this.vars = new Map([...params].map(([name, t]) => [name, tf.variable(t, true)]));
    this.names = [...this.vars.keys()];
  }

  /** f(x) at the current parameters, [rows, 1] (the caller disposes). */
  outputs(x: tf.Tensor2D = this.x): tf.Tensor2D {
    return tf.tidy(() => this.net.forward(x, this.vars, { batchNorm: 'none' }));
  }

  /** r = f(X) − y (the caller disposes). */
  residual(): tf.Tensor2D {
    return tf.tidy(() => tf.sub(this.net.forward(this.x, this.vars, { batchNorm: 'none' }), this.y));
  }

  /** One step from the residual r of the current parameters: θ ← θ − (η/n)·Jᵀ (S r). */
  step(r: tf.Tensor2D, lr: number, precondition?: Preconditioner): void {
    tf.tidy(() => {
      const n = r.shape[0];
      const w = tf.mul(precondition ? precondition(r) : r, lr / n);
      const tensors = this.names.map((name) => this.vars.get(name)!);
      const grads = tf.grads((...ws: tf.Tensor[]) => {
        const local = new Map<string, tf.Tensor>(this.names.map((name, k) => [name, ws[k]!]));
        return tf.sum(tf.mul(this.net.forward(this.x, local, { batchNorm: 'none' }), w));
      })(tensors);
      tensors.forEach((v, k) => {
        (v as tf.Variable).assign(tf.sub(v, grads[k]!));
      });
    });
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
  }
}

/** mean(r²), read back. */
export function meanSquare(r: tf.Tensor): number {
  const m = tf.tidy(() => tf.mean(tf.square(r)));
  try {
    return m.dataSync()[0]!;
  } finally {
    m.dispose();
  }
}

/** Longest stretch without handing control back to the event loop (so an abort can arrive). */
const YIELD_MS = 100;

/** Call often inside a long loop: yields to the event loop at most every YIELD_MS. */
export function eventLoopYielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < YIELD_MS) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
