/** Building a passage index: passages interned by match form, clause starts sorted, bigram postings (see `index.ts`). */
import { displayTitle, type EntryKind, type Library } from '../library';
import { toMatchForm } from '../normalize';
import { splitSentences } from '../sentences';
import { parseCorpusFile, type ParsedDocument } from '../structure';
import { PassageIndex } from './query';
import { DEFAULT_LIBRARY_KINDS, detach, isMark, LEADING_MARKER, NEWLINE } from './shared';
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
 * parsed documents), so after a change only the changed files are cut again. The index is the one
 * `buildPassageIndex` gives for the same documents and library.
 */
export class IncrementalPassageIndex {
  private split = new Map<readonly ParsedDocument[], SplitPassages>();

  /** The index of `files` (each a file's parsed documents, in corpus order) and `library`. */
  build(files: readonly (readonly ParsedDocument[])[], library?: Library, libraryKinds?: readonly EntryKind[]): PassageIndex {
    const kept = new Map<readonly ParsedDocument[], SplitPassages>();
    for (const file of files) kept.set(file, this.split.get(file) ?? splitPassages(file));
    this.split = kept;
    return buildPassageIndex({ split: files.map(file => kept.get(file) as SplitPassages), library, libraryKinds });
  }
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
    return this.addSplit(splitPassages(documents));
  }

  /** Adds documents cut into passages: each passage not seen before is stored with its paragraph. */
  addSplit(split: SplitPassages): this {
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
 * Bigrams in more than this share of passages (and in more than `PRUNE_FLOOR`) keep their key but no
 * postings: like stop words, they cost much memory (about 45% of all postings for a 50 MB corpus at 1%), would make
 * lists too long to walk from their start, and tell little. Exact `start`/`clause` matches do not use postings;
 * `inside` matches are verified in the text; BM25 scores them near zero anyway.
 */
const PRUNE_SHARE = 0.01;
const PRUNE_FLOOR = 2000;

function buildBigrams(text: string, starts: Int32Array, lengths: Int32Array): Pick<PassageIndexData, 'bigramKeys' | 'bigramOffsets' | 'postingOffsets' | 'postingBytes'> {
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
  return { bigramKeys, bigramOffsets, ...encodePostings(postings, bigramOffsets) };
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
