/**
 * Groups the occurrences of one kind of library entry by a normalised key and turns each group into a
 * `LibraryEntry`: the most frequent written form, document and use counts, genres and sources.
 * Each file is collected on its own (with the file's own document ids) and the files' groups are merged in
 * corpus order (`absorb`), so a changed file is collected again alone and the merge gives what one pass over
 * the whole corpus would.
 */
import { GENRES, type Genre } from '../genre';
import { MAX_SOURCES_PER_ENTRY, stableHash, type EntryKind, type EntrySource, type LibraryDocument, type LibraryEntry } from '../library';
import { toMatchForm } from '../normalize';
import { snippetFromText } from '../snippet';

/** Kind-specific fields of an entry, decided by the first occurrence. */
export type EntryDetails = Omit<Partial<LibraryEntry>, 'id' | 'kind' | 'text' | 'documents' | 'occurrences' | 'genres' | 'sources'>;

export interface Group {
  /** Written forms and their counts; the first form is counted apart, as most groups only ever have one. */
  firstForm: string | undefined;
  firstFormCount: number;
  otherForms: Map<string, number> | undefined;
  documents: number;
  lastDocument: number;
  /** The genres of its documents, as bits of `GENRES`: a corpus keeps a group per entry per file. */
  genres: number;
  /** Its first sources, as (document, line) pairs: numbers, not objects, for the same reason. */
  readonly sources: number[];
  occurrences: number;
  readonly details: EntryDetails;
  readonly order: number;
}

const NO_DETAILS: EntryDetails = {};

/** Occurrences must be added in corpus order (document ids ascending): documents are counted on the fly. */
export class EntryCollector {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly kind: EntryKind) {}

  /** Records one use of `text`; `key` defaults to its match form without surrounding punctuation. */
  add(text: string, document: LibraryDocument, line: number, details: EntryDetails = NO_DETAILS, key = defaultKey(text)): void {
    if (key) this.record(this.group(key, details), text, document, line);
  }

  /** The group of `key`, created on first use: hot loops keep it and call `record` directly. */
  group(key: string, details: EntryDetails = NO_DETAILS): Group {
    let group = this.groups.get(key);
    if (!group) {
      group = { firstForm: undefined, firstFormCount: 0, otherForms: undefined, documents: 0, lastDocument: -1, genres: 0, sources: [], occurrences: 0, details, order: this.groups.size };
      this.groups.set(key, group);
    }
    return group;
  }

  record(group: Group, text: string, document: LibraryDocument, line: number): void {
    addForm(group, text, 1);
    group.occurrences++;
    if (group.lastDocument !== document.id) {
      group.lastDocument = document.id;
      group.documents++;
      group.genres |= genreBit(document.genre);
      if (group.sources.length < 2 * MAX_SOURCES_PER_ENTRY) group.sources.push(document.id, line);
    }
  }

  /** Adds uses counted elsewhere: `uses` of `text` in `documents` documents, their genres (`genreBit`s) and first sources. */
  addCounted(group: Group, text: string, uses: number, documents: number, genres: number, sources: readonly EntrySource[]): void {
    addForm(group, text, uses);
    group.occurrences += uses;
    group.documents += documents;
    group.genres |= genres;
    for (const source of sources) if (group.sources.length < 2 * MAX_SOURCES_PER_ENTRY) group.sources.push(source.document, source.line);
  }

  /**
   * Adds the groups of a collector that saw the next file (its document ids start at 0, this corpus's at
   * `documentOffset`). Files must be absorbed in corpus order: forms, sources and ties keep first-seen order.
   */
  absorb(part: EntryCollector, documentOffset: number): void {
    for (const [key, local] of part.groups) {
      const group = this.group(key, local.details);
      if (local.firstForm !== undefined) addForm(group, local.firstForm, local.firstFormCount);
      for (const [form, count] of local.otherForms ?? []) addForm(group, form, count);
      group.occurrences += local.occurrences;
      group.documents += local.documents;
      group.genres |= local.genres;
      for (let i = 0; i < local.sources.length && group.sources.length < 2 * MAX_SOURCES_PER_ENTRY; i += 2) group.sources.push(local.sources[i] + documentOffset, local.sources[i + 1]);
    }
  }

  /**
   * The entries used by at least `minDocuments` documents (and `minOccurrences` times), most used first;
   * ties keep corpus order so the result is deterministic.
   */
  entries(minDocuments = 1, minOccurrences = 1, limit = Number.POSITIVE_INFINITY): LibraryEntry[] {
    const kept = [...this.groups.entries()].filter(([, group]) => group.documents >= minDocuments && group.occurrences >= minOccurrences);
    kept.sort(([, a], [, b]) => b.documents - a.documents || b.occurrences - a.occurrences || a.order - b.order);
    return kept.slice(0, limit).map(([key, group]) => {
      const text = mostFrequentForm(group);
      return {
        id: `${this.kind}:${stableHash(key)}`,
        kind: this.kind,
        text,
        snippet: group.details.snippet ?? snippetFromText(text).snippet,
        documents: group.documents,
        occurrences: group.occurrences,
        genres: GENRES.filter(genre => group.genres & genreBit(genre)).sort(),
        sources: Array.from({ length: group.sources.length / 2 }, (_, i): EntrySource => ({ document: group.sources[2 * i], line: group.sources[2 * i + 1] })),
        ...group.details,
      };
    });
  }
}

/** A genre as one bit, so a set of genres is a number. */
export function genreBit(genre: Genre): number {
  return 1 << GENRES.indexOf(genre);
}

function addForm(group: Group, text: string, count: number): void {
  if (group.firstForm === undefined) group.firstForm = text;
  if (text === group.firstForm) group.firstFormCount += count;
  else {
    group.otherForms ??= new Map();
    group.otherForms.set(text, (group.otherForms.get(text) ?? 0) + count);
  }
}

/** A file's share of a corpus: what was collected from it, and where its documents start in the corpus. */
export interface Placed<Share> {
  readonly share: Share;
  readonly documentOffset: number;
}

/** How many files' collectors are merged into one cached chunk. */
const CHUNK_FILES = 16;

/** A chunk of consecutive files' collectors, as merged before. */
interface Chunk {
  readonly parts: readonly EntryCollector[];
  readonly offsets: readonly number[];
  readonly merged: EntryCollector;
}

/**
 * Chunks of consecutive files' collectors merged before, per kind and by their first collector: merging in order is
 * associative, so after one file changes only its chunk is merged again, and then the chunks. Each merge keeps only
 * the chunks it used, so a deleted file's collectors are not held.
 */
export class MergeCache {
  private readonly chunks = new Map<EntryKind, Map<EntryCollector, Chunk>>();

  /** Each chunk's collectors merged (each with its document offset within the chunk), from the cache when the same. */
  merge(kind: EntryKind, chunks: readonly { readonly parts: readonly EntryCollector[]; readonly offsets: readonly number[] }[]): EntryCollector[] {
    const known = this.chunks.get(kind);
    const kept = new Map<EntryCollector, Chunk>();
    const merged = chunks.map(({ parts, offsets }) => {
      const before = known?.get(parts[0]);
      let chunk: Chunk;
      if (before && before.parts.length === parts.length && before.parts.every((part, i) => part === parts[i] && before.offsets[i] === offsets[i])) {
        chunk = before;
      } else {
        const collector = new EntryCollector(kind);
        parts.forEach((part, i) => collector.absorb(part, offsets[i]));
        chunk = { parts, offsets, merged: collector };
      }
      kept.set(parts[0], chunk);
      return chunk.merged;
    });
    this.chunks.set(kind, kept);
    return merged;
  }
}

/** One collector for the corpus, from each file's (picked from its share), merged in corpus order through the cache's chunks. */
export function mergeCollectors<Share>(kind: EntryKind, files: readonly Placed<Share>[], pick: (share: Share) => EntryCollector, cache = new MergeCache()): EntryCollector {
  const starts: number[] = [];
  for (let start = 0; start < files.length; start += CHUNK_FILES) starts.push(start);
  const chunks = starts.map(start => files.slice(start, start + CHUNK_FILES))
    .map(chunk => ({ parts: chunk.map(file => pick(file.share)), offsets: chunk.map(file => file.documentOffset - chunk[0].documentOffset) }));
  const into = new EntryCollector(kind);
  cache.merge(kind, chunks).forEach((merged, i) => into.absorb(merged, files[starts[i]].documentOffset));
  return into;
}

/** The most used written form; on a tie, the one seen first. */
function mostFrequentForm(group: Group): string {
  let best = group.firstForm ?? '';
  let bestCount = group.firstFormCount;
  for (const [form, count] of group.otherForms ?? []) {
    if (count > bestCount) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

/** The key under which variants of one text coincide: match form, no edge punctuation or spaces. */
export function defaultKey(text: string): string {
  return toMatchForm(text).replace(/\s+/g, '').replace(/^[，。；：、！？…—]+|[，。；：、！？…—]+$/g, '');
}
