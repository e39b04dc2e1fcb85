/**
 * The static snippets file (snippets/speech.code-snippets), generated from the library mined from the
 * bundled corpus: salutations, transitions, closing formulas and one skeleton per genre. Prefixes are
 * the pinyin initials a Chinese writer types (`tzm` for 同志们), given by the caller.
 */
import { draftSkeletonSnippet } from './drafting';
import { GENRES } from './genre';
import type { EntryKind, Library, LibraryEntry } from './library';

export interface VsCodeSnippet {
  readonly prefix: readonly string[];
  readonly body: string;
  readonly description: string;
}

/** Pinyin initials of the Chinese characters of a text (`同志们：` → `tzm`). */
export type InitialsOf = (text: string) => string;

const KINDS: readonly { kind: EntryKind; name: string; description: string; limit: number }[] = [
  { kind: 'salutation', name: '称谓', description: '称谓', limit: 10 },
  { kind: 'transition', name: '过渡', description: '由开场转入正文', limit: 15 },
  { kind: 'closing', name: '结尾', description: '结束语', limit: 15 },
];
/** Prefixes longer than this are cut: nobody types twenty initials. */
const MAX_PREFIX = 10;

function usedIn(entry: LibraryEntry): string {
  return `${entry.genres.join('、')} · ${entry.documents} 篇讲稿使用`;
}

export function generateSnippets(library: Library, initialsOf: InitialsOf): Record<string, VsCodeSnippet> {
  const snippets: Record<string, VsCodeSnippet> = {};
  for (const { kind, name, description, limit } of KINDS) {
    const entries = library.entries.filter(entry => entry.kind === kind && (kind !== 'closing' || entry.variant === 'formula')).slice(0, limit);
    for (const entry of entries) {
      const initials = initialsOf(entry.text).slice(0, MAX_PREFIX);
      if (!initials) continue;
      snippets[`${name}：${entry.text}`] = { prefix: [initials], body: `${entry.snippet}${kind === 'closing' ? '' : '\n'}$0`, description: `${description}（${usedIn(entry)}）` };
    }
  }
  for (const genre of GENRES) {
    const scaffold = library.entries.find(entry => entry.kind === 'scaffold' && entry.genres.includes(genre));
    if (!scaffold) continue;
    snippets[`提纲：${genre}`] = {
      prefix: [`${initialsOf(genre)}tg`, `tg${initialsOf(genre)}`],
      body: draftSkeletonSnippet(library, scaffold),
      description: `${genre}全文骨架（称谓、开场、过渡、各级标题、结尾），提纲取自语料中的一篇${genre}`,
    };
  }
  return snippets;
}

/** The file's text, stable for the same library: the staleness test compares it byte for byte. */
export function snippetsFileText(library: Library, initialsOf: InitialsOf): string {
  return `${JSON.stringify(generateSnippets(library, initialsOf), null, 2)}\n`;
}
