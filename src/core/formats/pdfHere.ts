import type { PdfReader } from '../reading';
import type { CMapLoader } from './pdf';

/**
 * A reader of PDFs in this thread (the web extension host's worker, the CLI, tests), with the host's way to the
 * character maps. pdf.js is most of a bundle's size: it is loaded the first time a PDF is read, never at activation.
 */
export function pdfReaderHere(loadCMap?: CMapLoader): PdfReader {
  return async (bytes, timeLimitMs) => (await import('./pdf')).readPdf(bytes, timeLimitMs, loadCMap);
}
