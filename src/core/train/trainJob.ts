/**
 * One candidate to train, as the UI, a worker and the command line all see it: which network,
 * on which dataset, by which schedule. Pure over an injected dataset loader (fetch in a worker,
 * files in Node), like the proxies' scoreJob, so the same job gives the same accuracy everywhere
 * on the same backend.
 */
import type { ImageDataset } from '../data/imageDataset';
import { buildNetwork, type SpaceId } from '../spaces/architecture';
import type { FidelityPreset } from '../spaces/fidelity';
import { spaceOf } from '../spaces/registry';
import { describeSchedule, type TrainSchedule } from './schedule';
import { imageTrainingData } from './trainingData';
import { type TrainOptions, type TrainResult, trainNetwork } from './trainNetwork';

/** Datasets a candidate can be trained on, with the name the label uses. */
export const TRAIN_DATASETS = { cifar10: 'CIFAR-10' } as const;
export type TrainDatasetId = keyof typeof TRAIN_DATASETS;

export interface TrainJob {
  space: SpaceId;
  /** Architecture text of the space (canonicalised by buildNetwork). */
  arch: string;
  fidelity: FidelityPreset;
  dataset: TrainDatasetId;
  schedule: TrainSchedule;
}

export interface TrainJobResult extends Omit<TrainResult, 'params'> {
  space: SpaceId;
  /** Canonical architecture text. */
  arch: string;
  fidelity: FidelityPreset;
  /** The network as built, e.g. "quick: C=8, 1 cell(s)/stage, 32 px". */
  fidelityNote: string;
  dataset: TrainDatasetId;
  schedule: TrainSchedule;
  /** One line to show next to the accuracy (describeSchedule). */
  label: string;
}

/** Loads a dataset by its shard name ("cifar10-train"). */
export type DatasetLoader = (name: string) => Promise<ImageDataset>;

/**
 * Builds the job's network, loads the dataset's train and test shards and trains. Rejects with a
 * plain message for an unknown dataset, unreadable architecture text, a space that does not take
 * images, a missing shard, a bad schedule; with TrainingCancelledError when cancelled.
 */
export async function runTrainJob(
  job: TrainJob,
  loadDataset: DatasetLoader,
  options: Omit<TrainOptions, 'keepParams'> = {},
): Promise<TrainJobResult> {
  if (!Object.hasOwn(TRAIN_DATASETS, job.dataset)) {
    throw new Error(
      `cannot train on "${String(job.dataset).slice(0, 40)}"; one of ${Object.keys(TRAIN_DATASETS).join(', ')}`,
    );
  }
  // Networks that read grid points (the MLPs) have no image data set to train on.
  if (spaceOf(job.space).input === 'grid') {
    throw new Error('MLPs take coordinates, not images: train them on a signal, not on CIFAR-10');
  }
  const [train, test] = await Promise.all([
    loadDataset(`${job.dataset}-train`),
    loadDataset(`${job.dataset}-test`),
  ]);
  // ViT spaces default to ImageNet's 1 000 classes; train them with the dataset's.
  const built = await buildNetwork(job.space, job.arch, job.fidelity, train.classes);
  if (!built.ok) throw new Error(built.error);
  const { network, arch, fidelityNote } = built.value;
  const result = await trainNetwork(
    network,
    imageTrainingData(train, network.inputShape),
    imageTrainingData(test, network.inputShape),
    job.schedule,
    options,
  );
  return {
    ...result,
    space: job.space,
    arch,
    fidelity: job.fidelity,
    fidelityNote,
    dataset: job.dataset,
    schedule: job.schedule,
    label: describeSchedule(job.schedule, TRAIN_DATASETS[job.dataset], train.classes),
  };
}
