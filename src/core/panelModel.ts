/**
 * The library panel's data model and its message protocol. The webview only renders what it is sent and
 * sends back what the writer did; searching, filtering and every decision about the library happen here,
 * where they can be tested without a workbench.
 */
import Fuse from 'fuse.js';
import { GENRES, type Genre } from './genre';
import { displayTitle, type EntryKind, type Library, type LibraryEntry, type OutlineNode } from './library';

/** The panel's groups, in the order of a speech. Headings are left out: they come with their outlines. */
export const PANEL_KINDS: readonly EntryKind[] = ['salutation', 'opening', 'transition', 'scaffold', 'parallel', 'template', 'quotation', 'phrase', 'closing'];

/** Enough for a writer to scan; a search reaches the rest. */
const MAX_ENTRIES_PER_GROUP = 200;

export interface PanelEntry {
  readonly id: string;
  readonly text: string;
  readonly documents: number;
  /** `《title》`, the first source. */
  readonly source: string;
  readonly line: number;
  readonly outline?: readonly OutlineNode[];
}

export interface PanelGroup {
  readonly kind: EntryKind;
  /** Entries of the kind that match the search and the genre, before the per-group cap. */
  readonly count: number;
  readonly entries: readonly PanelEntry[];
}

export type PanelState =
  | { readonly type: 'loading' }
  | { readonly type: 'empty'; readonly reason: string }
  | { readonly type: 'library'; readonly query: string; readonly genre: Genre | ''; readonly genres: readonly Genre[]; readonly groups: readonly PanelGroup[]; readonly notice?: string };

export interface PanelPreview {
  readonly type: 'preview';
  readonly id: string;
  readonly title: string;
  readonly genre: Genre;
  readonly line: number;
  /** The source paragraph split around the entry's text, so the webview can mark the match. */
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

/** Messages from the webview; anything else is dropped. */
export type PanelRequest =
  | { readonly type: 'ready' }
  | { readonly type: 'search'; readonly query: string; readonly genre: Genre | '' }
  | { readonly type: 'insert'; readonly id: string }
  | { readonly type: 'preview'; readonly id: string }
  | { readonly type: 'open'; readonly id: string };

const MAX_QUERY_LENGTH = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Validates a webview message by its type and fields; returns undefined for anything malformed. */
export function parsePanelRequest(message: unknown): PanelRequest | undefined {
  if (!isRecord(message) || typeof message.type !== 'string') return undefined;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'search': {
      const { query, genre } = message;
      if (typeof query !== 'string' || query.length > MAX_QUERY_LENGTH) return undefined;
      if (genre !== '' && !GENRES.includes(genre as Genre)) return undefined;
      return { type: 'search', query, genre: genre as Genre | '' };
    }
    case 'insert':
    case 'preview':
    case 'open':
      return typeof message.id === 'string' && /^[a-z]+:[0-9a-f]{8}$/.test(message.id) ? { type: message.type, id: message.id } : undefined;
    default:
      return undefined;
  }
}

/** Searches the library with fuzzy matching; built once per library. */
export class PanelModel {
  private readonly fuse: Fuse<LibraryEntry>;
  private readonly entries: readonly LibraryEntry[];

  constructor(private readonly library: Library) {
    this.entries = library.entries.filter(entry => PANEL_KINDS.includes(entry.kind));
    // Chinese has no word boundaries: match anywhere, and let short queries still find long entries.
    this.fuse = new Fuse(this.entries, { keys: ['text'], ignoreLocation: true, threshold: 0.35, includeScore: true });
  }

  /** The genres that have at least one entry, in the usual order. */
  genres(): Genre[] {
    const present = new Set(this.entries.flatMap(entry => entry.genres));
    return GENRES.filter(genre => present.has(genre));
  }

  state(query: string, genre: Genre | ''): PanelState {
    const trimmed = query.trim();
    const matched = trimmed ? this.fuse.search(trimmed).map(result => result.item) : this.entries;
    const filtered = genre ? matched.filter(entry => entry.genres.includes(genre)) : matched;
    const groups = PANEL_KINDS.map((kind): PanelGroup => {
      const ofKind = filtered.filter(entry => entry.kind === kind);
      return { kind, count: ofKind.length, entries: ofKind.slice(0, MAX_ENTRIES_PER_GROUP).map(entry => this.panelEntry(entry)) };
    });
    return { type: 'library', query, genre, genres: this.genres(), groups };
  }

  entry(id: string): LibraryEntry | undefined {
    return this.entries.find(entry => entry.id === id);
  }

  private panelEntry(entry: LibraryEntry): PanelEntry {
    const first = entry.sources[0];
    const document = first ? this.library.documents[first.document] : undefined;
    return {
      id: entry.id,
      text: entry.text,
      documents: entry.documents,
      source: document ? `《${displayTitle(document)}》` : '',
      line: first?.line ?? 0,
      ...(entry.outline ? { outline: entry.outline } : {}),
    };
  }
}

/**
 * The paragraph of `fileText` at `line` (1-based) around the entry's text, for the preview. When the
 * entry's text is not literally there (a formula with slots, a normalised form), the whole line is shown.
 */
export function previewOf(entry: LibraryEntry, library: Library, fileText: string): PanelPreview | undefined {
  const source = entry.sources[0];
  const document = source && library.documents[source.document];
  if (!source || !document) return undefined;
  const paragraph = (fileText.split('\n')[source.line - 1] ?? '').trim();
  const probe = entry.kind === 'scaffold' ? (entry.outline?.[0]?.text ?? '') : entry.text.split('…')[0];
  const at = probe ? paragraph.indexOf(probe) : -1;
  const length = entry.kind === 'template' || entry.kind === 'scaffold' ? probe.length : entry.text.length;
  const base = { type: 'preview' as const, id: entry.id, title: displayTitle(document), genre: document.genre, line: source.line };
  if (at < 0) return { ...base, before: paragraph, match: '', after: '' };
  return { ...base, before: paragraph.slice(0, at), match: paragraph.slice(at, at + length), after: paragraph.slice(at + length) };
}
