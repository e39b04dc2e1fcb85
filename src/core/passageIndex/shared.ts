/** What the builder and the query tiers share: limits, clause marks, cursor helpers, bigram and search helpers. */
import type { EntryKind } from '../library';
import { toMatchForm, unitTable } from '../normalize';
import type { PassageIndexData } from './types';

/** The shortest tail of a clause worth continuing on its own (two characters match too much). */
export const MIN_TAIL_LENGTH = 3;

/** The kinds of library entries that compete with corpus passages by default. */
export const DEFAULT_LIBRARY_KINDS: readonly EntryKind[] = ['salutation', 'transition', 'parallel', 'template', 'quotation', 'closing', 'phrase'];

export const DEFAULT_LIMIT = 20;
/**
 * Clause and sentence marks in the match form (half-width forms are already full-width there), by UTF-16 unit: a
 * table, as a build asks about every unit of the corpus.
 */
const CLAUSE_MARKS = unitTable('。！？；，、：…\n');
export const EXACT_SCORE = 1e7;
/** BM25 parameters, the usual ones. */
export const K1 = 1.2;
export const B = 0.75;
/** Passages whose bigrams (or clause starts) are gathered between two steps of a build. */
export const PASSAGES_PER_STEP = 16384;
/** Work caps: keep each query bounded whatever the corpus. */
export const MAX_INSIDE_CANDIDATES = 5000;
export const MAX_POSTINGS_PER_BIGRAM = 50000;
export const MAX_FUZZY_BIGRAMS = 24;
export const CHECK_EVERY = 4096;
/** A heading marker at the start of a passage or of the typed text (`（一）`, `1.`; `一、` `第一，` end with a mark). */
export const LEADING_MARKER = /^(?:（[一二三四五六七八九十\d]{1,3}）|\d{1,2}\.(?!\d))\s*/;

export function isMark(code: number): boolean {
  return CLAUSE_MARKS[code] === 1;
}

export function defaultNow(): number {
  return performance.now();
}

/** A fresh copy of a string, so that the index does not keep a whole corpus file alive through a slice. */
export function detach(text: string): string {
  return text.length <= 12 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** The clause being typed: the text since the last sentence or clause mark (or line start). */
export function clauseBeforeCursor(textBeforeCursor: string): string {
  const form = toMatchForm(textBeforeCursor);
  let i = form.length;
  while (i > 0 && !isMark(form.charCodeAt(i - 1))) i--;
  return textBeforeCursor.slice(i);
}

/**
 * The sentence being typed: the text since the last sentence mark (or line start). `complete` accepts
 * it and matches its longest tail that starts at a clause start and has a continuation.
 */
export function sentenceBeforeCursor(textBeforeCursor: string): string {
  const form = toMatchForm(textBeforeCursor);
  let i = form.length;
  while (i > 0 && !/[。！？\n]/.test(form[i - 1])) i--;
  return textBeforeCursor.slice(i).replace(/^[\s\u3000]+/, '');
}

export interface PostingRange {
  /** Postings before the list (`bigramOffsets`): `to - from` is the list's length. */
  readonly from: number;
  readonly to: number;
  readonly key: number;
  /** Where the list starts in `postingBytes`. */
  readonly byte: number;
}

/** Walks one posting list (passage ids ascending, varints of the gaps) from its start. */
export class PostingCursor {
  /** The id read last: -1 before the first, and after the last. */
  value = -1;
  private at: number;
  private left: number;

  constructor(private readonly bytes: Uint8Array, list: PostingRange) {
    this.at = list.byte;
    this.left = list.to - list.from;
  }

  /** The next id, or -1 after the last. */
  next(): number {
    if (this.left === 0) return (this.value = -1);
    this.left--;
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.bytes[this.at++];
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return (this.value += gap);
  }

  /** The first id ≥ `target` from here on (the current one included), or -1 when the list has none. */
  seek(target: number): number {
    while (this.value < target) {
      if (this.left === 0) return (this.value = -1);
      this.next();
    }
    return this.value;
  }
}

/** The posting ranges of the query's distinct bigrams, rarest first; undefined if one is missing and `all`. */
export function postingLists(d: PassageIndexData, query: string, all: boolean): { lists: PostingRange[]; counted: number } | undefined {
  const keys = bigramSet(query, 0, query.length);
  const lists: PostingRange[] = [];
  let pruned = 0;
  for (const key of keys) {
    const r = findKey(d.bigramKeys, key);
    if (r < 0) {
      if (all) return undefined;
      continue;
    }
    // An empty list is a pruned common bigram: it filters nothing and scores little.
    if (d.bigramOffsets[r + 1] === d.bigramOffsets[r]) pruned++;
    else lists.push({ from: d.bigramOffsets[r], to: d.bigramOffsets[r + 1], key, byte: d.postingOffsets[r] });
  }
  lists.sort((a, b) => a.to - a.from - (b.to - b.from) || a.key - b.key);
  return { lists, counted: keys.size - pruned };
}

export const CLOSERS = new Set(Array.from('”’」』）》"\'', ch => ch.charCodeAt(0)));

/**
 * Offsets where a tail of the typed text may start, longest tail first: the start (after closing quotes
 * left over from the previous sentence), after a heading marker, and after every run of clause marks
 * (with the closing quotes that follow them).
 */
export function clauseStarts(form: string): number[] {
  const starts: number[] = [];
  let i = 0;
  while (i < form.length && CLOSERS.has(form.charCodeAt(i))) i++;
  const marker = LEADING_MARKER.exec(form.slice(i))?.[0].length ?? 0;
  if (marker > 0 && i + marker < form.length) {
    starts.push(i);
    i += marker;
  }
  let inRun = true;
  for (; i < form.length; i++) {
    const code = form.charCodeAt(i);
    if (isMark(code) || (inRun && CLOSERS.has(code))) inRun = true;
    else if (inRun) {
      starts.push(i);
      inRun = false;
    }
  }
  return starts;
}

/**
 * The end of the first clause after `from` that adds some text (not only marks), with its marks and
 * closing quotes, at most `end`.
 */
export function clauseEnd(text: string, from: number, end: number): number {
  let i = from;
  let content = false;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!isMark(code)) content = true;
    else if (content) break;
  }
  while (i < end && (isMark(text.charCodeAt(i)) || CLOSERS.has(text.charCodeAt(i)))) i++;
  return i;
}

export function bigramSet(text: string, from: number, to: number): Set<number> {
  const set = new Set<number>();
  for (let i = from; i + 1 < to; i++) set.add(((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0);
  return set;
}

export function findKey(keys: Uint32Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** First index with `array[i] > value` (ascending array). */
export function upperBound(array: Int32Array, value: number): number {
  let lo = 0;
  let hi = array.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
