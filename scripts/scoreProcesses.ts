/**
 * `npm run score -- --jobs N`: the architecture list split into N interleaved shards, each scored by
 * its own Node process (--shard k/N), their JSON lines gathered into one output as they arrive.
 *
 * Why processes and not WASM threads: tfjs-backend-wasm 4.22's threaded build does not start in
 * bundled workers, runs only XNNPACK's kernels in parallel (not ours: the matrix products and the
 * convolution gradients that dominate), and reads one thread on two cores. A process per core
 * scores whole jobs in parallel, and each has its own 4 GB WASM heap: a job that runs out of memory
 * in one cannot take the others' heap with it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { appendRecords } from './scoreInProcess';

export interface Shard {
  index: number;
  count: number;
}

/** Parses "k/n" (0 ≤ k < n); null when it is not that. */
export function parseShard(text: string): Shard | null {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return null;
  const [index, count] = [Number(match[1]), Number(match[2])];
  if (count < 1 || index >= count) return null;
  return { index, count };
}

/** The items of shard k of n: every n-th, starting at k (so long runs spread evenly). */
export function inShard<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, i) => i % shard.count === shard.index);
}

/**
 * Runs this script `jobs` times with `args` plus --shard k/jobs; every line a child prints on stdout
 * goes to `outPath` (appended) or to stdout. Resolves to the worst exit code of the children.
 */
export async function scoreInProcesses(
  args: readonly string[],
  jobs: number,
  outPath?: string,
): Promise<number> {
  const out = outPath ? appendRecords(outPath) : process.stdout;
  const children = Array.from({ length: jobs }, (_, k) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, process.argv[1]!, ...args, '--shard', `${k}/${jobs}`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // Whole lines only, so records from different children never interleave within a line.
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => out.write(`${line}\n`));
    const read = new Promise<void>((resolve) => lines.on('close', resolve));
    const exited = new Promise<number>((resolve) => {
      child.on('close', (code, signal) => {
        if (signal) console.error(`score: shard ${k}/${jobs} stopped by ${signal}`);
        resolve(code ?? 1);
      });
    });
    return read.then(() => exited);
  });
  const codes = await Promise.all(children);
  if (out !== process.stdout)
    await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
  return Math.max(...codes);
}
