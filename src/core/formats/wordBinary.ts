/**
 * The text of a Word 97-2003 `.doc` (and of a WPS `.wps` written by WPS Office 2005 or later, which uses the same
 * layout): the compound file is opened with `cfb` (SheetJS), and the main document's characters are gathered from
 * the piece table in reading order ([MS-DOC] 2.4.1 "Retrieving Text"). Footnotes, headers and text boxes follow the
 * main text in the stream and are left out, as a reader of the speech would.
 */
import * as CFB from 'cfb';
import { decodeWindows1252 } from './bytes';
import type { FormatResult } from './result';

const WORD_SIGNATURE = 0xa5ec;
/** Word 97 and later; Word 6/95 files have their own layout. */
const FIRST_WORD97_NFIB = 0x00c1;
const FLAG_ENCRYPTED = 0x0100;
const FLAG_TABLE_STREAM_1 = 0x0200;
/** Where the FIB's variable parts start ([MS-DOC] 2.5.1 Fib): after the 32-byte FibBase comes `csw`. */
const FIB_BASE_LENGTH = 32;
/** `ccpText` is the fourth long of FibRgLw97; `fcClx`/`lcbClx` the 34th pair of FibRgFcLcb97. */
const CCP_TEXT_INDEX = 3;
const CLX_PAIR_INDEX = 33;

/** Streams that tell what a compound file is when it is not a Word document. */
const OTHER_KINDS: readonly { readonly stream: string; readonly reason: string }[] = [
  { stream: 'EncryptedPackage', reason: 'password-protected document (remove the password in Word or WPS, then save again)' },
  { stream: 'Workbook', reason: 'not a Word document (a spreadsheet)' },
  { stream: 'Book', reason: 'not a Word document (a spreadsheet)' },
  { stream: 'PowerPoint Document', reason: 'not a Word document (a presentation)' },
];

export function readWordBinary(bytes: Uint8Array): FormatResult {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: 'array' });
  } catch (error) {
    return { ok: false, reason: `damaged or truncated document (${firstLine(error)})` };
  }
  const wordStream = streamBytes(container, 'WordDocument');
  if (!wordStream) {
    const other = OTHER_KINDS.find(kind => streamBytes(container, kind.stream));
    if (other) return { ok: false, reason: other.reason };
    return { ok: false, reason: 'not a Word document (an older WPS file, or another program’s; open it in WPS or Word and save it as .docx)' };
  }
  try {
    return readWordDocument(container, wordStream);
  } catch (error) {
    // A stream shorter than its own tables says it was cut off.
    return { ok: false, reason: `damaged or truncated document (${firstLine(error)})` };
  }
}

function readWordDocument(container: CFB.CFB$Container, word: Uint8Array): FormatResult {
  const view = new DataView(word.buffer, word.byteOffset, word.byteLength);
  if (word.length < 0x200 || view.getUint16(0, true) !== WORD_SIGNATURE) return { ok: false, reason: 'damaged or truncated document (no Word header)' };
  const nFib = view.getUint16(2, true);
  if (nFib < FIRST_WORD97_NFIB) return { ok: false, reason: 'Word 95 or older document (open it in Word or WPS and save it as .docx)' };
  const flags = view.getUint16(0x0a, true);
  if (flags & FLAG_ENCRYPTED) return { ok: false, reason: 'password-protected document (remove the password in Word or WPS, then save again)' };

  const cswOffset = FIB_BASE_LENGTH;
  const csw = view.getUint16(cswOffset, true);
  const cslwOffset = cswOffset + 2 + csw * 2;
  const cslw = view.getUint16(cslwOffset, true);
  const rgLwOffset = cslwOffset + 2;
  const ccpText = view.getInt32(rgLwOffset + CCP_TEXT_INDEX * 4, true);
  const cbRgFcLcbOffset = rgLwOffset + cslw * 4;
  const rgFcLcbOffset = cbRgFcLcbOffset + 2;
  const fcClx = view.getUint32(rgFcLcbOffset + CLX_PAIR_INDEX * 8, true);
  const lcbClx = view.getUint32(rgFcLcbOffset + CLX_PAIR_INDEX * 8 + 4, true);

  const table = streamBytes(container, flags & FLAG_TABLE_STREAM_1 ? '1Table' : '0Table');
  if (!table) return { ok: false, reason: 'damaged or truncated document (no table stream)' };
  if (fcClx + lcbClx > table.length || lcbClx === 0) return { ok: false, reason: 'damaged or truncated document (piece table out of range)' };
  const pieces = readPieceTable(table.subarray(fcClx, fcClx + lcbClx));
  const text = cleanWordText(gatherText(word, pieces, ccpText));
  return text.trim() ? { ok: true, text } : { ok: false, reason: 'Word document without text' };
}

interface Piece {
  readonly cpStart: number;
  readonly cpEnd: number;
  /** Byte offset of the piece's first character in the WordDocument stream. */
  readonly fc: number;
  /** One byte a character (Windows-1252) instead of UTF-16. */
  readonly compressed: boolean;
}

/** The Clx: property modifiers (type 1) to pass over, then the piece table (type 2): CPs and piece descriptors. */
function readPieceTable(clx: Uint8Array): Piece[] {
  const view = new DataView(clx.buffer, clx.byteOffset, clx.byteLength);
  let at = 0;
  while (at < clx.length && clx[at] === 0x01) at += 3 + view.getUint16(at + 1, true);
  if (clx[at] !== 0x02) throw new Error('no piece table');
  const length = view.getUint32(at + 1, true);
  const start = at + 5;
  if (start + length > clx.length) throw new Error('piece table cut off');
  const count = (length - 4) / 12; // n+1 CPs of 4 bytes and n descriptors of 8
  if (!Number.isInteger(count) || count < 1) throw new Error('malformed piece table');
  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const cpStart = view.getUint32(start + i * 4, true);
    const cpEnd = view.getUint32(start + (i + 1) * 4, true);
    const fcValue = view.getUint32(start + (count + 1) * 4 + i * 8 + 2, true);
    const compressed = (fcValue & 0x40000000) !== 0;
    const fc = fcValue & 0x3fffffff;
    pieces.push({ cpStart, cpEnd, fc: compressed ? fc / 2 : fc, compressed });
  }
  return pieces;
}

const UTF16 = new TextDecoder('utf-16le');

/** The characters of the main document, CP 0 to `ccpText`, piece by piece. */
function gatherText(word: Uint8Array, pieces: readonly Piece[], ccpText: number): string {
  const parts: string[] = [];
  for (const piece of pieces) {
    const end = Math.min(piece.cpEnd, ccpText);
    if (piece.cpStart >= end) continue;
    const chars = end - piece.cpStart;
    const byteLength = piece.compressed ? chars : chars * 2;
    if (piece.fc + byteLength > word.length) throw new Error('text beyond the end of the file');
    const bytes = word.subarray(piece.fc, piece.fc + byteLength);
    parts.push(piece.compressed ? decodeWindows1252(bytes) : UTF16.decode(bytes));
  }
  return parts.join('');
}

/**
 * Word's control characters become plain text: paragraph marks (CR), line and page breaks and table cell marks end
 * a line; of a field (`\x13 code \x14 result \x15`) only its result is kept; object anchors are dropped.
 */
export function cleanWordText(raw: string): string {
  let out = '';
  /** Per open field: whether its result has begun (the code is over). */
  const inResult: boolean[] = [];
  /** How many open fields are still in their code: text is kept only when none is. */
  let inCode = 0;
  for (const ch of raw) {
    if (ch === '\x13') {
      inResult.push(false);
      inCode++;
      continue;
    }
    if (ch === '\x14') {
      if (inResult.length > 0 && !inResult[inResult.length - 1]) {
        inResult[inResult.length - 1] = true;
        inCode--;
      }
      continue;
    }
    if (ch === '\x15') {
      if (inResult.length > 0 && !inResult.pop()) inCode--;
      continue;
    }
    if (inCode > 0) continue;
    switch (ch) {
      case '\r': case '\x0b': case '\x0c': case '\x0e':
        out += '\n';
        break;
      case '\x07':
        out += '\t';
        break;
      case '\x1e':
        out += '-';
        break;
      case '\xa0':
        out += ' ';
        break;
      default:
        if (ch >= ' ' || ch === '\t') out += ch;
    }
  }
  // A table row ends with a cell mark and a row mark: the line ends there.
  return out.replace(/\t\t/g, '\n').replace(/\t\n/g, '\n');
}

function streamBytes(container: CFB.CFB$Container, name: string): Uint8Array | undefined {
  const entry = CFB.find(container, name);
  if (!entry || !entry.content || entry.content.length === 0) return undefined;
  return entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content);
}

/** The reader's own message, or for a slip inside a library (`reading 'length'` of a stream cut off) what it means. */
function firstLine(error: unknown): string {
  if (error instanceof TypeError || error instanceof RangeError) return 'the file is cut off or corrupted';
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
