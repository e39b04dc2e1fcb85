import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SkippedFile } from '../core/library';
import type { CorpusFile } from '../core/mining/miner';
import { corpusExtension, readCorpusFile } from '../core/reading';
import { readPdfOnDisk } from '../node/pdfOnDisk';

/** Folders deeper than this are not walked (a corpus is a few levels deep; this stops pathological trees). */
const MAX_DEPTH = 64;

/**
 * Reads corpus files from files and folders on disk. Folders are walked for the corpus file types (`CORPUS_EXTENSIONS`);
 * symlink loops are walked once; every corpus file that cannot be read is reported, not thrown.
 */
export async function readCorpusPaths(paths: readonly string[]): Promise<{ files: CorpusFile[]; skipped: SkippedFile[] }> {
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  const visitedFolders = new Set<string>();

  const readOne = async (path: string): Promise<void> => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      skipped.push({ path, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    const result = await readCorpusFile(path, bytes, { readPdf: readPdfOnDisk });
    if (result.ok) files.push({ path, text: result.text });
    else skipped.push({ path, reason: result.reason });
  };

  const walk = async (path: string, depth: number, explicit: boolean): Promise<void> => {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      skipped.push({ path, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    if (stats.isDirectory()) {
      const real = realpathSync(path);
      if (visitedFolders.has(real)) return; // a symlink back into a folder already walked
      visitedFolders.add(real);
      if (depth > MAX_DEPTH) {
        skipped.push({ path, reason: `folder nested deeper than ${MAX_DEPTH} levels` });
        return;
      }
      let names: string[];
      try {
        names = readdirSync(path).sort();
      } catch (error) {
        skipped.push({ path, reason: `unreadable folder (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
        return;
      }
      for (const name of names) await walk(join(path, name), depth + 1, false);
    } else if (corpusExtension(path) || explicit) {
      await readOne(path);
    }
  };

  for (const path of paths) await walk(path, 0, true);
  return { files, skipped };
}
