/**
 * Snippet forms of corpus text: VS Code snippet syntax where the corpus's anonymisation placeholders
 * (`*`, `X`, `XX`, `×××`) and a formula's slots become tab stops the writer fills in.
 */
import { forEachMatch } from './normalize';

/** `×××`, `XX`, `X` (not inside a Latin word) and runs of `*`: what the corpus uses for removed names and figures. */
const PLACEHOLDER = /×{1,4}|(?<![A-Za-z])X{1,3}(?![A-Za-z])|\*{1,3}/g;

/** Escapes the characters that have meaning in snippet syntax. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, ch => `\\${ch}`);
}

/** A tab stop with a default value. (`,` and `|` only need escaping inside choices, which we never write.) */
export function tabStop(index: number, defaultText: string): string {
  return `\${${index}:${escapeSnippetText(defaultText)}}`;
}

/**
 * Turns text into a snippet: each placeholder becomes a numbered tab stop keeping the placeholder as its
 * default (`交流X次` → `交流${1:X}次`). Text without placeholders is only escaped.
 */
export function snippetFromText(text: string, firstIndex = 1): { snippet: string; nextIndex: number } {
  let index = firstIndex;
  let snippet = '';
  let last = 0;
  forEachMatch(PLACEHOLDER, text, match => {
    snippet += escapeSnippetText(text.slice(last, match.index)) + tabStop(index++, match[0]);
    last = match.index + match[0].length;
  });
  snippet += escapeSnippetText(text.slice(last));
  return { snippet, nextIndex: index };
}

/** Text whose variable parts (given as [start, end) ranges, in order) become tab stops. */
export function snippetWithSlots(text: string, slots: readonly (readonly [number, number])[], firstIndex = 1): { snippet: string; nextIndex: number } {
  let index = firstIndex;
  let snippet = '';
  let last = 0;
  for (const [start, end] of slots) {
    const fixed = snippetFromText(text.slice(last, start), index);
    snippet += fixed.snippet + tabStop(fixed.nextIndex, text.slice(start, end));
    index = fixed.nextIndex + 1;
    last = end;
  }
  const rest = snippetFromText(text.slice(last), index);
  return { snippet: snippet + rest.snippet, nextIndex: rest.nextIndex };
}
