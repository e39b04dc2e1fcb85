/**
 * Building a passage index: passages interned by match form, then its bigrams (`bigrams.ts`) and clause starts
 * (`clauseStarts.ts`); and keeping it up to date as a corpus changes (`IncrementalPassageIndex`). See `index.ts`.
 */
import { displayTitle, type EntryKind, type Library } from '../library';
import { toMatchForm } from '../normalize';
import { splitSentences } from '../sentences';
import { finishSteps, sortInSteps, type Steps } from '../steps';
import { parseCorpusFile, type ParsedDocument } from '../structure';
import { buildBigrams, type CarriedBigrams } from './bigrams';
import { buildClauseStarts, type CarriedClauseStarts } from './clauseStarts';
import { PassageIndex } from './query';
import { DEFAULT_LIBRARY_KINDS, detach } from './shared';
import type { PassageIndexData, PassageSource, StoredEntry } from './types';

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
    yield;
    // Passages used in more documents first, then shorter first. The key holds both while they fit in 16 bits each;
    // the sort's full order settles the rest.
    const keyOf = (i: number): number => (docs[i] >= 0xffff ? 0 : (((0xffff - docs[i]) << 16) | Math.min(lengths[i], 0xffff)) >>> 0);
    const order = yield* sortInSteps(startingOrder(count, previous?.rank, previous?.data.passageStart.length ?? 0), keyOf,
      (a, b) => docs[b] - docs[a] || lengths[a] - lengths[b] || a - b);
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
    yield;
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
function startingOrder(count: number, previousRank: Int32Array | undefined, previousCount: number): Int32Array {
  const order = new Int32Array(count);
  if (!previousRank) {
    for (let i = 0; i < count; i++) order[i] = i;
    return order;
  }
  const byRank = new Int32Array(previousCount).fill(-1);
  for (let i = 0; i < count; i++) {
    if (previousRank[i] >= 0) byRank[previousRank[i]] = i;
  }
  let at = 0;
  for (const i of byRank) if (i >= 0) order[at++] = i;
  for (let i = 0; i < count; i++) if (previousRank[i] < 0) order[at++] = i;
  return order;
}
