/**
 * The one entry point to TensorFlow.js for the core: tfjs-core plus every gradient. Backends are
 * chosen by the caller (a worker, a Node script, a test); the core never picks one.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
// Ours over tfjs's, after it: the same gradient without a full-size Tile (see the file).
import './batchNormGradient';

export * as tf from '@tensorflow/tfjs-core';
