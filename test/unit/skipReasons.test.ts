import * as assert from 'node:assert/strict';
import { decodeText } from '../../src/core/decode';
import { readCorpusFile } from '../../src/core/reading';
import { classifySkipReason } from '../../src/core/skipReasons';

suite('reasons for skipping a corpus file', () => {
  test('every reason the core gives is known, with its details, so the writer reads it in Chinese', async () => {
    const reasons: string[] = [];
    const push = (result: { ok: true } | { ok: false; reason: string }): void => {
      assert.equal(result.ok, false);
      if (!result.ok) reasons.push(result.reason);
    };
    push(await readCorpusFile('a.txt', new Uint8Array()));
    push(await readCorpusFile('a.txt', new Uint8Array([0x41, 0, 0x42, 0, 0, 0, 0x43])));
    push(await readCorpusFile('a.pdf', new Uint8Array([0x41])));
    push(await readCorpusFile('a.txt', new Uint8Array(2048).fill(0x41), { maxBytes: 1024 }));
    push(await readCorpusFile('a.docx', new TextEncoder().encode('PK not a zip')));
    push(decodeText(new TextEncoder().encode('   \n ')));
    push(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x6c, 0xe0]))); // Latin-1, neither UTF-8 nor GBK
    for (const reason of reasons) assert.ok(classifySkipReason(reason), `unknown reason: ${reason}`);
    assert.deepEqual(classifySkipReason('too large (2 KB; the limit is 1 KB)'), { message: 'too large ({0}; the limit is {1})', details: ['2 KB', '1 KB'] });
    assert.equal(classifySkipReason('something new'), undefined, 'an unknown reason is shown as it is');
  });
});
