/** Short-training runs started from the Explorer: one entry per (space, candidate). */
import { create } from 'zustand';
import type { SpaceId } from '../core/spaces/architecture';

export interface TrainRun {
  id: string;
  space: SpaceId;
  cell: number;
  status: 'waiting' | 'training' | 'done' | 'failed' | 'cancelled';
  step: number;
  total: number;
  loss?: number;
  /** Test accuracy as a fraction (done runs). */
  accuracy?: number;
  warnings?: string[];
  error?: string;
}

export interface TrainingState {
  /** By `${space}:${cell}`. */
  runs: Record<string, TrainRun>;
  /** describeSchedule of the last schedule used: shown next to every trained accuracy. */
  label: string | null;
}

export const useTrainingStore = create<TrainingState>()(() => ({ runs: {}, label: null }));
