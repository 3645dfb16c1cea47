/** Which tfjs backend a worker computes on, and why: shown in the badge and stored with each result. */
export type BackendName = 'webgpu' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm', 'cpu'];

export interface BackendReport {
  name: BackendName;
  /** Short text for the badge, e.g. "WebGPU (SwiftShader)" or "WASM (1 thread)". */
  label: string;
  /** Why this one: the fallbacks tried and what stopped them. */
  reason: string;
}

export function parseBackendPreference(value: string | null): BackendPreference {
  return (BACKEND_PREFERENCES as readonly string[]).includes(value ?? '')
    ? (value as BackendPreference)
    : 'auto';
}
