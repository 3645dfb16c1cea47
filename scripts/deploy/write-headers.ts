/** npm run build:headers: writes public/_headers from scripts/deploy/securityHeaders.ts. */
import { writeFileSync } from 'node:fs';
import { staticHostHeadersFile } from './securityHeaders';

writeFileSync('public/_headers', staticHostHeadersFile());
console.log('build:headers: wrote public/_headers');
