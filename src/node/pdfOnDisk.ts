/** PDFs read in a Node process (the CLI, the Node extension host's PDF worker, tests, the bench), on disk. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CMapLoader } from '../core/formats/pdf';
import { pdfReaderHere } from '../core/formats/pdfHere';

/**
 * The character maps for PDFs whose Chinese fonts are not embedded: in `cmaps/` beside the bundle's folder (dist/cmaps
 * for dist/cli.js and dist/node/pdfWorker.js), or in vendor/ for bundles run from the sources (tests, the bench).
 */
const loadCMapFromDisk: CMapLoader = async name => {
  for (const folder of [join(__dirname, 'cmaps'), join(__dirname, '..', 'cmaps'), join('vendor', 'pdfjs-cmaps')]) {
    try {
      return new Uint8Array(await readFile(join(folder, name)));
    } catch {
      // not in this folder
    }
  }
  throw new Error(`character map ${name} not found`);
};

export const readPdfOnDisk = pdfReaderHere(loadCMapFromDisk);
