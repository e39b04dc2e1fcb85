import { Worker } from 'node:worker_threads';
import { timeLimitReason, type FormatResult } from '../core/formats/result';
import type { PdfReader } from '../core/reading';

/** A worker that has read nothing for this long is ended; the next PDF starts another. */
const IDLE_MS = 60_000;

interface Job {
  readonly bytes: Uint8Array;
  readonly timeLimitMs: number;
  readonly resolve: (result: FormatResult) => void;
}

/**
 * Reads PDFs in a worker thread (`pdfWorker.js` beside the extension bundle), one at a time in order; a PDF's time
 * limit starts when the worker takes it. A PDF that runs past its limit ends the worker, so the work stops for real;
 * the next PDF starts a new worker. Whatever a worker does after it was given up on is ignored.
 */
export function pdfInWorker(workerPath: string): PdfReader {
  const queue: Job[] = [];
  let worker: Worker | undefined;
  let busy = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = (): void => {
    const stopped = worker;
    worker = undefined;
    void stopped?.terminate();
  };

  const next = (): void => {
    clearTimeout(idleTimer);
    const job = queue.shift();
    if (!job) {
      idleTimer = setTimeout(stop, IDLE_MS);
      return;
    }
    busy = true;
    const current = worker ?? start();
    worker = current;
    let settled = false;
    const finish = (result: FormatResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      current.off('message', onMessage).off('error', onError).off('exit', onExit);
      job.resolve(result);
      busy = false;
      next();
    };
    const onMessage = (result: FormatResult): void => finish(result);
    const onError = (error: Error): void => {
      if (worker === current) worker = undefined;
      finish({ ok: false, reason: `damaged or truncated document (the PDF reader stopped: ${error.message})` });
    };
    const onExit = (code: number): void => {
      if (worker === current) worker = undefined;
      finish({ ok: false, reason: `damaged or truncated document (the PDF reader stopped: exit code ${code})` });
    };
    const timer = setTimeout(() => {
      stop(); // the worker may be stuck inside pdf.js: only ending it stops the work
      finish({ ok: false, reason: timeLimitReason(job.timeLimitMs) });
    }, job.timeLimitMs);
    current.on('message', onMessage).on('error', onError).on('exit', onExit);
    // The caller's bytes stay the caller's: the worker gets a copy, moved, not copied again.
    const copy = new Uint8Array(job.bytes);
    current.postMessage({ bytes: copy, timeLimitMs: job.timeLimitMs }, [copy.buffer]);
  };

  const start = (): Worker => {
    const started = new Worker(workerPath);
    started.unref(); // never keeps the extension host alive
    return started;
  };

  return (bytes, timeLimitMs) => new Promise<FormatResult>(resolve => {
    queue.push({ bytes, timeLimitMs, resolve });
    if (!busy) next();
  });
}
