/**
 * Real speeches and reports by other authors: the reading rules each with a real example (source named in
 * the fixture's first line or in test/fixtures/workspace/devset/SOURCES.md), and the library mined from the devset.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { draftSkeletonSnippet } from '../../src/core/drafting';
import type { Library } from '../../src/core/library';
import { mineLibrary, type CorpusFile } from '../../src/core/mining/miner';
import { toMatchForm } from '../../src/core/normalize';
import { checkNumbering } from '../../src/core/numbering';
import { outlineOf } from '../../src/core/outline';
import { parseCorpusFile, parseDraft } from '../../src/core/structure';
import { segmenter } from './helpers/corpus';

const DEVSET = join('test', 'fixtures', 'workspace', 'devset');

interface GoldDocument {
  readonly salutation: readonly number[];
}

function devsetFiles(): CorpusFile[] {
  return readdirSync(DEVSET).filter(name => /^d\d+\.txt$/.test(name)).sort()
    .map(name => ({ path: name, text: readFileSync(join(DEVSET, name), 'utf8') }));
}

let devsetLibrary: Library | undefined;
function minedDevset(): Library {
  devsetLibrary ??= mineLibrary(devsetFiles(), segmenter());
  return devsetLibrary;
}

const bare = (text: string): string => toMatchForm(text).replace(/[\s\p{P}]/gu, '');

suite('real speeches: the library', () => {
  test('the devset mined as a corpus has a salutation entry, from that speech, for every salutation annotated in it', () => {
    const library = minedDevset();
    const gold = JSON.parse(readFileSync(join(DEVSET, 'gold.json'), 'utf8')) as Record<string, GoldDocument>;
    const salutations = library.entries.filter(entry => entry.kind === 'salutation');
    let checked = 0;
    for (const [file, annotation] of Object.entries(gold).filter(([file]) => file.endsWith('.txt'))) {
      const lines = readFileSync(join(DEVSET, file), 'utf8').split('\n');
      for (const line of annotation.salutation) {
        const written = bare(lines[line - 1]);
        const entry = salutations.find(candidate => written.startsWith(bare(candidate.text))
          && candidate.sources.some(source => library.documents[source.document].file === file));
        assert.ok(entry, `${file}:${line} ${lines[line - 1].slice(0, 30)}`);
        checked++;
      }
    }
    assert.ok(checked >= 25, 'every annotated salutation was looked for');
  });

  test('a re-address (各位代表！ inside a report) is its own entry, marked so; the opening 各位代表： is another', () => {
    const salutations = minedDevset().entries.filter(entry => entry.kind === 'salutation');
    const variantOf = (text: string): string | undefined => salutations.find(entry => entry.text === text)?.variant;
    assert.equal(variantOf('各位代表：'), 'opening');
    assert.equal(variantOf('各位代表！'), 're-address');
    assert.equal(variantOf('同志们：'), 'opening');
    assert.equal(variantOf('同志们！'), 're-address');
    assert.equal(variantOf('青年朋友们、同志们！'), 're-address');
  });

  test('a draft from a devset scaffold opens with an opening salutation, never a re-address', () => {
    const library = minedDevset();
    const scaffolds = library.entries.filter(entry => entry.kind === 'scaffold');
    assert.ok(scaffolds.length > 0);
    const openings = new Set(library.entries.filter(entry => entry.kind === 'salutation' && entry.variant === 'opening').map(entry => entry.text));
    const reAddresses = new Set(library.entries.filter(entry => entry.kind === 'salutation' && entry.variant === 're-address').map(entry => entry.text));
    for (const scaffold of scaffolds) {
      const lines = draftSkeletonSnippet(library, scaffold).split('\n').map(line => line.replace(/^\$\{\d+:(.*)\}$/, '$1'));
      assert.ok(!lines.some(line => reAddresses.has(line)), scaffold.text);
      assert.ok(lines.some(line => openings.has(line)), `${scaffold.text}: a salutation`);
    }
  });
});

/**
 * A real excerpt from test/fixtures/speeches/real/, its first line (the source) blanked so line numbers are the
 * file's; the source is named there.
 */
function realExcerpt(name: string): string {
  const text = readFileSync(join('test', 'fixtures', 'speeches', 'real', name), 'utf8');
  assert.match(text, /^# source: github\.com\//, `${name} names its source`);
  return text.replace(/^[^\n]*/, '');
}

/** `line level marker` for every heading. */
const headingsOf = (text: string): string[] => parseDraft(text).paragraphs.flatMap(p => (p.heading ? [`${p.line} ${p.heading.level} ${p.heading.marker}`] : []));
const rolesOf = (text: string): Record<number, string> => Object.fromEntries(parseDraft(text).paragraphs.map(p => [p.line, p.role]));
const slipsOf = (text: string): string[] => checkNumbering(text).map(issue => `${issue.line} ${issue.code} ${issue.marker}`);

suite('real speeches: how they are read', () => {
  test('levels by nesting: 第一， is level 3 under （二） under 二、, and level 2 straight under 三、 (2004 government work report)', () => {
    assert.deepEqual(headingsOf(realExcerpt('gwr2004-nesting.txt')), [
      '3 1 二、', '5 2 （一）', '7 2 （二）', '9 3 第一，', '11 3 第二，', '14 2 （三）', '16 1 三、', '18 2 第一，', '20 2 第二，',
    ]);
  });

  test('levels by nesting: 第一， in one part and （一） in the next are both level 2 (十三大 report)', () => {
    const text = realExcerpt('cpc13-nesting.txt');
    assert.deepEqual(headingsOf(text), ['3 1 二、', '6 2 第一，', '7 2 第二，', '9 2 第六，', '11 1 三、', '15 2 （一）', '17 2 （二）']);
    const readdress = parseDraft(text).paragraphs.find(p => p.line === 10);
    assert.equal(readdress?.salutation, '同志们！', 'a re-address that opens a paragraph of text');
    assert.equal(readdress?.role, 'body');
  });

  test('headings written as questions, also in bold split by a page converter (**二****、****…**), in a research report', () => {
    const [document] = parseCorpusFile(realExcerpt('question-heading.txt'), 'question-heading.md');
    const headings = document.paragraphs.filter(p => p.heading?.level === 1).map(p => `${p.heading?.marker}${p.heading?.text}`);
    assert.deepEqual(headings, ['一、乔治·弗洛伊德之死是偶然性事件吗', '二、乔治·弗洛伊德之死为何影响如此巨大', '三、乔治·弗洛伊德之死表明了什么', '四、还会有下一个乔治·弗洛伊德吗']);
  });

  test('第一项：… items of a host\'s script are headings of one list; 第一部分是“…” in a news report is a sentence', () => {
    const host = realExcerpt('hostspeak.txt');
    assert.deepEqual(headingsOf(host).filter(h => h.includes('项')).map(h => h.split(' ')[2]), ['第一项', '第二项', '第三项', '第四项', '第五项', '第六项', '第七项', '第八项']);
    assert.deepEqual(slipsOf(host), []);
    assert.deepEqual(headingsOf(realExcerpt('part-trap.txt')), []);
  });

  test('一、二季度 is a range in a sentence, 一、三年来的斗争 is a heading (a bank team\'s summary; the 1978 report)', () => {
    assert.equal(rolesOf(realExcerpt('summary-slip.txt'))[19], 'body');
    assert.deepEqual(headingsOf(realExcerpt('gwr1978-heading.txt')), ['7 1 一、']);
    assert.equal(rolesOf(realExcerpt('gwr1978-heading.txt'))[5], 'opening', 'the list of parts inside a sentence stays a sentence');
  });

  test('numbering: a repeated 四、 is a slip; 一、 again after the part title 2017年工作计划 is a new list', () => {
    assert.deepEqual(slipsOf(realExcerpt('summary-slip.txt')), ['12 repeated 四、']);
  });

  test('numbering: 一、 again after an unnumbered part title and text (1984 report) or a lead-in (1988 report) is a new list', () => {
    // The excerpts start inside a list (四、, and 一、 … 五、 with three items cut): only those starts are reported.
    assert.deepEqual(slipsOf(realExcerpt('gwr1984-part-title.txt')), ['4 skipped 四、']);
    assert.deepEqual(slipsOf(realExcerpt('gwr1988-restart.txt')), ['10 skipped 五、']);
  });

  test('numbering: a list written with the same marks inside an item (一、…五、 under 二、) gives way to the outer 三、 (1986 report)', () => {
    // The excerpt starts at 二、.
    assert.deepEqual(slipsOf(realExcerpt('gwr1986-nested.txt')), ['4 skipped 二、']);
  });

  test('numbering: 一是…四是 opening paragraphs and 一是…五是 in one paragraph\'s running text are two lists (2007 report)', () => {
    assert.deepEqual(slipsOf(realExcerpt('gwr2007-enumerations.txt')), ['9 skipped 二、']);
  });

  test('numbering: a list started by a sentence ending in 一是… goes on in the paragraphs after it (2009 report)', () => {
    assert.deepEqual(slipsOf(realExcerpt('gwr2009-enumeration-from-sentence.txt')), []);
  });

  test('numbering: 第一、第二、第三、 written alike is no style slip beside the report\'s 第一， lists (1987 report)', () => {
    assert.deepEqual(slipsOf(realExcerpt('gwr1987-own-style.txt')), []);
  });

  test('salutations: 各位代表： opens the 2024 report, 各位代表！ alone re-addresses, 现在，我代表国务院…请予审议 is an opening', () => {
    const text = realExcerpt('gwr2024-salutation.txt');
    const roles = rolesOf(text);
    assert.equal(parseDraft(text).title?.text, '政府工作报告');
    assert.deepEqual([roles[7], roles[8], roles[12], roles[13]], ['salutation', 'opening', 'salutation', 'body']);
    assert.deepEqual(outlineOf(text).closings, []);
    const readdress = parseDraft(realExcerpt('gwr2025-readdress.txt')).paragraphs.find(p => p.line === 4);
    assert.equal(readdress?.salutation, '各位代表！', 'a re-address followed by its paragraph (2025 report)');
  });

  test('salutations: an address list with a greeting, a bold salutation, a two-line one, a long re-address', () => {
    assert.equal(parseDraft(realExcerpt('hostspeak.txt')).paragraphs.find(p => p.line === 4)?.salutation, '各位领导、各位来宾，上午好！');
    const graduation = parseCorpusFile(realExcerpt('sicau-greeting.txt'), 'sicau-greeting.md')[0];
    assert.deepEqual(graduation.paragraphs.filter(p => p.salutation).map(p => p.salutation), ['尊敬的各位领导、老师、亲爱的同学们：', '大家上午好！']);
    const centenary = outlineOf(realExcerpt('readdress-list.txt'));
    assert.equal(centenary.title, null, 'a date under the front matter is not a title');
    assert.deepEqual(centenary.salutations.map(s => s.text), ['尊敬的各位领导、各位嘉宾、各位校友，', '亲爱的老师们、同学们、朋友们：', '各位领导、各位嘉宾、各位校友，老师们，同学们，朋友们！']);
    assert.deepEqual(centenary.closings.map(c => `${c.kind} ${c.text}`), [`paragraph ${centenary.closings[0].text}`, 'formula 谢谢大家！']);
  });

  test('titles behind wrappers: a saved post\'s front matter, a photo caption and a Xinhua dateline above the speech\'s title', () => {
    const text = realExcerpt('nankai-dateline.txt');
    const outline = outlineOf(text);
    assert.equal(outline.title?.text, '在“不忘初心、牢记使命”主题教育总结大会上的讲话');
    assert.deepEqual(outline.salutations.map(s => s.text), ['同志们：']);
    const paragraphs = parseDraft(text).paragraphs;
    assert.ok(!paragraphs.some(p => /xinhuanet|转入文章首发地址|新华社记者/.test(p.text)), 'the caption and the page\'s links are not the speech');
  });
});
