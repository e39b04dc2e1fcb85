/**
 * Turns the bytes of a corpus file into text, or says why it cannot. UTF-8 (with or without BOM) is
 * tried strictly first, so GBK bytes are detected rather than garbled; GB18030 (a superset of GBK) is
 * accepted only when the result reads like Chinese, because GB18030 decodes almost any byte string.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName }
  | { readonly ok: false; readonly reason: string };

/** How many leading bytes are inspected for NUL bytes (binary files) before decoding. */
const BINARY_PROBE_BYTES = 8192;

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strictDecode(bytes.subarray(3), 'utf-8', 'utf-8-bom');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strictDecode(bytes.subarray(2), 'utf-16le', 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strictDecode(bytes.subarray(2), 'utf-16be', 'utf-16be');
  if (looksBinary(bytes)) return { ok: false, reason: 'binary file (contains NUL bytes)' };

  const utf8 = strictDecode(bytes, 'utf-8', 'utf-8');
  if (utf8.ok || utf8.reason.startsWith('empty')) return utf8;
  const gb = strictDecode(bytes, 'gb18030', 'gb18030');
  if (gb.ok && readsAsChinese(gb.text)) return gb;
  return { ok: false, reason: 'unknown encoding (neither UTF-8 nor GBK/GB18030 Chinese text)' };
}

function strictDecode(bytes: Uint8Array, label: string, name: TextEncodingName): DecodeResult {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    return { ok: false, reason: `this runtime cannot decode ${label}` };
  }
  try {
    const text = decoder.decode(bytes);
    return text.trim().length === 0 ? { ok: false, reason: 'empty file (whitespace only)' } : { ok: true, text, encoding: name };
  } catch {
    return { ok: false, reason: `invalid ${label}` };
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_PROBE_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Text decoded as GB18030 reads as Chinese when most of its non-ASCII characters are common CJK
 * ideographs or CJK punctuation; bytes in another encoding decode to rare ideographs, private-use
 * characters and symbols instead.
 */
function readsAsChinese(text: string): boolean {
  let nonAscii = 0;
  let chinese = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) continue;
    nonAscii++;
    if ((code >= 0x4e00 && code <= 0x9fa5) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef) || code === 0x2026 || code === 0x201c || code === 0x201d || code === 0x2018 || code === 0x2019 || code === 0x2014) chinese++;
  }
  return nonAscii > 0 && chinese / nonAscii >= 0.9;
}
