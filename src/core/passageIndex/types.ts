/** The passage index's public types and its data layout (see `index.ts` for what a passage is). */
import type { EntryKind } from '../library';

export type PassageKind = 'passage' | EntryKind;

/** Where the typed text was found in the passage; `fuzzy` for the BM25 fallback. */
export type MatchPosition = 'start' | 'clause' | 'inside' | 'fuzzy';

export interface PassageSource {
  /** The document as a writer names it (`displayTitle`). */
  readonly title: string;
  readonly file: string;
  /** 1-based line in the file. */
  readonly line: number;
}

export interface PassageContext {
  /** The paragraph around the passage, as written (for a library entry without one: the entry). */
  readonly paragraph: string;
  /** The range of interest in `paragraph`: the continuation (completion) or the matched text (hover). */
  readonly start: number;
  readonly end: number;
}

export interface Continuation {
  /** What replaces the typed text: the rest of the passage from the match point, as written in the corpus. */
  readonly text: string;
  /** `text` cut after the first clause that goes beyond the typed text: a short ghost-text continuation. */
  readonly clause: string;
  readonly kind: PassageKind;
  readonly match: MatchPosition;
  /** Library entries matched from their start: the entry's snippet (placeholders as tab stops) and id. */
  readonly snippet?: string;
  readonly entryId?: string;
  readonly source: PassageSource;
  readonly context: PassageContext;
  /** Documents that use the passage (for a library entry: the entry's count). */
  readonly documents: number;
  /** Higher is better; comparable within one result. Exact matches score ≥ 1e7, fuzzy ones below. */
  readonly score: number;
}

export interface CompletionResult {
  /** Best first, no two with the same `text`. */
  readonly items: readonly Continuation[];
  /** Offset in the query text where the replaced part starts (a clause start, 0 for the whole text). */
  readonly replaceFrom: number;
  /** Whether the items continue the text exactly (otherwise they are fuzzy matches or there are none). */
  readonly exact: boolean;
  /** The time budget ran out: the items are what was found until then. */
  readonly timedOut: boolean;
}

export interface QueryOptions {
  /** Most items to return (default 20). */
  readonly limit?: number;
  /** Time budget in `now()` units (milliseconds); unlimited when absent. */
  readonly budgetMs?: number;
  /** The clock; default `performance.now()`. */
  readonly now?: () => number;
  /** Fall back to fuzzy matches when nothing continues the text (default true). */
  readonly fuzzy?: boolean;
  /** Shortest text (in UTF-16 units) worth matching (default 2). */
  readonly minLength?: number;
}

export interface SourceMatch {
  readonly kind: PassageKind;
  readonly source: PassageSource;
  /** The paragraph, and the range in it that matches the sentence (the whole passage for a close match). */
  readonly context: PassageContext;
  readonly documents: number;
  /** 1 for an exact match, else the Dice coefficient of the character bigrams. */
  readonly similarity: number;
  readonly exact: boolean;
  readonly timedOut: boolean;
}

export interface SourceOptions {
  /** Lowest similarity that counts as a match (default 0.6). */
  readonly threshold?: number;
  readonly budgetMs?: number;
  readonly now?: () => number;
}

export interface PassageIndexStats {
  readonly documents: number;
  readonly paragraphs: number;
  readonly passages: number;
  readonly libraryPassages: number;
  readonly clauseStarts: number;
  readonly bigrams: number;
  readonly postings: number;
  readonly textUnits: number;
  /** Bytes held by the typed arrays and the text (2 bytes a unit), an estimate of the index's memory. */
  readonly bytes: number;
}

/** A library entry stored in the index. */
export interface StoredEntry {
  readonly id: string;
  readonly kind: EntryKind;
  readonly snippet: string;
  readonly source: PassageSource;
  /** The stored paragraph the entry was found in (-1: none) and the entry's offset in it. */
  readonly paragraph: number;
  readonly offset: number;
}

/** Everything an index is made of; what the serialised form holds. Internal to the core. */
export interface PassageIndexData {
  readonly text: string;
  readonly patchPos: Int32Array;
  readonly patchChars: string;
  /** Start of each stored paragraph in `text` (ascending; a paragraph ends at the next `\n`). */
  readonly paraStart: Int32Array;
  readonly paraDoc: Int32Array;
  readonly paraLine: Int32Array;
  readonly files: readonly string[];
  readonly docTitle: readonly (string | null)[];
  readonly docFile: Int32Array;
  readonly docLine: Int32Array;
  readonly entries: readonly StoredEntry[];
  readonly passageStart: Int32Array;
  readonly passageLength: Int32Array;
  readonly passageDocs: Int32Array;
  readonly passageEntry: Int32Array;
  readonly bigramKeys: Uint32Array;
  /** Per bigram (and one past the last): how many postings come before its list; a list's length is its df. */
  readonly bigramOffsets: Uint32Array;
  /** Per bigram (and one past the last): where its list starts in `postingBytes`. */
  readonly postingOffsets: Uint32Array;
  /** The posting lists: passage ids ascending, as LEB128 varints of the gaps (see `PostingCursor`). */
  readonly postingBytes: Uint8Array;
  readonly clausePos: Int32Array;
  readonly clausePassage: Int32Array;
}

