/**
 * The Node extension host reads PDFs in this worker thread: pdf.js sets browser globals (`navigator`) that the
 * extension host reserves, a long PDF would hold up the host's one thread, and a PDF that hangs can be stopped only
 * by ending its thread. Messages: `{ id, bytes, timeLimitMs }` in, `{ id, result }` out.
 */
import { parentPort } from 'node:worker_threads';
import { readPdfOnDisk } from '../node/pdfOnDisk';

interface PdfRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly timeLimitMs: number;
}

parentPort?.on('message', (request: PdfRequest) => {
  void readPdfOnDisk(request.bytes, request.timeLimitMs)
    .catch(error => ({ ok: false as const, reason: `damaged or truncated document (${error instanceof Error ? error.message : String(error)})` }))
    .then(result => parentPort?.postMessage({ id: request.id, result }));
});
