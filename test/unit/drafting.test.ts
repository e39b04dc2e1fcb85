import * as assert from 'node:assert/strict';
import { corpusSections, draftSkeletonSnippet, expandOutline, headingsWithoutBody } from '../../src/core/drafting';
import { parseCorpus } from '../../src/core/mining/miner';
import { minedSeeds, seedFiles } from './helpers/corpus';

suite('drafting from an outline', () => {
  test('a skeleton snippet holds the scaffold headings, a salutation and a closing formula as tab stops', () => {
    const library = minedSeeds();
    const scaffold = library.entries.find(entry => entry.kind === 'scaffold' && entry.genres.includes('讲话'));
    assert.ok(scaffold?.outline);
    const snippet = draftSkeletonSnippet(library, scaffold);
    const lines = snippet.split('\n');
    assert.match(lines[0], /^\$\{1:在××××会议上的讲话\}$/, 'a 讲话 title pattern first');
    assert.match(lines[1], /^\$\{2:同志们：\}$/, 'the most used salutation of speeches');
    for (const node of scaffold.outline) assert.ok(snippet.includes(`\${`) && snippet.includes(node.text.replace(/[$}\\]/g, ch => `\\${ch}`)), node.text);
    const indexes = [...snippet.matchAll(/\$\{(\d+):/g)].map(match => Number(match[1]));
    assert.deepEqual(indexes, indexes.map((_, i) => i + 1), 'tab stops are numbered in order without gaps or repeats');
    assert.ok(lines.some(line => /谢谢/.test(line)), 'a closing formula');
    assert.equal(lines[lines.length - 1], '$0', 'the cursor ends after the skeleton');
  });

  test('headings without a body are found, headings with a body or sub-headings are not; a closing is not a body', () => {
    const draft = ['一、抓好理论学习', '（一）读原著', '学原文，悟原理。', '（二）谈体会', '二、推动工作落实', '三、加强组织领导。要建立机制。'].join('\n');
    assert.deepEqual(headingsWithoutBody(draft).map(({ heading }) => heading.text), ['谈体会', '推动工作落实']);
    const withClosing = ['一、提高认识', '二、狠抓落实', '同志们，让我们团结一心，奋力开创新局面！', '谢谢大家！'].join('\n');
    assert.deepEqual(headingsWithoutBody(withClosing).map(({ heading }) => heading.text), ['提高认识', '狠抓落实']);
  });

  test('the skeleton takes its opening and transition from the scaffold\'s own speech', () => {
    const library = minedSeeds();
    let checked = 0;
    for (const scaffold of library.entries.filter(entry => entry.kind === 'scaffold')) {
      const snippet = draftSkeletonSnippet(library, scaffold);
      const speech = scaffold.sources[0].document;
      const opening = library.entries.find(entry => entry.kind === 'opening' && entry.sources.some(source => source.document === speech));
      if (!opening) continue;
      assert.ok(snippet.includes(opening.text.slice(0, 20)), `the opening of speech ${speech}`);
      checked++;
    }
    assert.ok(checked >= 5, `outlines whose speech has an opening: ${checked}`);
  });

  test('an empty heading grows from the corpus section with the most similar heading, with a source note', () => {
    const { parsed, documents } = parseCorpus(seedFiles());
    const sections = corpusSections(parsed);
    const [expansion] = expandOutline('一、以学铸魂\n', sections, documents);
    assert.ok(expansion, 'the heading found a section');
    assert.equal(expansion.headingLine, 0);
    assert.match(expansion.source.heading, /以学铸魂/, 'the corpus heading it borrowed from');
    assert.match(expansion.text, /【参考：《.+》第 \d+ 行「.+」】$/, 'the last line names the source');
    assert.ok(expansion.text.split('\n').length >= 2, 'borrowed text comes before the note');
    assert.deepEqual(expandOutline('一、量子色动力学的格点计算\n', sections, documents), [], 'no similar heading, no expansion');
    assert.deepEqual(expandOutline('一、以学铸魂\n二、以学增智\n', sections, documents, 1).map(e => e.headingLine), [1], 'only the heading asked for');
    const twice = expandOutline('一、以学铸魂\n二、以学铸魂\n', sections, documents);
    assert.equal(twice.length, 2);
    assert.notEqual(twice[0].text, twice[1].text, 'one corpus section serves one heading');
  });
});
