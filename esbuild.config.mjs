// Builds one bundle per host: the Node extension, the web extension (browser worker), the CLI,
// the integration suite for each host, and the unit tests.
//   node esbuild.config.mjs               build once (with source maps)
//   node esbuild.config.mjs --watch       rebuild on change
//   node esbuild.config.mjs --production  minified, no source maps (packaging)
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * pdf.js, evaluated in a web worker, takes that worker for its own PDF worker: it listens for messages on `self` and
 * posts a `ready` message. In the web extension host (a worker) both are blocked and logged; the condition that
 * decides it is rewritten to false, since pdf.js runs in this thread (unpdf's build) and needs no worker.
 */
const pdfjsWorkerAutoStart = {
  name: 'pdfjs-no-worker-auto-start',
  setup(build) {
    build.onLoad({ filter: /[\\/]unpdf[\\/]dist[\\/]pdfjs\.mjs$/ }, async args => {
      const source = await readFile(args.path, 'utf8');
      const condition = /typeof window\s*>\s*[`"']u[`"']\s*&&\s*!\w+\s*&&\s*typeof self\s*<\s*[`"']u[`"']/g;
      const found = source.match(condition)?.length ?? 0;
      if (found !== 1) throw new Error(`pdf.js worker auto-start: expected one condition in ${args.path}, found ${found} (was unpdf updated?)`);
      return { contents: source.replace(condition, 'false'), loader: 'js' };
    });
  },
};

/** Options every bundle shares. es2022 keeps esbuild from emitting APIs that Node 20 lacks. */
const common = {
  bundle: true,
  format: 'cjs',
  target: 'es2022',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  plugins: [pdfjsWorkerAutoStart],
};

/** The bundled corpus's file names: a web extension host cannot list its own folder, so they are fixed at build. */
const bundledCorpus = JSON.stringify(readdirSync('seeds').filter(name => /\.(txt|md|docx)$/i.test(name)).sort());
const extensionDefines = { __BUNDLED_CORPUS__: bundledCorpus };

const unitTests = readdirSync('test/unit').filter(name => name.endsWith('.test.ts')).map(name => `test/unit/${name}`);

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { ...common, platform: 'node', entryPoints: ['src/extension/node.ts'], outfile: 'dist/node/extension.js', define: extensionDefines },
  // The Node extension host reads PDFs in a worker thread (see src/extension/pdfWorker.ts).
  { ...common, platform: 'node', entryPoints: ['src/extension/pdfWorker.ts'], outfile: 'dist/node/pdfWorker.js' },
  { ...common, platform: 'browser', entryPoints: ['src/extension/web.ts'], outfile: 'dist/web/extension.js', define: extensionDefines },
  { ...common, platform: 'node', entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // One integration suite, bundled for each host; the define tells the tests which bundle they run in.
  {
    ...common, platform: 'browser', entryPoints: ['test/integration/web.ts'], outfile: 'dist/test/web/suite.js',
    define: { __SUITE_HOST__: '"web"' },
  },
  {
    ...common, platform: 'node', entryPoints: ['test/integration/node.ts'], outfile: 'dist/test/node/suite.js',
    define: { __SUITE_HOST__: '"node"' }, external: ['vscode', 'mocha'],
  },
  { ...common, platform: 'node', entryPoints: unitTests, outdir: 'dist/test/unit', external: ['vscode', 'mocha'] },
  { ...common, platform: 'node', entryPoints: ['bench/bench.ts'], outfile: 'dist/bench.js' },
  { ...common, platform: 'node', entryPoints: ['scripts/generateSnippets.ts'], outfile: 'dist/generateSnippets.js' },
];

// The segmenter's wasm ships beside the bundles: each host reads the bytes and hands them to the core.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm', 'dist/jieba_rs_wasm_bg.wasm');
// The character maps for PDFs whose Chinese fonts are not embedded, read by the PDF reader in every host.
mkdirSync('dist/cmaps', { recursive: true });
for (const file of readdirSync('vendor/pdfjs-cmaps').filter(name => name.endsWith('.bcmap'))) copyFileSync(`vendor/pdfjs-cmaps/${file}`, `dist/cmaps/${file}`);
// The panel's icons: the workbench's own codicon font, served from media/ (the webview may load nothing else).
mkdirSync('media/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/codicons/${file}`);

if (watch) {
  const contexts = await Promise.all(builds.map(options => esbuild.context(options)));
  await Promise.all(contexts.map(context => context.watch()));
  console.log('esbuild: watching for changes (Ctrl-C to stop)');
} else {
  await Promise.all(builds.map(options => esbuild.build(options)));
}
