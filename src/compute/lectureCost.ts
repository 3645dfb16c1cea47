/**
 * What a lecture costs to prepare, from the times its scores were measured with (ScoreResult.ms,
 * kept in the cache with the value): published ViTs such as AutoFormer-Ti take minutes per NTK in
 * a browser, and a lecturer should know that before the class arrives. Pure.
 */
import type { ScoreResult } from '../core/proxies/scoreJob';

export interface LectureCost {
  /** Mean measured seconds of one proxy on one network. */
  perJobS: number;
  /** The backend most of those scores ran on. */
  backend: string;
  /** Scores the mean is taken over. */
  measured: number;
  networks: number;
  proxies: number;
  /** Workers scoring side by side. */
  parallel: number;
  /** Estimated minutes for every network and proxy, from scratch. */
  totalMin: number;
}

/** The cost from the results that have landed; null before the first one. */
export function lectureCost(
  results: readonly (Pick<ScoreResult, 'ms' | 'backend'> | undefined)[],
  networks: number,
  proxies: number,
  parallel: number,
): LectureCost | null {
  const landed = results.filter(
    (r): r is Pick<ScoreResult, 'ms' | 'backend'> => r !== undefined && Number.isFinite(r.ms) && r.ms >= 0,
  );
  if (landed.length === 0) return null;
  const perJobS = landed.reduce((sum, r) => sum + r.ms, 0) / landed.length / 1000;
  const counts = new Map<string, number>();
  for (const r of landed) counts.set(r.backend, (counts.get(r.backend) ?? 0) + 1);
  let backend = landed[0]!.backend;
  for (const [name, count] of counts) if (count > (counts.get(backend) ?? 0)) backend = name;
  const workers = Math.max(1, parallel);
  const totalMin = (networks * proxies * perJobS) / workers / 60;
  return { perJobS, backend, measured: landed.length, networks, proxies, parallel: workers, totalMin };
}

/** Seconds or minutes with sensible digits: 0.42 s, 3.4 s, 128 s; 0.50 min, 12 min. */
function amount(value: number): string {
  if (value < 1) return value.toFixed(2);
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

/** The cost line the lecture shows once the first score lands. */
export function lectureCostText(cost: LectureCost): string {
  const workers = cost.parallel > 1 ? ` with ${cost.parallel} workers side by side` : '';
  return (
    `About ${amount(cost.perJobS)} s per network per proxy on ${cost.backend}; ` +
    `${cost.networks} networks ≈ ${amount(cost.totalMin)} min${workers}; ` +
    'scores are cached, so a prepared lecture reopens instantly.'
  );
}
