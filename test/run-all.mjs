// `npm test`: type checking, then every tier — unit (Node), web (Code - OSS in a browser worker),
// node (code-server's Node extension host), render (exported .docx laid out by LibreOffice and measured),
// package (the .vsix contents) and desktop (with VSCODE_EXECUTABLE). Each tier prints its own `tier: N passed, N failed`; the last line sums them.
import { spawn } from 'node:child_process';
import { TIER_LINE } from './lib/process.mjs';

function run(command, args, env = {}) {
  return new Promise(resolveRun => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', chunk => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', chunk => process.stderr.write(chunk));
    child.on('close', code => resolveRun({ code: code ?? 1, output }));
  });
}

const step = async (title, command, args) => {
  console.log(`\n=== ${title}`);
  const { code } = await run(command, args);
  if (code !== 0) {
    console.log(`\n${title} failed; the tests were not run.\n0 passed, 1 failed`);
    process.exit(1);
  }
};

await step('type check', 'npm', ['run', '--silent', 'typecheck']);
await step('build', 'node', ['esbuild.config.mjs']);

const tiers = [
  ['unit', 'test/run-unit.mjs'],
  ['web', 'test/run-web.mjs'],
  ['node', 'test/run-node.mjs'],
  ['render', 'test/run-render.mjs'],
  ['package', 'scripts/package.mjs', '--check'],
  ['desktop', 'test/run-desktop.mjs'],
];
let passed = 0;
let failed = 0;
const summary = [];
for (const [tier, script, ...args] of tiers) {
  console.log(`\n=== ${tier} tier`);
  const { code, output } = await run('node', [script, ...args]);
  const line = [...output.matchAll(new RegExp(TIER_LINE.source, 'gm'))].find(match => match[1] === tier);
  if (!line && /^\w+: skipped/m.test(output) && code === 0) {
    summary.push(output.match(/^\w+: skipped.*$/m)[0]);
    continue;
  }
  const tierPassed = line ? Number(line[2]) : 0;
  // A tier that exits non-zero without a failure count still failed: count it once.
  const tierFailed = line ? Number(line[3]) + (code !== 0 && Number(line[3]) === 0 ? 1 : 0) : 1;
  passed += tierPassed;
  failed += tierFailed;
  summary.push(`${tier}: ${tierPassed} passed, ${tierFailed} failed${line ? '' : ' (the tier did not finish; see its output above)'}`);
}

console.log(`\n=== summary\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
