/** A draft's outline as plain data: what `outline --json` prints and the outline view shows. */
import type { Genre } from './genre';
import { closingParagraphBody, parseDraft } from './structure';

export interface LineText {
  readonly line: number;
  readonly text: string;
}

export interface DraftOutline {
  readonly title: LineText | null;
  readonly genre: Genre;
  readonly salutations: readonly LineText[];
  readonly headings: readonly { readonly line: number; readonly level: number; readonly marker: string; readonly text: string }[];
  readonly closings: readonly LineText[];
}

export function outlineOf(text: string): DraftOutline {
  const parsed = parseDraft(text);
  const closings: LineText[] = [];
  for (const paragraph of parsed.paragraphs) {
    if (paragraph.role === 'closing') {
      const body = closingParagraphBody(paragraph);
      if (body) closings.push({ line: paragraph.line, text: body });
    }
    for (const formula of paragraph.closingFormulas ?? []) closings.push({ line: paragraph.line, text: formula });
  }
  return {
    title: parsed.title ? { line: parsed.title.line, text: parsed.title.text } : null,
    genre: parsed.genre,
    salutations: parsed.paragraphs.flatMap(p => (p.salutation ? [{ line: p.line, text: p.salutation }] : [])),
    headings: parsed.paragraphs.flatMap(p => (p.heading ? [{ line: p.line, level: p.heading.level, marker: p.heading.marker, text: p.heading.text }] : [])),
    closings,
  };
}
