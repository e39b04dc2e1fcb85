/**
 * Reading speed per corpus format: a 10 MB folder of each format (the format fixtures of one bundled speech, copied
 * until the folder holds 10 MB) read through `readCorpusFile`, against a 10 MB folder of the same speech as .txt in
 * the same run. Bytes come from memory: the figure is the reader's, not the disk's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPdfOnDisk } from '../src/node/pdfOnDisk';
import { readCorpusFile } from '../src/core/reading';

const MB = 1024 * 1024;
const FORMATS_FOLDER = join('test', 'fixtures', 'workspace', 'formats');
const FILES: readonly { readonly format: string; readonly path: string }[] = [
  { format: 'txt', path: join('seeds', '002_19a4f98e508d591a.txt') },
  { format: 'docx', path: join(FORMATS_FOLDER, 'speech.docx') },
  { format: 'doc', path: join(FORMATS_FOLDER, 'speech.doc') },
  { format: 'rtf (.doc)', path: join(FORMATS_FOLDER, 'speech-rtf.doc') },
  { format: 'pdf', path: join(FORMATS_FOLDER, 'speech.pdf') },
  { format: 'html', path: join(FORMATS_FOLDER, 'speech.html') },
  { format: 'mhtml', path: join(FORMATS_FOLDER, 'speech.mhtml') },
];

export interface FormatReadingFigure {
  readonly format: string;
  readonly files: number;
  readonly mbPerS: number;
  readonly msPerFile: number;
  /** Characters of text a second, over plain text's in the same run. */
  readonly textSpeedRatio: number;
}

export async function runReadingBench(log: (line: string) => void = console.log, folderMB = 10): Promise<FormatReadingFigure[]> {
  // pdf.js is loaded by the first PDF: once before timing, as an extension host that has read one PDF.
  await readCorpusFile('warm.pdf', readFileSync(join(FORMATS_FOLDER, 'speech.pdf')), { readPdf: readPdfOnDisk });
  const measured: { format: string; files: number; bytes: number; chars: number; ms: number }[] = [];
  for (const { format, path } of FILES) {
    const bytes = new Uint8Array(readFileSync(path));
    const files = Math.ceil((folderMB * MB) / bytes.length);
    let chars = 0;
    const start = performance.now();
    for (let i = 0; i < files; i++) {
      const result = await readCorpusFile(path, bytes, { readPdf: readPdfOnDisk });
      if (!result.ok) throw new Error(`${path}: ${result.reason}`);
      chars += result.text.length;
    }
    measured.push({ format, files, bytes: files * bytes.length, chars, ms: performance.now() - start });
  }
  const plainCharsPerMs = measured[0].chars / measured[0].ms;
  log(`reading a ${folderMB} MB folder per format (one speech, copied), against the same speech as .txt`);
  const figures = measured.map(({ format, files, bytes, chars, ms }) => {
    const figure = { format, files, mbPerS: bytes / MB / (ms / 1000), msPerFile: ms / files, textSpeedRatio: chars / ms / plainCharsPerMs };
    log(`  ${format.padEnd(11)} ${String(files).padStart(5)} files  ${(ms / 1000).toFixed(2).padStart(6)} s  ${figure.mbPerS.toFixed(1).padStart(7)} MB/s  ${figure.msPerFile.toFixed(2).padStart(7)} ms/file  text ${figure.textSpeedRatio >= 0.01 ? figure.textSpeedRatio.toFixed(2) : figure.textSpeedRatio.toExponential(1)}× of .txt${format === 'txt' ? ' (baseline)' : ''}`);
    return figure;
  });
  return figures;
}
