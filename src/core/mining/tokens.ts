/**
 * The corpus as interned token ids, one array per document, with clause boundaries: the shared input
 * of the token-based miners (phrases and templates).
 */
import type { Segment } from '../segmenter';
import { PairTable } from './pairTable';

/** Marks a clause boundary in a token stream. */
export const BOUNDARY = -1;

/** jieba keeps runs of Han characters apart from punctuation, digits and Latin: the first unit decides. */
function isWord(token: string): boolean {
  const code = token.charCodeAt(0);
  return code >= 0x4e00 && code <= 0x9fa5;
}

/** An Int32Array that grows: token streams are millions long, and number[] costs four times the memory. */
class IntBuffer {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  last(): number | undefined {
    return this.length > 0 ? this.data[this.length - 1] : undefined;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Token text ↔ id, append-only: a corpus service keeps one for its lifetime so a file's cached token ids stay
 * valid when other files change. Ids carry no meaning beyond identity (miners break ties by text).
 */
export class TokenDictionary {
  private readonly ids = new Map<string, number>();
  /**
   * Words of one to three Han characters (nearly every token) keyed by their character codes: a pair table
   * of small integers answers without hashing each fresh string the segmenter returns.
   */
  private readonly short = new PairTable();
  private shortIds = new Int32Array(1024);
  readonly texts: string[] = [];

  intern(token: string): number {
    const length = token.length;
    if (length <= 3) {
      const c0 = token.charCodeAt(0) - HAN_FIRST;
      const c1 = length > 1 ? token.charCodeAt(1) - HAN_FIRST : -1;
      const c2 = length > 2 ? token.charCodeAt(2) - HAN_FIRST : -1;
      if (c0 >= 0 && c0 < HAN_COUNT && c1 < HAN_COUNT && c2 < HAN_COUNT && (length < 2 || c1 >= 0) && (length < 3 || c2 >= 0)) {
        const known = this.short.size;
        const pair = this.short.add(c0 * HAN_COUNT + c1 + 1, c2, 0);
        if (pair < known) return this.shortIds[pair];
        if (pair >= this.shortIds.length) {
          const grown = new Int32Array(this.shortIds.length * 2);
          grown.set(this.shortIds);
          this.shortIds = grown;
        }
        this.shortIds[pair] = this.add(token);
        return this.shortIds[pair];
      }
    }
    return this.ids.get(token) ?? this.add(token);
  }

  private add(token: string): number {
    const id = this.texts.length;
    this.ids.set(token, id);
    this.texts.push(token);
    return id;
  }
}

/** The CJK Unified Ideographs the word tokens are made of (the range `isWord` tests). */
const HAN_FIRST = 0x4e00;
const HAN_COUNT = 0x9fa5 - 0x4e00 + 1;

/** One document's tokens: ids (BOUNDARY between clauses and paragraphs) and each position's 1-based line. */
export interface DocumentTokens {
  readonly ids: Int32Array;
  readonly lines: Int32Array;
}

export interface TokenizedCorpus {
  readonly table: { readonly texts: readonly string[]; readonly counts: Int32Array };
  /** Per document: token ids of its paragraphs, BOUNDARY between clauses and paragraphs. */
  readonly streams: readonly Int32Array[];
  /** Per document: for each position, the 1-based file line of its paragraph. */
  readonly lines: readonly Int32Array[];
}

/** Segments one document's paragraphs; punctuation, digits and Latin text become clause boundaries. */
export function segmentDocument(paragraphs: readonly { line: number; text: string }[], segment: Segment, dictionary: TokenDictionary): DocumentTokens {
  const ids = new IntBuffer();
  const lineOf = new IntBuffer();
  for (const paragraph of paragraphs) {
    for (const token of segment(paragraph.text)) {
      const id = isWord(token) ? dictionary.intern(token) : BOUNDARY;
      if (id === BOUNDARY && ids.last() === BOUNDARY) continue;
      ids.push(id);
      lineOf.push(paragraph.line);
    }
    ids.push(BOUNDARY);
    lineOf.push(paragraph.line);
  }
  return { ids: ids.toArray(), lines: lineOf.toArray() };
}

/** The corpus the token miners read: the documents' streams and how often each token occurs in them. */
export function tokenCorpus(documents: readonly DocumentTokens[], dictionary: TokenDictionary): TokenizedCorpus {
  const counts = new Int32Array(dictionary.texts.length);
  for (const { ids } of documents) {
    for (let i = 0; i < ids.length; i++) if (ids[i] !== BOUNDARY) counts[ids[i]]++;
  }
  return { table: { texts: dictionary.texts, counts }, streams: documents.map(doc => doc.ids), lines: documents.map(doc => doc.lines) };
}
