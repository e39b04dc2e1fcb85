/**
 * What goes on the page, before any Word markup: the draft read by the one structure parser (the reading the
 * Outline view shows), turned into blocks with their font roles, alignment and indents. Kept apart from the
 * .docx writer so the layout decisions are plain data that tests can read without unzipping anything.
 */
import { parseDraft, type Paragraph } from '../structure';
import { withoutMarkdownListNumbers } from '../normalize';
import { breakTitle, displayWidth } from './titleLines';
import { TYPE_AREA_CHARACTERS, type ExportOptions, type FontRole } from './layout';

export interface Span {
  readonly text: string;
  readonly font: FontRole;
  readonly bold: boolean;
  /** The title's size (2号) instead of the text's (3号). */
  readonly large: boolean;
  /** A line break before this span (the title's lines). */
  readonly breakBefore: boolean;
}

export type BlockKind = 'title' | 'front-matter' | 'blank' | 'salutation' | 'body' | 'heading' | 'signature' | 'date' | 'attachment' | 'attachment-item';

export interface Block {
  readonly kind: BlockKind;
  readonly align: 'left' | 'center' | 'right' | 'justified';
  /** Indents in characters of 3号 text (the standard counts 空二字, not millimetres); a negative first line hangs. */
  readonly firstLineChars: number;
  readonly leftChars: number;
  readonly rightChars: number;
  readonly spans: readonly Span[];
  /** The heading level from the parser, for headings. */
  readonly level?: number;
}

export interface DraftLayout {
  readonly blocks: readonly Block[];
  /** What could not be laid out as the standard asks, for the writer to see. */
  readonly warnings: readonly string[];
}

const MARKDOWN_BULLET = /^([ \t]*[-*+][ \t]+)/gm;
const MARKDOWN_RULE = /^[ \t]*(?:[-*_][ \t]*){3,}$/gm;
const MARKDOWN_ORDERED = /^[ \t]*(\d{1,9})[.)][ \t]+/;

/**
 * A Markdown draft as the parser should read it: bullets and rules become spaces, so no mark is printed;
 * `1. ` items are Markdown lists, not speech headings (as the Outline view reads them).
 */
function markdownAsText(text: string): string {
  return withoutMarkdownListNumbers(text)
    .replace(MARKDOWN_RULE, rule => ' '.repeat(rule.length))
    .replace(MARKDOWN_BULLET, marker => ' '.repeat(marker.length));
}

/**
 * The numbers of a Markdown draft's ordered items by line: the preview shows them, so the printed page keeps
 * them as text (`1.`), in the body font, without Markdown's space.
 */
function orderedItemNumbers(text: string): Map<number, string> {
  const numbers = new Map<number, string>();
  text.split(/\r\n?|\n/).forEach((line, index) => {
    const match = MARKDOWN_ORDERED.exec(line);
    if (match) numbers.set(index + 1, `${match[1]}.`);
  });
  return numbers;
}

/** Inline marks that survive the parser (it strips only a line's opening marks): bold, code, links. */
function printable(text: string, markdown: boolean): string {
  const unbolded = text.replace(/\*\*/g, '');
  return markdown ? unbolded.replace(/__/g, '').replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') : unbolded;
}

function span(text: string, font: FontRole, extra: Partial<Pick<Span, 'bold' | 'large' | 'breakBefore'>> = {}): Span {
  return { text, font, bold: extra.bold ?? false, large: extra.large ?? false, breakBefore: extra.breakBefore ?? false };
}

function block(kind: BlockKind, align: Block['align'], spans: readonly Span[], indents: Partial<Pick<Block, 'firstLineChars' | 'leftChars' | 'rightChars' | 'level'>> = {}): Block {
  return { kind, align, spans, firstLineChars: indents.firstLineChars ?? 0, leftChars: indents.leftChars ?? 0, rightChars: indents.rightChars ?? 0, ...(indents.level ? { level: indents.level } : {}) };
}

/** Where a heading's own sentence ends in its paragraph (after its `。`), or the paragraph's end. */
function headingPartEnd(paragraph: Paragraph): number {
  const heading = paragraph.heading;
  if (!heading?.hasInlineBody) return paragraph.text.length;
  const found = paragraph.text.indexOf(heading.text, heading.textStart);
  if (found < 0) return paragraph.text.length;
  let end = found + heading.text.length;
  while (end < paragraph.text.length && /[。！？!?…”’」』）)：:；;*]/.test(paragraph.text[end])) end++;
  return end;
}

function headingFont(level: number): FontRole {
  return level <= 1 ? 'heading1' : level === 2 ? 'heading2' : level === 3 ? 'heading3' : 'heading4';
}

const DATE_LINE = /^[（(]?\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年.{1,6}日\s*[）)]?$/;
const ATTACHMENT_HEAD = /^附\s*件\s*[：:\d]?/;
const ATTACHMENT_ITEM = /^\d{1,2}\s*[.．、]/;

/** End matter as the standard lays it out (7.3.4–7.3.5): 附件 lines on the left, signature and date on the right. */
function endMatterBlocks(paragraphs: readonly Paragraph[], markdown: boolean): Block[] {
  const blocks: Block[] = [];
  let inAttachments = false;
  for (let i = 0; i < paragraphs.length; i++) {
    const text = printable(paragraphs[i].text, markdown);
    if (ATTACHMENT_HEAD.test(text)) {
      inAttachments = true;
      // 左空二字; a long name wraps under its own first character, after `附件：` (hanging by those 3 characters).
      blocks.push(block('attachment', 'left', [span(text, 'body')], { leftChars: 5, firstLineChars: -3 }));
    } else if (inAttachments && ATTACHMENT_ITEM.test(text)) {
      // Further attachments line up with the first one's name, after `附件：` (左空二字 + 3 characters).
      blocks.push(block('attachment-item', 'left', [span(text, 'body')], { leftChars: 5 }));
    } else if (DATE_LINE.test(text)) {
      inAttachments = false;
      blocks.push(block('date', 'right', [span(text, 'body')], { rightChars: 2 }));
    } else if (/^[（(].*[）)]$/.test(text)) {
      inAttachments = false;
      blocks.push(block('body', 'justified', [span(text, 'body')], { firstLineChars: 2 }));
    } else {
      inAttachments = false;
      blocks.push(block('signature', 'right', [span(text, 'body')], { rightChars: 2 }));
    }
  }
  // A signature with a date under it (7.3.5.2): the date starts two characters right of the signature's first
  // character, and the longer of the two ends 右空二字. Both are set from the left, so the two characters hold
  // in any word processor whatever it does to the date's digits; only the right edge depends on the estimate.
  return blocks.map((current, i) => {
    const signature = current.kind === 'signature' && blocks[i + 1]?.kind === 'date' ? current : current.kind === 'date' && blocks[i - 1]?.kind === 'signature' ? blocks[i - 1] : undefined;
    if (!signature) return current;
    const date = current.kind === 'signature' ? blocks[i + 1] : current;
    const longest = Math.max(printedWidth(signature.spans[0].text), printedWidth(date.spans[0].text) + 2);
    const signatureLeft = TYPE_AREA_CHARACTERS - 2 - longest;
    return { ...current, align: 'left', rightChars: 0, leftChars: current === signature ? signatureLeft : signatureLeft + 2 };
  });
}

/**
 * How wide a line prints, in characters: digits and Latin letters half a character, plus the space word
 * processors put between them and Chinese (LibreOffice 0.2 character, Word about as much).
 */
export function printedWidth(text: string): number {
  const changes = text.match(/[0-9A-Za-z](?=[^\x00-\x7f])|[^\x00-\x7f](?=[0-9A-Za-z])/g)?.length ?? 0;
  return displayWidth(text) + 0.2 * changes;
}

/** Lays out a draft (plain text or Markdown) as the blocks of an official document. */
export function layoutDraft(text: string, options: Pick<ExportOptions, 'boldLevel3' | 'markdown'>): DraftLayout {
  const { markdown } = options;
  const parsed = parseDraft(markdown ? markdownAsText(text) : text);
  const itemNumbers = markdown ? orderedItemNumbers(text) : new Map<number, string>();
  const blocks: Block[] = [];
  const warnings: string[] = [];

  if (parsed.title) {
    const title = breakTitle(printable(parsed.title.text, markdown));
    if (title.cutMidWord) warnings.push('title-cut');
    blocks.push(block('title', 'center', title.lines.map((line, i) => span(line, 'title', { large: true, breakBefore: i > 0 }))));
  }
  const front = parsed.paragraphs.filter(paragraph => paragraph.role === 'front-matter');
  for (const paragraph of front) blocks.push(block('front-matter', 'center', [span(printable(paragraph.text, markdown), 'subtitle')]));
  // One blank line between the title block and the speech (7.3.2: 标题下空一行).
  const speech = parsed.paragraphs.filter(paragraph => paragraph.role !== 'front-matter' && paragraph.role !== 'end-matter');
  if (blocks.length > 0 && speech.length > 0) blocks.push(block('blank', 'left', []));

  for (const paragraph of speech) {
    const printed = (from: number, to?: number): string => printable(paragraph.text.slice(from, to), markdown);
    if (paragraph.role === 'salutation') {
      blocks.push(block('salutation', 'left', [span(printed(0), 'body')]));
    } else if (paragraph.salutation && paragraph.text.startsWith(paragraph.salutation) && paragraph.role !== 'heading') {
      // `同志们：今天…` in one paragraph: the address goes on its own line, flush left, as 主送机关 does (7.3.2).
      blocks.push(block('salutation', 'left', [span(printed(0, paragraph.salutation.length), 'body')]));
      const rest = printed(paragraph.salutation.length).trim();
      if (rest) blocks.push(block('body', 'justified', [span(rest, 'body')], { firstLineChars: 2 }));
    } else if (paragraph.role === 'heading' && paragraph.heading) {
      const level = paragraph.heading.level;
      const font = headingFont(level);
      const bold = level === 3 && options.boldLevel3;
      const end = headingPartEnd(paragraph);
      const spans = [span(printed(0, end), font, { bold })];
      const rest = printed(end);
      if (rest.trim()) spans.push(span(rest, 'body'));
      blocks.push(block('heading', 'justified', spans, { firstLineChars: 2, level }));
    } else {
      blocks.push(block('body', 'justified', [span((itemNumbers.get(paragraph.line) ?? '') + printed(0), 'body')], { firstLineChars: 2 }));
    }
  }

  const end = parsed.paragraphs.filter(paragraph => paragraph.role === 'end-matter');
  if (end.length > 0) {
    if (blocks.length > 0) blocks.push(block('blank', 'left', []));
    blocks.push(...endMatterBlocks(end, markdown));
  }
  return { blocks, warnings };
}
