/**
 * The overlap report (查重) and the repetition hints: a draft assembled from known corpus sentences and new text (a
 * real speech the bundled corpus does not hold, devset d01) reports the copied share within a point of the truth and
 * each copied sentence's source; a real speech by another author against the bundled corpus reports next to nothing.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mineLibrary, parseCorpus, type CorpusFile } from '../../src/core/mining/miner';
import { FingerprintIndex, toUnits } from '../../src/core/overlap/fingerprints';
import { copiedColumns, OverlapCorpus, overlapReport } from '../../src/core/overlap/report';
import { buildPassageIndex } from '../../src/core/passageIndex';
import { expressionsByWordClass, repetitionHints } from '../../src/core/repetition';
import { loadJiebaTagger } from '../../src/core/segmenter';
import { splitSentences } from '../../src/core/sentences';
import { segmenter } from './helpers/corpus';

const seeds: CorpusFile[] = readdirSync('seeds').sort().map(name => ({ path: `seeds/${name}`, text: readFileSync(join('seeds', name), 'utf8') }));
const DEVSET = join('test', 'fixtures', 'workspace', 'devset');

let corpus: OverlapCorpus | undefined;
function bundledCorpus(): OverlapCorpus {
  if (!corpus) {
    const library = mineLibrary(seeds, segmenter());
    corpus = OverlapCorpus.build(seeds, library.documents, buildPassageIndex({ parsed: parseCorpus(seeds).parsed, library }));
  }
  return corpus;
}

/** Content characters (Han, letters, digits), as the report counts them. */
function contentChars(text: string): number {
  return text.match(/[\u4e00-\u9fffA-Za-z0-9]/g)?.length ?? 0;
}

/** Sentences of a seed with their 1-based lines, long enough to be copied (at least 20 content characters). */
function seedSentences(file: CorpusFile): { text: string; line: number }[] {
  return file.text.split('\n').flatMap((line, index) => splitSentences(line).filter(sentence => contentChars(sentence.text) >= 20 && !/X|\*|##/.test(sentence.text)).map(sentence => ({ text: sentence.text, line: index + 1 })));
}

suite('overlap report (查重)', () => {
  test('a draft of known corpus sentences and new text: the copied share within one point of the truth, every copied sentence with its source', () => {
    const fresh = readFileSync(join(DEVSET, 'd01.txt'), 'utf8').split('\n').flatMap(line => splitSentences(line).map(sentence => sentence.text)).filter(text => contentChars(text) >= 15).slice(0, 40);
    const copied = [seeds[0], seeds[2], seeds[4]].flatMap(file => seedSentences(file).filter((_, i) => i % 7 === 3).slice(0, 6).map(sentence => ({ ...sentence, path: file.path })));
    assert.ok(copied.length >= 15 && fresh.length >= 30, 'enough sentences of both kinds');
    // One paragraph a line: a new sentence, a copied one, and so on.
    const lines: string[] = ['在全市工作会议上的讲话', '同志们：'];
    const copiedAt = new Map<number, (typeof copied)[number]>();
    fresh.forEach((sentence, i) => {
      const source = copied[i];
      if (source) {
        copiedAt.set(lines.length + 1, source);
        lines.push(`${sentence}${source.text}`);
      } else {
        lines.push(sentence);
      }
    });
    const draft = lines.join('\n');
    const truth = copied.reduce((sum, sentence) => sum + contentChars(sentence.text), 0) / contentChars(draft);

    const report = overlapReport(draft, bundledCorpus());
    assert.equal(report.chars, contentChars(draft));
    assert.ok(Math.abs(report.share - truth) <= 0.01, `share ${(report.share * 100).toFixed(2)}% against the truth ${(truth * 100).toFixed(2)}%`);
    for (const [line, source] of copiedAt) {
      const span = report.spans.find(candidate => candidate.line === line && source.text.includes(candidate.text.slice(0, 12)));
      assert.ok(span, `line ${line}: ${source.text} is reported`);
      assert.equal(span.source.path, source.path, `line ${line}: from ${source.path}`);
      // A sentence a speech says twice may be found at either place.
      const places = (seeds.find(file => file.path === source.path)?.text.split('\n') ?? []).flatMap((text, index) => (text.includes(source.text) ? [index + 1] : []));
      assert.ok(places.includes(span.source.line), `line ${line}: at line ${span.source.line} of its source, which has it at ${places.join(', ')}`);
    }
    assert.equal(report.sources.reduce((sum, source) => sum + source.chars, 0), report.copiedChars, 'the sources add up to the copied characters');
    assert.deepEqual(report.sources.map(source => source.path).sort(), [seeds[0].path, seeds[2].path, seeds[4].path].sort());
  });

  test('punctuation width, traditional characters and spaces do not break a run; a changed character does', () => {
    const sentence = seedSentences(seeds[2])[4].text;
    const variant = sentence.replace(/，/g, ',').replace(/会议/g, '會議').replace(/(.{6})/, '$1 ');
    const same = overlapReport(`标题\n${variant}`, bundledCorpus());
    assert.equal(same.copiedChars, contentChars(sentence), variant);
    const broken = `${sentence.slice(0, 10)}甲${sentence.slice(11)}`;
    const report = overlapReport(`标题\n${broken}`, bundledCorpus(), { exactOnly: true });
    assert.ok(report.copiedChars < contentChars(sentence), 'a different character ends the run');
  });

  test('a near-copy (a few characters changed in a sentence) is reported as near, with its source', () => {
    const sentence = seedSentences(seeds[2]).find(candidate => contentChars(candidate.text) >= 30);
    assert.ok(sentence);
    const chars = [...sentence.text];
    // Every ninth character changed: no run of 13 is left, but the sentence is the corpus's.
    const changed = chars.map((ch, i) => (i % 9 === 4 && /[\u4e00-\u9fff]/.test(ch) ? '某' : ch)).join('');
    const report = overlapReport(`标题\n${changed}`, bundledCorpus());
    const near = report.spans.find(span => span.kind === 'near');
    assert.ok(near, JSON.stringify(report.spans));
    assert.equal(near.source.path, seeds[2].path);
  });

  test('the draft\'s own corpus file is not a source of itself', () => {
    const own = seeds[1];
    const report = overlapReport(own.text, bundledCorpus(), { excludeFile: own.path });
    assert.ok(!report.sources.some(source => source.path === own.path));
    assert.ok(overlapReport(own.text, bundledCorpus()).share > 0.95, 'without the exclusion it is all copied');
  });

  test('real speeches by other authors against the bundled corpus: next to nothing (shared stock formulas only)', () => {
    for (const name of readdirSync(DEVSET).filter(file => /^d\d+\.txt$/.test(file))) {
      const report = overlapReport(readFileSync(join(DEVSET, name), 'utf8'), bundledCorpus());
      // d09 quotes the official definition of the Thought at length, as the corpus does: 18%; the rest stay under 5%.
      assert.ok(report.share < (name === 'd09.txt' ? 0.2 : 0.05), `${name}: ${(report.share * 100).toFixed(1)}%`);
    }
  });

  test('a run around a stock phrase found in many earlier speeches is still traced to its own source', () => {
    const stock = '坚持中国特色社会主义道路不动摇';
    const files = [
      ...Array.from({ length: 80 }, (_, i) => ({ path: `common${i}.txt`, text: `第${i}篇\n我们要${stock}，推动各项工作。\n` })),
      { path: 'source.txt', text: '标题\n必须坚持中国特色社会主义鸿鹄之志远大\n' },
    ];
    const corpus = OverlapCorpus.build(files, []);
    const report = overlapReport('草稿\n中国特色社会主义鸿鹄之志远大', corpus);
    assert.equal(report.copiedChars, 14);
    assert.deepEqual(report.spans.map(span => span.source.path), ['source.txt']);
  });

  test('runs from two sources that overlap cover the draft together; the marks line by line agree with the report', () => {
    const corpus = OverlapCorpus.build([{ path: 'A.txt', text: '坚持以人民为中心的发展思想\n' }, { path: 'B.txt', text: '持以人民为中心的发展思想不断增强\n' }], []);
    const draft = '标题\n坚持以人民为中心的发展思想不断增强';
    const report = overlapReport(draft, corpus);
    assert.equal(report.copiedChars, 17, 'every character of the line: A has the first 13, B the last 16');
    assert.deepEqual(report.spans.map(span => span.source.path), ['A.txt', 'B.txt']);
    const line = draft.split('\n')[1];
    const columns = copiedColumns(line, corpus);
    assert.equal(columns.reduce((sum, { start, end }) => sum + (end - start), 0), line.length);
  });

  test('sections: the share under each heading of the outline', () => {
    const copiedSentence = seedSentences(seeds[0])[0].text;
    const report = overlapReport(`关于某项工作的讲话\n同志们：\n一、总体要求\n${copiedSentence}\n二、工作措施\n今天我们研究明年的重点任务，请各位认真准备。`, bundledCorpus());
    assert.deepEqual(report.sections.map(section => [section.line, section.heading, section.share > 0.8 ? 'copied' : section.share === 0 ? 'new' : 'part']), [
      [2, '（开头）', 'new'], [3, '一、总体要求', 'copied'], [5, '二、工作措施', 'new'],
    ]);
  });

  test('fingerprints: every shared run of 13 or more units is found, wherever it starts (winnowing guarantee)', () => {
    const text = seeds[3].text.slice(0, 20_000);
    const index = FingerprintIndex.build([text]);
    const { units } = toUnits(text);
    for (let start = 0; start + 13 < units.length; start += 97) {
      if ([...units.subarray(start, start + 13)].includes(0)) continue;
      const slice = units.slice(start, start + 13);
      const runs = index.sharedRuns(slice, 13);
      assert.ok(runs.some(run => run.length >= 13), `the run at unit ${start} is found`);
    }
  });
});

suite('repetition hints', () => {
  test('an expression used more than four times is hinted at each use, with the other places; four uses are not', () => {
    const line = (n: number) => `第${n}项：我们要持续深化作风建设，推动各项工作落地见效。`;
    const five = repetitionHints(Array.from({ length: 5 }, (_, i) => line(i + 1)).join('\n'));
    const expression = five.filter(hint => hint.kind === 'repeated-expression');
    assert.ok(expression.some(hint => hint.text === '持续深化作风建设' || hint.text === '推动各项工作落地见效'), expression.map(hint => hint.text).join(' '));
    const deepen = expression.filter(hint => hint.text === expression[0].text);
    assert.equal(deepen.length, 5);
    assert.equal(deepen[0].count, 5);
    assert.equal(deepen[0].kind === 'repeated-expression' ? deepen[0].others.length : 0, 4);
    assert.ok(!expression.some(hint => /^[的要]|的$/.test(hint.text)), 'no expression starts or ends with a particle');
    const four = repetitionHints(Array.from({ length: 4 }, (_, i) => line(i + 1)).join('\n'));
    assert.equal(four.filter(hint => hint.kind === 'repeated-expression').length, 0);
  });

  test('a stretch that overlaps itself is one use (哈哈哈哈哈)', () => {
    assert.equal(repetitionHints('标题\n哈哈哈哈哈哈哈哈哈哈哈哈').filter(hint => hint.kind === 'repeated-expression').length, 0);
  });

  test('the subject the title names may recur; uses spread wider than three pages are not counted together', () => {
    const subject = ['在防汛抗旱工作会议上的讲话', ...Array.from({ length: 6 }, () => '防汛抗旱工作责任重大，各地务必高度负责。')].join('\n');
    assert.ok(!repetitionHints(subject).some(hint => hint.kind === 'repeated-expression' && '防汛抗旱工作'.includes(hint.text)), 'the title\'s words are not hinted');
    const filler = '今天我们在这里召开会议，研究部署下一阶段的重点任务，请大家认真听取意见并抓好贯彻。'.repeat(12);
    const spread = ['标题', ...Array.from({ length: 5 }, () => `要持续深化作风建设。${filler}`)].join('\n');
    assert.ok(!repetitionHints(spread).some(hint => hint.text === '持续深化作风建设'), 'five uses over ten pages');
  });

  test('with word classes, an expression a writer would vary is hinted and the subject\'s terms are not', () => {
    const tagger = loadJiebaTagger(readFileSync('dist/jieba_rs_wasm_bg.wasm'));
    const draft = ['关于加强招标代理机构管理的讲话', ...Array.from({ length: 5 }, (_, i) => `第${i + 1}点，中央投资项目招标代理机构要进一步加强内部管理。`)].join('\n');
    const texts = new Set(repetitionHints(draft, { isExpression: expressionsByWordClass(tagger) }).filter(hint => hint.kind === 'repeated-expression').map(hint => hint.text));
    assert.ok([...texts].some(text => text.includes('进一步加强')), [...texts].join(' '));
    assert.ok([...texts].every(text => text.includes('进一步加强')), `no term or piece of one alone: ${[...texts].join(' ')}`);
    // The same sentences with the term alone repeated: nothing to hint.
    const terms = ['关于招标工作的讲话', ...['预算已经启动', '审计正在推进', '培训基本完成', '考核有序开展', '检查稳步推进'].map(topic => `今年中央投资项目招标代理机构的${topic}。`)].join('\n');
    assert.equal(repetitionHints(terms, { isExpression: expressionsByWordClass(tagger) }).filter(hint => hint.kind === 'repeated-expression').length, 0);
  });

  test('paragraphs and sentences that open the same way three times in a row; enumerations are meant to', () => {
    const hints = repetitionHints('关于某项工作的讲话\n要坚持人民至上。\n要压实各级责任。\n要加强监测预警。\n第一，加强领导。\n第二，压实责任。\n第三，强化保障。');
    const paragraphs = hints.filter(hint => hint.kind === 'same-openings' && hint.unit === 'paragraph');
    assert.deepEqual(paragraphs.map(hint => [hint.range.line, hint.text, hint.count]), [[2, '要', 3], [3, '要', 3], [4, '要', 3]]);
    const sentences = repetitionHints('我们要坚持。我们要加强。我们要推动。').filter(hint => hint.kind === 'same-openings' && hint.unit === 'sentence');
    assert.deepEqual(sentences.map(hint => hint.text), ['我们要', '我们要', '我们要']);
  });

  test('a sentence longer than a breath (80 characters without a pause mark) is hinted; the limit is a setting', () => {
    const long = '全面贯彻落实党中央国务院关于加强新时代基层治理体系和治理能力现代化建设的决策部署和省委省政府关于推进市域社会治理现代化试点工作的具体要求和市委市政府关于进一步做好基层社会治理工作的实施意见';
    const hints = repetitionHints(`标题\n${long}。短句，很好。`);
    const breath = hints.filter(hint => hint.kind === 'long-sentence');
    assert.equal(breath.length, 1);
    assert.deepEqual(breath[0].range, { line: 2, start: 0, end: long.length });
    assert.equal(repetitionHints(`标题\n${long}。`, { breathLength: 120 }).filter(hint => hint.kind === 'long-sentence').length, 0);
  });
});
