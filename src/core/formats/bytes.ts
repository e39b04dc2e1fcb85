/**
 * Bytes as text where the formats need it, the same in every host. `TextDecoder('latin1')` and `'windows-1252'` are
 * not: browsers decode both as Windows-1252 (0x93 → “), Node decodes both as ISO-8859-1 (0x93 → a control code).
 */

/** One character per byte, code = byte: for formats whose syntax is ASCII (RTF, MIME, file signatures). */
export function binaryString(bytes: Uint8Array, end = bytes.length): string {
  const parts: string[] = [];
  const last = Math.min(end, bytes.length);
  for (let at = 0; at < last; at += 8192) parts.push(String.fromCharCode(...bytes.subarray(at, Math.min(at + 8192, last))));
  return parts.join('');
}

/** Windows-1252 characters for 0x80–0x9F (the rest of the code page is ISO-8859-1); undefined codes stay as they are. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Windows-1252 text (Word's 8-bit pieces, RTF's `\'hh` in code page 1252), decoded by table. */
export function decodeWindows1252(bytes: Uint8Array | readonly number[]): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}
