/**
 * A file's token ids, kept beside the library cache: a new window that loaded the library from the cache has no
 * segmented files, and the first change to the corpus would otherwise segment every file again to mine it (jieba
 * is most of mining's time). Each blob carries its own vocabulary, so it is valid with any `TokenDictionary`.
 *
 * Layout (every section at a multiple of 4 bytes; the header and counts little-endian, the id and paragraph sections
 * in the platform's byte order, which is little-endian wherever VS Code runs):
 *   "SDTK", format, text length, text check (a hash of the text the tokens were cut from, other than the one the
 *   caller names the blob by: a blob of another text is refused even if those collide), checksum of everything after
 *   the header (a damaged blob would otherwise mine wrong words without a sign)
 *   vocabulary byte length, vocabulary (JSON array of the file's words, UTF-8), padding
 *   id width (2 or 4), document count, then per document: token count, paragraph count
 *   per document: ids (0 for a clause boundary, else 1 + the word's place in the vocabulary), padding; then
 *   each paragraph's end (Int32)
 */
import { fnv1a } from '../library';
import type { ParsedDocument } from '../structure';
import { BOUNDARY, type DocumentTokens, type TokenDictionary } from './tokens';

const MAGIC = 0x4b544453; // "SDTK" read as a little-endian uint32
const TOKEN_CACHE_FORMAT = 1;

const HEADER_BYTES = 20;

function padded(length: number): number {
  return (length + 3) & ~3;
}

/** A 32-bit hash of the text, independent of FNV-1a (`stableHash`, which callers name blobs by). */
function textCheck(text: string): number {
  let hash = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
}

/** FNV-1a over the bytes after the header. */
function checksum(bytes: Uint8Array): number {
  return fnv1a(bytes.subarray(HEADER_BYTES));
}

/** The blob of one file's tokens; `text` is the file's text they were cut from, `dictionary` the one that numbered them. */
export function encodeFileTokens(text: string, tokens: readonly DocumentTokens[], dictionary: TokenDictionary): Uint8Array {
  // Local vocabulary: the file's words in order of first use; `localOf` holds 1 + a word's place in it (0: unseen).
  const localOf = new Int32Array(dictionary.texts.length);
  const words: string[] = [];
  for (const { ids } of tokens) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id >= localOf.length) throw new Error('encodeFileTokens: the tokens were numbered by another dictionary');
      if (id !== BOUNDARY && localOf[id] === 0) {
        words.push(dictionary.texts[id]);
        localOf[id] = words.length;
      }
    }
  }
  const vocabulary = new TextEncoder().encode(JSON.stringify(words));
  const width = words.length < 0xffff ? 2 : 4;
  let size = HEADER_BYTES + 4 + padded(vocabulary.length) + 8 + tokens.length * 8;
  for (const { ids, paragraphEnds } of tokens) size += padded(ids.length * width) + paragraphEnds.length * 4;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = HEADER_BYTES;
  const u32 = (value: number): void => {
    view.setUint32(at, value, true);
    at += 4;
  };
  u32(vocabulary.length);
  bytes.set(vocabulary, at);
  at += padded(vocabulary.length);
  u32(width);
  u32(tokens.length);
  for (const { ids, paragraphEnds } of tokens) {
    u32(ids.length);
    u32(paragraphEnds.length);
  }
  for (const { ids, paragraphEnds } of tokens) {
    const local = width === 2 ? new Uint16Array(bytes.buffer, at, ids.length) : new Uint32Array(bytes.buffer, at, ids.length);
    for (let i = 0; i < ids.length; i++) local[i] = ids[i] === BOUNDARY ? 0 : localOf[ids[i]];
    at += padded(ids.length * width);
    new Int32Array(bytes.buffer, at, paragraphEnds.length).set(paragraphEnds);
    at += paragraphEnds.length * 4;
  }
  at = 0;
  for (const value of [MAGIC, TOKEN_CACHE_FORMAT, text.length, textCheck(text), checksum(bytes)]) u32(value);
  return bytes;
}

/**
 * The tokens of a file parsed as `parsed` from `text`, in `dictionary`'s ids; undefined when the blob is of another
 * format or another text, or does not fit the parse (then the file is segmented as usual). Throws nothing.
 */
export function decodeFileTokens(blob: Uint8Array, text: string, parsed: readonly ParsedDocument[], dictionary: TokenDictionary): DocumentTokens[] | undefined {
  try {
    return decode(new Uint8Array(blob), text, parsed, dictionary); // a copy: typed views need an aligned buffer of their own
  } catch {
    return undefined; // truncated or damaged
  }
}

function decode(bytes: Uint8Array, text: string, parsed: readonly ParsedDocument[], dictionary: TokenDictionary): DocumentTokens[] | undefined {
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u32 = (): number => {
    const value = view.getUint32(at, true);
    at += 4;
    return value;
  };
  if (u32() !== MAGIC || u32() !== TOKEN_CACHE_FORMAT || u32() !== text.length || u32() !== textCheck(text) || u32() !== checksum(bytes)) return undefined;
  const vocabularyLength = u32();
  const words: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + vocabularyLength)));
  at += padded(vocabularyLength);
  if (!Array.isArray(words) || !words.every(word => typeof word === 'string' && word.length > 0)) return undefined;
  const globalIds = Int32Array.from(words as string[], word => dictionary.idOf(word));
  if (globalIds.includes(BOUNDARY)) return undefined; // not a word: not a blob of ours
  const width = u32();
  const documentCount = u32();
  if ((width !== 2 && width !== 4) || documentCount !== parsed.length) return undefined;
  const shapes = parsed.map(() => ({ tokens: u32(), paragraphs: u32() }));
  const result: DocumentTokens[] = [];
  for (const [d, shape] of shapes.entries()) {
    const paragraphs = parsed[d].paragraphs;
    if (shape.paragraphs !== paragraphs.length) return undefined;
    const local = width === 2 ? new Uint16Array(bytes.buffer, at, shape.tokens) : new Uint32Array(bytes.buffer, at, shape.tokens);
    at += padded(shape.tokens * width);
    const ids = new Int32Array(shape.tokens);
    for (let i = 0; i < ids.length; i++) {
      const word = local[i];
      if (word > globalIds.length) return undefined;
      ids[i] = word === 0 ? BOUNDARY : globalIds[word - 1];
    }
    const paragraphEnds = new Int32Array(bytes.buffer.slice(at, at + shape.paragraphs * 4));
    at += shape.paragraphs * 4;
    if ((paragraphEnds.length > 0 ? paragraphEnds[paragraphEnds.length - 1] : 0) !== ids.length) return undefined;
    if (paragraphEnds.some((end, p) => end < (p > 0 ? paragraphEnds[p - 1] : 0))) return undefined;
    result.push({ ids, paragraphEnds, paragraphLines: Int32Array.from(paragraphs, paragraph => paragraph.line) });
  }
  return at === bytes.length ? result : undefined;
}
