// Makes sure Debian's Chromium is at /usr/bin/chromium for the end-to-end tests: installs it with
// apt-get when missing and running as root, else stops with a clear message. Never downloads a
// browser through Playwright (there is no browser download here).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);
if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
  console.error(
    `Chromium is missing at ${path}. Install it as root: apt-get update && apt-get install -y chromium`,
  );
  process.exit(1);
}
console.log(`Chromium is missing at ${path}; installing Debian's chromium with apt-get…`);
try {
  execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium', {
    stdio: 'inherit',
  });
} catch {
  console.error('apt-get could not install chromium; install it by hand: apt-get install -y chromium');
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`apt-get finished but ${path} is still missing.`);
  process.exit(1);
}
