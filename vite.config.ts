import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { ISOLATION_HEADERS, SECURITY_HEADERS } from './scripts/deploy/securityHeaders';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Two copies of tfjs-core in one bundle break backend lookup.
    dedupe: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgpu',
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  // The dev server cannot send the CSP: hot reload injects inline scripts (securityHeaders.ts).
  server: { port: 5173, headers: ISOLATION_HEADERS },
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
});
