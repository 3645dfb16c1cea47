/**
 * ReLU with a gradient that is itself one op. tfjs differentiates ReLU as dy ⊙ step(x): under a
 * second derivative (grasp) the tape then keeps the step mask and a reference to dy for every ReLU,
 * two full-size tensors. Here the backward op keeps only x, which the forward op keeps anyway, and
 * its own gradient is the same masking (in dy; zero in x, where the step is flat). Values are
 * those of tf.relu and its gradient, bit for bit.
 */
import { tf } from './tf';

const reluBackward: (dy: tf.Tensor, x: tf.Tensor) => tf.Tensor = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [dy, x, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([x]);
    return {
      value: tf.mul(dy, tf.step(x)),
      gradFunc: (g: tf.Tensor, saved: tf.Tensor[]) => [reluBackward(g, saved[0]!), tf.zerosLike(saved[0]!)],
    };
  },
);

const reluOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return {
    value: tf.relu(x),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => reluBackward(dy, saved[0]!),
  };
});

export function relu<T extends tf.Tensor>(x: T): T {
  return reluOp(x) as T;
}
