/**
 * The passage index behind completion, ghost text and hover: the corpus cut into sentences ("passages"),
 * identical ones merged with the number of documents that use them, searchable by the clause a writer
 * is typing.
 *
 * What a passage is, and what a continuation is:
 * - A passage is a sentence of a corpus paragraph (with its heading marker, if any), or a library
 *   entry (a formula, a 排比 set, a closing, …) added as a passage of its kind. Passages are interned by
 *   their match form (`toMatchForm`), so `同志們,` and `同志们，` are one passage; each keeps the document
 *   count, and the file, line and paragraph of its first use.
 * - The typed text matches a passage at a clause start: the sentence start (`start`), or right after a
 *   clause mark (or a leading heading marker) inside it (`clause`); as a last resort anywhere inside
 *   (`inside`). The continuation is the rest of that sentence from the match point, so for a match at the
 *   sentence start it is the whole passage. The caller replaces the typed text with it. Clause-level pieces therefore need no passages of
 *   their own: typing `以学铸魂、以学增智、` continues the 排比 wherever it sits in a sentence.
 * - Ranking: `start` before `clause` before `inside`, then documents (more first), then the length of the
 *   continuation (shorter first). Library entries compete in the same ranking. When nothing continues the
 *   text exactly, a BM25 ranking over character bigrams (the fuzzy fallback) takes over.
 *
 * Layout (compact and typed, so a 50 MB corpus stays well under 100 MB):
 * - `text`: the match form of every stored paragraph and library entry, `\n` between them. Only
 *   paragraphs that hold the first use of some passage are stored. Where the written form differs (half-width
 *   punctuation, traditional characters) the original units are kept as patches (`patchPos`, `patchChars`):
 *   `toMatchForm` maps one unit to one, so offsets are shared.
 * - passages: `start`, `length`, `documents`, `entry` (library entry or -1) in `Int32Array`s; ids are in
 *   ranking order (most documents, then shortest first), so every posting list is best-first too.
 * - clause starts: every clause start of every passage, sorted by the text that follows it (`clausePos`,
 *   `clausePassage`): the `start`/`clause` matches of a query are one binary-searched range.
 * - bigrams: sorted keys (`bigramKeys`, two UTF-16 units in 32 bits) with CSR postings (`bigramOffsets`,
 *   `postings`, passage ids ascending) for `inside` matches, BM25 and hover. The commonest bigrams (in
 *   over 1% of passages, and over 2,000) keep no postings, like stop words (see `PRUNE_SHARE`).
 *
 * Pure: no `vscode`, no Node built-ins; runs in the web worker too. Queries take a time budget and return
 * what they have when it runs out.
 */
import { displayTitle, type EntryKind, type Library } from './library';
import { toMatchForm } from './normalize';
import { splitSentences } from './sentences';
import { parseCorpusFile, type ParsedDocument } from './structure';

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
  readonly bigramOffsets: Uint32Array;
  readonly postings: Int32Array;
  readonly clausePos: Int32Array;
  readonly clausePassage: Int32Array;
}

/** The kinds of library entries that compete with corpus passages by default. */
/** The shortest tail of a clause worth continuing on its own (two characters match too much). */
const MIN_TAIL_LENGTH = 3;

export const DEFAULT_LIBRARY_KINDS: readonly EntryKind[] = ['salutation', 'transition', 'parallel', 'template', 'quotation', 'closing', 'phrase'];

const DEFAULT_LIMIT = 20;
const NEWLINE = 10;
/** Clause and sentence marks in the match form (half-width forms are already full-width there). */
const CLAUSE_MARKS = new Set(Array.from('。！？；，、：…\n', ch => ch.charCodeAt(0)));
const EXACT_SCORE = 1e7;
/** BM25 parameters, the usual ones. */
const K1 = 1.2;
const B = 0.75;
/** Work caps: keep each query bounded whatever the corpus. */
const MAX_INSIDE_CANDIDATES = 5000;
const MAX_POSTINGS_PER_BIGRAM = 50000;
const MAX_FUZZY_BIGRAMS = 24;
const CHECK_EVERY = 4096;
/** A heading marker at the start of a passage or of the typed text (`（一）`, `1.`; `一、` `第一，` end with a mark). */
const LEADING_MARKER = /^(?:（[一二三四五六七八九十\d]{1,3}）|\d{1,2}\.(?!\d))\s*/;

function isMark(code: number): boolean {
  return CLAUSE_MARKS.has(code);
}

function defaultNow(): number {
  return performance.now();
}

/** A fresh copy of a string, so that the index does not keep a whole corpus file alive through a slice. */
function detach(text: string): string {
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

// ---------------------------------------------------------------------------------------------------
// Building

/** Open addressing from a 32-bit bigram key to a dense id, for the build. */
class BigramTable {
  private keys = new Uint32Array(1 << 16);
  private ids = new Int32Array(1 << 16).fill(-1);
  private mask = (1 << 16) - 1;
  size = 0;
  readonly keyOf: number[] = [];

  idOf(key: number): number {
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    for (;;) {
      const id = this.ids[slot];
      if (id < 0) break;
      if (this.keys[slot] === key) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    this.keys[slot] = key;
    this.ids[slot] = id;
    this.keyOf.push(key);
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    const capacity = oldKeys.length * 2;
    this.keys = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] < 0) continue;
      let slot = Math.imul(oldKeys[i], 0x9e3779b1) >>> 0 & this.mask;
      while (this.ids[slot] >= 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = oldKeys[i];
      this.ids[slot] = oldIds[i];
    }
  }
}

export interface CorpusText {
  readonly path: string;
  readonly text: string;
}

export interface PassageIndexInput {
  /** Corpus files, parsed here with the structure parser … */
  readonly files?: readonly CorpusText[];
  /** … or documents the caller already parsed (e.g. for mining). */
  readonly parsed?: readonly ParsedDocument[];
  /** Library entries to add as passages of their kind. */
  readonly library?: Library;
  readonly libraryKinds?: readonly EntryKind[];
}

/** Builds an index in one go. */
export function buildPassageIndex(input: PassageIndexInput): PassageIndex {
  const builder = new PassageIndexBuilder();
  for (const file of input.files ?? []) builder.addDocuments(parseCorpusFile(file.text, file.path));
  if (input.parsed) builder.addDocuments(input.parsed);
  if (input.library) builder.addLibrary(input.library, input.libraryKinds);
  return builder.build();
}

/** Add documents, then library entries, then `build()` once. */
export class PassageIndexBuilder {
  private readonly parts: string[] = [];
  private textLength = 0;
  private readonly patchPos: number[] = [];
  private readonly patchChars: string[] = [];
  private readonly paraStart: number[] = [];
  private readonly paraDoc: number[] = [];
  private readonly paraLine: number[] = [];
  private readonly paraPart: number[] = [];
  private readonly files: string[] = [];
  private readonly fileIds = new Map<string, number>();
  private readonly docTitle: (string | null)[] = [];
  private readonly docFile: number[] = [];
  private readonly docLine: number[] = [];
  private readonly entries: StoredEntry[] = [];
  private readonly passages = new Map<string, number>();
  private readonly passageStart: number[] = [];
  private readonly passageLength: number[] = [];
  private readonly passageDocs: number[] = [];
  private readonly passageLastDoc: number[] = [];
  private readonly passageEntry: number[] = [];
  private built = false;

  addDocuments(documents: readonly ParsedDocument[]): this {
    for (const doc of documents) this.addDocument(doc);
    return this;
  }

  addDocument(doc: ParsedDocument): this {
    this.assertOpen();
    const docId = this.docTitle.length;
    let fileId = this.fileIds.get(doc.file);
    if (fileId === undefined) {
      fileId = this.files.length;
      this.files.push(detach(doc.file));
      this.fileIds.set(doc.file, fileId);
    }
    this.docTitle.push(doc.title ? detach(doc.title.text) : null);
    this.docFile.push(fileId);
    this.docLine.push(doc.title?.line ?? doc.paragraphs[0]?.line ?? 1);
    if (doc.title) this.addParagraph(doc.title.text, doc.title.line, docId);
    for (const paragraph of doc.paragraphs) this.addParagraph(paragraph.text, paragraph.line, docId);
    return this;
  }

  /** Adds the entries of the given kinds as passages of their kind (after the documents they came from). */
  addLibrary(library: Library, kinds: readonly EntryKind[] = DEFAULT_LIBRARY_KINDS): this {
    this.assertOpen();
    const wanted = new Set(kinds);
    const byFileLine = new Map<string, number>();
    this.paraStart.forEach((_, k) => byFileLine.set(`${this.files[this.docFile[this.paraDoc[k]]]}\n${this.paraLine[k]}`, k));
    for (const entry of library.entries) {
      if (!wanted.has(entry.kind)) continue;
      const form = toMatchForm(entry.text);
      if (form.length < 2) continue;
      const first = entry.sources[0];
      const document = first ? library.documents[first.document] : undefined;
      const source: PassageSource = document
        ? { title: detach(displayTitle(document)), file: detach(document.file), line: first.line }
        : { title: '', file: '', line: 1 };
      let paragraph = document ? byFileLine.get(`${document.file}\n${first.line}`) ?? -1 : -1;
      let offset = -1;
      if (paragraph >= 0) {
        offset = this.parts[this.paraPart[paragraph]].indexOf(form);
        if (offset < 0) paragraph = -1;
      }
      const start = this.appendRegion(form, entry.text);
      this.entries.push({ id: entry.id, kind: entry.kind, snippet: detach(entry.snippet), source, paragraph, offset: Math.max(0, offset) });
      this.pushPassage(start, form.length, entry.documents, this.entries.length - 1);
    }
    return this;
  }

  build(): PassageIndex {
    this.assertOpen();
    this.built = true;
    const text = this.parts.join('');
    const count = this.passageStart.length;
    const order = Array.from({ length: count }, (_, i) => i);
    const docs = this.passageDocs;
    const lengths = this.passageLength;
    order.sort((a, b) => docs[b] - docs[a] || lengths[a] - lengths[b] || a - b);
    const passageStart = Int32Array.from(order, i => this.passageStart[i]);
    const passageLength = Int32Array.from(order, i => lengths[i]);
    const passageDocs = Int32Array.from(order, i => docs[i]);
    const passageEntry = Int32Array.from(order, i => this.passageEntry[i]);
    return new PassageIndex({
      text,
      patchPos: Int32Array.from(this.patchPos),
      patchChars: this.patchChars.join(''),
      paraStart: Int32Array.from(this.paraStart),
      paraDoc: Int32Array.from(this.paraDoc),
      paraLine: Int32Array.from(this.paraLine),
      files: this.files,
      docTitle: this.docTitle,
      docFile: Int32Array.from(this.docFile),
      docLine: Int32Array.from(this.docLine),
      entries: this.entries,
      passageStart,
      passageLength,
      passageDocs,
      passageEntry,
      ...buildBigrams(text, passageStart, passageLength),
      ...buildClauseStarts(text, passageStart, passageLength),
    });
  }

  private assertOpen(): void {
    if (this.built) throw new Error('PassageIndexBuilder: build() was already called');
  }

  private addParagraph(text: string, line: number, docId: number): void {
    let form: string | undefined;
    let paraOffset = -1;
    for (const span of splitSentences(text)) {
      const start = span.start;
      const length = span.text.length;
      if (length < 2) continue;
      form ??= toMatchForm(text);
      const key = form.slice(start, start + length);
      let id = this.passages.get(key);
      if (id === undefined) {
        if (paraOffset < 0) paraOffset = this.storeParagraph(form, text, docId, line);
        id = this.pushPassage(paraOffset + start, length, 0, -1);
        this.passages.set(key, id);
      }
      if (this.passageLastDoc[id] !== docId) {
        this.passageLastDoc[id] = docId;
        this.passageDocs[id]++;
      }
    }
  }

  private pushPassage(start: number, length: number, documents: number, entry: number): number {
    this.passageStart.push(start);
    this.passageLength.push(length);
    this.passageDocs.push(documents);
    this.passageLastDoc.push(-1);
    this.passageEntry.push(entry);
    return this.passageStart.length - 1;
  }

  private storeParagraph(form: string, text: string, docId: number, line: number): number {
    this.paraDoc.push(docId);
    this.paraLine.push(line);
    this.paraPart.push(this.parts.length);
    const start = this.appendRegion(form, text);
    this.paraStart.push(start);
    return start;
  }

  /** Appends a match form (and the patches back to its written form); returns its offset in `text`. */
  private appendRegion(form: string, original: string): number {
    const start = this.textLength;
    if (form !== original) {
      for (let i = 0; i < form.length; i++) {
        if (form.charCodeAt(i) !== original.charCodeAt(i)) {
          this.patchPos.push(start + i);
          this.patchChars.push(original[i]);
        }
      }
    }
    this.parts.push(form, '\n');
    this.textLength += form.length + 1;
    return start;
  }
}

/**
 * Bigrams in more than this share of passages (and in more than `PRUNE_FLOOR`) keep their key but no
 * postings: like stop words, they cost much memory (about 45% of all postings for a 50 MB corpus at 1%)
 * and tell little. Exact `start`/`clause` matches do not use postings; `inside` matches are verified in
 * the text; BM25 scores them near zero anyway.
 */
const PRUNE_SHARE = 0.01;
const PRUNE_FLOOR = 2000;

function buildBigrams(text: string, starts: Int32Array, lengths: Int32Array): Pick<PassageIndexData, 'bigramKeys' | 'bigramOffsets' | 'postings'> {
  const count = starts.length;
  let total = 0;
  for (let p = 0; p < count; p++) total += Math.max(0, lengths[p] - 1);
  const table = new BigramTable();
  // The distinct bigram ids of each passage, in passage order: first pass counts, second fills.
  const sequence = new Int32Array(total);
  const sequenceStart = new Int32Array(count + 1);
  let lastSeen = new Int32Array(1024).fill(-1);
  let counts = new Int32Array(1024);
  let used = 0;
  for (let p = 0; p < count; p++) {
    sequenceStart[p] = used;
    const end = starts[p] + lengths[p] - 1;
    for (let i = starts[p]; i < end; i++) {
      const id = table.idOf(((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0);
      if (id >= lastSeen.length) {
        const seen = new Int32Array(lastSeen.length * 2).fill(-1);
        seen.set(lastSeen);
        lastSeen = seen;
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
      if (lastSeen[id] === p) continue;
      lastSeen[id] = p;
      counts[id]++;
      sequence[used++] = id;
    }
  }
  sequenceStart[count] = used;
  const bigrams = table.size;
  const maxDf = Math.max(PRUNE_FLOOR, Math.floor(PRUNE_SHARE * count));
  const byKey = Array.from({ length: bigrams }, (_, id) => id).sort((a, b) => table.keyOf[a] - table.keyOf[b]);
  const rank = new Int32Array(bigrams);
  const bigramKeys = new Uint32Array(bigrams);
  const bigramOffsets = new Uint32Array(bigrams + 1);
  byKey.forEach((id, r) => {
    rank[id] = r;
    bigramKeys[r] = table.keyOf[id];
    bigramOffsets[r + 1] = bigramOffsets[r] + (counts[id] <= maxDf ? counts[id] : 0);
  });
  const postings = new Int32Array(bigramOffsets[bigrams]);
  const cursor = bigramOffsets.slice(0, bigrams);
  for (let p = 0; p < count; p++) {
    for (let j = sequenceStart[p]; j < sequenceStart[p + 1]; j++) {
      const id = sequence[j];
      if (counts[id] <= maxDf) postings[cursor[rank[id]]++] = p;
    }
  }
  return { bigramKeys, bigramOffsets, postings };
}

/** Compares the text from `a` and from `b` up to the end of their regions (`\n`). */
function compareSuffixes(text: string, a: number, b: number): number {
  for (;;) {
    const ca = text.charCodeAt(a++);
    const cb = text.charCodeAt(b++);
    if (ca !== cb) return ca - cb;
    if (ca === NEWLINE || Number.isNaN(ca)) return 0;
  }
}

function buildClauseStarts(text: string, starts: Int32Array, lengths: Int32Array): Pick<PassageIndexData, 'clausePos' | 'clausePassage'> {
  const positions: number[] = [];
  const owners: number[] = [];
  for (let p = 0; p < starts.length; p++) {
    const start = starts[p];
    const end = start + lengths[p];
    positions.push(start);
    owners.push(p);
    const marker = LEADING_MARKER.exec(text.slice(start, Math.min(end, start + 8)))?.[0].length ?? 0;
    if (marker > 0 && start + marker < end) {
      positions.push(start + marker);
      owners.push(p);
    }
    for (let i = start + 1; i < end; i++) {
      if (isMark(text.charCodeAt(i - 1)) && !isMark(text.charCodeAt(i)) && text.charCodeAt(i) !== 32) {
        positions.push(i);
        owners.push(p);
      }
    }
  }
  const order = Array.from({ length: positions.length }, (_, i) => i);
  order.sort((x, y) => compareSuffixes(text, positions[x], positions[y]) || owners[x] - owners[y] || positions[x] - positions[y]);
  return { clausePos: Int32Array.from(order, i => positions[i]), clausePassage: Int32Array.from(order, i => owners[i]) };
}

// ---------------------------------------------------------------------------------------------------
// Querying

interface PostingRange {
  readonly from: number;
  readonly to: number;
  readonly key: number;
}

interface Candidate {
  readonly passage: number;
  readonly pos: number;
  /** 0 start, 1 clause, 2 inside. */
  readonly tier: number;
  readonly documents: number;
  /** Length of the continuation. */
  readonly length: number;
}

const TIERS: readonly MatchPosition[] = ['start', 'clause', 'inside'];

function better(a: Candidate, b: Candidate): number {
  return a.tier - b.tier || b.documents - a.documents || a.length - b.length || a.passage - b.passage || a.pos - b.pos;
}

/** A best-first list of at most `capacity` candidates. */
class Pool {
  readonly items: Candidate[] = [];
  constructor(private readonly capacity: number) {}

  /** Whether a candidate with these keys could enter (cheap test before building one). */
  admits(tier: number, documents: number, length: number): boolean {
    if (this.items.length < this.capacity) return true;
    const worst = this.items[this.items.length - 1];
    return tier < worst.tier || (tier === worst.tier && (documents > worst.documents || (documents === worst.documents && length < worst.length)));
  }

  add(candidate: Candidate): void {
    const items = this.items;
    if (items.length >= this.capacity && better(candidate, items[items.length - 1]) >= 0) return;
    let i = items.length;
    if (items.length < this.capacity) items.push(candidate);
    else i = items.length - 1;
    while (i > 0 && better(candidate, items[i - 1]) < 0) {
      items[i] = items[i - 1];
      i--;
    }
    items[i] = candidate;
  }
}

class Clock {
  private readonly deadline: number;
  expired = false;
  constructor(private readonly now: () => number, budgetMs: number | undefined) {
    this.deadline = budgetMs === undefined ? Number.POSITIVE_INFINITY : now() + budgetMs;
  }

  check(): boolean {
    if (!this.expired && this.deadline !== Number.POSITIVE_INFINITY && this.now() >= this.deadline) this.expired = true;
    return this.expired;
  }
}

export class PassageIndex {
  private scores: Float32Array | undefined;
  private hits: Uint16Array | undefined;
  private readonly averageLength: number;

  constructor(readonly data: PassageIndexData) {
    let total = 0;
    for (let p = 0; p < data.passageLength.length; p++) total += data.passageLength[p];
    this.averageLength = data.passageLength.length > 0 ? total / data.passageLength.length : 1;
  }

  get passageCount(): number {
    return this.data.passageStart.length;
  }

  stats(): PassageIndexStats {
    const d = this.data;
    const arrays = [d.patchPos, d.paraStart, d.paraDoc, d.paraLine, d.docFile, d.docLine, d.passageStart, d.passageLength, d.passageDocs,
      d.passageEntry, d.bigramKeys, d.bigramOffsets, d.postings, d.clausePos, d.clausePassage];
    return {
      documents: d.docTitle.length,
      paragraphs: d.paraDoc.length,
      passages: d.passageStart.length,
      libraryPassages: d.entries.length,
      clauseStarts: d.clausePos.length,
      bigrams: d.bigramKeys.length,
      postings: d.postings.length,
      textUnits: d.text.length,
      bytes: arrays.reduce((sum, array) => sum + array.byteLength, 0) + 2 * (d.text.length + d.patchChars.length),
    };
  }

  /**
   * Continuations of `typed` (the sentence or clause before the cursor). Its tails that start at a clause
   * start are tried longest first; the first with exact continuations decides `replaceFrom`. Without any,
   * the last clause is matched fuzzily.
   */
  complete(typed: string, options: QueryOptions = {}): CompletionResult {
    const clock = new Clock(options.now ?? defaultNow, options.budgetMs);
    const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
    const minLength = Math.max(1, options.minLength ?? 2);
    let form = toMatchForm(typed);
    let offset = form.lastIndexOf('\n') + 1;
    while (offset < form.length && /[\s]/.test(form[offset])) offset++;
    form = form.slice(offset);
    const starts = clauseStarts(form);
    for (const start of starts) {
      const query = form.slice(start);
      if (query.length < minLength) break;
      const candidates = this.exact(query, limit, clock);
      if (candidates.length > 0) return { items: this.materialise(candidates, query.length, limit), replaceFrom: offset + start, exact: true, timedOut: clock.expired };
      if (clock.check()) return { items: [], replaceFrom: offset + start, exact: false, timedOut: true };
    }
    const last = starts.length > 0 ? starts[starts.length - 1] : 0;
    // Nothing continues the whole clause: its longest tail that the corpus does continue. A writer typing
    // 我们要坚持以学 wants 坚持以学铸魂… in place of 坚持以学, not a fuzzy guess at the whole clause.
    for (let start = last + 1; form.length - start >= MIN_TAIL_LENGTH && !clock.check(); start++) {
      const tail = form.slice(start);
      const candidates = this.exact(tail, limit, clock);
      if (candidates.length > 0) return { items: this.materialise(candidates, tail.length, limit), replaceFrom: offset + start, exact: true, timedOut: clock.expired };
    }
    const query = form.slice(last);
    if (options.fuzzy === false || query.length < Math.max(2, minLength) || clock.check()) {
      return { items: [], replaceFrom: offset + last, exact: false, timedOut: clock.expired };
    }
    // Rerank the BM25 pool by how many of the typed bigrams sit where the alignment puts them.
    const d = this.data;
    const aligned: { passage: number; pos: number; score: number }[] = [];
    for (const { passage, score } of this.fuzzy(query, limit * 4, clock)) {
      const { pos, votes } = this.align(query, passage);
      // A continuation shorter than what was typed continues nothing.
      if (d.passageStart[passage] + d.passageLength[passage] - pos < query.length) continue;
      aligned.push({ passage, pos, score: votes * 1000 + (score % 1000) });
    }
    aligned.sort((a, b) => b.score - a.score || a.passage - b.passage);
    const candidates = aligned.map(({ passage, pos, score }) => ({ passage, pos, tier: 3, documents: d.passageDocs[passage], length: 0, score }));
    return { items: this.materialise(candidates, query.length, limit), replaceFrom: offset + last, exact: false, timedOut: clock.expired };
  }

  /** The corpus passage a draft sentence comes from, or closely matches (bigram Dice ≥ threshold). */
  findSource(sentence: string, options: SourceOptions = {}): SourceMatch | undefined {
    const clock = new Clock(options.now ?? defaultNow, options.budgetMs);
    const threshold = options.threshold ?? 0.6;
    const form = toMatchForm(sentence).trim();
    if (form.length < 2) return undefined;
    const candidates = this.exact(form, 1, clock);
    if (candidates.length > 0) {
      const best = candidates[0];
      const item = this.continuation(best, form.length, EXACT_SCORE, best.documents);
      const matchStart = item.context.start;
      return { kind: item.kind, source: item.source, documents: item.documents, similarity: 1, exact: true, timedOut: clock.expired,
        context: { paragraph: item.context.paragraph, start: matchStart, end: matchStart + form.length } };
    }
    if (clock.check()) return undefined;
    const queryBigrams = bigramSet(form, 0, form.length);
    let best: { passage: number; similarity: number } | undefined;
    for (const { passage } of this.fuzzy(form, 10, clock)) {
      const start = this.data.passageStart[passage];
      const passageBigrams = bigramSet(this.data.text, start, start + this.data.passageLength[passage]);
      let shared = 0;
      for (const key of queryBigrams) if (passageBigrams.has(key)) shared++;
      const similarity = (2 * shared) / (queryBigrams.size + passageBigrams.size || 1);
      if (!best || similarity > best.similarity) best = { passage, similarity };
    }
    if (!best || best.similarity < threshold) return undefined;
    const pos = this.data.passageStart[best.passage];
    const documents = this.data.passageDocs[best.passage];
    const item = this.continuation({ passage: best.passage, pos, tier: 3, documents, length: 0 }, 0, 0, documents);
    return { kind: item.kind, source: item.source, documents: item.documents, similarity: best.similarity, exact: false, timedOut: clock.expired, context: item.context };
  }

  // -- exact -------------------------------------------------------------------------------------------

  /** Exact continuations, best first (at most `3 × limit`, before merging identical texts). */
  private exact(query: string, limit: number, clock: Clock): Candidate[] {
    const d = this.data;
    const pool = new Pool(limit * 3);
    const lo = this.lowerBound(query, false);
    const hi = this.lowerBound(query, true);
    let found = 0;
    for (let i = lo; i < hi; i++) {
      if ((i - lo) % CHECK_EVERY === CHECK_EVERY - 1 && clock.check()) break;
      const passage = d.clausePassage[i];
      const pos = d.clausePos[i];
      const end = d.passageStart[passage] + d.passageLength[passage];
      if (pos + query.length > end) continue;
      found++;
      const tier = pos === d.passageStart[passage] ? 0 : 1;
      const documents = d.passageDocs[passage];
      if (pool.admits(tier, documents, end - pos)) pool.add({ passage, pos, tier, documents, length: end - pos });
    }
    if (found < limit && query.length >= 2 && !clock.check()) this.inside(query, pool, limit - found, lo, hi, clock);
    return pool.items;
  }

  /** First clause start whose text is ≥ `query` (or > when `after`), comparing `query.length` units. */
  private lowerBound(query: string, after: boolean): number {
    const { clausePos, text } = this.data;
    let lo = 0;
    let hi = clausePos.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const pos = clausePos[mid];
      let cmp = 0;
      for (let k = 0; k < query.length; k++) {
        const c = text.charCodeAt(pos + k);
        const q = query.charCodeAt(k);
        if (c !== q) {
          cmp = c === NEWLINE ? -1 : c - q;
          break;
        }
      }
      if (cmp < 0 || (after && cmp === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Matches inside a clause: intersect the bigram postings, rarest first, and verify in the text. */
  private inside(query: string, pool: Pool, wanted: number, lo: number, hi: number, clock: Clock): void {
    const d = this.data;
    const lists = this.postingLists(query, true)?.lists;
    if (!lists || lists.length === 0) return;
    const seen = new Set<number>();
    for (let i = lo; i < hi; i++) seen.add(d.clausePassage[i]);
    const [rarest, ...others] = lists;
    const cursors = others.map(list => list.from);
    const first = query.charCodeAt(0);
    let added = 0;
    const scanEnd = Math.min(rarest.to, rarest.from + MAX_INSIDE_CANDIDATES);
    outer: for (let j = rarest.from; j < scanEnd; j++) {
      if ((j - rarest.from) % 512 === 511 && clock.check()) return;
      const passage = d.postings[j];
      for (let k = 0; k < others.length; k++) {
        const list = others[k];
        const at = gallop(d.postings, cursors[k], list.to, passage);
        cursors[k] = at;
        if (at >= list.to || d.postings[at] !== passage) continue outer;
      }
      if (seen.has(passage)) continue;
      const start = d.passageStart[passage];
      const end = start + d.passageLength[passage];
      for (let pos = start + 1; pos + query.length <= end; pos++) {
        if (d.text.charCodeAt(pos) !== first || !d.text.startsWith(query, pos)) continue;
        pool.add({ passage, pos, tier: 2, documents: d.passageDocs[passage], length: end - pos });
        added++;
        break;
      }
      if (added >= wanted) return;
    }
  }

  /** The posting ranges of the query's distinct bigrams, rarest first; undefined if one is missing and `all`. */
  private postingLists(query: string, all: boolean): { lists: PostingRange[]; counted: number } | undefined {
    const d = this.data;
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
      else lists.push({ from: d.bigramOffsets[r], to: d.bigramOffsets[r + 1], key });
    }
    lists.sort((a, b) => a.to - a.from - (b.to - b.from) || a.key - b.key);
    return { lists, counted: keys.size - pruned };
  }

  // -- fuzzy -------------------------------------------------------------------------------------------

  /**
   * Passages sharing at least half of the query's bigrams, ranked by how many they share, then by BM25
   * (so a short passage with few of them does not beat the sentence that has all but the mistyped one).
   * The score is `1000 × shared bigrams + BM25`; `complete` reranks by bigrams in place (see `align`).
   */
  private fuzzy(query: string, limit: number, clock: Clock): { passage: number; score: number }[] {
    const d = this.data;
    const count = this.passageCount;
    const found = this.postingLists(query, false);
    if (!found || found.lists.length === 0 || count === 0) return [];
    const used = found.lists.slice(0, MAX_FUZZY_BIGRAMS);
    const minHits = Math.max(1, Math.ceil(Math.min(found.counted, MAX_FUZZY_BIGRAMS) * 0.5));
    this.scores ??= new Float32Array(count);
    this.hits ??= new Uint16Array(count);
    const scores = this.scores;
    const hits = this.hits;
    const touched: number[] = [];
    for (const list of used) {
      if (clock.check()) break;
      const df = list.to - list.from;
      const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
      const end = Math.min(list.to, list.from + MAX_POSTINGS_PER_BIGRAM);
      for (let j = list.from; j < end; j++) {
        const p = d.postings[j];
        if (hits[p] === 0) touched.push(p);
        hits[p]++;
        scores[p] += (idf * (K1 + 1)) / (1 + K1 * (1 - B + (B * d.passageLength[p]) / this.averageLength));
      }
    }
    const best: { passage: number; score: number }[] = [];
    for (const p of touched) {
      if (hits[p] >= minHits) {
        const score = hits[p] * 1000 + scores[p];
        if (best.length < limit || score > best[best.length - 1].score) {
          let i = best.length < limit ? best.length : limit - 1;
          if (best.length < limit) best.push({ passage: p, score });
          while (i > 0 && (best[i - 1].score < score || (best[i - 1].score === score && best[i - 1].passage > p))) {
            best[i] = best[i - 1];
            i--;
          }
          best[i] = { passage: p, score };
        }
      }
      scores[p] = 0;
      hits[p] = 0;
    }
    return best;
  }

  /** Where in the passage the (mistyped) query most likely starts: the offset most of its bigrams agree on. */
  private align(query: string, passage: number): { pos: number; votes: number } {
    const d = this.data;
    const start = d.passageStart[passage];
    const end = start + d.passageLength[passage];
    const votes = new Map<number, number>();
    for (let i = 0; i + 1 < query.length; i++) {
      const bigram = query.slice(i, i + 2);
      const at = d.text.indexOf(bigram, start);
      if (at < 0 || at + 2 > end) continue;
      const pos = Math.min(end - 1, Math.max(start, at - i));
      votes.set(pos, (votes.get(pos) ?? 0) + 1);
    }
    let best = start;
    let bestVotes = 0;
    for (const [pos, n] of votes) {
      if (n > bestVotes || (n === bestVotes && pos < best)) {
        best = pos;
        bestVotes = n;
      }
    }
    return { pos: best, votes: bestVotes };
  }

  // -- results -----------------------------------------------------------------------------------------

  /**
   * The first `limit` distinct continuations (by match form) of best-first candidates, as results. When a
   * corpus passage and a library entry give the same text, the item keeps the better rank and shows the
   * entry (kind, snippet), with the larger document count.
   */
  private materialise(candidates: readonly (Candidate & { score?: number })[], typedLength: number, limit: number): Continuation[] {
    const d = this.data;
    const kept = new Map<string, { candidate: Candidate; score: number; documents: number }>();
    for (const candidate of candidates) {
      const key = d.text.slice(candidate.pos, d.passageStart[candidate.passage] + d.passageLength[candidate.passage]);
      const score = candidate.score ?? EXACT_SCORE * (3 - candidate.tier) + Math.min(candidate.documents, 9999) * 1000 + (999 - Math.min(candidate.length, 999));
      const same = kept.get(key);
      if (!same) {
        if (kept.size < limit) kept.set(key, { candidate, score, documents: candidate.documents });
        continue;
      }
      same.documents = Math.max(same.documents, candidate.documents);
      if (d.passageEntry[same.candidate.passage] < 0 && d.passageEntry[candidate.passage] >= 0) same.candidate = candidate;
    }
    return [...kept.values()].map(({ candidate, score, documents }) => this.continuation(candidate, typedLength, score, documents));
  }

  private continuation(candidate: Candidate, typedLength: number, score: number, documents: number): Continuation {
    const d = this.data;
    const { passage, pos } = candidate;
    const start = d.passageStart[passage];
    const end = start + d.passageLength[passage];
    const text = this.original(pos, end);
    const clause = text.slice(0, clauseEnd(d.text, Math.min(end, pos + typedLength), end) - pos);
    const match = candidate.tier < 3 ? TIERS[candidate.tier] : 'fuzzy';
    const entryIndex = d.passageEntry[passage];
    if (entryIndex >= 0) {
      const entry = d.entries[entryIndex];
      let context: PassageContext;
      if (entry.paragraph >= 0) {
        const from = d.paraStart[entry.paragraph];
        const at = entry.offset + (pos - start);
        context = { paragraph: this.original(from, d.text.indexOf('\n', from)), start: at, end: at + (end - pos) };
      } else {
        context = { paragraph: this.original(start, end), start: pos - start, end: end - start };
      }
      return {
        text, clause, kind: entry.kind, match, documents, score, source: entry.source, context,
        ...(pos === start ? { snippet: entry.snippet } : {}), entryId: entry.id,
      };
    }
    const paragraph = upperBound(d.paraStart, pos) - 1;
    const from = d.paraStart[paragraph];
    const doc = d.paraDoc[paragraph];
    const file = d.files[d.docFile[doc]];
    return {
      text, clause, kind: 'passage', match, documents, score,
      source: { title: displayTitle({ title: d.docTitle[doc], file, line: d.docLine[doc] }), file, line: d.paraLine[paragraph] },
      context: { paragraph: this.original(from, d.text.indexOf('\n', from)), start: pos - from, end: end - from },
    };
  }

  /** The written form of `text[from, to)`. */
  private original(from: number, to: number): string {
    const { text, patchPos, patchChars } = this.data;
    let i = upperBound(patchPos, from - 1);
    if (i >= patchPos.length || patchPos[i] >= to) return text.slice(from, to);
    let out = '';
    let at = from;
    for (; i < patchPos.length && patchPos[i] < to; i++) {
      out += text.slice(at, patchPos[i]) + patchChars[i];
      at = patchPos[i] + 1;
    }
    return out + text.slice(at, to);
  }
}

const CLOSERS = new Set(Array.from('”’」』）》"\'', ch => ch.charCodeAt(0)));

/**
 * Offsets where a tail of the typed text may start, longest tail first: the start (after closing quotes
 * left over from the previous sentence), after a heading marker, and after every run of clause marks
 * (with the closing quotes that follow them).
 */
function clauseStarts(form: string): number[] {
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
function clauseEnd(text: string, from: number, end: number): number {
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

function bigramSet(text: string, from: number, to: number): Set<number> {
  const set = new Set<number>();
  for (let i = from; i + 1 < to; i++) set.add(((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0);
  return set;
}

function findKey(keys: Uint32Array, key: number): number {
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

/** First index in [from, to) with `array[i] >= value` (ascending array), by galloping from `from`. */
function gallop(array: Int32Array, from: number, to: number, value: number): number {
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < to && array[hi] < value) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, to);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with `array[i] > value` (ascending array). */
function upperBound(array: Int32Array, value: number): number {
  let lo = 0;
  let hi = array.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
