import * as assert from 'node:assert/strict';
import { corpusCacheKey, decodeCorpusCache, encodeCorpusCache, encodeCorpusCacheInSteps, encodeFileDates, fileDatesName, keyForStamps } from '../../src/core/corpusCache';
import { bytesHash, LIBRARY_FORMAT_VERSION, serializeLibrary } from '../../src/core/library';
import { buildPassageIndex, PASSAGE_INDEX_FORMAT_VERSION, serializePassageIndex } from '../../src/core/passageIndex';
import { minedSeeds, seedFiles } from './helpers/corpus';

function cached() {
  const library = minedSeeds();
  const index = buildPassageIndex({ files: seedFiles(), library });
  const key = corpusCacheKey(seedFiles().map(file => ({ path: file.path, hash: bytesHash(new TextEncoder().encode(file.text)) })));
  return { library, index, key, blobs: encodeCorpusCache(key, library, index) };
}

suite('corpus cache', () => {
  test('a cache round-trips the library and the index for the same corpus', () => {
    const { library, index, key, blobs } = cached();
    const loaded = decodeCorpusCache(key, blobs);
    assert.ok(loaded);
    assert.deepEqual(loaded.library, library);
    assert.deepEqual(loaded.index.complete('坚持以学铸魂').items.map(item => item.text), index.complete('坚持以学铸魂').items.map(item => item.text));
  });

  test('written in steps, the cache holds the library as one JSON text and the index with a valid checksum', () => {
    const { library, index, key } = cached();
    // Over 2,000 entries, so the entries are written in several slices (and an empty list besides).
    const large = { ...library, entries: Array.from({ length: Math.ceil(4500 / library.entries.length) }, () => library.entries).flat().slice(0, 4500), documents: [] };
    assert.ok(large.entries.length > 4000);
    const steps = encodeCorpusCacheInSteps(key, large, index);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    assert.ok(yields >= Math.ceil(large.entries.length / 2000) + 2, `${yields} steps`);
    const header = JSON.stringify({ libraryFormat: LIBRARY_FORMAT_VERSION, indexFormat: PASSAGE_INDEX_FORMAT_VERSION, key }).slice(0, -1);
    assert.equal(new TextDecoder().decode(next.value.header), `${header},"library":${serializeLibrary(large)}}`);
    assert.ok(Buffer.from(next.value.index).equals(serializePassageIndex(index)));
    assert.deepEqual(decodeCorpusCache(key, next.value)?.library, large);
  });

  test('any changed, added or removed file makes the key differ, so the cache is stale', () => {
    const { key, blobs } = cached();
    const files = seedFiles().map(file => ({ path: file.path, hash: bytesHash(new TextEncoder().encode(file.text)) }));
    const keys = new Set([
      key,
      corpusCacheKey(files.map((file, i) => (i === 2 ? { ...file, hash: 'changed' } : file))),
      corpusCacheKey([...files, { path: 'new.txt', hash: '00000000-1' }]),
      corpusCacheKey(files.slice(1)),
    ]);
    assert.equal(keys.size, 4);
    assert.equal(decodeCorpusCache(corpusCacheKey(files.slice(1)), blobs), undefined, 'stale for another corpus');
  });

  test('an outdated format is stale; a damaged cache throws so it is reported and rebuilt', () => {
    const { key, blobs } = cached();
    const header = new TextDecoder().decode(blobs.header);
    assert.equal(decodeCorpusCache(key, { ...blobs, header: new TextEncoder().encode(header.replace(`"libraryFormat":${LIBRARY_FORMAT_VERSION}`, '"libraryFormat":0')) }), undefined);
    assert.throws(() => decodeCorpusCache(key, { ...blobs, header: blobs.header.slice(0, blobs.header.length / 2) }), /not readable JSON/);
    assert.throws(() => decodeCorpusCache(key, { ...blobs, header: new TextEncoder().encode(header.replace('"entries":[', '"entries":[7,')) }), /malformed/);
    const flipped = blobs.index.slice();
    flipped[flipped.length - 5] ^= 0xff;
    assert.throws(() => decodeCorpusCache(key, { ...blobs, index: flipped }));
    assert.throws(() => decodeCorpusCache(key, { ...blobs, index: blobs.index.slice(0, 100) }));
  });
});

suite('file dates', () => {
  const stamps = [
    { uri: 'file:///corpus/a.txt', mtime: 1764700000000, size: 2048 },
    { uri: 'file:///corpus/b.docx', mtime: 1764700001000, size: 40960 },
  ];

  test('the key recorded with the stamps comes back only for the same files, order, dates and sizes', () => {
    const blob = encodeFileDates('0badcafe', stamps);
    assert.equal(keyForStamps(blob, stamps), '0badcafe');
    assert.equal(keyForStamps(blob, [stamps[0], { ...stamps[1], mtime: stamps[1].mtime + 1 }]), undefined, 'a file saved again');
    assert.equal(keyForStamps(blob, [stamps[0], { ...stamps[1], size: 40961 }]), undefined, 'a file of another size');
    assert.equal(keyForStamps(blob, [...stamps].reverse()), undefined, 'another order');
    assert.equal(keyForStamps(blob, stamps.slice(1)), undefined, 'a file gone');
    assert.equal(keyForStamps(blob, [...stamps, { uri: 'file:///corpus/c.txt', mtime: 1, size: 1 }]), undefined, 'a file added');
  });

  test('a damaged or foreign record gives no key; the name depends on the version and the set-up', () => {
    assert.equal(keyForStamps(new Uint8Array([0xff, 0xfe, 0x00]), stamps), undefined);
    assert.equal(keyForStamps(new TextEncoder().encode('{"key":1,"stamps":[]}'), []), undefined);
    assert.equal(keyForStamps(new TextEncoder().encode('[]'), []), undefined);
    const setup = '{"folders":["file:///corpus"],"fileTypes":[".txt"]}';
    assert.match(fileDatesName('1.0.0', setup), /^dates-[0-9a-f]{8}\.json$/);
    assert.notEqual(fileDatesName('1.0.0', setup), fileDatesName('1.0.1', setup));
    assert.notEqual(fileDatesName('1.0.0', setup), fileDatesName('1.0.0', setup.replace('corpus', 'other')));
  });
});
