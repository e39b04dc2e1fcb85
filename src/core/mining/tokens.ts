/**
 * The corpus as interned token ids, one array per document, with clause boundaries: the shared input
 * of the token-based miners (phrases and templates).
 */
import type { Segment } from '../segmenter';

/** Marks a clause boundary in a token stream. */
export const BOUNDARY = -1;

const WORD = /^[\u4e00-\u9fa5]+$/;

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
    const ids: number[] = [];
    const lineOf: number[] = [];
    for (const paragraph of paragraphs) {
      for (const token of segment(paragraph.text)) {
        const id = WORD.test(token) ? table.intern(token, document) : BOUNDARY;
        if (id === BOUNDARY && ids[ids.length - 1] === BOUNDARY) continue;
        ids.push(id);
        lineOf.push(paragraph.line);
      }
      ids.push(BOUNDARY);
      lineOf.push(paragraph.line);
    }
    streams.push(Int32Array.from(ids));
    lines.push(Int32Array.from(lineOf));
  });
  return { table, streams, lines };
}
