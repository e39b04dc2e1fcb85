/**
 * The Node extension host's PDF worker queue, with a stand-in worker script: a PDF that hangs is stopped at its time
 * limit by ending the worker, and the PDFs after it (queued behind it or sent later) are read by a new worker, each
 * with its own full time limit.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfInWorker } from '../../src/extension/pdfInWorker';

suite('PDF worker (Node extension host)', () => {
  let folder: string;
  let workerPath: string;
  suiteSetup(() => {
    folder = mkdtempSync(join(tmpdir(), 'pdf-worker-'));
    workerPath = join(folder, 'worker.js');
    // Byte 1 first: hang forever, as pdf.js stuck in a hostile file would. Otherwise: answer with the byte count.
    writeFileSync(workerPath, `const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ bytes }) => {
  if (bytes[0] === 1) for (;;) {}
  parentPort.postMessage({ ok: true, text: 'read ' + bytes.length + ' bytes' });
});`);
  });
  suiteTeardown(() => rmSync(folder, { recursive: true, force: true }));

  test('a hanging PDF is given up at its limit; the ones queued behind it and sent after it are read', async () => {
    const read = pdfInWorker(workerPath);
    const started = Date.now();
    const [stuck, queued] = await Promise.all([read(Uint8Array.of(1, 2, 3), 300), read(new Uint8Array(5), 300)]);
    assert.deepEqual(stuck, { ok: false, reason: 'took longer than 300 ms to read (time limit)' });
    // Its limit started when the new worker took it, not when it was queued behind the stuck one.
    assert.deepEqual(queued, { ok: true, text: 'read 5 bytes' });
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(await read(new Uint8Array(7), 2000), { ok: true, text: 'read 7 bytes' }, 'the old worker\'s end does not fail a later PDF');
  });

  test('PDFs are read one at a time, in order, and the caller keeps its bytes', async () => {
    const read = pdfInWorker(workerPath);
    const bytes = new Uint8Array(4);
    const results = await Promise.all([read(bytes, 2000), read(new Uint8Array(8), 2000), read(new Uint8Array(16), 2000)]);
    assert.deepEqual(results.map(result => (result.ok ? result.text : result.reason)), ['read 4 bytes', 'read 8 bytes', 'read 16 bytes']);
    assert.equal(bytes.length, 4, 'not transferred away');
  });
});
