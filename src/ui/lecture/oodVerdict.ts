/**
 * The verdict of the ViNTK evidence at scale (docs/validation.md, `npm run validate:ood`): our own
 * figures on OoD-ViT-NAS's AutoFormer-Tiny networks, shipped as public/data/verdicts/ood-vit.json
 * (no row of that table, whose licence is unknown, is in it). The lecture shows it beside its own
 * small live comparison.
 */
import * as v from 'valibot';

const Row = v.object({
  id: v.string(),
  n: v.number(),
  tauOod: v.nullable(v.number()),
  tauOodLow: v.nullable(v.number()),
  tauOodHigh: v.nullable(v.number()),
});

const Verdict = v.object({
  format: v.literal('spectral-nas-verdict'),
  version: v.literal(1),
  generated: v.string(),
  command: v.string(),
  verdict: v.pipe(v.string(), v.minLength(1)),
  rows: v.array(Row),
  published: v.array(v.object({ measure: v.string(), tau: v.number() })),
});

export type OodVerdict = v.InferOutput<typeof Verdict>;

export const OOD_VERDICT_FILE = 'verdicts/ood-vit.json';

export function parseOodVerdict(
  json: unknown,
): { ok: true; value: OodVerdict } | { ok: false; error: string } {
  const parsed = v.safeParse(Verdict, json);
  if (parsed.success) return { ok: true, value: parsed.output };
  const issue = parsed.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, error: `${OOD_VERDICT_FILE}: ${path ? `${path}: ` : ''}${issue.message}` };
}

function verdictUrl(): string {
  const base = import.meta.env.BASE_URL.endsWith('/')
    ? import.meta.env.BASE_URL
    : `${import.meta.env.BASE_URL}/`;
  return new URL(`${base}data/${OOD_VERDICT_FILE}`, location.href).href;
}

let loading: Promise<{ ok: true; value: OodVerdict } | { ok: false; error: string }> | null = null;

/** Loaded once per page; a missing or damaged file is a message, never a throw. */
export function loadOodVerdict() {
  loading ??= (async () => {
    try {
      const response = await fetch(verdictUrl(), { cache: 'no-cache' });
      if (!response.ok)
        return { ok: false as const, error: `${OOD_VERDICT_FILE} is missing (HTTP ${response.status})` };
      return parseOodVerdict(await response.json());
    } catch (error) {
      return {
        ok: false as const,
        error: `${OOD_VERDICT_FILE} could not be read (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  })();
  return loading;
}
