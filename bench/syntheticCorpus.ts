/**
 * Synthetic corpora of a chosen size, built deterministically from the bundled speeches: speeches are
 * drawn with a seeded PRNG and their placeholders (`X`, `*`) filled with varying figures, so the text
 * keeps the genre's structure and vocabulary without being one file repeated verbatim.
 */
import type { CorpusFile } from '../src/core/mining/miner';
import { splitDocuments } from '../src/core/documents';
import { seededRandom } from './prng';


const FILE_BYTES = 256 * 1024;

export function syntheticCorpus(seeds: readonly CorpusFile[], megabytes: number, seed = 20261123): CorpusFile[] {
  const speeches = seeds.flatMap(file => splitDocuments(file.text, file.path)).map(doc => [doc.title?.text, ...doc.paragraphs.map(p => p.text)].filter(Boolean).join('\n'));
  const random = seededRandom(seed);
  const encoder = new TextEncoder();
  const target = megabytes * 1024 * 1024;
  const files: CorpusFile[] = [];
  let total = 0;
  let current: string[] = [];
  let currentBytes = 0;
  while (total < target) {
    const speech = speeches[Math.floor(random() * speeches.length)].replace(/X{1,3}|\*/g, () => String(1 + Math.floor(random() * 99)));
    const bytes = encoder.encode(speech).length + 2;
    current.push(speech);
    currentBytes += bytes;
    total += bytes;
    if (currentBytes >= FILE_BYTES || total >= target) {
      files.push({ path: `synthetic/${String(files.length).padStart(4, '0')}.txt`, text: current.join('\n\n') });
      current = [];
      currentBytes = 0;
    }
  }
  return files;
}

export function corpusBytes(files: readonly CorpusFile[]): number {
  const encoder = new TextEncoder();
  return files.reduce((sum, file) => sum + encoder.encode(file.text).length, 0);
}
