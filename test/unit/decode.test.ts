import * as assert from 'node:assert/strict';
import { decodeText } from '../../src/core/decode';
import { readCorpusFile } from '../../src/core/reading';

const GBK_SPEECH = Uint8Array.from([205, 172, 214, 190, 195, 199, 163, 186, 189, 241, 204, 236, 206, 210, 195, 199, 213, 217, 191, 170, 187, 225, 210, 233, 161, 163]);

suite('decoding corpus files', () => {
  test('UTF-8 with and without a byte-order mark', () => {
    const bytes = new TextEncoder().encode('同志们：');
    assert.deepEqual(decodeText(bytes), { ok: true, text: '同志们：', encoding: 'utf-8' });
    assert.deepEqual(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes])), { ok: true, text: '同志们：', encoding: 'utf-8-bom' });
  });

  test('GBK bytes are detected and decoded, not garbled', () => {
    assert.deepEqual(decodeText(GBK_SPEECH), { ok: true, text: '同志们：今天我们召开会议。', encoding: 'gb18030' });
  });

  test('GB18030 with traditional characters', () => {
    const bytes = Uint8Array.from([184, 247, 206, 187, 238, 73, 140, 167, 163, 172, 205, 172, 213, 73, 130, 131, 163, 186]);
    assert.deepEqual(decodeText(bytes), { ok: true, text: '各位領導，同誌們：', encoding: 'gb18030' });
  });

  test('UTF-16 with a byte-order mark', () => {
    assert.deepEqual(decodeText(Uint8Array.from([0xff, 0xfe, 0x0c, 0x54, 0xd7, 0x5f])), { ok: true, text: '同志', encoding: 'utf-16le' });
  });

  test('binary, empty and undecodable files are refused with a reason', () => {
    assert.deepEqual(decodeText(new Uint8Array()), { ok: false, reason: 'empty file' });
    assert.equal(decodeText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).ok, false);
    assert.match((decodeText(Uint8Array.from([0x00, 0x01, 0x02])) as { reason: string }).reason, /binary/);
    assert.match((decodeText(new TextEncoder().encode(' \n\t ')) as { reason: string }).reason, /empty/);
    // Latin-1 accented text is neither UTF-8 nor Chinese in GB18030: refused rather than misread.
    assert.match((decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x6c, 0xe0])) as { reason: string }).reason, /unknown encoding/);
  });

  test('reading normalises CRLF and refuses oversize files and other types', async () => {
    const crlf = await readCorpusFile('a.txt', new TextEncoder().encode('同志们：\r\n今天\r\n'));
    assert.deepEqual(crlf, { ok: true, text: '同志们：\n今天\n', format: 'text', encoding: 'utf-8' });
    const big = await readCorpusFile('a.md', new Uint8Array(2048).fill(0x41), { maxBytes: 1024 });
    assert.equal(big.ok, false);
    assert.match((big as { reason: string }).reason, /too large/);
    assert.equal((await readCorpusFile('a.xls', new Uint8Array(4))).ok, false);
  });

  test('a broken Word document is refused with a reason', async () => {
    const result = await readCorpusFile('speech.docx', new TextEncoder().encode('not a zip file at all'));
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /broken Word document/);
  });
});

suite('reading Word documents', () => {
  test('extracts the paragraphs of a .docx', async () => {
    const { readFileSync } = await import('node:fs');
    const result = await readCorpusFile('word.docx', readFileSync('test/fixtures/speeches/word.docx'));
    assert.equal(result.ok, true);
    const text = (result as { text: string }).text;
    assert.match(text, /^在全区优化营商环境大会上的讲话\n/);
    assert.match(text, /同志们：/);
    assert.match(text, /我就讲这些，谢谢大家！/);
  });
});
