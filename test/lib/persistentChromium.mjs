// Points @vscode/test-web's Playwright at a local Chromium with a persistent profile.
// test-web has no browser-path option, and it opens an incognito context, where Chromium refuses the
// service worker that webviews need. So its `chromium.launch` is replaced by one that returns a
// Browser-shaped object over a persistent context.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './chromium.mjs';

/**
 * A throwaway Chromium profile that allows the service worker webviews register (an incognito context
 * or a fresh profile with third-party cookies blocked refuses it).
 */
export function createChromiumProfile() {
  const profile = mkdtempSync(join(tmpdir(), 'speech-drafter-chromium-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  return profile;
}

export function usePersistentChromium(executablePath) {
  const testWebRequire = createRequire(createRequire(import.meta.url).resolve('@vscode/test-web'));
  const { chromium } = testWebRequire('playwright');
  chromium.launch = async options => {
    const profile = createChromiumProfile();
    const args = [...new Set([...(options?.args ?? []), ...CHROMIUM_ARGS])];
    const context = await chromium.launchPersistentContext(profile, { ...options, args, executablePath, viewport: null });
    let closed = false;
    return {
      newContext: async () => context,
      contexts: () => [context],
      isConnected: () => !closed,
      close: async () => {
        if (closed) return;
        closed = true;
        await context.close().catch(() => {});
        rmSync(profile, { recursive: true, force: true });
      },
    };
  };
}
