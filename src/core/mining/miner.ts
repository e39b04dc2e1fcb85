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
import { tokenize } from './tokens';
import { ENTRY_KINDS } from '../library';

export interface CorpusFile {
  /** Path or name, as it should appear in sources. */
  readonly path: string;
  readonly text: string;
}

/** Speeches of every file, in file order, and the documents table the library refers to. */
export function parseCorpus(files: readonly CorpusFile[]): { parsed: ParsedDocument[]; documents: LibraryDocument[] } {
  const parsed = files.flatMap(file => parseCorpusFile(file.text, file.path));
  const documents = parsed.map((doc, id): LibraryDocument => ({
    id,
    file: doc.file,
    title: doc.title?.text ?? null,
    line: doc.title?.line ?? doc.paragraphs[0]?.line ?? 1,
    genre: doc.genre,
  }));
  return { parsed, documents };
}

export function mineLibrary(files: readonly CorpusFile[], segment: Segment): Library {
  const { parsed, documents } = parseCorpus(files);
  return mineParsedCorpus(parsed, documents, segment);
}

/** Mines an already parsed corpus: callers that keep the parsed speeches (drafting, the index) parse once. */
export function mineParsedCorpus(parsed: readonly ParsedDocument[], documents: readonly LibraryDocument[], segment: Segment): Library {
  const corpus = tokenize(parsed.map(doc => doc.paragraphs), segment);
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
