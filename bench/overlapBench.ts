/**
 * Overlap report (查重) figures at 50 MB: the report for a 10,000-character draft (half of it corpus sentences, half
 * new text from the devset), the exact-run marks after one typed character, and the memory of the fingerprint index;
 * against the plain way in the same run: every 13-character window of the draft looked up in a `Set` of all the
 * corpus's 13-character windows (content units, as the report compares them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusFile } from '../src/core/mining/miner';
import { toUnits } from '../src/core/overlap/fingerprints';
import { copiedColumns, OverlapCorpus, overlapReport } from '../src/core/overlap/report';
import { buildPassageIndex } from '../src/core/passageIndex';
import { splitSentences } from '../src/core/sentences';
import { seededRandom } from './prng';
import { syntheticCorpus } from './syntheticCorpus';
import { gc, memory } from './memory';

const MB = 1024 * 1024;
const WINDOW = 13;
const ROUNDS = 15;

export interface OverlapBenchResult {
  readonly sizeMB: number;
  readonly reportMs: number;
  readonly typedMs: number;
  readonly buildS: number;
  readonly indexMB: number;
  readonly baselineScanMs: number;
  readonly baselineBuildS: number;
  readonly baselineMB: number;
  readonly share: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The synthetic corpus with one Han character in six replaced by another drawn from its own text: the genre's
 * characters and sentence shapes, but (almost) no 13-character window twice, as in a large real corpus; the synthetic
 * corpus alone repeats its 33 speeches, which would flatter the Set.
 */
function diverseCorpus(files: readonly CorpusFile[]): CorpusFile[] {
  const random = seededRandom(20261203);
  const alphabet = [...new Set(files.slice(0, 8).flatMap(file => file.text.match(/[\u4e00-\u9fff]/g) ?? []))];
  let nth = 0;
  return files.map(file => ({ path: file.path, text: file.text.replace(/[\u4e00-\u9fff]/g, ch => (++nth % 6 === 0 ? alphabet[Math.floor(random() * alphabet.length)] : ch)) }));
}

/** A 10,000-character draft: a sentence of the corpus, then a sentence of a real speech the corpus does not hold, and so on. */
function benchDraft(corpus: readonly CorpusFile[]): string {
  const sentencesOf = (text: string): string[] => text.split('\n').flatMap(line => splitSentences(line).map(sentence => sentence.text)).filter(sentence => sentence.length >= 15);
  const copied = corpus.filter((_, i) => i % 17 === 0).flatMap(file => sentencesOf(file.text));
  const devset = join('test', 'fixtures', 'workspace', 'devset');
  const fresh = readdirSync(devset).filter(name => /^d\d+\.txt$/.test(name)).flatMap(name => sentencesOf(readFileSync(join(devset, name), 'utf8')));
  const lines: string[] = ['在全市工作会议上的讲话', '同志们：'];
  let length = 0;
  for (let i = 0; length < 10_000; i++) {
    const line = `${fresh[i % fresh.length]}${copied[(i * 7919) % copied.length]}`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('\n');
}

export function runOverlapBench(seeds: readonly CorpusFile[], log: (line: string) => void = console.log, sizeMB = 50): OverlapBenchResult {
  const files = diverseCorpus(syntheticCorpus(seeds, sizeMB));
  const draft = benchDraft(files);

  // Ours: fingerprints of the corpus; near-copies through a passage index of the same corpus.
  const passages = buildPassageIndex({ files });
  gc();
  const before = memory();
  const buildStart = performance.now();
  const corpus = OverlapCorpus.build(files, [], passages);
  const buildS = (performance.now() - buildStart) / 1000;
  gc();
  const indexMB = (memory() - before) / MB;
  const reportTimes: number[] = [];
  let share = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    share = overlapReport(draft, corpus).share;
    reportTimes.push(performance.now() - start);
  }
  // The marks after a typed change, as the extension makes them: each line's copied columns are kept by its text, so
  // only the line typed in is searched again.
  const lineMarks = new Map(draft.split('\n').map(line => [line, copiedColumns(line, corpus)] as const));
  const typedTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const middle = Math.floor(draft.length / 2) + round * 37;
    const typed = `${draft.slice(0, middle)}的${draft.slice(middle)}`;
    const start = performance.now();
    let marked = 0;
    for (const line of typed.split('\n')) marked += (lineMarks.get(line) ?? copiedColumns(line, corpus)).length;
    typedTimes.push(performance.now() - start);
    if (marked === 0) throw new Error('nothing marked');
  }

  // The baseline: a Set of every 13-unit window of the corpus, and a scan of the draft's windows against it.
  gc();
  const baselineBefore = memory();
  const baselineStart = performance.now();
  const windows = new Set<string>();
  for (const file of files) {
    const units = unitString(file.text);
    for (let i = 0; i + WINDOW <= units.length; i++) windows.add(units.slice(i, i + WINDOW));
  }
  const baselineBuildS = (performance.now() - baselineStart) / 1000;
  gc();
  const baselineMB = (memory() - baselineBefore) / MB;
  const scanTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const units = unitString(draft);
    const covered = new Uint8Array(units.length);
    for (let i = 0; i + WINDOW <= units.length; i++) if (windows.has(units.slice(i, i + WINDOW))) covered.fill(1, i, i + WINDOW);
    scanTimes.push(performance.now() - start);
  }
  windows.clear();

  const result = { sizeMB, reportMs: median(reportTimes), typedMs: median(typedTimes), buildS, indexMB, baselineScanMs: median(scanTimes), baselineBuildS, baselineMB, share };
  log(`overlap report (查重), ${sizeMB} MB synthetic corpus, a ${draft.length}-character draft (${(share * 100).toFixed(1)}% copied), median of ${ROUNDS}`);
  log(`  plain 13-gram Set: build   ${baselineBuildS.toFixed(2)} s   held ${baselineMB.toFixed(0)} MB   exact scan of the draft ${result.baselineScanMs.toFixed(1)} ms   (baseline)`);
  log(`  fingerprints: build        ${buildS.toFixed(2)} s   held ${indexMB.toFixed(0)} MB (${(indexMB / baselineMB * 100).toFixed(0)}% of the Set's)`);
  log(`  full report (exact + near) ${result.reportMs.toFixed(1)} ms   (goal < 300 ms)`);
  log(`  marks after a typed change ${result.typedMs.toFixed(1)} ms   (goal < 20 ms)`);
  return result;
}

/** The content units of a text as a string (separators kept as NUL), as the report compares them. */
function unitString(text: string): string {
  const { units } = toUnits(text);
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}
