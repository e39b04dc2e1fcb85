import * as assert from 'node:assert/strict';
import { countByKind, ENTRY_KINDS, LIBRARY_FORMAT_VERSION, parseLibrary, serializeLibrary, stableHash, type EntryKind, type LibraryEntry } from '../../src/core/library';
import { mineLibrary } from '../../src/core/mining/miner';
import { minedSeeds, seedFiles, segmenter } from './helpers/corpus';

function texts(kind: EntryKind): string[] {
  return minedSeeds().entries.filter(entry => entry.kind === kind).map(entry => entry.text);
}

function entry(kind: EntryKind, text: string): LibraryEntry {
  const found = minedSeeds().entries.find(e => e.kind === kind && e.text === text);
  assert.ok(found, `${kind} entry ${text}`);
  return found;
}

suite('miner on the bundled corpus', () => {
  test('the seeds\' library is exactly the one pinned here (a change to mining that alters it must update this on purpose)', () => {
    // Speed-ups must not change a single entry; a deliberate change to what is mined updates the figure and says why.
    assert.equal(stableHash(serializeLibrary(minedSeeds())), '30099d92');
  });

  test('every kind has entries', () => {
    const counts = countByKind(minedSeeds());
    for (const kind of ENTRY_KINDS) assert.ok(counts[kind] > 0, `${kind}: ${counts[kind]}`);
    assert.equal(minedSeeds().documents.length, 33);
  });

  test('every salutation of the seeds, most used first', () => {
    assert.deepEqual(texts('salutation'), ['同志们：', '尊敬的各位领导，同志们：', '各位领导，同志们：']);
    assert.equal(entry('salutation', '同志们：').documents, 7);
  });

  test('every closing formula of the seeds', () => {
    const formulas = minedSeeds().entries.filter(e => e.kind === 'closing' && e.variant === 'formula').map(e => e.text).sort();
    assert.deepEqual(formulas, [
      '我就讲这些。', '我就讲这么多，谢谢大家！', '发言完毕，谢谢大家！', '汇报完毕，不当之处，请各位领导批评指正，谢谢。',
      '汇报完毕，谢谢大家！', '谢谢大家！', '发言完毕，不妥之处，请同志们批评指正，谢谢。', '发言完毕，不当之处，请同志们批评指正，谢谢。',
      '我的交流发言完毕，不妥之处请批评指正。',
    ].sort());
    const paragraphs = minedSeeds().entries.filter(e => e.kind === 'closing' && e.variant === 'paragraph');
    assert.ok(paragraphs.length >= 3 && paragraphs.every(p => /^(同志们|最后)，/.test(p.text)), 'closing paragraphs start with a closing cue');
  });

  test('transitions lead into the sections', () => {
    const transitions = texts('transition');
    assert.ok(transitions.includes('下面，我讲几点意见。'));
    assert.ok(transitions.includes('现将有关工作进展情况汇报如下：'));
    assert.equal(entry('transition', '现将有关工作进展情况汇报如下：').documents, 3);
  });

  test('openings are the paragraphs before the first section, without salutation or transition', () => {
    const opening = minedSeeds().entries.find(e => e.kind === 'opening' && e.text.startsWith('这次会议，主要任务是'));
    assert.ok(opening);
    assert.ok(!opening.text.includes('下面，我讲几点意见'));
  });

  test('scaffolds are heading trees with their genre and a skeleton snippet', () => {
    const scaffold = minedSeeds().entries.find(e => e.kind === 'scaffold' && e.outline?.[0]?.text === '坚持不懈用党的创新理论统一思想、统一意志、统一行动');
    assert.ok(scaffold);
    assert.deepEqual(scaffold.genres, ['讲话']);
    assert.equal(scaffold.outline?.length, 4);
    assert.equal(scaffold.outline?.[0].children.length, 3);
    assert.match(scaffold.snippet, /^一、\$\{1:坚持不懈用党的创新理论统一思想、统一意志、统一行动\}\n（一）\$\{2:科学理论指引前行道路\}/);
  });

  test('parallel sets inside sentences and across sibling headings, with the varying parts as tab stops', () => {
    const set = entry('parallel', '以学铸魂、以学增智、以学正风、以学促干');
    assert.equal(set.snippet, '以学${1:铸魂}、以学${2:增智}、以学${3:正风}、以学${4:促干}');
    assert.ok(set.documents >= 5);
    assert.equal(entry('parallel', '政治判断力、政治领悟力、政治执行力').snippet, '政治${1:判断}力、政治${2:领悟}力、政治${3:执行}力');
    const headings = entry('parallel', '以“学”字开篇\n以“实”字为准\n以“干”字当头\n以“改”字贯穿');
    assert.deepEqual(headings.items, ['以“学”字开篇', '以“实”字为准', '以“干”字当头', '以“改”字贯穿']);
  });

  test('templates are frames with slots mined from recurring word sequences', () => {
    const template = entry('template', '推进…建设');
    assert.equal(template.snippet, '推进${1:…}建设');
    assert.ok(template.documents >= 3);
    assert.ok((template.items ?? []).length >= 3, 'examples of what fills the slot');
    assert.ok(texts('template').includes('解决…问题'));
    assert.ok(minedSeeds().entries.some(e => e.kind === 'template' && (e.snippet.match(/\$\{\d+:/g) ?? []).length === 2), 'a two-slot frame');
  });

  test('quotations: quoted sayings and classical couplets, but not closing formulas', () => {
    const quotations = texts('quotation');
    assert.ok(quotations.includes('时代是思想之母，实践是理论之源'));
    assert.ok(quotations.includes('大道至简，实干为要；创业维艰，奋斗以成'));
    assert.ok(!quotations.some(q => /谢谢大家|完毕/.test(q)));
  });

  test('phrases are recurring multi-word expressions used in several documents', () => {
    const phrases = texts('phrase');
    for (const phrase of ['高质量发展', '调查研究', '以学铸魂', '担当作为']) assert.ok(phrases.includes(phrase), phrase);
    // Counted while their neighbour table grew: a count read from the table's old array once dropped them.
    for (const phrase of ['不断提升', '领导干部']) assert.ok(phrases.includes(phrase), phrase);
    assert.ok(minedSeeds().entries.filter(e => e.kind === 'phrase').every(e => e.documents >= 2 && e.occurrences >= 3));
  });

  test('placeholders of the anonymised corpus become tab stops', () => {
    const transition = entry('transition', '下面，我在对第一批主题教育成效进行全面总结的基础上，对开展好X系统第二批主题教育提几点意见：');
    assert.equal(transition.snippet, '下面，我在对第一批主题教育成效进行全面总结的基础上，对开展好${1:X}系统第二批主题教育提几点意见：');
  });

  test('every entry names its sources and genres', () => {
    const library = minedSeeds();
    for (const e of library.entries) {
      assert.ok(e.sources.length > 0 && e.sources.length <= e.documents, e.id);
      for (const source of e.sources) assert.ok(library.documents[source.document] && source.line >= 1, e.id);
      assert.ok(e.genres.length > 0, e.id);
    }
  });

  test('mining is deterministic and the library round-trips through its versioned JSON', () => {
    const again = mineLibrary(seedFiles(), segmenter());
    assert.equal(serializeLibrary(again), serializeLibrary(minedSeeds()));
    assert.deepEqual(parseLibrary(serializeLibrary(again)), again);
    assert.equal(parseLibrary(serializeLibrary(again).replace(`"version":${LIBRARY_FORMAT_VERSION}`, '"version":999')), undefined);
    assert.equal(parseLibrary('{"version":1,"documents":[],"entries":[{"id":3}]}'), undefined);
    assert.equal(parseLibrary('not json'), undefined);
    const ids = again.entries.map(e => e.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  });
});
