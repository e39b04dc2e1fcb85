import * as assert from 'node:assert/strict';
import { serializeLibrary } from '../../src/core/library';
import { IncrementalMiner, prepareFile, prepareFromTokens, type CorpusFile, type PreparedFile } from '../../src/core/mining/miner';
import { decodeFileTokens, encodeFileTokens } from '../../src/core/mining/tokenCache';
import { parseCorpusFile } from '../../src/core/structure';
import { TokenDictionary } from '../../src/core/mining/tokens';
import { minedSeeds, seedFiles, segmenter } from './helpers/corpus';

/** The seeds prepared by segmenting them, and each one's blob, as a first window leaves them. */
function segmentedSeeds(): { files: CorpusFile[]; prepared: PreparedFile[]; blobs: Uint8Array[]; dictionary: TokenDictionary } {
  const files = seedFiles();
  const dictionary = new TokenDictionary();
  const segment = segmenter();
  const prepared = files.map(file => prepareFile(file, segment, dictionary));
  return { files, prepared, blobs: prepared.map((file, i) => encodeFileTokens(files[i].text, file.tokens, dictionary)), dictionary };
}

/** A file's tokens as words, so streams from different dictionaries compare. */
function words(file: PreparedFile, dictionary: TokenDictionary): string[][] {
  return file.tokens.map(document => Array.from(document.ids, id => (id < 0 ? '|' : dictionary.texts[id])));
}

suite('cached token ids', () => {
  test('files prepared from their blobs, in a new dictionary, mine the same library as segmenting them', () => {
    const { files, prepared, blobs, dictionary } = segmentedSeeds();
    // A new window: another dictionary, which already knows some words in another order.
    const fresh = new TokenDictionary();
    for (const word of ['讲话', '同志们', '发展', '的']) fresh.idOf(word);
    const loaded = files.map((file, i) => prepareFromTokens(file, blobs[i], fresh));
    loaded.forEach((file, i) => {
      assert.ok(file, files[i].path);
      assert.deepEqual(words(file, fresh), words(prepared[i], dictionary), files[i].path);
      assert.deepEqual(file.tokens.map(document => [...document.paragraphEnds]), prepared[i].tokens.map(document => [...document.paragraphEnds]));
      assert.deepEqual(file.tokens.map(document => [...document.paragraphLines]), prepared[i].tokens.map(document => [...document.paragraphLines]));
    });
    const library = new IncrementalMiner(fresh).mine(loaded as PreparedFile[]);
    assert.equal(serializeLibrary(library), serializeLibrary(minedSeeds()));
  });

  test('a blob read from a Node Buffer at an odd offset loads like the blob itself', () => {
    const { files, blobs } = segmentedSeeds();
    const pool = Buffer.alloc(blobs[0].length + 3);
    pool.set(blobs[0], 3);
    const fromBuffer = prepareFromTokens(files[0], pool.subarray(3), new TokenDictionary());
    const fromBlob = prepareFromTokens(files[0], blobs[0], new TokenDictionary());
    assert.ok(fromBuffer && fromBlob);
    assert.deepEqual(fromBuffer.tokens, fromBlob.tokens);
  });

  test('a blob of another text, a damaged or truncated blob, or one that does not fit the parse is refused, never thrown', () => {
    const { files, blobs } = segmentedSeeds();
    const dictionary = new TokenDictionary();
    // Another file's blob, and this file with one character changed (same length: the text hash tells them apart).
    assert.equal(prepareFromTokens(files[0], blobs[1], dictionary), undefined);
    const changed = { ...files[0], text: files[0].text.replace('同志们', '同事们') };
    assert.notEqual(changed.text, files[0].text);
    assert.equal(prepareFromTokens(changed, blobs[0], dictionary), undefined);
    // Truncated, or with bytes damaged in the header, the vocabulary or the ids.
    for (const cut of [0, 3, 19, 40, blobs[0].length - 1]) assert.equal(prepareFromTokens(files[0], blobs[0].subarray(0, cut), dictionary), undefined, `cut at ${cut}`);
    for (const at of [0, 4, 16, 25, Math.floor(blobs[0].length / 2), blobs[0].length - 1]) {
      const damaged = blobs[0].slice();
      damaged[at] ^= 0xff;
      assert.equal(prepareFromTokens(files[0], damaged, dictionary), undefined, `byte ${at} damaged`);
    }
    // Parsed otherwise (as a new parser might): a speech fewer, or a paragraph fewer.
    const parsed = parseCorpusFile(files[0].text, files[0].path);
    assert.ok(decodeFileTokens(blobs[0], files[0].text, parsed, dictionary));
    assert.equal(decodeFileTokens(blobs[0], files[0].text, parsed.slice(1), dictionary), undefined);
    const shorter = parsed.map((document, d) => (d === 0 ? { ...document, paragraphs: document.paragraphs.slice(1) } : document));
    assert.equal(decodeFileTokens(blobs[0], files[0].text, shorter, dictionary), undefined);
    // Longer than what it describes.
    const longer = new Uint8Array(blobs[0].length + 4);
    longer.set(blobs[0]);
    assert.equal(prepareFromTokens(files[0], longer, dictionary), undefined);
  });

  test('tokens numbered by another dictionary are refused when encoding, not written as a wrong blob', () => {
    const { files, prepared } = segmentedSeeds();
    const small = new TokenDictionary();
    small.idOf('同志');
    assert.throws(() => encodeFileTokens(files[0].text, prepared[0].tokens, small), /another dictionary/);
  });

  test('a file with more words than 16-bit ids can number keeps them all', () => {
    // 70,000 distinct two-character words (more than a Uint16 id holds), in one paragraph.
    const dictionary = new TokenDictionary();
    const text = Array.from({ length: 70_000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 250), 0x4e00 + 250 + Math.floor(i / 250))).join('，');
    const file = { path: 'many.txt', text };
    const split = (paragraph: string): string[] => paragraph.match(/[\u4e00-\u9fa5]{2}|，/g) ?? [];
    const prepared = prepareFile(file, split, dictionary);
    const loaded = prepareFromTokens(file, encodeFileTokens(text, prepared.tokens, dictionary), dictionary);
    assert.ok(loaded);
    assert.deepEqual(loaded.tokens, prepared.tokens);
  });
});
