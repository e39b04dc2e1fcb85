// The web tier: the integration suite inside Code - OSS for the Web (the `browser` bundle in a web
// worker), driven by @vscode/test-web in headless Chromium.
import { runTests } from '@vscode/test-web';
import { resolve } from 'node:path';
import { CHROMIUM_MISSING, findChromium } from './lib/chromium.mjs';
import { prepareCodeOssBuild } from './lib/codeOss.mjs';
import { usePersistentChromium } from './lib/persistentChromium.mjs';
import { freePort, startWatchdog } from './lib/process.mjs';

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.error(CHROMIUM_MISSING);
  console.log('web: 0 passed, 1 failed');
  process.exit(1);
}
usePersistentChromium(chromiumPath);
startWatchdog(10 * 60 * 1000, 'web tier');

console.log(`web: Code - OSS for the Web in ${chromiumPath}`);
try {
  await runTests({
    ...prepareCodeOssBuild(),
    browserType: 'chromium',
    headless: true,
    host: 'localhost',
    port: await freePort(),
    extensionDevelopmentPath: resolve('.'),
    extensionTestsPath: resolve('dist/test/web/suite.js'),
    folderPath: resolve('test/fixtures/workspace'),
    printServerLog: false,
  });
  process.exit(0);
} catch (error) {
  console.error(`web tier: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
