/**
 * The passage index as bytes, so a cached corpus loads without re-indexing. One `Uint8Array`
 * (what `vscode.workspace.fs.writeFile` takes), little-endian:
 *
 *   0  magic `SDPI`
 *   4  u32 format version (`PASSAGE_INDEX_FORMAT_VERSION`)
 *   8  u32 byte-order mark 0x01020304 (typed arrays are written in the host's order; all our hosts are
 *      little-endian, and a mismatch is refused rather than misread)
 *  12  u32 length of the JSON header in bytes
 *  16  u32 checksum (FNV-1a over the 32-bit words of everything from byte 20 on)
 *  20  JSON header (UTF-8): files, document titles, library entries, and each section's element count
 *      then the sections, each starting at a multiple of 4: the text and the patch characters as UTF-16
 *      code units, then the `Int32Array`/`Uint32Array` sections in `SECTIONS` order, then the posting bytes
 *      (padded to a multiple of 4).
 *
 * `deserializePassageIndex` checks magic, version, byte order, checksum, lengths and the invariants the
 * queries rely on (ids and offsets in range, offsets ascending), and throws `PassageIndexFormatError`
 * with a plain message otherwise: a corrupt or outdated cache is rebuilt, never half-read. Loading is what a
 * cold start waits for, so it copies little: the text is decoded once, and the typed sections are one copy (the
 * index owns it, so the input buffer can be dropped) that every array views.
 */
import type { EntryKind } from '../library';
import { ENTRY_KINDS } from '../library';
import { finishSteps, type Steps } from '../steps';
import { PassageIndex } from './query';
import type { PassageIndexData, StoredEntry } from './types';

/** Bump when the layout or the meaning of the data changes. */
export const PASSAGE_INDEX_FORMAT_VERSION = 3;

const MAGIC = [0x53, 0x44, 0x50, 0x49]; // SDPI
const BYTE_ORDER = 0x01020304;
const PREFIX = 20;

export class PassageIndexFormatError extends Error {
  constructor(message: string) {
    super(`passage index: ${message}`);
    this.name = 'PassageIndexFormatError';
  }
}

type Int32Section = 'patchPos' | 'paraStart' | 'paraDoc' | 'paraLine' | 'docFile' | 'docLine' | 'passageStart' | 'passageLength'
  | 'passageDocs' | 'passageEntry' | 'clausePos' | 'clausePassage';
type Uint32Section = 'bigramKeys' | 'bigramOffsets' | 'postingOffsets';
const INT32_SECTIONS: readonly Int32Section[] = ['patchPos', 'paraStart', 'paraDoc', 'paraLine', 'docFile', 'docLine', 'passageStart',
  'passageLength', 'passageDocs', 'passageEntry', 'clausePos', 'clausePassage'];
const UINT32_SECTIONS: readonly Uint32Section[] = ['bigramKeys', 'bigramOffsets', 'postingOffsets'];
const BYTE_SECTION = 'postingBytes';

interface Header {
  readonly files: readonly string[];
  readonly docTitle: readonly (string | null)[];
  readonly entries: readonly StoredEntry[];
  readonly textUnits: number;
  readonly patchUnits: number;
  readonly lengths: Readonly<Record<string, number>>;
}

const align4 = (n: number): number => (n + 3) & ~3;

export function serializePassageIndex(index: PassageIndex): Uint8Array {
  return finishSteps(serializePassageIndexInSteps(index));
}

/** Text units copied, or 32-bit words summed, between two steps. */
const UNITS_PER_STEP = 1 << 20;

/** `serializePassageIndex` in steps of a few milliseconds (see `steps.ts`). */
export function* serializePassageIndexInSteps(index: PassageIndex): Steps<Uint8Array> {
  const d = index.data;
  const lengths: Record<string, number> = {};
  for (const name of INT32_SECTIONS) lengths[name] = d[name].length;
  for (const name of UINT32_SECTIONS) lengths[name] = d[name].length;
  lengths[BYTE_SECTION] = d.postingBytes.length;
  const header: Header = { files: d.files, docTitle: d.docTitle, entries: d.entries, textUnits: d.text.length, patchUnits: d.patchChars.length, lengths };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  let size = align4(PREFIX + headerBytes.length);
  const textAt = size;
  size = align4(size + 2 * d.text.length);
  const patchAt = size;
  size = align4(size + 2 * d.patchChars.length);
  const sectionAt = new Map<string, number>();
  for (const name of [...INT32_SECTIONS, ...UINT32_SECTIONS]) {
    sectionAt.set(name, size);
    size += 4 * lengths[name];
  }
  const bytesAt = size;
  size = align4(size + d.postingBytes.length);
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, PASSAGE_INDEX_FORMAT_VERSION, true);
  new Uint32Array(buffer, 8, 1)[0] = BYTE_ORDER;
  view.setUint32(12, headerBytes.length, true);
  bytes.set(headerBytes, PREFIX);
  const text = new Uint16Array(buffer, textAt, d.text.length);
  for (let from = 0; from < d.text.length; from += UNITS_PER_STEP) {
    writeUnits(text, d.text, from, Math.min(d.text.length, from + UNITS_PER_STEP));
    yield;
  }
  writeUnits(new Uint16Array(buffer, patchAt, d.patchChars.length), d.patchChars, 0, d.patchChars.length);
  for (const name of INT32_SECTIONS) new Int32Array(buffer, sectionAt.get(name), lengths[name]).set(d[name]);
  for (const name of UINT32_SECTIONS) new Uint32Array(buffer, sectionAt.get(name), lengths[name]).set(d[name]);
  bytes.set(d.postingBytes, bytesAt);
  yield;
  const sum = new Checksum(bytes);
  while (!sum.add(UNITS_PER_STEP)) yield;
  view.setUint32(16, sum.value(), true);
  return bytes;
}

export function deserializePassageIndex(input: Uint8Array): PassageIndex {
  if (!(input instanceof Uint8Array)) throw new PassageIndexFormatError('expected bytes (Uint8Array)');
  if (input.length < PREFIX || MAGIC.some((byte, i) => input[i] !== byte)) throw new PassageIndexFormatError('not a passage index (bad magic)');
  if (input.length % 4 !== 0) throw new PassageIndexFormatError('truncated (length not a multiple of 4)');
  // Typed views need 4-byte alignment: an input that lacks it (a slice of a larger buffer) is copied. Copies are made
  // with the Uint8Array constructor: a Node Buffer (what the Node extension host's file system returns) has a `slice`
  // that copies nothing.
  const bytes = input.byteOffset % 4 === 0 ? input : new Uint8Array(input);
  const { buffer, byteOffset } = bytes;
  const view = new DataView(buffer, byteOffset, bytes.length);
  const version = view.getUint32(4, true);
  if (version !== PASSAGE_INDEX_FORMAT_VERSION) {
    throw new PassageIndexFormatError(`format version ${version}, expected ${PASSAGE_INDEX_FORMAT_VERSION}: rebuild the index`);
  }
  if (new Uint32Array(buffer, byteOffset + 8, 1)[0] !== BYTE_ORDER) throw new PassageIndexFormatError('written on a host with another byte order');
  if (view.getUint32(16, true) !== checksum(bytes)) throw new PassageIndexFormatError('checksum mismatch (corrupt or truncated)');
  const headerLength = view.getUint32(12, true);
  if (PREFIX + headerLength > bytes.length) throw new PassageIndexFormatError('header runs past the end');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + headerLength))) as Header;
  } catch (error) {
    throw new PassageIndexFormatError(`unreadable header (${error instanceof Error ? error.message : String(error)})`);
  }
  checkHeader(header);

  let at = align4(PREFIX + headerLength);
  const take = (bytesWanted: number, what: string): number => {
    const start = at;
    if (start + bytesWanted > bytes.length) throw new PassageIndexFormatError(`${what} runs past the end`);
    at += bytesWanted;
    return start;
  };
  const text = readUnits(new Uint16Array(buffer, byteOffset + take(2 * header.textUnits, 'text'), header.textUnits));
  at = align4(at);
  const patchChars = readUnits(new Uint16Array(buffer, byteOffset + take(2 * header.patchUnits, 'patches'), header.patchUnits));
  at = align4(at);
  // The typed sections are contiguous: one copy holds them all, and each array views its part of it.
  const sectionsStart = at;
  const offsets = new Map<string, number>();
  for (const name of [...INT32_SECTIONS, ...UINT32_SECTIONS]) offsets.set(name, take(4 * header.lengths[name], name) - sectionsStart);
  const bytesAt = take(header.lengths[BYTE_SECTION], BYTE_SECTION) - sectionsStart;
  if (align4(at) !== bytes.length) throw new PassageIndexFormatError(`${bytes.length - align4(at)} stray bytes after the last section`);
  const sections = new Uint8Array(bytes.subarray(sectionsStart, at)).buffer;
  const int32 = {} as Record<Int32Section, Int32Array>;
  for (const name of INT32_SECTIONS) int32[name] = new Int32Array(sections, offsets.get(name), header.lengths[name]);
  const uint32 = {} as Record<Uint32Section, Uint32Array>;
  for (const name of UINT32_SECTIONS) uint32[name] = new Uint32Array(sections, offsets.get(name), header.lengths[name]);
  const postingBytes = new Uint8Array(sections, bytesAt, header.lengths[BYTE_SECTION]);

  const data: PassageIndexData = { text, patchChars, files: header.files, docTitle: header.docTitle, entries: header.entries, ...int32, ...uint32, postingBytes };
  checkData(data);
  return new PassageIndex(data);
}

function writeUnits(target: Uint16Array, text: string, from: number, to: number): void {
  for (let i = from; i < to; i++) target[i] = text.charCodeAt(i);
}

/**
 * The units back as a string, exactly: `TextDecoder` is ten times faster, but would replace a lone
 * surrogate (`fatal` makes it refuse instead), so such text takes the slow path of `fromCharCode` chunks.
 */
function readUnits(units: Uint16Array): string {
  try {
    return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(units);
  } catch {
    // lone surrogates: decoded unit by unit below
  }
  const chunks: string[] = [];
  for (let i = 0; i < units.length; i += 8192) chunks.push(String.fromCharCode(...units.subarray(i, i + 8192)));
  return chunks.join('');
}

/**
 * FNV-1a over the 32-bit words from byte `PREFIX` on (`bytes` 4-byte aligned), in four interleaved lanes that are
 * combined at the end: one lane is a chain of dependent multiplies, four keep the CPU busy, and a cold start reads
 * tens of megabytes. Cheap, and catches flipped or missing bytes.
 */
function checksum(bytes: Uint8Array): number {
  const sum = new Checksum(bytes);
  sum.add(Number.POSITIVE_INFINITY);
  return sum.value();
}

/** `checksum`, summed a given number of words at a time (to write an index in steps). */
class Checksum {
  private readonly words: Uint32Array;
  private readonly whole: number;
  private at = 0;
  private a = 0x811c9dc5;
  private b = 0x811c9dc5 ^ 1;
  private c = 0x811c9dc5 ^ 2;
  private d = 0x811c9dc5 ^ 3;

  constructor(bytes: Uint8Array) {
    this.words = new Uint32Array(bytes.buffer, bytes.byteOffset + PREFIX, (bytes.length - PREFIX) >> 2);
    this.whole = this.words.length & ~3;
  }

  /** Sums about `count` more words; true when every word is summed. */
  add(count: number): boolean {
    const { words } = this;
    const end = Math.min(this.whole, this.at + (Math.ceil(count / 4) * 4));
    let { a, b, c, d } = this;
    for (let i = this.at; i < end; i += 4) {
      a = Math.imul(a ^ words[i], 0x01000193);
      b = Math.imul(b ^ words[i + 1], 0x01000193);
      c = Math.imul(c ^ words[i + 2], 0x01000193);
      d = Math.imul(d ^ words[i + 3], 0x01000193);
    }
    Object.assign(this, { a, b, c, d, at: end });
    return end === this.whole;
  }

  value(): number {
    let { a } = this;
    for (let i = this.whole; i < this.words.length; i++) a = Math.imul(a ^ this.words[i], 0x01000193);
    for (const lane of [this.b, this.c, this.d]) a = Math.imul(a ^ lane, 0x01000193);
    return a >>> 0;
  }
}

function fail(what: string): never {
  throw new PassageIndexFormatError(`corrupt ${what}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkHeader(header: unknown): asserts header is Header {
  if (!isRecord(header)) fail('header');
  const { files, docTitle, entries, textUnits, patchUnits, lengths } = header;
  if (!Array.isArray(files) || !files.every(file => typeof file === 'string')) fail('header (files)');
  if (!Array.isArray(docTitle) || !docTitle.every(title => title === null || typeof title === 'string')) fail('header (titles)');
  if (!isCount(textUnits) || !isCount(patchUnits) || !isRecord(lengths)) fail('header (lengths)');
  for (const name of [...INT32_SECTIONS, ...UINT32_SECTIONS, BYTE_SECTION]) if (!isCount(lengths[name])) fail(`header (length of ${name})`);
  const kinds = new Set<string>(ENTRY_KINDS);
  if (!Array.isArray(entries)) fail('header (entries)');
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || typeof entry.kind !== 'string' || !kinds.has(entry.kind as EntryKind)
      || typeof entry.snippet !== 'string' || !Number.isInteger(entry.paragraph) || !isCount(entry.offset) || !isRecord(entry.source)
      || typeof entry.source.title !== 'string' || typeof entry.source.file !== 'string' || !Number.isInteger(entry.source.line)) fail('header (entry)');
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The invariants queries rely on: every id and offset in range, sorted arrays sorted. */
function checkData(d: PassageIndexData): void {
  const passages = d.passageStart.length;
  const paragraphs = d.paraStart.length;
  const documents = d.docTitle.length;
  const textLength = d.text.length;
  if (d.passageLength.length !== passages || d.passageDocs.length !== passages || d.passageEntry.length !== passages) fail('passage table');
  if (d.paraDoc.length !== paragraphs || d.paraLine.length !== paragraphs) fail('paragraph table');
  if (d.docFile.length !== documents || d.docLine.length !== documents) fail('document table');
  if (d.patchPos.length !== d.patchChars.length) fail('patches');
  const bigrams = d.bigramKeys.length;
  if (d.bigramOffsets.length !== bigrams + 1 || d.bigramOffsets[0] !== 0) fail('bigram offsets');
  if (d.postingOffsets.length !== bigrams + 1 || d.postingOffsets[0] !== 0 || d.postingOffsets[bigrams] !== d.postingBytes.length) fail('posting offsets');
  if (d.clausePassage.length !== d.clausePos.length) fail('clause starts');
  if (textLength > 0 && d.text.charCodeAt(textLength - 1) !== 10) fail('text');
  for (let i = 0; i < d.patchPos.length; i++) if (d.patchPos[i] < 0 || d.patchPos[i] >= textLength || (i > 0 && d.patchPos[i] <= d.patchPos[i - 1])) fail('patches');
  for (let i = 0; i < paragraphs; i++) {
    if (d.paraStart[i] < 0 || d.paraStart[i] >= textLength || (i > 0 && d.paraStart[i] <= d.paraStart[i - 1])) fail('paragraph offsets');
    if (d.paraDoc[i] < 0 || d.paraDoc[i] >= documents) fail('paragraph documents');
  }
  for (let i = 0; i < documents; i++) if (d.docFile[i] < 0 || d.docFile[i] >= d.files.length) fail('document files');
  for (const entry of d.entries) if (entry.paragraph < -1 || entry.paragraph >= paragraphs) fail('entry paragraph');
  for (let p = 0; p < passages; p++) {
    const start = d.passageStart[p];
    const end = start + d.passageLength[p];
    if (start < 0 || d.passageLength[p] < 1 || end >= textLength) fail('passage offsets');
    if (d.passageEntry[p] < -1 || d.passageEntry[p] >= d.entries.length || d.passageDocs[p] < 0) fail('passage table');
    if (d.passageEntry[p] < 0 && (paragraphs === 0 || start < d.paraStart[0])) fail('passage paragraph');
  }
  for (let b = 0; b < bigrams; b++) {
    if (b > 0 && d.bigramKeys[b] <= d.bigramKeys[b - 1]) fail('bigram keys');
    if (d.bigramOffsets[b + 1] < d.bigramOffsets[b] || d.postingOffsets[b + 1] < d.postingOffsets[b]) fail('bigram offsets');
    checkPostings(d.postingBytes, d.postingOffsets[b], d.postingOffsets[b + 1], d.bigramOffsets[b + 1] - d.bigramOffsets[b], passages);
  }
  for (let i = 0; i < d.clausePos.length; i++) {
    const p = d.clausePassage[i];
    if (p < 0 || p >= passages || d.clausePos[i] < d.passageStart[p] || d.clausePos[i] >= d.passageStart[p] + d.passageLength[p]) fail('clause starts');
  }
}

/** A posting list decodes to exactly `count` ids, ascending, below `passages`, and ends where the next starts. */
function checkPostings(bytes: Uint8Array, from: number, to: number, count: number, passages: number): void {
  let at = from;
  let id = -1;
  for (let n = 0; n < count; n++) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= to || shift > 28) fail('postings');
      byte = bytes[at++];
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    id += gap;
    if (gap <= 0 || id >= passages) fail('postings');
  }
  if (at !== to) fail('postings');
}
