/**
 * Corpus service figures: re-mining after one file of a 50 MB corpus changes (five files in turn; the median and the
 * slowest), where only that file is parsed, segmented, mined and cut into passages again, the library is merged
 * from every file's share and the index built from every file's passages; against mining the whole corpus in the
 * same run; and the memory the extension host holds for a mined and indexed 50 MB corpus.
 */
import { IncrementalMiner, prepareFile, type CorpusFile, type PreparedFile } from '../src/core/mining/miner';
import { TokenDictionary } from '../src/core/mining/tokens';
import { IncrementalPassageIndex } from '../src/core/passageIndex';
import type { Segment } from '../src/core/segmenter';
import { corpusBytes, syntheticCorpus } from './syntheticCorpus';
import { gc, memory } from './memory';

const MB = 1024 * 1024;
/** How many files are changed one after another. */
const REMINE_EDITS = 5;

export interface CorpusBenchResult {
  readonly sizeMB: number;
  readonly fullMs: number;
  /** Median and slowest of the edits. */
  readonly remineMs: number;
  readonly remineMaxMs: number;
  readonly heldMB: number;
}

export function runCorpusBench(seeds: readonly CorpusFile[], segment: Segment, log: (line: string) => void = console.log, sizeMB = 50): CorpusBenchResult {
  const corpus = syntheticCorpus(seeds, sizeMB);
  const megabytes = corpusBytes(corpus) / MB;
  gc();
  const before = memory();
  const dictionary = new TokenDictionary();
  const fullStart = performance.now();
  const prepared: PreparedFile[] = corpus.map(file => prepareFile(file, segment, dictionary));
  const miner = new IncrementalMiner(dictionary);
  let library = miner.mine(prepared);
  const indexer = new IncrementalPassageIndex();
  let index = indexer.build(prepared.map(file => file.parsed), library);
  const fullMs = performance.now() - fullStart;
  gc();
  const heldMB = (memory() - before) / MB;

  // One file changes at a time, as a writer saves drafts into the corpus: a paragraph is added to each of five files
  // spread over the corpus, one after another, and every change is re-mined and re-indexed before the next.
  const remines: number[] = [];
  for (let edit = 1; edit <= REMINE_EDITS; edit++) {
    const changed = Math.floor((corpus.length * edit) / (REMINE_EDITS + 1));
    const edited = { ...corpus[changed], text: `${corpus[changed].text}\n同志们，防汛抗旱事关人民群众生命财产安全，必须高度重视。\n` };
    const remineStart = performance.now();
    prepared[changed] = prepareFile(edited, segment, dictionary);
    library = miner.mine(prepared);
    index = indexer.build(prepared.map(file => file.parsed), library);
    remines.push(performance.now() - remineStart);
  }
  const sorted = [...remines].sort((a, b) => a - b);
  const remineMs = sorted[Math.floor(sorted.length / 2)];
  const remineMaxMs = sorted[sorted.length - 1];
  log(`corpus service, ${megabytes.toFixed(1)} MB synthetic corpus (${corpus.length} files, ${library.documents.length} speeches, ${index.stats().passages} passages)`);
  log(`  full mining + index        ${(fullMs / 1000).toFixed(2)} s   (baseline)`);
  log(`  one file changed: re-mine  ${(remineMs / 1000).toFixed(2)} s   ${(remineMs / fullMs * 100).toFixed(1)}% of a full run, median of ${REMINE_EDITS} edits (slowest ${(remineMaxMs / 1000).toFixed(2)} s; goal < 0.5 s)`);
  log(`  held after indexing        ${heldMB.toFixed(0)} MB (prepared files, each file's share of the library, library, index; heap + array buffers)`);
  return { sizeMB, fullMs, remineMs, remineMaxMs, heldMB };
}
