// Node ESM resolve hook for TensorFlow.js. Its ES-module builds (dist/*.js) import their own files
// without extensions ('./gradients/Abs_grad'), which bundlers and Vitest accept but Node's ESM
// loader does not; and its "main" entries are CommonJS builds that omit the gradients. With this
// hook Node loads the same ES modules as the browser bundle, so scripts and the e2e reference run
// exactly the code the app runs.
const TFJS = /^@tensorflow\/tfjs-(core|backend-cpu|backend-wasm|backend-webgpu)$/;

export async function resolve(specifier, context, next) {
  if (TFJS.test(specifier)) return next(`${specifier}/dist/index.js`, context);
  const fromTfjs = (context.parentURL ?? '').includes('/node_modules/@tensorflow/');
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  if (fromTfjs && relative && !/\.[cm]?js$/.test(specifier)) {
    try {
      return await next(`${specifier}.js`, context);
    } catch {
      return next(`${specifier}/index.js`, context);
    }
  }
  return next(specifier, context);
}
