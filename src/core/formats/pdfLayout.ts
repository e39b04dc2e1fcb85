/**
 * A PDF's text items laid out again as paragraphs. A PDF knows glyph runs and where they sit, not paragraphs: runs
 * on one baseline make a line; a page of two columns is read column by column; running headers, footers and page
 * numbers (`— 3 —`, `第3页 共9页`) are dropped; lines are joined into a paragraph until one ends it: a line that
 * stops short of the right margin, a next line indented (Chinese paragraphs open with two characters of indent) or
 * set apart (a wider gap, another size), or, in a document without indents, a line ending with a sentence mark.
 * Pure: the items come from pdf.js in whichever host.
 */

export interface PdfTextItem {
  readonly text: string;
  /** Left end of the run and its baseline, in PDF points from the page's bottom-left corner. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** The font size (the run's height). */
  readonly size: number;
}

export interface PdfPageText {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PdfTextItem[];
}

interface TextLine {
  text: string;
  left: number;
  right: number;
  readonly y: number;
  readonly size: number;
  readonly page: number;
  /** The column (or page) the line was read in: margins are measured per block. */
  readonly block: number;
}

/** Share of the page's height at the top and at the bottom where running headers and footers sit. */
const MARGIN_BAND = 0.15;
/** A page number on its own: `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 9 页`, `3/9`. */
const PAGE_NUMBER = /^(?:[-—–－―\s]*\d{1,4}[-—–－―\s]*|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[-—–－\s]*[ivxlc]{1,6}[-—–－\s]*)$/i;
const SENTENCE_END = /[。！？；：…][”’」』）)]*$/;
const CJK_CHARS = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019\u2014\u2026';
const CJK = new RegExp(`[${CJK_CHARS}]`);
const SPACE_BESIDE_CJK = new RegExp(`(?<=[${CJK_CHARS}]) | (?=[${CJK_CHARS}])`, 'g');

/** The text of a PDF's pages, one paragraph a line. */
export function pdfPagesToText(pages: readonly PdfPageText[]): string {
  const lines: TextLine[] = [];
  let block = 0;
  pages.forEach((page, pageIndex) => {
    for (const group of readingGroups(page)) {
      lines.push(...groupLines(group, pageIndex, block));
      block++;
    }
  });
  const body = withoutNoteMarks(withoutRunningLines(lines, pages));
  return joinParagraphs(body).join('\n');
}

/**
 * The page's items in reading order groups: one group for a single-column page; for a page in two columns, what
 * spans both columns above them (a title), the left column, the right column, and what spans them below.
 */
function readingGroups(page: PdfPageText): PdfTextItem[][] {
  const items = page.items.filter(item => item.text.trim() !== '');
  const gutter = findGutter(items, page.width);
  if (gutter === undefined) return [items];
  const crosses = (item: PdfTextItem): boolean => item.x < gutter && item.x + item.width > gutter;
  const columns = items.filter(item => !crosses(item));
  // What spans both columns above the middle of their text is a title over them; below it, a note under them.
  const middle = median(columns.map(item => item.y));
  const spanning = items.filter(crosses);
  return [
    spanning.filter(item => item.y > middle),
    columns.filter(item => item.x + item.width <= gutter),
    columns.filter(item => item.x >= gutter),
    spanning.filter(item => item.y <= middle),
  ].filter(group => group.length > 0);
}

/**
 * An x in the middle of the page that (almost) no text run crosses while both sides hold text: the gap between two
 * columns. A title over both columns may cross it.
 */
function findGutter(items: readonly PdfTextItem[], pageWidth: number): number | undefined {
  if (items.length < 10 || pageWidth <= 0) return undefined;
  // Measured in bins of a point on a normal page; an absurd page width (a damaged or hostile file) gets wider bins.
  const bin = Math.max(1, pageWidth / 2000);
  const from = Math.floor((pageWidth * 0.3) / bin);
  const to = Math.ceil((pageWidth * 0.7) / bin);
  const crossing = new Array<number>(to - from + 1).fill(0);
  for (const item of items) {
    for (let x = Math.max(from, Math.floor(item.x / bin)); x <= Math.min(to, Math.ceil((item.x + item.width) / bin)); x++) crossing[x - from]++;
  }
  const allowed = Math.max(1, items.length * 0.03);
  let best: { start: number; length: number } | undefined;
  let start = -1;
  for (let i = 0; i <= crossing.length; i++) {
    const open = i < crossing.length && crossing[i] <= allowed;
    if (open && start < 0) start = i;
    if (!open && start >= 0) {
      if (!best || i - start > best.length) best = { start, length: i - start };
      start = -1;
    }
  }
  if (!best || best.length * bin < 4) return undefined;
  const gutter = (from + best.start + best.length / 2) * bin;
  const left = items.filter(item => item.x + item.width <= gutter).length;
  const right = items.filter(item => item.x >= gutter).length;
  return left >= items.length * 0.2 && right >= items.length * 0.2 ? gutter : undefined;
}

/** Runs on one baseline (within a third of the font size) make a line, read left to right. */
function groupLines(items: readonly PdfTextItem[], page: number, block: number): TextLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfTextItem[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y - item.y) <= Math.max(row[0].size, item.size) * 0.35) row.push(item);
    else rows.push([item]);
  }
  return rows.map(row => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let right = -Infinity;
    for (const item of row) {
      const gap = item.x - right;
      if (text && gap > item.size * 0.25 && !CJK.test(text.slice(-1)) && !CJK.test(item.text[0]) && !/\s$/.test(text)) text += ' ';
      text += item.text;
      right = Math.max(right, item.x + item.width);
    }
    const size = median(row.map(item => item.size));
    // pdf.js marks a gap between two runs (a Latin font beside a Chinese one) with a space; Chinese takes none.
    const joined = text.replace(/\s+/g, ' ').replace(SPACE_BESIDE_CJK, '').trim();
    return { text: joined, left: row[0].x, right, y: row[0].y, size, page, block };
  }).filter(line => line.text !== '');
}

/** Drops page numbers and running headers and footers: lines in the top or bottom band that repeat on other pages. */
function withoutRunningLines(lines: readonly TextLine[], pages: readonly PdfPageText[]): TextLine[] {
  const inBand = (line: TextLine): boolean => {
    const height = pages[line.page].height;
    return line.y >= height * (1 - MARGIN_BAND) || line.y <= height * MARGIN_BAND;
  };
  const shape = (text: string): string => text.replace(/\d+/g, '#').replace(/\s/g, '');
  const pagesWith = new Map<string, Set<number>>();
  for (const line of lines) {
    if (!inBand(line)) continue;
    const key = shape(line.text);
    const seen = pagesWith.get(key) ?? new Set<number>();
    seen.add(line.page);
    pagesWith.set(key, seen);
  }
  const repeatsOn = Math.max(2, Math.ceil(pages.length / 2));
  return lines.filter(line => !(inBand(line) && (PAGE_NUMBER.test(line.text) || (pagesWith.get(shape(line.text))?.size ?? 0) >= repeatsOn)));
}

/**
 * Drops footnote marks set above a line in a smaller size (`¹`, `2 3`): they sit on their own baseline, so they read
 * as lines of their own, and would cut the paragraph they belong to.
 */
function withoutNoteMarks(lines: readonly TextLine[]): TextLine[] {
  const size = bodySize(lines);
  return lines.filter(line => !(line.size < size * 0.8 && /^[\d\s,，*†‡①-⑳]{1,8}$/.test(line.text)));
}

/** Lines joined into paragraphs (see the module comment for what ends one). */
function joinParagraphs(lines: readonly TextLine[]): string[] {
  if (lines.length === 0) return [];
  const byBlock = new Map<number, TextLine[]>();
  for (const line of lines) byBlock.set(line.block, [...(byBlock.get(line.block) ?? []), line]);
  const size = bodySize(lines);
  // Margins per column slot (the whole page for one column; the left and the right column for two), measured over
  // every page: a page with a few lines, or only indented ones, cannot show its margins by itself. Most lines of a
  // paragraph start at the left margin, and full ones end at the same x (Chinese text is set justified).
  const slotOf = (blockLines: readonly TextLine[]): number => Math.round(blockLines.reduce((left, line) => Math.min(left, line.left), Infinity) / (size * 4));
  const slotLines = new Map<number, TextLine[]>();
  const blockSlot = new Map<number, number>();
  for (const [block, blockLines] of byBlock) {
    const slot = slotOf(blockLines);
    blockSlot.set(block, slot);
    slotLines.set(slot, [...(slotLines.get(slot) ?? []), ...blockLines]);
  }
  const leftMargin = new Map<number, number>();
  const rightMargin = new Map<number, number>();
  for (const [block, slot] of blockSlot) {
    const inSlot = slotLines.get(slot) ?? [];
    leftMargin.set(block, mode(inSlot.map(line => Math.round(line.left)), 'smallest'));
    rightMargin.set(block, mode(inSlot.map(line => Math.round(line.right)), 'largest'));
  }
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1].y - lines[i].y;
    if (lines[i].block === lines[i - 1].block && gap > 0 && gap < size * 3) pitches.push(gap);
  }
  const pitch = pitches.length > 0 ? median(pitches) : size * 1.5;
  const isIndented = (line: TextLine): boolean => line.left > (leftMargin.get(line.block) ?? line.left) + line.size * 0.9;
  // Chinese documents open paragraphs with an indent; without indents, a sentence mark at a line's end is the cue.
  const usesIndents = lines.filter(isIndented).length >= lines.length * 0.03;

  const paragraphs: string[] = [];
  let current = lines[0].text;
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1];
    const line = lines[i];
    const endsShort = previous.right < (rightMargin.get(previous.block) ?? previous.right) - previous.size * 1.5;
    const sameSize = Math.abs(previous.size - line.size) <= size * 0.15;
    const setApart = !sameSize || (previous.block === line.block && previous.y - line.y > Math.max(pitch, line.size * 1.2) * 1.7);
    // A title in a larger size wraps onto a second line, centred (a body line goes on at the margin): one title.
    // Centred: as far from the left margin as from the right (an indented paragraph start is not).
    const centred = (candidate: TextLine): boolean => {
      const leftGap = candidate.left - (leftMargin.get(candidate.block) ?? candidate.left);
      const rightGap = (rightMargin.get(candidate.block) ?? candidate.right) - candidate.right;
      return leftGap > candidate.size && Math.abs(leftGap - rightGap) <= candidate.size * 2;
    };
    const full = (candidate: TextLine): boolean => candidate.right >= (rightMargin.get(candidate.block) ?? candidate.right) - candidate.size;
    const wrappedTitle = sameSize && line.size > size * 1.15 && (centred(previous) || full(previous)) && centred(line) && previous.block === line.block && !setApart;
    const breaks = !wrappedTitle && (endsShort || isIndented(line) || setApart || (!usesIndents && SENTENCE_END.test(previous.text)));
    if (breaks) {
      paragraphs.push(current);
      current = line.text;
    } else {
      current += /[A-Za-z0-9,.;:]$/.test(current) && /^[A-Za-z0-9]/.test(line.text) ? ` ${line.text}` : line.text;
    }
  }
  paragraphs.push(current);
  return paragraphs;
}

/** The size most of the text is set in: the body's, whatever the number of small-print lines (tables, notes). */
function bodySize(lines: readonly TextLine[]): number {
  const chars = new Map<number, number>();
  for (const line of lines) chars.set(Math.round(line.size * 2) / 2, (chars.get(Math.round(line.size * 2) / 2) ?? 0) + line.text.length);
  let best = lines[0]?.size ?? 0;
  for (const [size, count] of chars) if (count > (chars.get(best) ?? 0)) best = size;
  return best;
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * (sorted.length - 1) + 0.5))] ?? 0;
}

/**
 * The most common value, counting values within 2 points of each other as one. On a tie the outermost wins: the
 * smallest for a left margin, the largest for a right one (a page of three lines has three different line ends).
 */
function mode(values: readonly number[], outermost: 'smallest' | 'largest'): number {
  const counts = new Map<number, number>();
  for (const value of values) for (let near = value - 2; near <= value + 2; near++) counts.set(near, (counts.get(near) ?? 0) + 1);
  let best = values[0] ?? 0;
  for (const [value, count] of counts) {
    const bestCount = counts.get(best) ?? 0;
    if (count > bestCount || (count === bestCount && (outermost === 'smallest' ? value < best : value > best))) best = value;
  }
  return best;
}
