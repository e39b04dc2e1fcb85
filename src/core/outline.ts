/** A draft's outline as plain data: what `outline --json` prints and the outline view shows. */
import type { Genre } from './genre';
import { closingParagraphBody, parseCorpusFile, parseDraft, type ParsedDocument } from './structure';

export interface LineText {
  readonly line: number;
  readonly text: string;
}

/** A closing: a closing paragraph (`同志们，让我们…`) or a closing formula (`谢谢大家！`, `以上汇报，请审议。`, `祝…`). */
export interface ClosingText extends LineText {
  readonly kind: 'paragraph' | 'formula';
}

export interface DraftOutline {
  readonly title: LineText | null;
  readonly genre: Genre;
  readonly salutations: readonly LineText[];
  readonly headings: readonly { readonly line: number; readonly level: number; readonly marker: string; readonly text: string }[];
  readonly closings: readonly ClosingText[];
}

/** The outline of a draft: one speech, however many blank lines it has. */
export function outlineOf(text: string): DraftOutline {
  return outlineOfDocument(parseDraft(text));
}

/** The outline of each speech in a file that holds several (split at their titles, as the corpus is). */
export function speechOutlines(text: string): DraftOutline[] {
  return parseCorpusFile(text, 'text').map(outlineOfDocument);
}

function outlineOfDocument(parsed: ParsedDocument): DraftOutline {
  const closings: ClosingText[] = [];
  for (const paragraph of parsed.paragraphs) {
    if (paragraph.role === 'closing') {
      const body = closingParagraphBody(paragraph);
      if (body) closings.push({ line: paragraph.line, text: body, kind: 'paragraph' });
    }
    // A closing wish (`祝大家新春快乐！`) is one of the set phrases a speech ends with: a formula.
    for (const formula of paragraph.closingFormulas ?? []) closings.push({ line: paragraph.line, text: formula, kind: 'formula' });
  }
  return {
    title: parsed.title ? { line: parsed.title.line, text: parsed.title.text } : null,
    genre: parsed.genre,
    salutations: parsed.paragraphs.flatMap(p => (p.salutation ? [{ line: p.line, text: p.salutation }] : [])),
    headings: parsed.paragraphs.flatMap(p => (p.heading ? [{ line: p.line, level: p.heading.level, marker: p.heading.marker, text: p.heading.text }] : [])),
    closings,
  };
}
