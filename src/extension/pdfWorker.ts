/**
 * The Node extension host reads PDFs in this worker thread: pdf.js sets browser globals (`navigator`) that the
 * extension host reserves, a long PDF would hold up the host's one thread, and a PDF that hangs can be stopped only
 * by ending its thread. One PDF at a time: `{ bytes, timeLimitMs }` in, the reading's result out.
 */
import { parentPort } from 'node:worker_threads';
import { readPdfOnDisk } from '../node/pdfOnDisk';

parentPort?.on('message', ({ bytes, timeLimitMs }: { bytes: Uint8Array; timeLimitMs: number }) => {
  void readPdfOnDisk(bytes, timeLimitMs)
    .catch(error => ({ ok: false as const, reason: `damaged or truncated document (${error instanceof Error ? error.message : String(error)})` }))
    .then(result => parentPort?.postMessage(result));
});
