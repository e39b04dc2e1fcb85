/**
 * The corpus as interned token ids, one array per document, with clause boundaries: the shared input
 * of the token-based miners (phrases and templates).
 */
import type { Segment } from '../segmenter';

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

export class TokenTable {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  /** How many times each token occurs. */
  readonly counts: number[] = [];
  /** In how many documents each token occurs. */
  readonly documentCounts: number[] = [];
  private readonly lastDocument: number[] = [];

  intern(token: string, document: number): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(token, id);
      this.texts.push(token);
      this.counts.push(0);
      this.documentCounts.push(0);
      this.lastDocument.push(-1);
    }
    this.counts[id]++;
    if (this.lastDocument[id] !== document) {
      this.lastDocument[id] = document;
      this.documentCounts[id]++;
    }
    return id;
  }
}

export interface TokenizedCorpus {
  readonly table: TokenTable;
  /** Per document: token ids of its paragraphs, BOUNDARY between clauses and paragraphs. */
  readonly streams: readonly Int32Array[];
  /** Per document: for each position, the 1-based file line of its paragraph. */
  readonly lines: readonly Int32Array[];
}

/** Segments every paragraph; punctuation, digits and Latin text become clause boundaries. */
export function tokenize(documents: readonly (readonly { line: number; text: string }[])[], segment: Segment): TokenizedCorpus {
  const table = new TokenTable();
  const streams: Int32Array[] = [];
  const lines: Int32Array[] = [];
  documents.forEach((paragraphs, document) => {
    const ids = new IntBuffer();
    const lineOf = new IntBuffer();
    for (const paragraph of paragraphs) {
      for (const token of segment(paragraph.text)) {
        const id = isWord(token) ? table.intern(token, document) : BOUNDARY;
        if (id === BOUNDARY && ids.last() === BOUNDARY) continue;
        ids.push(id);
        lineOf.push(paragraph.line);
      }
      ids.push(BOUNDARY);
      lineOf.push(paragraph.line);
    }
    streams.push(ids.toArray());
    lines.push(lineOf.toArray());
  });
  return { table, streams, lines };
}
