// The desktop tier: the Node-bundled integration suite in desktop VS Code (Electron), where a VS Code
// binary exists. @vscode/test-electron cannot download one on these machines, so the binary is named by
// VSCODE_EXECUTABLE; without it the tier says plainly that it was skipped.
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const executable = process.env.VSCODE_EXECUTABLE;
if (!executable) {
  console.log('desktop: skipped (set VSCODE_EXECUTABLE to a VS Code binary to run the desktop tier)');
  process.exit(0);
}

const userData = mkdtempSync(join(tmpdir(), 'speech-drafter-desktop-'));
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: resolve('.'),
    extensionTestsPath: resolve('dist/test/node/suite.js'),
    extensionTestsEnv: { SPEECH_DRAFTER_TEST_TIER: 'desktop' },
    launchArgs: [resolve('test/fixtures/workspace'), '--user-data-dir', userData, '--disable-workspace-trust', '--skip-welcome'],
  });
  process.exitCode = 0;
} catch (error) {
  console.error(`desktop tier: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(userData, { recursive: true, force: true });
}
