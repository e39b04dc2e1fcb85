/**
 * The incremental corpus: a library and a passage index kept up to date file by file must be, byte for byte, the
 * library and the index of the new corpus built in one go. The corpus is real text: the bundled speeches and the
 * devset's speeches by other authors.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeLibrary } from '../../src/core/library';
import { buildPassageIndex, IncrementalPassageIndex, serializePassageIndex, type PassageIndexData } from '../../src/core/passageIndex';
import { IncrementalMiner, mineLibrary, prepareFile, type CorpusFile, type PreparedFile } from '../../src/core/mining/miner';
import { TokenDictionary } from '../../src/core/mining/tokens';
import { parseCorpusFile, type ParsedDocument } from '../../src/core/structure';
import { seedFiles, segmenter } from './helpers/corpus';

const DEVSET = join('test', 'fixtures', 'workspace', 'devset');

function devsetFiles(): CorpusFile[] {
  return readdirSync(DEVSET).filter(name => /^d\d+\.txt$/.test(name)).sort()
    .map(name => ({ path: join('devset', name), text: readFileSync(join(DEVSET, name), 'utf8') }));
}

/** A file with text added after its paragraph `at` (counted from 0, over non-empty lines). */
function edited(file: CorpusFile, at: number, added: string): CorpusFile {
  const lines = file.text.split('\n');
  const nonEmpty = lines.flatMap((line, index) => (line.trim() ? [index] : []));
  const where = nonEmpty[Math.min(at, nonEmpty.length - 1)];
  return { path: file.path, text: [...lines.slice(0, where + 1), added, ...lines.slice(where + 1)].join('\n') };
}

suite('incremental corpus', () => {
  test('through edits, additions, deletions and a new order, the library and index kept up to date are the ones built in one go', function () {
    this.timeout(300_000);
    const segment = segmenter();
    const dictionary = new TokenDictionary();
    const miner = new IncrementalMiner(dictionary);
    const indexer = new IncrementalPassageIndex();
    const prepared = new Map<CorpusFile, PreparedFile>();
    const seen = new Set<string>();
    // Steps after which most clause starts must come from the last index (at least this share of them).
    const carried = new Map([['a paragraph added to one file', 0.7], ['files added', 0.3], ['files deleted', 0.8], ['the same files in another order', 0.85]]);
    const step = (label: string, files: readonly CorpusFile[]): void => {
      // As the corpus service does: a file is prepared once, and an unchanged file keeps its prepared form.
      const preparedFiles = files.map(file => prepared.get(file) ?? prepared.set(file, prepareFile(file, segment, dictionary)).get(file) as PreparedFile);
      const library = miner.mine(preparedFiles);
      const incremental = serializeLibrary(library);
      const full = mineLibrary(files, segment);
      assert.equal(incremental, serializeLibrary(full), `${label}: the library kept up to date differs from the one mined in one go`);
      // The library shows only what passes the cuts: every n-gram's and every frame's counts must agree too.
      const fresh = new IncrementalMiner(dictionary);
      fresh.mine(preparedFiles);
      assert.deepEqual(miner.statistics(), fresh.statistics(), `${label}: counts kept up to date differ from counting in one go`);
      seen.add(incremental);
      const carryOver = carried.get(label);
      const index = indexer.build(preparedFiles.map(file => file.parsed), library);
      if (carryOver) {
        // The point of keeping the last index: the clause starts of unchanged files are taken over, not found and sorted again.
        const { clauseStarts, carried: taken } = indexer.lastBuild;
        assert.ok(taken >= carryOver * clauseStarts && taken < clauseStarts, `${label}: ${taken} of ${clauseStarts} clause starts taken over from the last index`);
      }
      const rebuilt = buildPassageIndex({ files, library: full });
      assert.ok(Buffer.from(serializePassageIndex(index)).equals(serializePassageIndex(rebuilt)), `${label}: the index kept up to date differs from the one built in one go`);
      // The same data answers the same: a clause of the corpus completes the same way in both.
      for (const typed of ['同志们', '以学铸魂、', '我们要坚持', '总书记强调']) {
        assert.deepEqual(index.complete(typed), rebuilt.complete(typed), `${label}: completing ${typed}`);
      }
    };
    const seeds = seedFiles();
    const devset = devsetFiles();
    let corpus: CorpusFile[] = [...seeds.slice(0, 3), ...devset.slice(0, 8)];
    step('first mining', corpus);

    corpus = corpus.map((file, index) => (index === 4
      ? edited(file, 6, '同志们，以学铸魂、以学增智、以学正风、以学促干，习近平总书记强调：“江山就是人民，人民就是江山。”空谈误国，实干兴邦。')
      : file));
    step('a paragraph added to one file', corpus);

    corpus = [...corpus, ...devset.slice(8, 14), ...seeds.slice(3)];
    step('files added', corpus);

    corpus = corpus.filter((_, index) => index !== 0 && index !== 7 && index !== 12);
    step('files deleted', corpus);

    corpus = [...corpus].reverse();
    step('the same files in another order', corpus);

    // A file that repeats another's speech many times over: the commonest words, and with them the template
    // frames and the phrase shortlist, change.
    corpus = corpus.map((file, index) => (index === 2 ? { path: file.path, text: Array.from({ length: 6 }, () => corpus[5].text).join('\n\n') } : file));
    step('one file rewritten to repeat another', corpus);

    corpus = corpus.slice(0, 2);
    step('all but two files deleted', corpus);

    step('an empty corpus', []);

    corpus = [...seeds, ...devset];
    step('everything added again', corpus);

    assert.equal(seen.size, 9, 'each step changed the library');
  });

  test('built in steps, the index yields between files and is the one built at once', () => {
    const files = [...seedFiles(), ...devsetFiles()].map(file => parseCorpusFile(file.text, file.path));
    const steps = new IncrementalPassageIndex().buildInSteps(files);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    assert.ok(yields > files.length, `${yields} steps for ${files.length} files`);
    assert.ok(Buffer.from(serializePassageIndex(next.value)).equals(serializePassageIndex(buildPassageIndex({ parsed: files.flat() }))));
  });

  test('mined in steps, the library yields between files and kinds (and between the token miners\' walks over each file) and is the one mined at once', () => {
    const dictionary = new TokenDictionary();
    const files = [...seedFiles(), ...devsetFiles()].map(file => prepareFile(file, segmenter(), dictionary));
    const steps = new IncrementalMiner(dictionary).mineInSteps(files);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    // A file taken in, then each file walked by the template miner and by the phrase miner, a step each.
    assert.ok(yields > 3 * files.length, `${yields} steps for ${files.length} files`);
    assert.equal(serializeLibrary(next.value), serializeLibrary(new IncrementalMiner(dictionary).mine(files)));
  });

  test('after a small change the postings are carried over, and a bigram no longer pruned is listed from the text', () => {
    const indexer = new IncrementalPassageIndex();
    // As the corpus service does: an unchanged file keeps its parse, and with it its passages and their postings.
    const parses = new Map<CorpusFile, ParsedDocument[]>();
    const build = (label: string, files: readonly CorpusFile[]): PassageIndexData => {
      const index = indexer.build(files.map(file => parses.get(file) ?? parses.set(file, parseCorpusFile(file.text, file.path)).get(file) as ParsedDocument[]));
      assert.ok(Buffer.from(serializePassageIndex(index)).equals(serializePassageIndex(buildPassageIndex({ files }))), `${label}: the index kept up to date differs from the one built in one go`);
      return index.data;
    };
    const postings = (data: PassageIndexData, bigram: string): number => {
      const b = data.bigramKeys.indexOf(((bigram.charCodeAt(0) << 16) | bigram.charCodeAt(1)) >>> 0);
      assert.ok(b >= 0, `${bigram} is a bigram of the index`);
      return data.bigramOffsets[b + 1] - data.bigramOffsets[b];
    };
    const real = [...seedFiles(), ...devsetFiles()];
    build('real speeches', real);
    build('a paragraph added', real.map((file, index) => (index === 10 ? edited(file, 4, '空谈误国，实干兴邦。我们要以钉钉子精神抓落实，一张蓝图绘到底。') : file)));
    assert.equal(indexer.lastBuild.bigramsCarried, true, 'one file of many changed: the postings are carried over');

    // Over 2,000 passages hold 防汛, so the bigram keeps no postings; without one of the files fewer do, and it is listed again.
    const drill = Array.from({ length: 20 }, (_, file) => ({
      path: `drill${file}.txt`,
      text: Array.from({ length: 105 }, (_, n) => `同志们，防汛抗旱事关人民群众生命财产安全，第${file}组第${n}项。`).join('\n'),
    }));
    assert.equal(postings(build('drill files added', [...real, ...drill]), '防汛'), 0, '防汛 is pruned');
    const data = build('a drill file deleted', [...real, ...drill.slice(1)]);
    assert.equal(indexer.lastBuild.bigramsCarried, true, 'one drill file of twenty gone: the postings are carried over');
    assert.ok(postings(data, '防汛') >= 19 * 105, '防汛 is listed again, with every passage that holds it (the index built in one go agrees, above)');
  });

  test('a file given twice is refused rather than counted twice', () => {
    const dictionary = new TokenDictionary();
    const file = prepareFile(seedFiles()[0], segmenter(), dictionary);
    assert.throws(() => new IncrementalMiner(dictionary).mine([file, file]), /given twice/);
  });
});
