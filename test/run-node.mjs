// The Node tier: the integration suite inside code-server (a real VS Code with a Node extension host),
// driven by headless Chromium. The suite's console output is relayed here; the exit code is the suite's.
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_MISSING, findChromium } from './lib/chromium.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { createChromiumProfile } from './lib/persistentChromium.mjs';
import { startWatchdog } from './lib/process.mjs';

const TIER = process.env.SPEECH_DRAFTER_TEST_TIER ?? 'node';
const executablePath = findChromium();
if (!executablePath) {
  console.error(CHROMIUM_MISSING);
  console.log(`${TIER}: 0 passed, 1 failed`);
  process.exit(1);
}

const stateDir = mkdtempSync(join(tmpdir(), 'speech-drafter-code-server-'));
const profile = createChromiumProfile();
let server;
let context;
const cleanUp = () => {
  server?.stop();
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
};
// Generous: the first run installs code-server (about 2 minutes) before the watchdog's real job starts.
startWatchdog(15 * 60 * 1000, `${TIER} tier`, cleanUp);

let exitCode = 1;
try {
  // A throwaway copy: the tests add corpus folders and files to the workspace on disk.
  const folder = join(stateDir, 'workspace');
  cpSync(resolve('test/fixtures/workspace'), folder, { recursive: true });
  server = await startCodeServer({
    stateDir,
    folder,
    // enable-smoke-test-driver makes a built VS Code honour the `payload` query (development extension, tests).
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    env: { SPEECH_DRAFTER_TEST_TIER: TIER },
  });
  const origin = `127.0.0.1:${server.port}`;
  console.log(`${TIER}: code-server on http://${origin}/ (Node extension host), Chromium ${executablePath}`);
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${origin}${resolve('.')}`],
    ['extensionTestsPath', `vscode-remote://${origin}${resolve('dist/test/node/suite.js')}`],
    ['skipWelcome', 'true'],
  ];
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, viewport: null });
  const page = context.pages()[0] ?? (await context.newPage());
  let reportExit;
  const finished = new Promise(resolveExit => { reportExit = resolveExit; });
  // VS Code's browser integration-test hooks (enabled by the smoke-test driver): console output and exit code.
  await page.exposeFunction('codeAutomationLog', (type, args) => (console[type] ?? console.log)(...args));
  await page.exposeFunction('codeAutomationExit', code => reportExit(code));
  await page.goto(`http://${origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  exitCode = await finished;
} catch (error) {
  console.error(`${TIER} tier: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  cleanUp();
}
process.exit(exitCode === 0 ? 0 : 1);
