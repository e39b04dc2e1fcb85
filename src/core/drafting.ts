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

/** How a speech of each genre is usually titled; `××××` is the part the writer fills in. */
const TITLE_PATTERNS: Readonly<Record<Genre, string>> = {
  讲话: '在××××会议上的讲话',
  发言: '在××××上的交流发言',
  汇报: '关于××××情况的汇报',
  总结: '××××年工作总结',
  党课: '××××专题党课讲稿',
  心得体会: '关于××××的心得体会',
  述职: '××××年度述职报告',
  致辞: '在××××上的致辞',
  其他: '在××××上的讲话',
};

/**
 * The part of kind `kind` for a skeleton: the one from the scaffold's own speech, so the parts belong
 * together; else the most used one of the genre that several speeches share (a line from one speech
 * alone may name its own people and places).
 */
function partFor(library: Library, kind: EntryKind, scaffold: LibraryEntry, accept: (entry: LibraryEntry) => boolean = () => true): LibraryEntry | undefined {
  const speech = scaffold.sources[0]?.document;
  const ofKind = library.entries.filter(entry => entry.kind === kind && accept(entry));
  const genre = scaffold.genres[0];
  return ofKind.find(entry => entry.sources.some(source => source.document === speech))
    ?? ofKind.find(entry => entry.documents >= 2 && (genre === undefined || entry.genres.includes(genre)))
    ?? ofKind.find(entry => entry.documents >= 2);
}

/**
 * One snippet for a new draft: title, salutation, opening, transition, the scaffold's headings, a closing
 * paragraph and a closing formula, each a tab stop holding the corpus's text.
 */
export function draftSkeletonSnippet(library: Library, scaffold: LibraryEntry): string {
  const genre = scaffold.genres[0] ?? '讲话';
  let index = 1;
  const lines: string[] = [];
  const field = (text: string): void => {
    lines.push(tabStop(index++, text));
  };
  field(TITLE_PATTERNS[genre]);
  for (const kind of ['salutation', 'opening', 'transition'] as const) {
    // A draft opens with a salutation that opened a speech, never with a mid-speech `各位代表！`.
    const entry = partFor(library, kind, scaffold, candidate => kind !== 'salutation' || candidate.variant === 'opening');
    if (entry) field(entry.text);
  }
  const headings = outlineSnippet(scaffold.outline ?? [], index);
  if (headings.snippet) lines.push(headings.snippet);
  index = headings.nextIndex;
  const closingParagraph = partFor(library, 'closing', scaffold, entry => entry.variant === 'paragraph');
  if (closingParagraph) field(closingParagraph.text);
  const closingFormula = partFor(library, 'closing', scaffold, entry => entry.variant === 'formula');
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
    // The speech's closing is not the last section's body.
    if (!heading || heading.hasInlineBody) return [];
    const bodyFollows = next && !(next.heading && next.heading.level <= heading.level) && next.role !== 'closing' && next.role !== 'closing-formula';
    if (bodyFollows) return [];
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
  // One corpus section serves one heading: two headings never get the same borrowed text.
  const used = new Set<CorpusSection>();
  for (const { paragraph, heading } of headingsWithoutBody(draft)) {
    if (onlyLine !== undefined && paragraph.line - 1 !== onlyLine) continue;
    const wanted = bigramsOf(heading.text);
    let best: CorpusSection | undefined;
    let bestScore = MIN_SIMILARITY;
    for (const section of sections) {
      if (section.heading.level !== heading.level || used.has(section) || (section.subheadings.length === 0 && !section.firstParagraph)) continue;
      const score = similarity(wanted, section.bigrams);
      if (score > bestScore) {
        best = section;
        bestScore = score;
      }
    }
    if (!best) continue;
    used.add(best);
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
