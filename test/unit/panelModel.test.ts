import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Library } from '../../src/core/library';
import { mineLibrary } from '../../src/core/mining/miner';
import { PANEL_KINDS, PanelModel, parsePanelRequest, previewOf } from '../../src/core/panelModel';
import { minedSeeds, seedFiles, segmenter } from './helpers/corpus';

function libraryState(model: PanelModel, query: string, genre: '' | '讲话' | '发言' = '') {
  const state = model.state(query, genre);
  assert.equal(state.type, 'library');
  return state;
}

suite('library panel model', () => {
  test('groups follow the parts of a speech, each with its count', () => {
    const state = libraryState(new PanelModel(minedSeeds()), '');
    assert.deepEqual(state.groups.map(group => group.kind), [...PANEL_KINDS]);
    for (const group of state.groups) {
      assert.equal(group.count, minedSeeds().entries.filter(entry => entry.kind === group.kind).length, group.kind);
      assert.ok(group.count > 0, `${group.kind} has entries`);
    }
    const scaffold = state.groups.find(group => group.kind === 'scaffold')?.entries[0];
    assert.ok(scaffold?.outline && scaffold.outline.length > 1, 'scaffolds carry their heading tree');
    assert.match(scaffold.source, /^《.+》$/, 'entries name their source');
  });

  test('fuzzy search finds entries by a part of their text, and the genre filter narrows them', () => {
    const model = new PanelModel(minedSeeds());
    const state = libraryState(model, '批评指正');
    const closings = state.groups.find(group => group.kind === 'closing');
    assert.ok(closings && closings.entries.some(entry => entry.text.includes('批评指正')), 'closings that ask for criticism');
    const all = libraryState(model, '').groups.reduce((sum, group) => sum + group.count, 0);
    const speeches = libraryState(model, '', '讲话').groups.reduce((sum, group) => sum + group.count, 0);
    assert.ok(speeches > 0 && speeches < all, `the 讲话 filter keeps ${speeches} of ${all}`);
    assert.ok(libraryState(model, '', '发言').groups.flatMap(group => group.entries).every(entry => model.entry(entry.id)?.genres.includes('发言')));
    assert.ok(model.genres().includes('讲话') && model.genres().includes('汇报'), 'the genres present in the corpus');
  });

  test('messages from the webview are validated by type', () => {
    assert.deepEqual(parsePanelRequest({ type: 'insert', id: 'closing:0a1b2c3d' }), { type: 'insert', id: 'closing:0a1b2c3d' });
    assert.deepEqual(parsePanelRequest({ type: 'search', query: '同志', genre: '讲话' }), { type: 'search', query: '同志', genre: '讲话' });
    assert.deepEqual(parsePanelRequest({ type: 'ready' }), { type: 'ready' });
    for (const bad of [null, 'insert', 42, {}, { type: 'insert' }, { type: 'insert', id: '<img src=x>' }, { type: 'search', query: 1, genre: '' },
      { type: 'search', query: 'x', genre: '诗歌' }, { type: 'search', query: 'x'.repeat(201), genre: '' }, { type: 'eval', code: 'alert(1)' }]) {
      assert.equal(parsePanelRequest(bad), undefined, JSON.stringify(bad));
    }
  });

  test('corpus markup stays text: the model passes it through as data and the webview script never parses HTML', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const library: Library = mineLibrary([{ path: 'evil.txt', text: `在会议上的讲话\n同志们：\n${hostile}今天我们召开会议。\n谢谢大家！\n` }], segmenter());
    const texts = libraryState(new PanelModel(library), '').groups.flatMap(group => group.entries.map(entry => entry.text));
    assert.ok(texts.some(text => text.includes(hostile)), 'the hostile line reaches the panel unchanged, as data');
    const script = readFileSync('media/library.js', 'utf8');
    assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/, 'the panel script only writes text nodes');
  });

  test('a preview shows the source paragraph with the entry marked', () => {
    const library = minedSeeds();
    const closing = library.entries.find(entry => entry.kind === 'closing' && entry.text === '谢谢大家！');
    assert.ok(closing);
    const source = closing.sources[0];
    const file = seedFiles().find(candidate => candidate.path === library.documents[source.document].file);
    assert.ok(file);
    const preview = previewOf(closing, library, file.text);
    assert.ok(preview);
    assert.equal(preview.match, '谢谢大家！');
    assert.equal(preview.line, source.line);
    assert.equal(`${preview.before}${preview.match}${preview.after}`, file.text.split('\n')[source.line - 1].trim());
  });
});
