/**
 * The mined library: what the panel lists, completion offers and drafting builds from. It is plain data
 * with a versioned JSON form, so a cached library can be checked and reloaded without mining again.
 * The same corpus always gives the same library (entries, ids and order).
 */
import type { Genre } from './genre';

/** Bump when the shape or the meaning of the data changes: caches of another version are rebuilt. */
export const LIBRARY_FORMAT_VERSION = 2;

export const ENTRY_KINDS = ['salutation', 'opening', 'transition', 'scaffold', 'heading', 'parallel', 'template', 'quotation', 'phrase', 'closing'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface LibraryDocument {
  readonly id: number;
  readonly file: string;
  /** The speech's title, or `null` when it has none. */
  readonly title: string | null;
  /** The line of the title (or of the first paragraph), 1-based in the file. */
  readonly line: number;
  readonly genre: Genre;
}

export interface EntrySource {
  /** Index into `Library.documents`. */
  readonly document: number;
  /** 1-based line in the document's file. */
  readonly line: number;
}

/** A node of a scaffold: a heading and the headings beneath it. */
export interface OutlineNode {
  readonly level: number;
  readonly marker: string;
  readonly text: string;
  readonly line: number;
  readonly children: readonly OutlineNode[];
}

export interface LibraryEntry {
  /** Stable across runs for the same text and kind: `kind:hash`. */
  readonly id: string;
  readonly kind: EntryKind;
  /** The text as it appears in the corpus (the most frequent written form). */
  readonly text: string;
  /** VS Code snippet syntax: placeholders and slots are tab stops. */
  readonly snippet: string;
  /** Distinct documents that use it. */
  readonly documents: number;
  /** Total uses. */
  readonly occurrences: number;
  readonly genres: readonly Genre[];
  /** Where it was found (at most `MAX_SOURCES_PER_ENTRY`, first ones in corpus order). */
  readonly sources: readonly EntrySource[];
  /** scaffold: the heading tree. */
  readonly outline?: readonly OutlineNode[];
  /** heading: its level and marker where first seen. */
  readonly level?: number;
  readonly marker?: string;
  /** parallel: the items of the set; template: example fillers. */
  readonly items?: readonly string[];
  /**
   * closing: a closing paragraph or a closing formula. salutation: one that opens a speech somewhere in the
   * corpus, or one only ever used to address the audience again inside a speech (`各位代表！`).
   */
  readonly variant?: 'paragraph' | 'formula' | 'opening' | 're-address';
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface Library {
  readonly version: typeof LIBRARY_FORMAT_VERSION;
  readonly documents: readonly LibraryDocument[];
  readonly entries: readonly LibraryEntry[];
}

export const MAX_SOURCES_PER_ENTRY = 20;

/** How many entries of each kind, every kind present (0 when none). */
export function countByKind(library: Library): Record<EntryKind, number> {
  const counts = Object.fromEntries(ENTRY_KINDS.map(kind => [kind, 0])) as Record<EntryKind, number>;
  for (const entry of library.entries) counts[entry.kind]++;
  return counts;
}

export function serializeLibrary(library: Library): string {
  return JSON.stringify(library);
}

/** Parses a cached library; returns undefined for another format version or malformed data. */
export function parseLibrary(json: string): Library | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  return validateLibrary(data);
}

/** The library if `data` has its shape and the current format version, else undefined. */
export function validateLibrary(data: unknown): Library | undefined {
  if (!isRecord(data) || data.version !== LIBRARY_FORMAT_VERSION || !Array.isArray(data.documents) || !Array.isArray(data.entries)) return undefined;
  const kinds = new Set<string>(ENTRY_KINDS);
  const entriesValid = data.entries.every(entry => isRecord(entry) && typeof entry.id === 'string' && typeof entry.text === 'string'
    && typeof entry.snippet === 'string' && typeof entry.kind === 'string' && kinds.has(entry.kind) && Array.isArray(entry.sources));
  const documentsValid = data.documents.every(doc => isRecord(doc) && typeof doc.id === 'number' && typeof doc.file === 'string');
  return entriesValid && documentsValid ? (data as unknown as Library) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** FNV-1a, 32 bits, as 8 hex digits: short stable ids, not security. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** FNV-1a over bytes, as 8 hex digits and the length: tells whether a corpus file changed since it was mined. */
export function bytesHash(bytes: Uint8Array): string {
  return `${fnv1a(bytes).toString(16).padStart(8, '0')}-${bytes.length}`;
}

/** 32-bit FNV-1a over bytes. */
export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
}

/** What a writer sees as a document's name: its title, or its file name for an untitled speech. */
export function displayTitle(document: Pick<LibraryDocument, 'title' | 'file' | 'line'>): string {
  if (document.title) return document.title;
  const name = document.file.split(/[\\/]/).pop() ?? document.file;
  return `${name}（无标题，第 ${document.line} 行起）`;
}
