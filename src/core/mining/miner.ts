/**
 * The miner: corpus files in, a `Library` out. Each kind of entry has its own module; they all read the
 * structure parser's result, and the token-based ones share one segmentation of the corpus.
 */
import { LIBRARY_FORMAT_VERSION, type Library, type LibraryDocument } from '../library';
import type { Segment } from '../segmenter';
import { parseCorpusFile, type ParsedDocument } from '../structure';
import { minePhraseEntries } from './phrases';
import { mineParallelEntries } from './parallels';
import { mineQuotationEntries } from './quotations';
import { mineRoleEntries } from './roles';
import { mineScaffoldEntries } from './scaffolds';
import { mineTemplateEntries } from './templates';
import { segmentDocuments, tokenCorpus, TokenDictionary, type DocumentTokens } from './tokens';
import { ENTRY_KINDS } from '../library';

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

/** Parses and segments one file; `dictionary` must be the one later passed to `minePreparedFiles`. */
export function prepareFile(file: CorpusFile, segment: Segment, dictionary: TokenDictionary): PreparedFile {
  return segmentParsed(file.path, parseCorpusFile(file.text, file.path), segment, dictionary);
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

/**
 * The library of prepared files, in the order given. Only counting and ranking happen here, so a corpus
 * service re-mines after a file changes by preparing that file alone.
 */
export function minePreparedFiles(files: readonly PreparedFile[], dictionary: TokenDictionary): Library {
  const parsed = files.flatMap(file => file.parsed);
  const documents = documentsTable(parsed);
  const corpus = tokenCorpus(files.flatMap(file => file.tokens), dictionary);
  const entries = [
    ...mineRoleEntries(parsed, documents),
    ...mineScaffoldEntries(parsed, documents),
    ...mineParallelEntries(parsed, documents),
    ...mineTemplateEntries(corpus, documents),
    ...mineQuotationEntries(parsed, documents),
    ...minePhraseEntries(corpus, documents),
  ];
  const kindOrder = new Map(ENTRY_KINDS.map((kind, index) => [kind, index]));
  // Stable sort: within a kind, each miner's own order (most used first) stays.
  entries.sort((a, b) => (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0));
  return { version: LIBRARY_FORMAT_VERSION, documents, entries };
}
