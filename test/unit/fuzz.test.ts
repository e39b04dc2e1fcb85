import * as assert from 'node:assert/strict';
import { decodeText } from '../../src/core/decode';
import { checkNumbering, renumber } from '../../src/core/numbering';
import { mineLibrary } from '../../src/core/mining/miner';
import { outlineOf } from '../../src/core/outline';
import { buildPassageIndex } from '../../src/core/passageIndex';
import { parseCorpusFile, parseDraft } from '../../src/core/structure';
import { seedFiles, segmenter } from './helpers/corpus';
import { seededRandom } from '../../bench/prng';


const PIECES = [
  '\ud800', '\udfff', '\u0301\u0301\u0301', '\u200b', '\ufeff', '\u3000', '\r', '\r\n', '\n\n', '。', '，', '、', '：', '；', '！', '？', '“', '”', '（', '）', '(', ')',
  '一、', '（一）', '(二)', '1.', '1、', '（1）', '第一，', '一是', '二是', '首先', '其次', '最后', '同志们：', '同誌們，', '谢谢大家！', '×××', 'XX', '*', '$', '}', '\\', '${1:x}',
  '<img src=x onerror=alert(1)>', '##paidbegin##', '【素材库】每天更新', '以学铸魂', '关于', '的讲话', '😀', '𠀀', 'abc', '123', ' ', '\t',
];

function adversarialText(next: () => number): string {
  const length = Math.floor(next() * 400);
  let text = '';
  for (let i = 0; i < length; i++) {
    const roll = next();
    if (roll < 0.5) text += PIECES[Math.floor(next() * PIECES.length)];
    else if (roll < 0.8) text += String.fromCharCode(0x4e00 + Math.floor(next() * 0x51a5));
    else text += String.fromCharCode(Math.floor(next() * 0x10000));
  }
  return text;
}

/** Every input must finish well within this; a hang or a quadratic blow-up fails the test. */
const MAX_MS_PER_INPUT = 2000;

function timed<T>(what: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < MAX_MS_PER_INPUT, `${what} took ${elapsed.toFixed(0)} ms`);
  return result;
}

suite('fuzz: the core on random and adversarial text', () => {
  const inputs: string[] = [];
  const next = seededRandom(20261125);
  for (let i = 0; i < 150; i++) inputs.push(adversarialText(next));
  inputs.push('', '。'.repeat(50_000), '，、；：'.repeat(20_000), '\u0301'.repeat(30_000), '\ud800'.repeat(10_000), `${'以学铸魂'.repeat(25_000)}。`, '一、\n'.repeat(5_000), '一是二是三是'.repeat(5_000));

  test('structure parser, outline and numbering check: no exception, bounded time, and renumbering is idempotent', () => {
    inputs.forEach((text, i) => {
      timed(`parse #${i}`, () => parseCorpusFile(text, `fuzz-${i}.txt`));
      timed(`outline #${i}`, () => outlineOf(text));
      timed(`draft #${i}`, () => parseDraft(text));
      timed(`check #${i}`, () => checkNumbering(text));
      const once = timed(`renumber #${i}`, () => renumber(text));
      assert.equal(renumber(once), once, `renumbering #${i} again changes nothing`);
    });
  });

  test('decoding arbitrary bytes never throws: text or a reason', () => {
    const next2 = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(Math.floor(next2() * 2000)).map(() => Math.floor(next2() * 256));
      const result = timed(`decode #${i}`, () => decodeText(bytes));
      assert.ok(result.ok ? typeof result.text === 'string' : result.reason.length > 0);
    }
  });

  test('mining and the passage index take the adversarial corpus and answer adversarial queries', () => {
    const segment = segmenter();
    const files = [...seedFiles().slice(0, 1), ...inputs.map((text, i) => ({ path: `fuzz-${i}.txt`, text }))];
    const library = timed('mining', () => mineLibrary(files, segment));
    const index = timed('indexing', () => buildPassageIndex({ files, library }));
    for (const [i, query] of inputs.slice(0, 150).entries()) {
      timed(`complete #${i}`, () => index.complete(query.slice(0, 40), { budgetMs: 50 }));
      timed(`source #${i}`, () => index.findSource(query.slice(0, 200), { budgetMs: 50 }));
    }
  });
});
