/** Building a passage index: passages interned by match form, clause starts sorted, bigram postings (see `index.ts`). */
import { displayTitle, type EntryKind, type Library } from '../library';
import { toMatchForm } from '../normalize';
import { splitSentences } from '../sentences';
import { finishSteps, type Steps } from '../steps';
import { parseCorpusFile, type ParsedDocument } from '../structure';
import { PassageIndex } from './query';
import { bigramSet, DEFAULT_LIBRARY_KINDS, detach, findKey, isMark, LEADING_MARKER, PostingCursor } from './shared';
import type { PassageIndexData, PassageSource, StoredEntry } from './types';

/**
 * Open addressing from a 32-bit bigram key to a dense id, for the build. A slot is the high bits of the key times
 * a large odd number: the low bits of that product depend only on the key's low bits, the second character, and
 * every bigram ending in `的` would probe one run of slots.
 */
class BigramTable {
  private keys = new Uint32Array(1 << 16);
  private ids = new Int32Array(1 << 16).fill(-1);
  private shift = 16;
  size = 0;
  readonly keyOf: number[] = [];

  idOf(key: number): number {
    const mask = this.ids.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const id = this.ids[slot];
      if (id < 0) break;
      if (this.keys[slot] === key) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.size++;
    this.keys[slot] = key;
    this.ids[slot] = id;
    this.keyOf.push(key);
    if (this.size * 2 > mask) this.grow();
    return id;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    const capacity = oldKeys.length * 2;
    this.keys = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.shift--;
    const mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] < 0) continue;
      let slot = Math.imul(oldKeys[i], 0x9e3779b1) >>> this.shift;
      while (this.ids[slot] >= 0) slot = (slot + 1) & mask;
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
  /** … or documents the caller already parsed (e.g. for mining) … */
  readonly parsed?: readonly ParsedDocument[];
  /** … or files already split into passages (`splitPassages`, kept by `IncrementalPassageIndex`). */
  readonly split?: readonly SplitPassages[];
  /** Library entries to add as passages of their kind. */
  readonly library?: Library;
  readonly libraryKinds?: readonly EntryKind[];
}

/** Builds an index in one go. */
export function buildPassageIndex(input: PassageIndexInput): PassageIndex {
  const builder = new PassageIndexBuilder();
  for (const file of input.files ?? []) builder.addDocuments(parseCorpusFile(file.text, file.path));
  if (input.parsed) builder.addDocuments(input.parsed);
  for (const split of input.split ?? []) builder.addSplit(split);
  if (input.library) builder.addLibrary(input.library, input.libraryKinds);
  return builder.build();
}

/**
 * Documents cut into passages, on their own: their distinct passages (by match form) in order of first use, how
 * many of the documents use each, and the paragraphs that hold a first use. The cutting is most of an index's
 * build; a corpus keeps each file's, so a changed file alone is cut again (`IncrementalPassageIndex`).
 */
export interface SplitPassages {
  readonly documents: readonly { readonly file: string; readonly title: string | null; readonly line: number }[];
  /** Paragraphs with a first use, in order; `passages` holds (start, length, passage) for each first use in it. */
  readonly paragraphs: readonly { readonly document: number; readonly line: number; readonly form: string; readonly text: string; readonly passages: Int32Array }[];
  /** The distinct passages' match forms, in order of first use. */
  readonly passages: readonly string[];
  /** Per passage: how many of the documents use it. */
  readonly documentCounts: Int32Array;
}

export function splitPassages(documents: readonly ParsedDocument[]): SplitPassages {
  const ids = new Map<string, number>();
  const documentCounts: number[] = [];
  const lastDocument: number[] = [];
  const paragraphs: SplitPassages['paragraphs'][number][] = [];
  const addParagraph = (text: string, line: number, document: number): void => {
    let form: string | undefined;
    let firstUses: number[] | undefined;
    for (const span of splitSentences(text)) {
      const length = span.text.length;
      if (length < 2) continue;
      form ??= toMatchForm(text);
      const key = form.slice(span.start, span.start + length);
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
        documentCounts.push(0);
        lastDocument.push(-1);
        (firstUses ??= []).push(span.start, length, id);
      }
      if (lastDocument[id] !== document) {
        lastDocument[id] = document;
        documentCounts[id]++;
      }
    }
    if (form !== undefined && firstUses) paragraphs.push({ document, line, form, text, passages: Int32Array.from(firstUses) });
  };
  documents.forEach((doc, document) => {
    if (doc.title) addParagraph(doc.title.text, doc.title.line, document);
    for (const paragraph of doc.paragraphs) addParagraph(paragraph.text, paragraph.line, document);
  });
  return {
    documents: documents.map(doc => ({ file: doc.file, title: doc.title?.text ?? null, line: doc.title?.line ?? doc.paragraphs[0]?.line ?? 1 })),
    paragraphs,
    passages: [...ids.keys()],
    documentCounts: Int32Array.from(documentCounts),
  };
}

/**
 * Builds the index of a corpus that changes: each file's passages are cut once and kept (by the identity of its
 * parsed documents), so after a change only the changed files are cut again; and the index starts from the order
 * of the last one (passages by rank, clause starts by their text), so its sorts find that order almost in place and
 * the clause starts of the passages it had are taken over, not found again. The index is the one `buildPassageIndex`
 * gives for the same documents and library: the sorts are complete, the last order only makes them fast.
 */
export class IncrementalPassageIndex {
  private split = new Map<readonly ParsedDocument[], SplitPassages>();
  /** Per kept file's passages: each one's rank in the last index. */
  private ranks = new Map<SplitPassages, Int32Array>();
  private last: { readonly data: PassageIndexData; readonly bigramDf: Int32Array } | undefined;
  /**
   * What the last build took over from the index before: how many of its clause starts (the rest were found in the
   * passages), and whether its bigrams' postings (else they were gathered from every passage).
   */
  lastBuild = { clauseStarts: 0, carried: 0, bigramsCarried: false };

  /** The index of `files` (each a file's parsed documents, in corpus order) and `library`. */
  build(files: readonly (readonly ParsedDocument[])[], library?: Library, libraryKinds?: readonly EntryKind[]): PassageIndex {
    return finishSteps(this.buildInSteps(files, library, libraryKinds));
  }

  /** `build` in steps of a few milliseconds (see `steps.ts`), for a host that answers keystrokes meanwhile. */
  *buildInSteps(files: readonly (readonly ParsedDocument[])[], library?: Library, libraryKinds?: readonly EntryKind[]): Steps<PassageIndex> {
    const splits: SplitPassages[] = [];
    const ids: Int32Array[] = [];
    const builder = new PassageIndexBuilder();
    for (const file of files) {
      const split = this.split.get(file) ?? splitPassages(file);
      splits.push(split);
      ids.push(builder.addSplit(split));
      yield;
    }
    if (library) builder.addLibrary(library, libraryKinds);
    let previous: PreviousIndex | undefined;
    if (this.last) {
      // A passage of a file kept since the last build has its rank there; the rest (a changed file's, the library's) are new.
      const rank = new Int32Array(builder.passageCount).fill(-1);
      splits.forEach((split, i) => {
        const ranks = this.ranks.get(split);
        if (ranks) for (let local = 0; local < ranks.length; local++) rank[ids[i][local]] = ranks[local];
      });
      previous = { ...this.last, rank };
    }
    const built = yield* builder.buildInSteps(previous);
    this.split = new Map(files.map((file, i) => [file, splits[i]]));
    this.ranks = new Map(splits.map((split, i) => [split, ids[i].map(id => built.rank[id])]));
    this.last = { data: built.index.data, bigramDf: built.bigramDf };
    this.lastBuild = { clauseStarts: built.index.data.clausePos.length, carried: built.carriedClauseStarts, bigramsCarried: built.bigramsCarried };
    return built.index;
  }
}

/**
 * The index a rebuild replaces, each passage's rank in it (-1: not there, or not known to be), and how many of its
 * passages hold each of its bigrams (the index itself keeps no postings for the commonest).
 */
interface PreviousIndex {
  readonly data: PassageIndexData;
  readonly rank: Int32Array;
  readonly bigramDf: Int32Array;
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
  private readonly passageEntry: number[] = [];
  private built = false;

  addDocuments(documents: readonly ParsedDocument[]): this {
    this.addSplit(splitPassages(documents));
    return this;
  }

  get passageCount(): number {
    return this.passageStart.length;
  }

  /**
   * Adds documents cut into passages: each passage not seen before is stored with its paragraph. Returns the id
   * of each of the split's passages in this builder.
   */
  addSplit(split: SplitPassages): Int32Array {
    this.assertOpen();
    const firstDocument = this.docTitle.length;
    for (const doc of split.documents) {
      let fileId = this.fileIds.get(doc.file);
      if (fileId === undefined) {
        fileId = this.files.length;
        this.files.push(detach(doc.file));
        this.fileIds.set(doc.file, fileId);
      }
      this.docTitle.push(doc.title === null ? null : detach(doc.title));
      this.docFile.push(fileId);
      this.docLine.push(doc.line);
    }
    // Every passage of `split` has its first use in one of its paragraphs: its id in the index is found there.
    const ids = new Int32Array(split.passages.length);
    for (const paragraph of split.paragraphs) {
      let paraOffset = -1;
      const { passages } = paragraph;
      for (let i = 0; i < passages.length; i += 3) {
        const local = passages[i + 2];
        const key = split.passages[local];
        let id = this.passages.get(key);
        if (id === undefined) {
          if (paraOffset < 0) paraOffset = this.storeParagraph(paragraph.form, paragraph.text, firstDocument + paragraph.document, paragraph.line);
          id = this.pushPassage(paraOffset + passages[i], passages[i + 1], 0, -1);
          this.passages.set(key, id);
        }
        ids[local] = id;
      }
    }
    for (let local = 0; local < ids.length; local++) this.passageDocs[ids[local]] += split.documentCounts[local];
    return ids;
  }

  /** Adds the entries of the given kinds as passages of their kind (after the documents they came from). */
  addLibrary(library: Library, kinds: readonly EntryKind[] = DEFAULT_LIBRARY_KINDS): this {
    this.assertOpen();
    const wanted = new Set(kinds);
    const added = library.entries.filter(entry => wanted.has(entry.kind));
    const paragraphAt = this.paragraphsAt(added.flatMap(entry => {
      const first = entry.sources[0];
      const document = first ? library.documents[first.document] : undefined;
      return document ? [{ file: document.file, line: first.line }] : [];
    }));
    for (const entry of added) {
      const form = toMatchForm(entry.text);
      if (form.length < 2) continue;
      const first = entry.sources[0];
      const document = first ? library.documents[first.document] : undefined;
      const source: PassageSource = document
        ? { title: detach(displayTitle(document)), file: detach(document.file), line: first.line }
        : { title: '', file: '', line: 1 };
      let paragraph = document ? paragraphAt.get(document.file)?.get(first.line) ?? -1 : -1;
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
    return finishSteps(this.buildInSteps()).index;
  }

  /**
   * `build` in steps of a few milliseconds (see `steps.ts`), from the order of `previous` where given (see
   * `IncrementalPassageIndex`). Also gives each passage's rank (by its id here) in the index.
   */
  *buildInSteps(previous?: PreviousIndex): Steps<{ index: PassageIndex; rank: Int32Array; bigramDf: Int32Array; bigramsCarried: boolean; carriedClauseStarts: number }> {
    this.assertOpen();
    this.built = true;
    const text = this.parts.join('');
    const count = this.passageStart.length;
    const docs = this.passageDocs;
    const lengths = this.passageLength;
    const order = startingOrder(count, previous?.rank, previous?.data.passageStart.length ?? 0);
    order.sort((a, b) => docs[b] - docs[a] || lengths[a] - lengths[b] || a - b);
    yield;
    const rank = new Int32Array(count);
    const passageStart = new Int32Array(count);
    const passageLength = new Int32Array(count);
    const passageDocs = new Int32Array(count);
    const passageEntry = new Int32Array(count);
    for (let r = 0; r < count; r++) {
      const i = order[r];
      rank[i] = r;
      passageStart[r] = this.passageStart[i];
      passageLength[r] = lengths[i];
      passageDocs[r] = docs[i];
      passageEntry[r] = this.passageEntry[i];
    }
    yield;
    let carried: (CarriedClauseStarts & CarriedBigrams) | undefined;
    if (previous) {
      const { data, bigramDf } = previous;
      const rankNow = new Int32Array(data.passageStart.length).fill(-1);
      const kept = new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        if (previous.rank[i] < 0) continue;
        rankNow[previous.rank[i]] = rank[i];
        kept[rank[i]] = 1;
      }
      carried = { data, rankNow, kept, df: bigramDf };
    }
    const { df: bigramDf, carried: bigramsCarried, ...bigrams } = yield* buildBigrams(text, passageStart, passageLength, carried);
    const clauseStarts = yield* buildClauseStarts(text, passageStart, passageLength, carried);
    const index = new PassageIndex({
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
      ...bigrams,
      clausePos: clauseStarts.clausePos,
      clausePassage: clauseStarts.clausePassage,
    });
    return { index, rank, bigramDf, bigramsCarried, carriedClauseStarts: clauseStarts.carried };
  }

  /** The stored paragraph at each (file, line) asked for, by file and line. */
  private paragraphsAt(wanted: readonly { readonly file: string; readonly line: number }[]): Map<string, Map<number, number>> {
    const found = new Map<string, Map<number, number>>();
    for (const { file, line } of wanted) {
      if (!found.has(file)) found.set(file, new Map());
      (found.get(file) as Map<number, number>).set(line, -1);
    }
    for (let k = 0; k < this.paraStart.length; k++) {
      const lines = found.get(this.files[this.docFile[this.paraDoc[k]]]);
      if (lines?.has(this.paraLine[k])) lines.set(this.paraLine[k], k);
    }
    return found;
  }

  private assertOpen(): void {
    if (this.built) throw new Error('PassageIndexBuilder: build() was already called');
  }

  private pushPassage(start: number, length: number, documents: number, entry: number): number {
    this.passageStart.push(start);
    this.passageLength.push(length);
    this.passageDocs.push(documents);
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
 * Ids 0…count-1 to be sorted: those with a rank in the previous index in that rank's order, then the others. A sort
 * finds that order almost in place (the ranks of a corpus after one change differ little), where ids in plain
 * order would be shuffled against it.
 */
function startingOrder(count: number, previousRank: Int32Array | undefined, previousCount: number): number[] {
  if (!previousRank) return Array.from({ length: count }, (_, i) => i);
  const byRank = new Int32Array(previousCount).fill(-1);
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    if (previousRank[i] >= 0) byRank[previousRank[i]] = i;
  }
  for (const i of byRank) if (i >= 0) order.push(i);
  for (let i = 0; i < count; i++) if (previousRank[i] < 0) order.push(i);
  return order;
}

/**
 * Bigrams in more than this share of passages (and in more than `PRUNE_FLOOR`) keep their key but no
 * postings: like stop words, they cost much memory (about 45% of all postings for a 50 MB corpus at 1%), would make
 * lists too long to walk from their start, and tell little. Exact `start`/`clause` matches do not use postings;
 * `inside` matches are verified in the text; BM25 scores them near zero anyway.
 */
const PRUNE_SHARE = 0.01;
const PRUNE_FLOOR = 2000;

/** Passages whose bigrams (or clause starts) are gathered between two steps of a build. */
const PASSAGES_PER_STEP = 16384;

/**
 * The distinct bigram ids of each passage, in passage order, with each bigram's number of passages: gathered over
 * ranges of passages, so a build can yield between them.
 */
class BigramSequence {
  readonly table = new BigramTable();
  readonly ids: Int32Array;
  /** Per passage (and one past the last): where its ids start in `ids`. */
  readonly starts: Int32Array;
  counts = new Int32Array(1024);
  private lastSeen = new Int32Array(1024).fill(-1);
  private used = 0;

  constructor(private readonly text: string, private readonly passageStart: Int32Array, private readonly passageLength: Int32Array) {
    let total = 0;
    for (let p = 0; p < passageStart.length; p++) total += Math.max(0, passageLength[p] - 1);
    this.ids = new Int32Array(total);
    this.starts = new Int32Array(passageStart.length + 1);
  }

  add(from: number, to: number): void {
    const { text, table, ids } = this;
    for (let p = from; p < to; p++) {
      this.starts[p] = this.used;
      const end = this.passageStart[p] + this.passageLength[p] - 1;
      for (let i = this.passageStart[p]; i < end; i++) {
        const id = table.idOf(((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0);
        if (id >= this.lastSeen.length) this.grow();
        if (this.lastSeen[id] === p) continue;
        this.lastSeen[id] = p;
        this.counts[id]++;
        ids[this.used++] = id;
      }
    }
    this.starts[to] = this.used;
  }

  private grow(): void {
    const seen = new Int32Array(this.lastSeen.length * 2).fill(-1);
    seen.set(this.lastSeen);
    this.lastSeen = seen;
    const counts = new Int32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
  }
}

type BigramSections = Pick<PassageIndexData, 'bigramKeys' | 'bigramOffsets' | 'postingOffsets' | 'postingBytes'>;

/** The sections, and per bigram (in key order) how many passages hold it, pruned or not: what a rebuild carries over. */
type Bigrams = BigramSections & { readonly df: Int32Array; readonly carried: boolean };

/** The bigrams of the index a rebuild replaces (see `CarriedClauseStarts` for `rankNow`). */
interface CarriedBigrams {
  readonly data: PassageIndexData;
  readonly df: Int32Array;
  readonly rankNow: Int32Array;
  /** Per passage now: whether it is one of the previous index's (`rankNow` leads to it). */
  readonly kept: Uint8Array;
}

function* buildBigrams(text: string, starts: Int32Array, lengths: Int32Array, carried?: CarriedBigrams): Steps<Bigrams> {
  if (carried) {
    const updated = yield* updateBigrams(text, starts, lengths, carried);
    if (updated) return updated;
  }
  const count = starts.length;
  const sequence = new BigramSequence(text, starts, lengths);
  for (let from = 0; from < count; from += PASSAGES_PER_STEP) {
    sequence.add(from, Math.min(count, from + PASSAGES_PER_STEP));
    yield;
  }
  const { table, counts } = sequence;
  const bigrams = table.size;
  const maxDf = prunedAbove(count);
  const byKey = Array.from({ length: bigrams }, (_, id) => id).sort((a, b) => table.keyOf[a] - table.keyOf[b]);
  const rank = new Int32Array(bigrams);
  const bigramKeys = new Uint32Array(bigrams);
  const bigramOffsets = new Uint32Array(bigrams + 1);
  const df = new Int32Array(bigrams);
  byKey.forEach((id, r) => {
    rank[id] = r;
    bigramKeys[r] = table.keyOf[id];
    df[r] = counts[id];
    bigramOffsets[r + 1] = bigramOffsets[r] + (counts[id] <= maxDf ? counts[id] : 0);
  });
  yield;
  const postings = new Int32Array(bigramOffsets[bigrams]);
  const cursor = bigramOffsets.slice(0, bigrams);
  for (let from = 0; from < count; from += PASSAGES_PER_STEP) {
    const to = Math.min(count, from + PASSAGES_PER_STEP);
    for (let p = from; p < to; p++) {
      for (let j = sequence.starts[p]; j < sequence.starts[p + 1]; j++) {
        const id = sequence.ids[j];
        if (counts[id] <= maxDf) postings[cursor[rank[id]]++] = p;
      }
    }
    yield;
  }
  return { bigramKeys, bigramOffsets, ...encodePostings(postings, bigramOffsets), df, carried: false };
}

/** Bigrams in more passages than this keep no postings (see `PRUNE_SHARE`). */
function prunedAbove(passages: number): number {
  return Math.max(PRUNE_FLOOR, Math.floor(PRUNE_SHARE * passages));
}

/** Bigrams whose lists are rewritten between two steps. */
const BIGRAMS_PER_STEP = 2048;
/**
 * Above this share of passages gone or new, bigrams are built from every passage: reading each changed passage's
 * bigrams one by one costs more per passage than the build's single pass.
 */
const MAX_CHANGED_SHARE = 0.2;
/** Most bigrams no longer pruned that are looked for in the text (each a scan of it); with more, bigrams are built again. */
const MAX_UNPRUNED = 16;

/** The passages (ascending) that hold `key`: its occurrences in the text, each in the passage around it if any. */
function passagesHolding(text: string, key: number, starts: Int32Array, lengths: Int32Array, byStart: Int32Array): number[] {
  const pair = String.fromCharCode(key >>> 16, key & 0xffff);
  const found = new Set<number>();
  for (let at = text.indexOf(pair); at >= 0; at = text.indexOf(pair, at + 1)) {
    const k = upperBoundBy(byStart, starts, at) - 1;
    if (k >= 0 && at + 2 <= starts[byStart[k]] + lengths[byStart[k]]) found.add(byStart[k]);
  }
  return [...found].sort((a, b) => a - b);
}

/** The first index in `order` whose `values` entry is above `value` (`values` ascending along `order`). */
function upperBoundBy(order: Int32Array, values: Int32Array, value: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[order[mid]] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The bigrams of the previous index brought up to date: only the passages that left it and those new to it are
 * read; every other posting is the previous one with its passage renumbered. A bigram pruned before and listed now
 * (its passages were never noted) is looked for in the text. Undefined when so much changed that building the
 * bigrams from every passage costs less (`MAX_CHANGED_SHARE`, `MAX_UNPRUNED`).
 */
function* updateBigrams(text: string, starts: Int32Array, lengths: Int32Array, { data: old, df: oldDf, rankNow, kept }: CarriedBigrams): Steps<Bigrams | undefined> {
  let changed = 0;
  for (let r = 0; r < rankNow.length; r++) if (rankNow[r] < 0) changed++;
  for (let p = 0; p < kept.length; p++) if (!kept[p]) changed++;
  if (changed > starts.length * MAX_CHANGED_SHARE) return undefined;
  const df = Int32Array.from(oldDf);
  for (let r = 0; r < old.passageStart.length; r++) {
    if (rankNow[r] >= 0) continue;
    for (const key of bigramSet(old.text, old.passageStart[r], old.passageStart[r] + old.passageLength[r])) df[findKey(old.bigramKeys, key)]--;
  }
  // The new passages under each bigram they hold, in passage order.
  const added = new Map<number, number[]>();
  for (let p = 0; p < starts.length; p++) {
    if (kept[p]) continue;
    for (const key of bigramSet(text, starts[p], starts[p] + lengths[p])) {
      const passages = added.get(key);
      if (passages) passages.push(p);
      else added.set(key, [p]);
    }
  }
  yield;
  const newKeys = [...added.keys()].filter(key => findKey(old.bigramKeys, key) < 0).sort((a, b) => a - b);
  const keys: number[] = [];
  const counts: number[] = [];
  const previous: number[] = []; // the bigram's index in the previous index, or -1
  for (let r = 0, n = 0; r < old.bigramKeys.length || n < newKeys.length;) {
    if (n >= newKeys.length || (r < old.bigramKeys.length && old.bigramKeys[r] < newKeys[n])) {
      const count = df[r] + (added.get(old.bigramKeys[r])?.length ?? 0);
      if (count > 0) {
        keys.push(old.bigramKeys[r]);
        counts.push(count);
        previous.push(r);
      }
      r++;
    } else {
      keys.push(newKeys[n]);
      counts.push((added.get(newKeys[n]) as number[]).length);
      previous.push(-1);
      n++;
    }
  }
  const maxDf = prunedAbove(starts.length);
  const oldMaxDf = prunedAbove(old.passageStart.length);
  const bigramOffsets = new Uint32Array(keys.length + 1);
  // Bigrams pruned before and listed now (their share of passages fell below the cut, or the cut rose): found in the text.
  const unpruned = new Map<number, number[]>();
  for (let b = 0; b < keys.length; b++) {
    if (counts[b] <= maxDf && previous[b] >= 0 && oldDf[previous[b]] > oldMaxDf) unpruned.set(b, []);
    bigramOffsets[b + 1] = bigramOffsets[b] + (counts[b] <= maxDf ? counts[b] : 0);
  }
  if (unpruned.size > MAX_UNPRUNED) return undefined;
  yield;
  if (unpruned.size > 0) {
    const byStart = Int32Array.from(starts.keys()).sort((a, b) => starts[a] - starts[b]);
    for (const [b, passages] of unpruned) {
      passages.push(...passagesHolding(text, keys[b], starts, lengths, byStart));
      yield;
    }
  }
  const postings = new Int32Array(bigramOffsets[keys.length]);
  for (let b = 0; b < keys.length; b++) {
    if (counts[b] > maxDf) continue;
    let at = bigramOffsets[b];
    let sorted = true;
    const r = previous[b];
    if (r >= 0) {
      const cursor = new PostingCursor(old.postingBytes, { from: old.bigramOffsets[r], to: old.bigramOffsets[r + 1], key: keys[b], byte: old.postingOffsets[r] });
      for (let id = cursor.next(); id >= 0; id = cursor.next()) {
        const now = rankNow[id];
        if (now < 0) continue;
        if (at > bigramOffsets[b] && now < postings[at - 1]) sorted = false;
        postings[at++] = now;
      }
    }
    for (const p of unpruned.get(b) ?? added.get(keys[b]) ?? []) {
      if (at > bigramOffsets[b] && p < postings[at - 1]) sorted = false;
      postings[at++] = p;
    }
    if (at !== bigramOffsets[b + 1]) throw new Error(`passage index: bigram ${keys[b]} has ${at - bigramOffsets[b]} postings, expected ${counts[b]}`);
    if (!sorted) postings.subarray(bigramOffsets[b], at).sort();
    if (b % BIGRAMS_PER_STEP === BIGRAMS_PER_STEP - 1) yield;
  }
  return { bigramKeys: Uint32Array.from(keys), bigramOffsets, ...encodePostings(postings, bigramOffsets), df: Int32Array.from(counts), carried: true };
}

/**
 * The posting lists as varints of the gaps between ids (the first from -1): a 50 MB corpus's postings take a
 * quarter of the bytes, and every reader walks a list from its start (lists are short: common bigrams are pruned).
 */
function encodePostings(postings: Int32Array, offsets: Uint32Array): Pick<PassageIndexData, 'postingOffsets' | 'postingBytes'> {
  const lists = offsets.length - 1;
  const postingOffsets = new Uint32Array(offsets.length);
  let size = 0;
  for (let list = 0; list < lists; list++) {
    postingOffsets[list] = size;
    let previous = -1;
    for (let j = offsets[list]; j < offsets[list + 1]; j++) {
      size += varintLength(postings[j] - previous);
      previous = postings[j];
    }
  }
  postingOffsets[lists] = size;
  const postingBytes = new Uint8Array(size);
  let at = 0;
  for (let list = 0; list < lists; list++) {
    let previous = -1;
    for (let j = offsets[list]; j < offsets[list + 1]; j++) {
      let gap = postings[j] - previous;
      previous = postings[j];
      while (gap >= 0x80) {
        postingBytes[at++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      postingBytes[at++] = gap;
    }
  }
  return { postingOffsets, postingBytes };
}

function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

/**
 * The order of clause starts: by the rest of their passage (a text that ends first sorts first), then by the
 * passage's text before them, then by passage and position. The first two depend on the passage's text alone, so
 * two clause starts of corpus passages (one passage per text) keep their order from one build to the next.
 * `lookUpFirst`: find every clause start's passage bounds before comparing (worth it for a full sort).
 */
function clauseOrder(text: string, starts: Int32Array, lengths: Int32Array, positions: Int32Array, owners: Int32Array, lookUpFirst: boolean): (x: number, y: number) => number {
  if (!lookUpFirst) {
    return (x, y) => {
      const fromX = starts[owners[x]];
      const fromY = starts[owners[y]];
      return compareRange(text, positions[x], fromX + lengths[owners[x]], positions[y], fromY + lengths[owners[y]])
        || compareRange(text, fromX, positions[x], fromY, positions[y]) || owners[x] - owners[y] || positions[x] - positions[y];
    };
  }
  // Each clause start's passage start and end, looked up once rather than at every comparison of a full sort.
  const from = new Int32Array(positions.length);
  const to = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) {
    from[i] = starts[owners[i]];
    to[i] = from[i] + lengths[owners[i]];
  }
  return (x, y) => compareRange(text, positions[x], to[x], positions[y], to[y])
    || compareRange(text, from[x], positions[x], from[y], positions[y]) || owners[x] - owners[y] || positions[x] - positions[y];
}

/** Compares `text[a, aEnd)` and `text[b, bEnd)`. */
function compareRange(text: string, a: number, aEnd: number, b: number, bEnd: number): number {
  for (; a < aEnd && b < bEnd; a++, b++) {
    const difference = text.charCodeAt(a) - text.charCodeAt(b);
    if (difference !== 0) return difference;
  }
  return (aEnd - a) - (bEnd - b);
}

/** A growing list of 32-bit integers. */
class IntList {
  private items: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }
}

const FULLWIDTH_OPEN_PAREN = 0xff08;

/** Every clause start of the passages `from`…`to` (see `index.ts`) but those already `found`, in passage order. */
function addClauseStarts(text: string, starts: Int32Array, lengths: Int32Array, from: number, to: number, found: Uint8Array, positions: IntList, owners: IntList): void {
  for (let p = from; p < to; p++) {
    if (found[p]) continue;
    const start = starts[p];
    const end = start + lengths[p];
    positions.push(start);
    owners.push(p);
    const first = text.charCodeAt(start);
    // Only （一） or 1. can open a leading marker: the test spares most passages a regular expression.
    if (first === FULLWIDTH_OPEN_PAREN || (first >= 0x30 && first <= 0x39)) {
      const marker = LEADING_MARKER.exec(text.slice(start, Math.min(end, start + 8)))?.[0].length ?? 0;
      if (marker > 0 && start + marker < end) {
        positions.push(start + marker);
        owners.push(p);
      }
    }
    for (let i = start + 1; i < end; i++) {
      if (isMark(text.charCodeAt(i - 1)) && !isMark(text.charCodeAt(i)) && text.charCodeAt(i) !== 32) {
        positions.push(i);
        owners.push(p);
      }
    }
  }
}

/** The clause starts of the index a rebuild replaces, and each of its passages' rank now (-1: gone, or not known). */
interface CarriedClauseStarts {
  readonly data: PassageIndexData;
  readonly rankNow: Int32Array;
}

/**
 * The clause starts, sorted (`clauseOrder`). A passage the previous index had keeps its clause starts (they depend
 * on its text alone), moved to where it is now, and in the previous order, which is still theirs; only the other
 * passages' are found, sorted, and each put in its place by a binary search.
 */
function* buildClauseStarts(text: string, starts: Int32Array, lengths: Int32Array, carried?: CarriedClauseStarts): Steps<Pick<PassageIndexData, 'clausePos' | 'clausePassage'> & { carried: number }> {
  // About as many as the previous index had: the lists seldom grow (each growth copies them).
  const capacity = Math.ceil((carried?.data.clausePos.length ?? starts.length * 4) * 1.05);
  const positionList = new IntList(capacity);
  const ownerList = new IntList(capacity);
  const found = new Uint8Array(starts.length);
  if (carried) {
    const { clausePos, clausePassage, passageStart } = carried.data;
    for (let from = 0; from < clausePos.length; from += PASSAGES_PER_STEP) {
      for (let i = from; i < Math.min(clausePos.length, from + PASSAGES_PER_STEP); i++) {
        const owner = carried.rankNow[clausePassage[i]];
        if (owner < 0) continue;
        positionList.push(starts[owner] + clausePos[i] - passageStart[clausePassage[i]]);
        ownerList.push(owner);
        found[owner] = 1;
      }
      yield;
    }
  }
  const carriedCount = positionList.length;
  for (let from = 0; from < starts.length; from += PASSAGES_PER_STEP) {
    addClauseStarts(text, starts, lengths, from, Math.min(starts.length, from + PASSAGES_PER_STEP), found, positionList, ownerList);
    yield;
  }
  const positions = positionList.view();
  const owners = ownerList.view();
  const compare = clauseOrder(text, starts, lengths, positions, owners, carriedCount < positions.length / 2);
  const added = Array.from({ length: positions.length - carriedCount }, (_, i) => carriedCount + i).sort(compare);
  yield;
  // Where each added clause start goes among the carried ones (in order, so each search starts at the last place).
  const clausePos = new Int32Array(positions.length);
  const clausePassage = new Int32Array(positions.length);
  let out = 0;
  let next = 0;
  const copyCarried = (to: number): void => {
    clausePos.set(positions.subarray(next, to), out);
    clausePassage.set(owners.subarray(next, to), out);
    out += to - next;
    next = to;
  };
  for (const entry of added) {
    let lo = next;
    let hi = carriedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(mid, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo > next) copyCarried(lo);
    clausePos[out] = positions[entry];
    clausePassage[out++] = owners[entry];
  }
  copyCarried(carriedCount);
  return { clausePos, clausePassage, carried: carriedCount };
}
