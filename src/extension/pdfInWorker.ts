import { Worker } from 'node:worker_threads';
import type { FormatResult } from '../core/formats/result';
import type { PdfReader } from '../core/reading';

/** A worker that has read nothing for this long is ended; the next PDF starts another. */
const IDLE_MS = 60_000;

interface Pending {
  readonly resolve: (result: FormatResult) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Reads PDFs in a worker thread (`pdfWorker.js` beside the extension bundle), one at a time in order. A PDF that
 * runs past its time limit ends the worker, so it stops for real; the next PDF starts a new one.
 */
export function pdfInWorker(workerPath: string): PdfReader {
  let worker: Worker | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const settle = (id: number, result: FormatResult): void => {
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    clearTimeout(waiting.timer);
    waiting.resolve(result);
    if (pending.size === 0) idleTimer = setTimeout(stop, IDLE_MS);
  };
  const stop = (): void => {
    const stopped = worker;
    worker = undefined;
    void stopped?.terminate();
  };
  const start = (): Worker => {
    const started = new Worker(workerPath);
    started.unref(); // never keeps the extension host alive
    started.on('message', ({ id, result }: { id: number; result: FormatResult }) => settle(id, result));
    const fail = (reason: string): void => {
      if (worker === started) worker = undefined;
      for (const id of [...pending.keys()]) settle(id, { ok: false, reason: `damaged or truncated document (the PDF reader stopped: ${reason})` });
    };
    started.on('error', error => fail(error.message));
    started.on('exit', code => fail(`exit code ${code}`));
    return started;
  };

  return (bytes, timeLimitMs) => new Promise<FormatResult>(resolve => {
    clearTimeout(idleTimer);
    worker ??= start();
    const id = nextId++;
    const timer = setTimeout(() => {
      settle(id, { ok: false, reason: `took longer than ${Math.round(timeLimitMs / 1000)} s to read (time limit)` });
      stop(); // the worker may be stuck inside pdf.js: only ending it stops the work
    }, timeLimitMs);
    pending.set(id, { resolve, timer });
    const copy = new Uint8Array(bytes);
    worker.postMessage({ id, bytes: copy, timeLimitMs }, [copy.buffer]);
  });
}
