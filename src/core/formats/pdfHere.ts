import type { PdfReader } from '../reading';

/**
 * Reads a PDF in this thread (the web extension host's worker, the CLI, tests). pdf.js is most of a bundle's size:
 * it is loaded the first time a PDF is read, never at activation.
 */
export const readPdfHere: PdfReader = async (bytes, timeLimitMs) => (await import('./pdf')).readPdf(bytes, timeLimitMs);
