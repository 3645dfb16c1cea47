import type { ProxyId } from '../../core/proxies/ids';

/** One candidate of the Explorer's plots: its row id (the index in its space), text and scores. */
export interface ScoredPoint {
  id: number;
  arch: string;
  scores: Partial<Record<ProxyId, number>>;
}
