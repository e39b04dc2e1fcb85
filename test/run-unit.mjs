// Unit tests of src/core/ on Node (bundled by esbuild.config.mjs into dist/test/unit/).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'dist/test/unit';
const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', timeout: 60000 });
for (const file of readdirSync(dir).filter(name => name.endsWith('.test.js')).sort()) mocha.addFile(join(dir, file));

let passed = 0;
let failed = 0;
const runner = mocha.run(() => {
  console.log(`unit: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
