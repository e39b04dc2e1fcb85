// `npm run package`: builds speech-drafter-<version>.vsix with @vscode/vsce and checks what it holds.
// `node scripts/package.mjs --check` (part of `npm test`) builds it into a temporary folder, checks it,
// prints `package: N passed, N failed` and removes it.
import { createVSIX } from '@vscode/vsce';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { ensureCodeServer } from '../test/lib/codeServer.mjs';

const MAX_BYTES = 15 * 1024 * 1024;
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const checkOnly = process.argv.includes('--check');

function listEntries(vsixPath) {
  return new Promise((resolveList, reject) => {
    yauzl.open(vsixPath, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const names = [];
      zip.on('entry', entry => { names.push(entry.fileName); zip.readEntry(); });
      zip.on('end', () => resolveList(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Each check: a name and a predicate over the entry names and the file size. */
function checks(names, bytes) {
  // vsce stores README.md and CHANGELOG.md in lower case.
  const lowerNames = new Set(names.map(name => name.toLowerCase()));
  const has = path => lowerNames.has(`extension/${path}`.toLowerCase());
  const seeds = readdirSync('seeds');
  return [
    ['holds the Node bundle (main)', has(manifest.main.replace(/^\.\//, ''))],
    ['holds the web bundle (browser)', has(manifest.browser.replace(/^\.\//, ''))],
    ['holds the CLI', has(manifest.bin['speech-drafter'].replace(/^\.\//, ''))],
    ['holds the PDF worker the Node host reads PDFs in', has('dist/node/pdfWorker.js')],
    ['holds every bundled speech of seeds/', seeds.every(name => has(`seeds/${name}`))],
    ['holds the library panel media and the icon', has('media/library.js') && has('media/library.css') && has(manifest.icon)],
    ['holds the snippets file', has('snippets/speech.code-snippets')],
    ['holds the Chinese localization', has('package.nls.zh-cn.json') && has('l10n/bundle.l10n.zh-cn.json')],
    ['holds README and CHANGELOG', has('README.md') && has('CHANGELOG.md')],
    ['ships no node_modules, sources, tests or source maps', !names.some(name => /^extension\/(node_modules|src|test|\.vscode-test)\/|\.map$/.test(name))],
    [`is under 15 MB (${(bytes / 1024 / 1024).toFixed(2)} MB)`, bytes < MAX_BYTES],
  ];
}

/** Installs the .vsix into a throwaway extensions folder with code-server's CLI (a real VS Code) and lists it back. */
function installsInVsCode(vsixPath) {
  const { node, codeServerEntry } = ensureCodeServer();
  const scratch = mkdtempSync(join(tmpdir(), 'speech-drafter-install-'));
  try {
    const cli = (...args) => execFileSync(node, [codeServerEntry, '--user-data-dir', join(scratch, 'data'), '--extensions-dir', join(scratch, 'extensions'), ...args],
      { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'share') } });
    cli('--install-extension', vsixPath);
    const expected = `${manifest.publisher}.${manifest.name}@${manifest.version}`;
    return cli('--list-extensions', '--show-versions').split('\n').includes(expected);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const outDir = checkOnly ? mkdtempSync(join(tmpdir(), 'speech-drafter-vsix-')) : '.';
const vsixPath = join(outDir, `${manifest.name}-${manifest.version}.vsix`);
let failed = 0;
try {
  // Everything is bundled by esbuild, so no dependency is copied into the package. README images stay
  // relative: they ship in media/ and VS Code shows them from the installed extension.
  await createVSIX({ packagePath: vsixPath, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false });
  const names = await listEntries(vsixPath);
  const results = [...checks(names, statSync(vsixPath).size), ['installs in VS Code (code-server --install-extension)', installsInVsCode(vsixPath)]];
  for (const [name, ok] of results) {
    console.log(`  ${ok ? '✓' : '✗'} the .vsix ${name}`);
    if (!ok) failed++;
  }
  console.log(`package: ${results.length - failed} passed, ${failed} failed`);
  if (!checkOnly) console.log(`\n${vsixPath}: install it with  code --install-extension ${vsixPath}`);
} catch (error) {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  console.log('package: 0 passed, 1 failed');
  failed = 1;
} finally {
  if (checkOnly) rmSync(outDir, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
