/** The same core, run in Node on tfjs's cpu backend: the reference the browser's numbers must match. */
import '@tensorflow/tfjs-backend-cpu';
import { tf } from '../src/core/nn/tf';
import { runScoreJob, type ScoreJob } from '../src/core/proxies/scoreJob';

export async function scoreInNode(jobs: ScoreJob[]): Promise<number[]> {
  await tf.setBackend('cpu');
  const values: number[] = [];
  for (const job of jobs) values.push((await runScoreJob(job, 'cpu', () => performance.now())).value);
  return values;
}
