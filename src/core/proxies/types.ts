import type { Batch } from '../data/batch';
import type { Network } from '../nn/network';
import type { SizeSpace } from '../spaces/sizes';
import type { SpaceFamily } from '../spaces/spaceIds';

export type ProxyParamValue = number | string | boolean;
export type ProxyParams = Readonly<Record<string, ProxyParamValue>>;

export interface ProxyInput {
  network: Network;
  /** Seeds initial weights. */
  seed: number;
  /** The proxy's parameters, defaults already filled in. */
  params: ProxyParams;
  /** Real data for proxies that need it (needsData); absent for data-free ones. */
  batch?: Batch;
  /**
   * The job's search space and fidelity, for a proxy that places the network within its space
   * (reg_swap's size regulariser); absent when a caller scores a bare network.
   */
  space?: SizeSpace;
}

export interface ProxyOutput {
  /** The score; −∞ where a log of zero is the honest answer (a warning then says why). */
  value: number;
  details: Record<string, number | string | boolean | number[]>;
  warnings: string[];
}

export interface ProxyDefinition {
  /** Its key in the registry (registry.ts checks they agree). */
  id: string;
  label: string;
  /** Plain-text formula shown in the UI. */
  formula: string;
  reference: string;
  needsLabels: boolean;
  needsData: boolean;
  higherIsBetter: boolean;
  /** True where docs/science.md fixes our own reading of a paper whose formula we could not read. */
  ourReading: boolean;
  /** Bumped whenever a change can alter a value, so cached scores of older versions are not reused. */
  version: number;
  defaults: ProxyParams;
  /** Defaults in place of `defaults` for jobs of one space family (familyDefaults.ts). */
  familyDefaults?: FamilyDefaults;
  spaces: readonly string[];
  compute(input: ProxyInput): Promise<ProxyOutput>;
}

/** Defaults that differ by the family of the job's space (familyDefaults.ts). */
export type FamilyDefaults = Readonly<Partial<Record<SpaceFamily, ProxyParams>>>;
