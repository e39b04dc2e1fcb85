// Finds a Chromium for the integration tiers: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', playwrightChromium()];
  return candidates.find(path => path && existsSync(path));
}

function playwrightChromium() {
  try {
    return require('playwright-core').chromium.executablePath();
  } catch {
    return undefined;
  }
}

export const CHROMIUM_MISSING = [
  'No Chromium found for the integration tests.',
  'Install one:  sudo apt-get install -y --no-install-recommends chromium   (Debian/Ubuntu)',
  'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
].join('\n');

/** Flags that keep Chromium off the network (this machine's closed network refuses its background calls). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
