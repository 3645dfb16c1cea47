/**
 * tfjs-wasm does not throw when XNNPACK cannot allocate: it prints "XNN status … not successful"
 * and the operation's output is garbage. In Node, the scorer counts those messages (console and
 * stderr) so that a result computed under one is never written as a score.
 */
let failures = 0;
let watching = false;

const XNN_FAILURE = /XNN status .* not successful/;

/** How many XNNPACK failures this process has printed since it started watching. */
export function xnnFailureCount(): number {
  return failures;
}

/** Starts counting (once per process; later calls do nothing). */
export function watchXnnFailures(): void {
  if (watching) return;
  watching = true;
  const seen = (args: readonly unknown[]) => {
    if (args.some((a) => typeof a === 'string' && XNN_FAILURE.test(a))) failures++;
  };
  for (const method of ['error', 'warn', 'log'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      seen(args);
      original(...args);
    };
  }
  const write = process.stderr.write.bind(process.stderr) as (...a: unknown[]) => boolean;
  process.stderr.write = ((...args: unknown[]) => {
    seen([String(args[0])]);
    return write(...args);
  }) as typeof process.stderr.write;
}
