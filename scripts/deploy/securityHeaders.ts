/**
 * The HTTP headers the built app is served with, in one place: the preview server (vite.config.ts)
 * sends them, and public/_headers carries them to a static host (Netlify and Cloudflare Pages read
 * that file from the site root; npm run build:headers writes it from here, a test checks it).
 *
 * Content-Security-Policy, strict: scripts, workers, styles and fetches from this origin only; no
 * inline script and no eval ('wasm-unsafe-eval' only lets WebAssembly compile, which the WASM backend
 * needs); images also from data: and blob: URLs (plot export draws an SVG blob into a canvas); no
 * plugins, no <base>, no forms, no framing. Workers need no blob: since the WASM backend runs its
 * single-threaded build (src/runtime/backends/selectBackend.ts); threads would need it.
 * COOP/COEP make the page cross-origin isolated (SharedArrayBuffer, precise timers).
 * The dev server sends COOP/COEP only: Vite's hot reload and React refresh inject inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export const SECURITY_HEADERS = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/** public/_headers: every path of the site gets the headers. */
export function staticHostHeadersFile(): string {
  const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return `# Written by npm run build:headers from scripts/deploy/securityHeaders.ts; do not edit.\n/*\n${lines.join('\n')}\n`;
}
