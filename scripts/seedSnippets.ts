import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { mineLibrary } from '../src/core/mining/miner';
import { loadJieba } from '../src/core/segmenter';
import { snippetsFileText } from '../src/core/snippetsFile';

/** Pinyin initials of the Han characters only: punctuation and placeholders type nothing. */
export function pinyinInitials(text: string): string {
  const han = text.replace(/[^\u4e00-\u9fa5]/g, '');
  return han ? pinyin(han, { pattern: 'first', toneType: 'none', type: 'array' }).join('') : '';
}

/** The snippets file as generated from the bundled corpus (run from the project folder, after a build). */
export function seedSnippetsText(): string {
  const files = readdirSync('seeds').sort().map(name => ({ path: join('seeds', name), text: readFileSync(join('seeds', name), 'utf8') }));
  return snippetsFileText(mineLibrary(files, loadJieba(readFileSync('dist/jieba_rs_wasm_bg.wasm'))), pinyinInitials);
}
