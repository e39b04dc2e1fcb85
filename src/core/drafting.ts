/**
 * Drafting from an outline: a new draft's skeleton built from a mined scaffold, and growing an outline
 * by borrowing what the corpus put under the most similar headings.
 */
import { displayTitle, type Library, type LibraryDocument, type LibraryEntry, type EntryKind } from './library';
import type { Genre } from './genre';
import { outlineSnippet } from './mining/scaffolds';
import { toMatchForm } from './normalize';
import { tabStop } from './snippet';
import { parseDraft, type Heading, type Paragraph, type ParsedDocument } from './structure';

/** The entry of `kind` most used in speeches of `genre`, or the most used overall when the genre has none. */
function bestOf(library: Library, kind: EntryKind, genre: Genre, accept: (entry: LibraryEntry) => boolean = () => true): LibraryEntry | undefined {
  const ofKind = library.entries.filter(entry => entry.kind === kind && accept(entry));
  return ofKind.find(entry => entry.genres.includes(genre)) ?? ofKind[0];
}

/**
 * One snippet for a new draft: title, salutation, opening, transition, the scaffold's headings, a closing
 * paragraph and a closing formula, each a tab stop holding the corpus's most used text for the genre.
 */
export function draftSkeletonSnippet(library: Library, scaffold: LibraryEntry): string {
  const genre = scaffold.genres[0] ?? '讲话';
  let index = 1;
  const lines: string[] = [];
  const field = (text: string): void => {
    lines.push(tabStop(index++, text));
  };
  field(`关于××××的${genre === '其他' ? '讲话' : genre}`);
  const parts: [EntryKind, ((entry: LibraryEntry) => boolean)?][] = [['salutation'], ['opening'], ['transition']];
  for (const [kind, accept] of parts) {
    const entry = bestOf(library, kind, genre, accept);
    if (entry) field(entry.text);
  }
  const headings = outlineSnippet(scaffold.outline ?? [], index);
  if (headings.snippet) lines.push(headings.snippet);
  index = headings.nextIndex;
  const closingParagraph = bestOf(library, 'closing', genre, entry => entry.variant === 'paragraph');
  if (closingParagraph) field(closingParagraph.text);
  const closingFormula = bestOf(library, 'closing', genre, entry => entry.variant === 'formula');
  if (closingFormula) field(closingFormula.text);
  return `${lines.join('\n')}\n$0`;
}

/** A section of a corpus speech: its heading and what follows it up to the next heading of its level. */
export interface CorpusSection {
  readonly document: number;
  readonly line: number;
  readonly heading: Heading;
  /** Headings one level down, as written. */
  readonly subheadings: readonly string[];
  /** The first body paragraph of the section (or the body that follows the heading in its paragraph). */
  readonly firstParagraph?: string;
  readonly bigrams: ReadonlySet<string>;
}

function bigramsOf(text: string): Set<string> {
  const form = toMatchForm(text).replace(/[\s\p{P}]/gu, '');
  const grams = new Set<string>();
  for (let i = 0; i + 1 < form.length; i++) grams.add(form.slice(i, i + 2));
  if (form.length === 1) grams.add(form);
  return grams;
}

/** Dice coefficient over character bigrams: robust for short Chinese headings, no segmenter needed. */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function corpusSections(parsed: readonly ParsedDocument[]): CorpusSection[] {
  const sections: CorpusSection[] = [];
  parsed.forEach((doc, document) => {
    doc.paragraphs.forEach((paragraph, index) => {
      const heading = paragraph.heading;
      if (!heading) return;
      const subheadings: string[] = [];
      let firstParagraph = heading.hasInlineBody ? paragraph.text.slice(heading.textStart + heading.text.length).replace(/^[。！？；：:.!?;]/, '').trim() || undefined : undefined;
      for (const next of doc.paragraphs.slice(index + 1)) {
        if (next.heading && next.heading.level <= heading.level) break;
        if (next.heading?.level === heading.level + 1) subheadings.push(next.text);
        else if (!next.heading && !firstParagraph && subheadings.length === 0 && next.role === 'body') firstParagraph = next.text;
        if (next.role === 'closing' || next.role === 'closing-formula') break;
      }
      sections.push({ document, line: paragraph.line, heading, subheadings, firstParagraph, bigrams: bigramsOf(heading.text) });
    });
  });
  return sections;
}

/** Headings with nothing under them yet: the next paragraph is a heading of their level or above, or none. */
export function headingsWithoutBody(draft: string): { paragraph: Paragraph; heading: Heading }[] {
  const paragraphs = parseDraft(draft).paragraphs;
  return paragraphs.flatMap((paragraph, index) => {
    const heading = paragraph.heading;
    const next = paragraphs[index + 1];
    if (!heading || heading.hasInlineBody || (next && !(next.heading && next.heading.level <= heading.level))) return [];
    return [{ paragraph, heading }];
  });
}

export interface OutlineExpansion {
  /** 0-based line of the draft heading; the text goes on the lines after it. */
  readonly headingLine: number;
  readonly headingText: string;
  /** Lines to insert beneath the heading, ending with a note naming the source. */
  readonly text: string;
  readonly source: { readonly document: LibraryDocument; readonly line: number; readonly heading: string };
  readonly similarity: number;
}

const MIN_SIMILARITY = 0.2;

/**
 * For each heading of the draft without a body (the next paragraph is a heading of its level or above,
 * or nothing), the corpus section of the same level with the most similar heading, and what to insert.
 * `onlyLine` (0-based) restricts it to the heading on that line.
 */
export function expandOutline(draft: string, sections: readonly CorpusSection[], documents: readonly LibraryDocument[], onlyLine?: number): OutlineExpansion[] {
  const expansions: OutlineExpansion[] = [];
  for (const { paragraph, heading } of headingsWithoutBody(draft)) {
    if (onlyLine !== undefined && paragraph.line - 1 !== onlyLine) continue;
    const wanted = bigramsOf(heading.text);
    let best: CorpusSection | undefined;
    let bestScore = MIN_SIMILARITY;
    for (const section of sections) {
      if (section.heading.level !== heading.level || (section.subheadings.length === 0 && !section.firstParagraph)) continue;
      const score = similarity(wanted, section.bigrams);
      if (score > bestScore) {
        best = section;
        bestScore = score;
      }
    }
    if (!best) continue;
    const document = documents[best.document];
    const borrowed = best.subheadings.length > 0 ? best.subheadings : [best.firstParagraph ?? ''];
    const note = `【参考：《${displayTitle(document)}》第 ${best.line} 行「${best.heading.marker}${best.heading.text}」】`;
    expansions.push({
      headingLine: paragraph.line - 1,
      headingText: heading.text,
      text: [...borrowed, note].join('\n'),
      source: { document, line: best.line, heading: best.heading.text },
      similarity: bestScore,
    });
  }
  return expansions;
}
