/**
 * The corpus as interned token ids, one array per document, with clause boundaries: the shared input
 * of the token-based miners (phrases and templates), and the word counts they share.
 */
import type { Segment } from '../segmenter';

/** Marks a clause boundary in a token stream. */
export const BOUNDARY = -1;

/**
 * The CJK Unified Ideographs words are made of. jieba keeps runs of Han characters apart from punctuation, digits
 * and Latin, so a token's first unit tells a word from a boundary.
 */
const HAN_FIRST = 0x4e00;
const HAN_COUNT = 0x9fa5 - 0x4e00 + 1;

/** Where a two-character word's key is first looked for: a multiplicative hash, its high bits. */
function homeSlot(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 8) & mask;
}

/**
 * Token text ↔ id, append-only: a corpus service keeps one for its lifetime so a file's cached token ids stay
 * valid when other files change. Ids carry no meaning beyond identity (miners break ties by text).
 */
export class TokenDictionary {
  private readonly ids = new Map<string, number>();
  /**
   * Nearly every token is one or two Han characters: those are found by their character codes (a direct
   * table for one character, open addressing over int keys for two) without hashing each fresh string the
   * segmenter returns; the Map serves the rest.
   */
  private readonly singles = new Int32Array(HAN_COUNT).fill(-1);
  private pairKeys = new Int32Array(1 << 14);
  private pairIds = new Int32Array(1 << 14);
  private pairCount = 0;
  readonly texts: string[] = [];

  /** The token's id, or BOUNDARY when it is not a word (punctuation, digits, Latin). */
  idOf(token: string): number {
    const c0 = token.charCodeAt(0) - HAN_FIRST;
    if (!(c0 >= 0 && c0 < HAN_COUNT)) return BOUNDARY; // also NaN, for an empty token
    if (token.length === 1) {
      const id = this.singles[c0];
      return id >= 0 ? id : (this.singles[c0] = this.add(token));
    }
    const c1 = token.charCodeAt(1) - HAN_FIRST;
    if (token.length === 2 && c1 >= 0 && c1 < HAN_COUNT) return this.pairId(token, c0 * HAN_COUNT + c1 + 1);
    return this.ids.get(token) ?? this.add(token);
  }

  /** `key` (> 0, below 2^29) identifies a two-character word. */
  private pairId(token: string, key: number): number {
    const mask = this.pairKeys.length - 1;
    let slot = homeSlot(key, mask);
    for (let stored = this.pairKeys[slot]; stored !== 0; stored = this.pairKeys[slot]) {
      if (stored === key) return this.pairIds[slot];
      slot = (slot + 1) & mask;
    }
    const id = this.add(token);
    this.pairKeys[slot] = key;
    this.pairIds[slot] = id;
    if (++this.pairCount * 2 > this.pairKeys.length) this.growPairs();
    return id;
  }

  private growPairs(): void {
    const { pairKeys, pairIds } = this;
    this.pairKeys = new Int32Array(pairKeys.length * 2);
    this.pairIds = new Int32Array(pairKeys.length * 2);
    const mask = this.pairKeys.length - 1;
    for (let i = 0; i < pairKeys.length; i++) {
      const key = pairKeys[i];
      if (key === 0) continue;
      let slot = homeSlot(key, mask);
      while (this.pairKeys[slot] !== 0) slot = (slot + 1) & mask;
      this.pairKeys[slot] = key;
      this.pairIds[slot] = pairIds[i];
    }
  }

  private add(token: string): number {
    const id = this.texts.length;
    this.ids.set(token, id);
    this.texts.push(token);
    return id;
  }
}

/**
 * One document's tokens: ids (BOUNDARY between clauses and paragraphs), and where each paragraph's tokens end
 * with its 1-based line (a line per paragraph, not per token: a corpus has millions of tokens).
 */
export interface DocumentTokens {
  readonly ids: Int32Array;
  readonly paragraphEnds: Int32Array;
  readonly paragraphLines: Int32Array;
}

/** The 1-based file line of the paragraph that holds token `position`. */
export function lineAt(tokens: DocumentTokens, position: number): number {
  const { paragraphEnds, paragraphLines } = tokens;
  let low = 0;
  let high = paragraphEnds.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (paragraphEnds[middle] > position) high = middle;
    else low = middle + 1;
  }
  return paragraphLines[low];
}

/** Reused by every call: a document's ids are gathered here, then copied out at their final length. */
let scratch = new Int32Array(1 << 16);

/**
 * How much text is cut before its tokens are looked up. Between cuts the segmenter's large working set pushes
 * the dictionary's tables out of the CPU caches; looking up a batch's tokens in one pass finds them warm, and a
 * batch this size holds a few megabytes of token strings at most.
 */
const BATCH_CHARACTERS = 1 << 17;

interface CutParagraph {
  readonly tokens: readonly string[];
  readonly paragraphs: readonly { line: number; text: string }[];
  readonly index: number;
}

/**
 * Segments documents (each a list of paragraphs) into token ids; punctuation, digits and Latin text become
 * clause boundaries, and each paragraph ends with one.
 */
export function segmentDocuments(documents: readonly (readonly { line: number; text: string }[])[], segment: Segment, dictionary: TokenDictionary): DocumentTokens[] {
  const results: DocumentTokens[] = [];
  let length = 0;
  let paragraphEnds = new Int32Array(0);
  let batch: CutParagraph[] = [];
  let batchCharacters = 0;
  const lookUpBatch = (): void => {
    for (const { tokens, paragraphs, index } of batch) {
      if (length + tokens.length + 1 > scratch.length) {
        const grown = new Int32Array(Math.max(scratch.length * 2, length + tokens.length + 1));
        grown.set(scratch.subarray(0, length));
        scratch = grown;
      }
      for (let t = 0; t < tokens.length; t++) {
        const id = dictionary.idOf(tokens[t]);
        if (id === BOUNDARY && length > 0 && scratch[length - 1] === BOUNDARY) continue;
        scratch[length++] = id;
      }
      scratch[length++] = BOUNDARY;
      if (index === 0) paragraphEnds = new Int32Array(paragraphs.length);
      paragraphEnds[index] = length;
      if (index < paragraphs.length - 1) continue;
      results.push({ ids: scratch.slice(0, length), paragraphEnds, paragraphLines: Int32Array.from(paragraphs, paragraph => paragraph.line) });
      length = 0;
    }
    batch = [];
    batchCharacters = 0;
  };
  for (const paragraphs of documents) {
    if (paragraphs.length === 0) {
      lookUpBatch(); // the documents before it come first
      results.push({ ids: new Int32Array(0), paragraphEnds: new Int32Array(0), paragraphLines: new Int32Array(0) });
      continue;
    }
    paragraphs.forEach((paragraph, index) => {
      batch.push({ tokens: segment(paragraph.text), paragraphs, index });
      batchCharacters += paragraph.text.length;
      if (batchCharacters >= BATCH_CHARACTERS) lookUpBatch();
    });
  }
  lookUpBatch();
  return results;
}

/**
 * How often each word occurs in the corpus (the token miners' shared statistics), kept up to date as files are
 * added and taken away, so a changed file costs a walk over its own tokens.
 */
export class WordCounts {
  counts = new Int32Array(1 << 12);

  constructor(readonly dictionary: TokenDictionary) {}

  get words(): readonly string[] {
    return this.dictionary.texts;
  }

  add(documents: readonly DocumentTokens[], sign: 1 | -1): void {
    if (this.counts.length < this.dictionary.texts.length) {
      const grown = new Int32Array(Math.max(this.counts.length * 2, this.dictionary.texts.length));
      grown.set(this.counts);
      this.counts = grown;
    }
    const { counts } = this;
    for (const { ids } of documents) {
      for (let i = 0; i < ids.length; i++) if (ids[i] !== BOUNDARY) counts[ids[i]] += sign;
    }
  }
}
