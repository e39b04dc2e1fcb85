/**
 * Groups the occurrences of one kind of library entry by a normalised key and turns each group into a
 * `LibraryEntry`: the most frequent written form, document and use counts, genres and sources.
 */
import type { Genre } from '../genre';
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
  readonly genres: Set<Genre>;
  readonly sources: EntrySource[];
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
      group = { firstForm: undefined, firstFormCount: 0, otherForms: undefined, documents: 0, lastDocument: -1, genres: new Set(), sources: [], occurrences: 0, details, order: this.groups.size };
      this.groups.set(key, group);
    }
    return group;
  }

  record(group: Group, text: string, document: LibraryDocument, line: number): void {
    if (group.firstForm === undefined) group.firstForm = text;
    if (text === group.firstForm) group.firstFormCount++;
    else {
      group.otherForms ??= new Map();
      group.otherForms.set(text, (group.otherForms.get(text) ?? 0) + 1);
    }
    group.occurrences++;
    if (group.lastDocument !== document.id) {
      group.lastDocument = document.id;
      group.documents++;
      group.genres.add(document.genre);
      if (group.sources.length < MAX_SOURCES_PER_ENTRY) group.sources.push({ document: document.id, line });
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
        genres: [...group.genres].sort(),
        sources: group.sources,
        ...group.details,
      };
    });
  }
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
