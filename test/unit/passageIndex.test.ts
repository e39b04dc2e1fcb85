import * as assert from 'node:assert/strict';
import { toMatchForm } from '../../src/core/normalize';
import { buildPassageIndex, clauseBeforeCursor, sentenceBeforeCursor, type CompletionResult, type PassageIndex } from '../../src/core/passageIndex';
import { deserializePassageIndex, PASSAGE_INDEX_FORMAT_VERSION, PassageIndexFormatError, serializePassageIndex } from '../../src/core/passageIndex';
import { minedSeeds, seedFiles } from './helpers/corpus';

let seedIndex: PassageIndex | undefined;
/** The seeds with the mined library, built once. */
function index(): PassageIndex {
  seedIndex ??= buildPassageIndex({ files: seedFiles(), library: minedSeeds() });
  return seedIndex;
}

function texts(result: CompletionResult): string[] {
  return result.items.map(item => item.text);
}

/** Every exact item continues the typed text: its match form starts with the typed match form. */
function assertContinues(result: CompletionResult, typed: string): void {
  assert.ok(result.exact, `exact continuations of ${typed}`);
  assert.ok(result.items.length > 0, typed);
  const form = toMatchForm(typed).slice(result.replaceFrom);
  for (const item of result.items) assert.ok(toMatchForm(item.text).startsWith(form), `${item.text} continues ${typed}`);
}

suite('passage index: continuations on the bundled corpus', () => {
  test('坚持以学铸魂 continues with the sentences that carry on from it', () => {
    const result = index().complete('坚持以学铸魂');
    assertContinues(result, '坚持以学铸魂');
    assert.ok(texts(result).includes('坚持以学铸魂、以学增智、以学正风、以学促干，推动党员干部始终保持统一的思想、坚定的意志、协调的行动、强大的战斗力，为社会主义现代化新潼南建设凝聚磅礴力量贡献民政力量。'));
    assert.ok(texts(result).some(text => text.startsWith('坚持以学铸魂，学出坚强党性，树牢“四个意识”')));
    assert.equal(result.replaceFrom, 0);
  });

  test('下面，我 continues with the transitions of the corpus', () => {
    const result = index().complete('下面，我');
    assertContinues(result, '下面，我');
    for (const text of ['下面，我讲几点意见。', '下面，我再强调四个方面。', '下面，我谈几点体会，以供同志们参考。']) assert.ok(texts(result).includes(text), text);
    assert.equal(result.items[0].text, '下面，我讲几点意见。');
    assert.equal(result.items[0].kind, 'transition');
    assert.equal(result.items[0].match, 'start');
  });

  test('同志们， continues with what follows it in the corpus, with source and paragraph', () => {
    const result = index().complete('同志们，');
    assertContinues(result, '同志们，');
    const item = result.items.find(i => i.text === '同志们，调查研究是谋事之基、成事之道，是做好各项工作的基本功。');
    assert.ok(item);
    assert.equal(item.kind, 'passage');
    assert.equal(item.match, 'start');
    assert.deepEqual(item.source, { title: '在第二批主题教育调查研究部署推进会上的讲话', file: 'seeds/003_6c46de81eb12d8ae.txt', line: 98 });
    assert.ok(item.context.paragraph.startsWith('同志们，调查研究是谋事之基、成事之道，是做好各项工作的基本功。只有深入基层'));
    assert.equal(item.context.paragraph.slice(item.context.start, item.context.end), item.text);
    assert.equal(item.clause, '同志们，调查研究是谋事之基、', 'the ghost-text piece stops after the next clause');
    assert.equal(item.documents, 1);
  });

  test('以学铸魂、以学增智、 continues the 排比: the library set first, then the sentences that hold it', () => {
    const result = index().complete('以学铸魂、以学增智、');
    assertContinues(result, '以学铸魂、以学增智、');
    const [first] = result.items;
    assert.equal(first.text, '以学铸魂、以学增智、以学正风、以学促干');
    assert.equal(first.kind, 'parallel');
    assert.equal(first.snippet, '以学${1:铸魂}、以学${2:增智}、以学${3:正风}、以学${4:促干}');
    assert.ok(first.documents >= 5);
    assert.ok(texts(result).includes('以学铸魂、以学增智、以学正风、以学促干，把党的创新理论转化为坚定理想、锤炼党性、推动工作的强大力量。'));
    assert.ok(texts(result).includes('以学铸魂、以学增智、以学正风、以学促干的良好成效。'), 'a continuation from inside a clause');
    const inside = result.items.find(i => i.text === '以学铸魂、以学增智、以学正风、以学促干的良好成效。');
    assert.equal(inside?.match, 'inside');
    assert.ok(inside && inside.context.paragraph.slice(inside.context.start - 3, inside.context.start) === '达到了');
  });

  test('汇报完毕 continues with the closing formulas', () => {
    const result = index().complete('汇报完毕');
    assertContinues(result, '汇报完毕');
    assert.deepEqual(texts(result).slice(0, 2), ['汇报完毕，谢谢大家！', '汇报完毕，不当之处，请各位领导批评指正，谢谢。']);
    assert.equal(result.items[0].kind, 'closing');
  });

  test('starts beat clause starts beat matches inside a clause; then documents', () => {
    const result = index().complete('坚持以学铸魂');
    const tiers = result.items.map(item => ['start', 'clause', 'inside'].indexOf(item.match));
    assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b));
    const scores = result.items.map(item => item.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    const phrases = index().complete('推进');
    const documents = phrases.items.filter(item => item.match === 'start').map(item => item.documents);
    assert.deepEqual(documents, [...documents].sort((a, b) => b - a));
  });

  test('the longest tail of the sentence that has a continuation is replaced', () => {
    const result = index().complete('我们要紧扣总要求，坚持以学铸魂');
    assert.equal(result.replaceFrom, '我们要紧扣总要求，'.length);
    assertContinues(result, '我们要紧扣总要求，坚持以学铸魂');
  });

  test('when nothing continues the whole clause, its longest continued tail is replaced', () => {
    const typed = '我们要坚持以学';
    const result = index().complete(typed);
    assert.ok(result.exact, 'an exact continuation of a tail');
    const tail = typed.slice(result.replaceFrom);
    assert.ok(result.replaceFrom > 0 && tail.endsWith('坚持以学'), `the replaced tail: ${tail}`);
    assert.ok(result.items.every(item => item.text.startsWith(tail)), 'every item continues the tail');
    assert.ok(result.items.some(item => item.text.startsWith(`${tail}铸魂`)), 'including the 以学铸魂 sentence');
  });

  test('a heading marker typed before the text does not prevent a match', () => {
    const result = index().complete('（一）做到学而有方');
    assert.ok(result.exact);
    assert.ok(result.items.every(item => toMatchForm(item.text).includes('做到学而有方')));
  });

  test('half-width punctuation and traditional characters match', () => {
    assert.deepEqual(index().complete('下面,我'), index().complete('下面，我'));
    assert.deepEqual(index().complete('同誌們,'), index().complete('同志们，'));
    assert.deepEqual(texts(index().complete('匯報完畢')), texts(index().complete('汇报完毕')));
  });

  test('a clause with a typo falls back to fuzzy matches that fix it', () => {
    const result = index().complete('坚持以学铸混');
    assert.equal(result.exact, false);
    assert.ok(result.items.length > 0);
    assert.equal(result.items[0].match, 'fuzzy');
    assert.ok(result.items[0].text.startsWith('坚持以学铸魂'), result.items[0].text);
    const typo = index().complete('调查研究是谋事之机');
    assert.ok(typo.items[0].text.startsWith('调查研究是谋事之基'), typo.items[0].text);
    assert.deepEqual(index().complete('坚持以学铸混', { fuzzy: false }).items, []);
    assert.deepEqual(index().complete('量子计算机芯片').items, [], 'nothing like it in the corpus');
  });

  test('limit and short input', () => {
    assert.equal(index().complete('同志们，', { limit: 2 }).items.length, 2);
    assert.deepEqual(index().complete('同').items, []);
    assert.deepEqual(index().complete('').items, []);
  });
});

suite('passage index: hover', () => {
  test('a sentence from the corpus is found with its source and range', () => {
    const found = index().findSource('调查研究是谋事之基、成事之道，是做好各项工作的基本功。');
    assert.ok(found);
    assert.equal(found.exact, true);
    assert.equal(found.similarity, 1);
    assert.equal(found.source.line, 98);
    assert.equal(found.context.paragraph.slice(found.context.start, found.context.end), '调查研究是谋事之基、成事之道，是做好各项工作的基本功。');
  });

  test('a close variant is found by bigram similarity; an unrelated sentence is not', () => {
    const found = index().findSource('同志们，调查研究是谋事之基，成事之道，是做好各项基础工作的基本功。');
    assert.ok(found);
    assert.equal(found.exact, false);
    assert.ok(found.similarity >= 0.6 && found.similarity < 1, String(found.similarity));
    assert.equal(found.context.paragraph.slice(found.context.start, found.context.end), '同志们，调查研究是谋事之基、成事之道，是做好各项工作的基本功。');
    assert.equal(index().findSource('今天天气很好，我们一起去公园散步吧。'), undefined);
    assert.equal(index().findSource('同志们，调查研究是谋事之基，成事之道，是做好各项基础工作的基本功。', { threshold: 0.99 }), undefined);
  });
});

suite('passage index: interning', () => {
  const files = [
    { path: 'a.txt', text: '第一次会议上的讲话\n\n同志们：\n我们要坚持以学铸魂，不断前进。我们要坚持以学铸魂，不断前进。\n\n第二次会议上的讲话\n\n同誌們:\n我们要坚持以学铸魂,不断前进。' },
    { path: 'b.txt', text: '第三次会议上的讲话\n\n我们要坚持以学铸魂，不断前进。另一句话在这里。' },
  ];

  test('identical passages merge (match form), counting documents, not uses; the first use is the source', () => {
    const built = buildPassageIndex({ files });
    const result = built.complete('我们要坚持');
    assert.equal(result.items.length, 1);
    const [item] = result.items;
    assert.equal(item.text, '我们要坚持以学铸魂，不断前进。');
    assert.equal(item.documents, 3);
    assert.deepEqual(item.source, { title: '第一次会议上的讲话', file: 'a.txt', line: 4 });
    assert.equal(built.stats().documents, 3);
  });

  test('the written form is kept for display where it differs from the match form', () => {
    const built = buildPassageIndex({ files: [{ path: 'c.txt', text: '同誌們:\n這次會議,主要任務是總結經驗。' }] });
    const [item] = built.complete('这次会议，').items;
    assert.equal(item.text, '這次會議,主要任務是總結經驗。');
    assert.equal(item.source.title, 'c.txt（无标题，第 1 行起）');
  });
});

suite('passage index: serialised form', () => {
  const queries = ['坚持以学铸魂', '下面，我', '同志们，', '以学铸魂、以学增智、', '汇报完毕', '坚持以学铸混', '推进'];

  test('serialise → deserialise gives identical query results, and identical bytes again', () => {
    const bytes = serializePassageIndex(index());
    const loaded = deserializePassageIndex(bytes);
    for (const query of queries) assert.deepEqual(loaded.complete(query), index().complete(query), query);
    assert.deepEqual(loaded.findSource('同志们，调查研究是谋事之基，成事之道，是做好各项基础工作的基本功。'),
      index().findSource('同志们，调查研究是谋事之基，成事之道，是做好各项基础工作的基本功。'));
    assert.deepEqual(loaded.stats(), index().stats());
    assert.deepEqual(serializePassageIndex(loaded), bytes);
  });

  test('corrupt, truncated, foreign or outdated input throws a clear error', () => {
    const bytes = serializePassageIndex(index());
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)] ^= 0x40;
    assert.throws(() => deserializePassageIndex(flipped), (error: unknown) => error instanceof PassageIndexFormatError && /checksum/.test(error.message));
    assert.throws(() => deserializePassageIndex(bytes.slice(0, bytes.length - 4)), PassageIndexFormatError);
    assert.throws(() => deserializePassageIndex(bytes.slice(0, 10)), PassageIndexFormatError);
    assert.throws(() => deserializePassageIndex(new Uint8Array(0)), /not a passage index/);
    assert.throws(() => deserializePassageIndex(new TextEncoder().encode('{"version":1}')), /not a passage index/);
    const outdated = bytes.slice();
    new DataView(outdated.buffer).setUint32(4, PASSAGE_INDEX_FORMAT_VERSION + 1, true);
    assert.throws(() => deserializePassageIndex(outdated), new RegExp(`format version ${PASSAGE_INDEX_FORMAT_VERSION + 1}, expected ${PASSAGE_INDEX_FORMAT_VERSION}`));
  });

  test('bytes at any offset of a larger buffer load the same index, in a Uint8Array or a Node Buffer (whose slice copies nothing)', () => {
    const bytes = serializePassageIndex(index());
    // The Node extension host reads files as Buffers; an odd offset needs a copy for the typed views.
    for (const allocate of [(size: number) => new Uint8Array(size), (size: number) => Buffer.alloc(size)]) {
      for (const offset of [0, 1, 2, 4]) {
        const larger = allocate(bytes.length + 8);
        larger.set(bytes, offset);
        const loaded = deserializePassageIndex(larger.subarray(offset, offset + bytes.length));
        const where = `${larger.constructor.name} at offset ${offset}`;
        for (const typed of ['同志们，', '以学铸魂、以学增智、', '坚持以学铸混']) assert.deepEqual(loaded.complete(typed), index().complete(typed), `${typed}, ${where}`);
        assert.deepEqual(serializePassageIndex(loaded), bytes, where);
      }
    }
  });
});

suite('passage index: time budget', () => {
  /** A clock that jumps 100 ms every time it is read. */
  function jumpingClock(): () => number {
    let t = 0;
    return () => (t += 100);
  }

  test('an expired budget returns what was found so far and says so', () => {
    const full = index().complete('以学铸魂、以学增智、');
    assert.ok(full.items.some(item => item.match === 'inside'));
    const partial = index().complete('以学铸魂、以学增智、', { budgetMs: 50, now: jumpingClock() });
    assert.equal(partial.timedOut, true);
    assert.ok(partial.items.length > 0, 'the clause-start matches found before the deadline');
    assert.ok(partial.items.every(item => item.match !== 'inside'), 'no search inside clauses after the deadline');
    assert.equal(full.timedOut, false);
  });

  test('no fuzzy search once the budget is spent', () => {
    assert.ok(index().complete('坚持以学铸混', { budgetMs: 10_000, now: jumpingClock() }).items.length > 0);
    const result = index().complete('坚持以学铸混', { budgetMs: 50, now: jumpingClock() });
    assert.deepEqual(result.items, []);
    assert.equal(result.timedOut, true);
  });

  test('hover gives up too', () => {
    assert.equal(index().findSource('同志们，调查研究是谋事之基，成事之道，是做好各项基础工作的基本功。', { budgetMs: 50, now: jumpingClock() }), undefined);
  });
});

suite('passage index: the text before the cursor', () => {
  test('clause and sentence being typed', () => {
    assert.equal(clauseBeforeCursor('同志们，我们要坚持以学'), '我们要坚持以学');
    assert.equal(clauseBeforeCursor('以学铸魂、以学增智、'), '');
    assert.equal(clauseBeforeCursor('同志们,下面'), '下面');
    assert.equal(sentenceBeforeCursor('上次讲过了。同志们，下面'), '同志们，下面');
    assert.equal(sentenceBeforeCursor('  同志们'), '同志们');
  });
});

suite('passage index: odd text', () => {
  test('a leading byte-order mark and a lone surrogate survive the round trip', () => {
    const built = buildPassageIndex({ files: [{ path: 'odd.txt', text: '同志们：\n我们要\ud800坚持学习，\ufeff不断前进。' }] });
    const loaded = deserializePassageIndex(serializePassageIndex(built));
    assert.equal(loaded.data.text, built.data.text);
    assert.deepEqual(loaded.complete('我们要'), built.complete('我们要'));
  });
});
