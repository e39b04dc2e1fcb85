/**
 * The miner: corpus files in, a `Library` out. Each kind of entry has its own module; they all read the
 * structure parser's result, and the token-based ones share one segmentation of the corpus.
 *
 * Mining is incremental: each file's share (what the collectors found in it, its documents) is kept, and the
 * token miners keep the corpus's counts, which take a file in or out by walking its own tokens. After a file
 * changes, only that file is prepared and collected again; the library is then merged from the shares, and is
 * the same, entry for entry, as mining the whole new corpus in one go.
 */
import { ENTRY_KINDS, LIBRARY_FORMAT_VERSION, type Library, type LibraryDocument, type LibraryEntry } from '../library';
import type { Segment } from '../segmenter';
import { finishSteps, type Steps } from '../steps';
import { parseCorpusFile, type ParsedDocument } from '../structure';
import { MergeCache, type EntryCollector, type Placed } from './collector';
import { collectParallels, parallelEntries, type SetDescriptions } from './parallels';
import { PhraseMiner } from './phrases';
import { collectQuotations, quotationEntries } from './quotations';
import { collectRoles, roleEntries, type RoleShare } from './roles';
import { collectScaffolds, scaffoldEntries, type ScaffoldShare } from './scaffolds';
import { TemplateMiner } from './templates';
import { decodeFileTokens } from './tokenCache';
import { segmentDocuments, TokenDictionary, WordCounts, type DocumentTokens } from './tokens';

export interface CorpusFile {
  /** Path or name, as it should appear in sources. */
  readonly path: string;
  readonly text: string;
}

/** A file made ready for mining: its speeches parsed and segmented. This is the expensive part, kept per file. */
export interface PreparedFile {
  readonly path: string;
  readonly parsed: readonly ParsedDocument[];
  readonly tokens: readonly DocumentTokens[];
}

/** Parses and segments one file; `dictionary` must be the one later given to the miner. */
export function prepareFile(file: CorpusFile, segment: Segment, dictionary: TokenDictionary): PreparedFile {
  return segmentParsed(file.path, parseCorpusFile(file.text, file.path), segment, dictionary);
}

/**
 * A file prepared again from its cached tokens (`encodeFileTokens`), without the segmenter: parsed, and its tokens
 * taken from the blob. Undefined when the blob is not for this text or does not fit its parse.
 */
export function prepareFromTokens(file: CorpusFile, blob: Uint8Array, dictionary: TokenDictionary): PreparedFile | undefined {
  const parsed = parseCorpusFile(file.text, file.path);
  const tokens = decodeFileTokens(blob, file.text, parsed, dictionary);
  return tokens && { path: file.path, parsed, tokens };
}

function segmentParsed(path: string, parsed: ParsedDocument[], segment: Segment, dictionary: TokenDictionary): PreparedFile {
  return { path, parsed, tokens: segmentDocuments(parsed.map(doc => doc.paragraphs), segment, dictionary) };
}

function documentsTable(parsed: readonly ParsedDocument[]): LibraryDocument[] {
  return parsed.map((doc, id): LibraryDocument => ({
    id,
    file: doc.file,
    title: doc.title?.text ?? null,
    line: doc.title?.line ?? doc.paragraphs[0]?.line ?? 1,
    genre: doc.genre,
  }));
}

/** Speeches of every file, in file order, and the documents table the library refers to. */
export function parseCorpus(files: readonly CorpusFile[]): { parsed: ParsedDocument[]; documents: LibraryDocument[] } {
  const parsed = files.flatMap(file => parseCorpusFile(file.text, file.path));
  return { parsed, documents: documentsTable(parsed) };
}

export function mineLibrary(files: readonly CorpusFile[], segment: Segment): Library {
  const dictionary = new TokenDictionary();
  // Every file parsed, then every file segmented: the segmenter's large working set would otherwise push the
  // parser's code and data out of the CPU caches between files.
  const parsed = files.map(file => parseCorpusFile(file.text, file.path));
  return minePreparedFiles(files.map((file, i) => segmentParsed(file.path, parsed[i], segment, dictionary)), dictionary);
}

/** The library of prepared files, in the order given, mined in one go. */
export function minePreparedFiles(files: readonly PreparedFile[], dictionary: TokenDictionary): Library {
  return new IncrementalMiner(dictionary).mine(files);
}

/** What one file contributes to the library: its documents (ids from 0), tokens, and what the collectors found. */
interface FileShare {
  readonly documents: readonly LibraryDocument[];
  readonly tokens: readonly DocumentTokens[];
  readonly roles: RoleShare;
  readonly scaffolds: ScaffoldShare;
  readonly parallels: EntryCollector;
  readonly quotations: EntryCollector;
}

/**
 * Mines a corpus that changes: `mine` takes the whole list of prepared files each time, and works only on the
 * files it has not seen (by identity) and the ones that are gone. Keep one per corpus, with the dictionary the
 * files were prepared with.
 */
export class IncrementalMiner {
  private readonly shares = new Map<PreparedFile, FileShare>();
  private readonly words: WordCounts;
  private readonly phrases: PhraseMiner;
  private readonly templates: TemplateMiner;
  private readonly merged = new MergeCache();
  private readonly setDescriptions: SetDescriptions = new Map();

  constructor(dictionary: TokenDictionary) {
    this.words = new WordCounts(dictionary);
    this.phrases = new PhraseMiner(this.words);
    this.templates = new TemplateMiner(this.words);
  }

  /** The token miners' counts by their words (see `PhraseMiner.statistics`, `TemplateMiner.statistics`), for tests. */
  statistics(): string[] {
    return [...this.phrases.statistics(), ...this.templates.statistics()];
  }

  /** The library of `files`, in the order given (each file at most once). */
  mine(files: readonly PreparedFile[]): Library {
    return finishSteps(this.mineInSteps(files));
  }

  /** `mine` in steps (see `steps.ts`): a file taken in, or a kind of entry merged, at a time. */
  *mineInSteps(files: readonly PreparedFile[]): Steps<Library> {
    const current = new Set(files);
    if (current.size !== files.length) throw new Error('IncrementalMiner: a prepared file was given twice');
    for (const [file, share] of this.shares) {
      if (current.has(file)) continue;
      this.words.add(share.tokens, -1);
      this.phrases.remove(share);
      this.templates.remove(share);
      this.shares.delete(file);
    }
    for (const file of files) {
      if (this.shares.has(file)) continue;
      const documents = documentsTable(file.parsed);
      const share: FileShare = {
        documents,
        tokens: file.tokens,
        roles: collectRoles(file.parsed, documents),
        scaffolds: collectScaffolds(file.parsed, documents),
        parallels: collectParallels(file.parsed, documents, this.setDescriptions),
        quotations: collectQuotations(file.parsed, documents),
      };
      this.shares.set(file, share);
      this.words.add(share.tokens, 1);
      this.phrases.add(share);
      yield;
    }
    return yield* this.merge(files);
  }

  private *merge(files: readonly PreparedFile[]): Steps<Library> {
    const placed: Placed<FileShare>[] = [];
    const documents: LibraryDocument[] = [];
    for (const file of files) {
      const share = this.shares.get(file) as FileShare; // every file was added above
      placed.push({ share, documentOffset: documents.length });
      for (const document of share.documents) documents.push({ ...document, id: documents.length });
    }
    const pick = <Share>(choose: (share: FileShare) => Share): Placed<Share>[] => placed.map(({ share, documentOffset }) => ({ share: choose(share), documentOffset }));
    const entries: LibraryEntry[] = [];
    for (const entriesOfKind of [
      () => roleEntries(pick(share => share.roles), this.merged),
      () => scaffoldEntries(pick(share => share.scaffolds), this.merged),
      () => parallelEntries(pick(share => share.parallels), this.merged),
      () => this.templates.entriesInSteps(placed),
      () => quotationEntries(pick(share => share.quotations), this.merged),
      () => this.phrases.entriesInSteps(placed),
    ]) {
      const found = entriesOfKind();
      // The token miners' entries come in steps of their own (a file walked a step), the others at once.
      for (const entry of Array.isArray(found) ? found : yield* found) entries.push(entry);
      yield;
    }
    const kindOrder = new Map(ENTRY_KINDS.map((kind, index) => [kind, index]));
    // Stable sort: within a kind, each miner's own order (most used first) stays.
    entries.sort((a, b) => (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0));
    return { version: LIBRARY_FORMAT_VERSION, documents, entries };
  }
}
