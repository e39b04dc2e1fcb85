import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Library } from '../../../src/core/library';
import { mineLibrary, type CorpusFile } from '../../../src/core/mining/miner';
import { loadJieba, type Segment } from '../../../src/core/segmenter';

/** The bundled corpus, read as the CLI reads it (paths relative to the project). */
export function seedFiles(): CorpusFile[] {
  return readdirSync('seeds').sort().map(name => ({ path: join('seeds', name), text: readFileSync(join('seeds', name), 'utf8') }));
}

export function segmenter(): Segment {
  return loadJieba(readFileSync('dist/jieba_rs_wasm_bg.wasm'));
}

let seedLibrary: Library | undefined;
/** Mined once per test run: several suites read it. */
export function minedSeeds(): Library {
  seedLibrary ??= mineLibrary(seedFiles(), segmenter());
  return seedLibrary;
}

export function fixture(name: string): string {
  return readFileSync(join('test', 'fixtures', 'speeches', name), 'utf8');
}
