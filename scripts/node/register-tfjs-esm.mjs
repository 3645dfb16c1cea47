// Use as `node --import ./scripts/node/register-tfjs-esm.mjs …` (see tfjs-esm-resolve.mjs for why).
import { createRequire, register } from 'node:module';

register('./tfjs-esm-resolve.mjs', import.meta.url);
// tfjs-core's ESM Node platform still calls require('util'); give it one.
globalThis.require ??= createRequire(import.meta.url);
