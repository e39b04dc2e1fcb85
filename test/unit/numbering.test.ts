import * as assert from 'node:assert/strict';
import { analyseNumbering, applyTextEdits, checkNumbering, chineseNumeral, renumber, renumberEdits, type NumberingIssue } from '../../src/core/numbering';
import { fixture, seedFiles } from './helpers/corpus';

const brief = (issues: readonly NumberingIssue[]): string[] => issues.map(issue => `${issue.line} ${issue.code} ${issue.marker}`);

/** Renumbering must leave everything but markers as it was: the lines that differ, as they now read. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(a.length, b.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [`${i + 1}: ${b[i]}`]));
}

suite('numbering check', () => {
  const slips = fixture('numbering-slips.txt');

  test('a speech with a second 三、, a skip （二）→（四）, (二) among （一）（三）, 2. among 1、, 一是→三是, a second 二要', () => {
    const issues = checkNumbering(slips);
    assert.deepEqual(brief(issues), [
      '6 skipped 三是',
      '7 mixed-style (二)',
      '12 skipped （四）',
      '15 mixed-style 2.',
      '17 repeated 三、',
      '18 repeated 二要',
    ]);
    const [inline, mixed, skipped, dot, repeated, word] = issues;
    assert.equal(inline.message, '列举跳号：「一是」之后是「三是」，缺少「二是」');
    assert.equal(mixed.message, '编号格式不统一：「(二)」与同级编号的写法（如「（一）」）不一致，应写作「（二）」');
    assert.equal(skipped.message, '编号跳号：「（二）」之后是「（四）」，缺少「（三）」');
    assert.equal(dot.message, '编号格式不统一：「2.」与同级编号的写法（如「1、」）不一致，应写作「2、」');
    assert.equal(repeated.message, '编号重复：「三、」已在第 13 行使用，此处应为「四、」');
    assert.equal(word.message, '列举重复：「二要」已在本行前文使用，此处应为「三要」');
    // Column ranges of the markers, for the editor's squiggles.
    const lines = slips.split('\n');
    for (const issue of issues) assert.equal(lines[issue.line - 1].slice(issue.startColumn, issue.endColumn), issue.marker);
    assert.deepEqual([mixed.startColumn, mixed.endColumn], [0, 3]);
    assert.equal(inline.startColumn, lines[5].indexOf('三是'));
    assert.equal(word.startColumn, lines[17].lastIndexOf('二要'));
    assert.deepEqual(issues.map(issue => issue.expected), ['二是', '（二）', '（三）', '2、', '四、', '三要']);
  });

  test('numbering restarts under each new parent: （一） under 二、 is not a skip', () => {
    const text = '一、甲\n（一）子\n（二）丑\n（三）寅\n二、乙\n（一）子\n1.细目\n2.细目\n（二）丑\n1.细目\n三、丙\n';
    assert.deepEqual(checkNumbering(text), []);
    assert.deepEqual(renumberEdits(text), []);
  });

  test('the first heading under a parent (or of the whole draft) must be 1', () => {
    assert.deepEqual(checkNumbering('二、甲\n三、乙\n').map(issue => issue.message), ['编号跳号：全文应从「一、」编起，此处是「二、」']);
    assert.deepEqual(checkNumbering('一、甲\n（二）子\n（三）丑\n').map(issue => issue.message), ['编号跳号：「一、」（第 1 行）之下应从「（一）」编起，此处是「（二）」']);
    assert.equal(renumber('一、甲\n（二）子\n（三）丑\n'), '一、甲\n（一）子\n（二）丑\n');
  });

  test('a skip is reported once, and what follows the skip is not', () => {
    assert.deepEqual(brief(checkNumbering('一、甲\n二、乙\n四、丙\n五、丁\n')), ['3 skipped 四、']);
    assert.deepEqual(brief(checkNumbering('一、甲\n二、乙\n三、丙\n三、丁\n五、戊\n')), ['4 repeated 三、']);
    assert.equal(renumber('一、甲\n二、乙\n三、丙\n三、丁\n五、戊\n'), '一、甲\n二、乙\n三、丙\n四、丁\n五、戊\n');
  });

  test('level jump: （一） before the first 一、 when the document has 一、 headings later', () => {
    const text = fixture('level-jump.txt');
    const issues = checkNumbering(text);
    assert.deepEqual(brief(issues), ['4 level-jump （一）']);
    assert.equal(issues[0].message, '层级错位：「（一）」出现在第一个「一、」（第 6 行）之前，缺少上一级标题');
    assert.equal(issues[0].expected, undefined, 'renumbering cannot supply the missing heading');
    assert.deepEqual(renumberEdits(text), [], 'the numbers themselves are right');
  });

  test('no level jump: a report with only （一） headings, 1. directly under 一、, 1、 on top with （一） under it', () => {
    assert.deepEqual(checkNumbering('关于工作情况的汇报\n各位领导：\n（一）总体情况。\n（二）主要做法。\n（三）下步打算。\n'), []);
    assert.deepEqual(checkNumbering('一、甲\n1.子\n2.丑\n二、乙\n（一）子\n1.细目\n'), []);
    assert.deepEqual(checkNumbering('1、总体情况\n（一）子\n（二）丑\n2、具体措施\n（一）子\n'), []);
  });

  test('第一， has no fixed level: on top in one speech, under 一、 in another', () => {
    assert.deepEqual(checkNumbering('同志们：\n第一，甲。\n第二，乙。\n第三，丙。\n'), []);
    assert.deepEqual(checkNumbering('一、甲\n第一，子。\n第二，丑。\n二、乙\n第一，子。\n'), []);
    assert.deepEqual(checkNumbering('第一，甲。\n一、子\n二、丑\n第二，乙。\n一、子\n'), [], '一、 under 第一，');
    // 第一，第二， before the first 一、 and again (from 第一) under it: those first ones have no parent.
    assert.deepEqual(brief(checkNumbering('同志们：\n第一，甲。\n第二，乙。\n一、大标题\n第一，子。\n第二，丑。\n二、大标题\n第一，子。\n')), ['2 level-jump 第一，']);
  });

  test('1. and 1、: one family written two ways, or two levels', () => {
    assert.deepEqual(brief(checkNumbering('一、甲\n1、子\n2、丑\n3.寅\n4、卯\n')), ['4 mixed-style 3.']);
    assert.deepEqual(brief(checkNumbering('一、甲\n1、子\n2、丑\n二、乙\n1.子\n2、丑\n')), ['5 mixed-style 1.']);
    // 1. nested under 1、 every time: two levels, nothing to report.
    assert.deepEqual(checkNumbering('一、甲\n1、子\n1.细\n2.细\n2、丑\n1.细\n'), []);
  });

  test('numbering straight through a family across parents is a style, not a skip', () => {
    const text = '一、甲\n（一）子\n（二）丑\n二、乙\n（三）寅\n（四）卯\n';
    assert.deepEqual(checkNumbering(text), []);
    assert.deepEqual(brief(checkNumbering('一、甲\n（一）子\n（二）丑\n二、乙\n（三）寅\n（五）卯\n')), ['6 skipped （五）']);
  });

  test('half-width, full-width digits and 一. are styles of their family', () => {
    assert.deepEqual(brief(checkNumbering('一、甲\n二.乙\n三、丙\n')), ['2 mixed-style 二.']);
    assert.deepEqual(brief(checkNumbering('一、甲\n（1）子\n(2)丑\n（3）寅\n')), ['3 mixed-style (2)']);
    assert.deepEqual(checkNumbering('一、甲\n(一)子\n(二)丑\n'), [], 'half-width throughout is consistent');
    assert.equal(renumber('一、甲\n１．子\n１．丑\n'), '一、甲\n１．子\n２．丑\n', 'full-width digits stay full-width');
    assert.deepEqual(brief(checkNumbering('第一，甲。\n第二、乙。\n第三，丙。\n')), ['2 mixed-style 第二、']);
  });

  test('inline enumerations: 一是…三是 within a paragraph, runs across paragraphs, restarts at 一', () => {
    assert.deepEqual(brief(checkNumbering('一、甲\n我们要做到：一是学习，三是整改，四是落实。\n')), ['2 skipped 三是']);
    // Paragraph-initial items form one run; a heading ends it; 一是 starts a new one.
    assert.deepEqual(brief(checkNumbering('一、甲\n一是学习。\n二是调研。\n二是整改。\n二、乙\n一是学习。\n二是调研。\n')), ['4 repeated 二是']);
    // A run that begins in the heading's own paragraph and goes on in the next.
    assert.deepEqual(checkNumbering('第一，抓学习。一要学原文。\n学原文要读原著。二要悟原理。三要用原理。\n'), []);
    // Different words are different runs (一是 二是 三要 四要 in the seeds); a run that starts at 三 is not reported.
    assert.deepEqual(checkNumbering('一、甲\n要把握好几组关系：一是当前与长远。二是国际与国内。三要网上与网下。四要维稳与维权。\n'), []);
    assert.deepEqual(renumber('一、甲\n要把握好：一是当前。二是国内。三要网上。四要维稳。\n'), '一、甲\n要把握好：一是当前。二是国内。三要网上。四要维稳。\n');
  });

  test('首先…其次…再次…最后', () => {
    const text = '首先，要学。其次，要干。其次，要改。最后，要总结。\n一、甲\n首先，学。再次，干。\n二、乙\n首先，学。再次强调，要干。其次，要改。\n';
    assert.deepEqual(checkNumbering(text).map(issue => `${issue.line} ${issue.code} ${issue.message}`), [
      '1 repeated 列举重复：前文已有「其次」，此处应为「再次」',
      '3 skipped 列举跳号：「首先」之后直接是「再次」，缺少「其次」',
    ]);
    assert.equal(renumber(text), '首先，要学。其次，要干。再次，要改。最后，要总结。\n一、甲\n首先，学。其次，干。\n二、乙\n首先，学。再次强调，要干。其次，要改。\n');
  });
});

suite('renumbering', () => {
  const slips = fixture('numbering-slips.txt');

  test('fixes every slip with minimal edits and touches nothing but markers', () => {
    const edits = renumberEdits(slips);
    assert.deepEqual(edits, [
      { line: 6, startColumn: slips.split('\n')[5].indexOf('三是'), endColumn: slips.split('\n')[5].indexOf('三是') + 1, newText: '二' },
      { line: 7, startColumn: 0, endColumn: 3, newText: '（二）' },
      { line: 12, startColumn: 1, endColumn: 2, newText: '三' },
      { line: 15, startColumn: 1, endColumn: 2, newText: '、' },
      { line: 17, startColumn: 0, endColumn: 1, newText: '四' },
      { line: 18, startColumn: slips.split('\n')[17].lastIndexOf('二要'), endColumn: slips.split('\n')[17].lastIndexOf('二要') + 1, newText: '三' },
    ]);
    const fixed = renumber(slips);
    assert.equal(fixed, applyTextEdits(slips, edits));
    assert.deepEqual(changedLines(slips, fixed), [
      '6: （一）作风建设是政治建设。一是要讲政治。二是要守规矩。',
      '7: （二）作风建设是民心工程。群众看干部，首先看作风。',
      '12: （三）整治享乐主义。坚决反对贪图安逸。',
      '15: 2、完善考核办法。',
      '17: 四、加强组织领导，压实工作责任',
      '18: 各级党组织要把作风建设摆在突出位置。一要加强领导。二要压实责任。三要严格督查。',
    ]);
  });

  test('is idempotent, and the renumbered text checks clean', () => {
    const fixed = renumber(slips);
    assert.deepEqual(checkNumbering(fixed), []);
    assert.deepEqual(renumberEdits(fixed), []);
    assert.equal(renumber(fixed), fixed);
  });

  test('keeps indentation, CRLF line ends and blank lines byte for byte', () => {
    const text = '\u3000\u3000一、甲\r\n\r\n\u3000\u3000三、乙\r\n  （一）子\r\n  （三）丑';
    const issues = checkNumbering(text);
    assert.deepEqual(issues.map(issue => [issue.line, issue.startColumn, issue.endColumn]), [[3, 2, 4], [5, 2, 5]]);
    assert.equal(renumber(text), '\u3000\u3000一、甲\r\n\r\n\u3000\u3000二、乙\r\n  （一）子\r\n  （二）丑');
  });

  test('one analysis gives both the diagnostics and the quick fix', () => {
    const { issues, edits } = analyseNumbering(slips);
    assert.equal(issues.length, 6);
    assert.equal(edits.length, 6);
  });

  test('Chinese numerals', () => {
    assert.deepEqual([1, 9, 10, 11, 19, 20, 23].map(chineseNumeral), ['一', '九', '十', '十一', '十九', '二十', '二十三']);
    const many = Array.from({ length: 12 }, (_, i) => `${chineseNumeral(i + 1)}、第${i + 1}项`).join('\n').replace('十一、', '十、');
    assert.equal(renumber(many).split('\n')[10], '十一、第11项');
  });
});

suite('numbering of the bundled corpus and the other fixtures', () => {
  test('the five seed files: one real slip (a second 三、 in the 党课 on 以学促干), nothing else', () => {
    const found = seedFiles().flatMap(file => checkNumbering(file.text, { speeches: true }).map(issue => `${file.path} ${issue.line} ${issue.code} ${issue.message}`));
    assert.deepEqual(found, ['seeds/003_6c46de81eb12d8ae.txt 74 repeated 编号重复：「三、」已在第 72 行使用，此处应为「四、」']);
  });

  test('renumbering the seeds changes only that marker, and a second pass changes nothing', () => {
    for (const file of seedFiles()) {
      const fixed = renumber(file.text, { speeches: true });
      const expected = file.path.includes('003_') ? ['74: 四、以学促干，形成干的合力'] : [];
      assert.deepEqual(changedLines(file.text, fixed), expected, file.path);
      assert.deepEqual(renumberEdits(fixed, { speeches: true }), [], file.path);
    }
  });

  test('the other speech fixtures are clean', () => {
    for (const name of ['halfwidth.txt', 'traditional.txt', 'report.txt', 'inline-salutation.txt']) assert.deepEqual(checkNumbering(fixture(name)), [], name);
  });
});
