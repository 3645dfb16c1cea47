/**
 * The two optimisers a TrainSchedule names, written out over tf.Variables so every constant is
 * visible and the update is the same on every backend (PyTorch's formulas, dampening 0):
 *
 * - 'sgd-momentum' (torch.optim.SGD, momentum 0.9, nesterov=True, as NB201's xautodl):
 *     g ← ∇ + wd·θ;  b ← 0.9·b + g;  θ ← θ − lr·(g + 0.9·b)      (b starts at 0)
 * - 'adam' (torch.optim.AdamW, β₁ 0.9, β₂ 0.999, ε 1e-8, decoupled weight decay):
 *     θ ← θ·(1 − lr·wd);  m ← β₁m + (1−β₁)∇;  v ← β₂v + (1−β₂)∇²;
 *     θ ← θ − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
 *
 * Weight decay touches only the names in `decayed` (conv and linear weights, as timm excludes
 * biases and norms; NB201's xautodl decays everything, which changes little over a short run).
 */
import { tf } from '../nn/tf';
import type { OptimizerKind } from './schedule';

export const SGD_MOMENTUM = 0.9;
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

export interface Optimizer {
  /**
   * One update of every variable that has a gradient (keyed by parameter name) at learning rate
   * lr. Variables without a gradient (no path to the loss) are left as they are.
   */
  apply(grads: ReadonlyMap<string, tf.Tensor>, lr: number): void;
  /** Frees the optimiser's state (momentum buffers, moments). */
  dispose(): void;
}

interface Slot {
  param: tf.Variable;
  /** SGD's momentum buffer, or Adam's first moment. */
  first: tf.Variable;
  /** Adam's second moment (unused by SGD). */
  second?: tf.Variable;
}

/** A non-trainable variable of zeros shaped like `like` (the temporary tensor is freed). */
function zerosVariable(like: tf.Tensor): tf.Variable {
  const zeros = tf.zerosLike(like);
  const variable = tf.variable(zeros, false);
  zeros.dispose();
  return variable;
}

/** An optimiser over named variables; only the names in `decayed` get weight decay. */
export function createOptimizer(
  kind: OptimizerKind,
  variables: ReadonlyMap<string, tf.Variable>,
  decayed: ReadonlySet<string>,
  weightDecay: number,
): Optimizer {
  const slots = new Map<string, Slot>();
  for (const [name, param] of variables) {
    slots.set(name, {
      param,
      first: zerosVariable(param),
      ...(kind === 'adam' ? { second: zerosVariable(param) } : {}),
    });
  }
  let t = 0;

  const sgdStep = (slot: Slot, grad: tf.Tensor, lr: number, decay: number) => {
    const g = decay > 0 ? tf.add(grad, tf.mul(slot.param, decay)) : grad;
    const buffer = tf.add(tf.mul(slot.first, SGD_MOMENTUM), g);
    slot.first.assign(buffer);
    slot.param.assign(tf.sub(slot.param, tf.mul(tf.add(g, tf.mul(buffer, SGD_MOMENTUM)), lr)));
  };

  const adamStep = (slot: Slot, grad: tf.Tensor, lr: number, decay: number) => {
    const second = slot.second!;
    const m = tf.add(tf.mul(slot.first, ADAM_BETA1), tf.mul(grad, 1 - ADAM_BETA1));
    const v = tf.add(tf.mul(second, ADAM_BETA2), tf.mul(tf.square(grad), 1 - ADAM_BETA2));
    slot.first.assign(m);
    second.assign(v);
    const mHat = tf.div(m, 1 - ADAM_BETA1 ** t);
    const vHat = tf.div(v, 1 - ADAM_BETA2 ** t);
    const decayedParam = decay > 0 ? tf.mul(slot.param, 1 - lr * decay) : slot.param;
    slot.param.assign(tf.sub(decayedParam, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM_EPSILON)), lr)));
  };

  return {
    apply(grads, lr) {
      t++;
      tf.tidy(() => {
        for (const [name, slot] of slots) {
          const grad = grads.get(name);
          if (!grad) continue;
          const decay = decayed.has(name) ? weightDecay : 0;
          if (kind === 'adam') adamStep(slot, grad, lr, decay);
          else sgdStep(slot, grad, lr, decay);
        }
      });
    },
    dispose() {
      for (const slot of slots.values()) {
        slot.first.dispose();
        slot.second?.dispose();
      }
      slots.clear();
    },
  };
}
