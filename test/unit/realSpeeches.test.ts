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
