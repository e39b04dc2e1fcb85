/**
 * Breaks a long title into lines the way GB/T 9704 asks (7.3.1): at word boundaries, never inside a word,
 * in a 梯形 or 菱形 shape (the first line no shorter than the last). jieba is not loaded synchronously in the
 * core, and a title's sensible breaks are few and predictable, so punctuation and function words decide:
 * after `，、：；` and spaces, before `在`/`关于`/`围绕`, after `的`/`暨`/`和`/`与`, before `上的讲话`-style endings.
 */
import { TITLE_LINE_CHARACTERS } from './layout';

export interface TitleLines {
  readonly lines: readonly string[];
  /** No break at a word boundary fitted: the title was cut at the line width (the writer should shorten it). */
  readonly cutMidWord: boolean;
}

/** Width in full-width characters: digits and Latin letters take half a character. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\x20-\x7e]/.test(char) ? 0.5 : 1;
  return width;
}

interface BreakPoint {
  /** Break before this index. */
  readonly at: number;
  /** How awkward a break here reads: 0 at punctuation, more inside a phrase. */
  readonly cost: number;
}

const AFTER_PUNCTUATION = /[，、：；！？,;:!? 　]/;
const BEFORE_WORDS = /^(?:在|关于|围绕|对于|——)/;
/** Words that start a phrase of their own in meeting names (`…暨民营经济|高质量发展工作推进会`). */
const PHRASE_STARTS = /^(?:高质量|工作(?:会|推进|部署|总结|动员|交流)|推进会|座谈会|动员会|部署会|专题|全面|会议|大会)/;
const AFTER_WORDS = /[的暨和与及]/;
const SPEECH_ENDINGS = /^(?:上|中)?的(?:讲话|发言|致辞|报告|汇报|交流|总结|讲稿|党课|主持词|研讨)/;
const OPENING_QUOTES = '《“‘「『（(';
const CLOSING_QUOTES = '》”’」』）)';

/** Where the title may be broken, with how much each break costs. */
function breakPoints(title: string): BreakPoint[] {
  const points: BreakPoint[] = [];
  let quoteDepth = 0;
  const chars = [...title];
  let offset = 0;
  const offsets: number[] = [];
  for (const char of chars) {
    offsets.push(offset);
    offset += char.length;
  }
  for (let i = 1; i < chars.length; i++) {
    const previous = chars[i - 1];
    if (OPENING_QUOTES.includes(previous)) quoteDepth++;
    if (CLOSING_QUOTES.includes(previous)) quoteDepth = Math.max(0, quoteDepth - 1);
    // Inside 《…》 or “…” a name is one unit; between two Latin letters or digits is inside a word.
    if (quoteDepth > 0 || (/[0-9A-Za-z]/.test(previous) && /[0-9A-Za-z]/.test(chars[i]))) continue;
    const rest = title.slice(offsets[i]);
    let cost: number | undefined;
    if (AFTER_PUNCTUATION.test(previous)) cost = 0;
    else if (SPEECH_ENDINGS.test(rest)) cost = 1;
    else if (BEFORE_WORDS.test(rest)) cost = 1;
    else if (PHRASE_STARTS.test(rest)) cost = 2;
    else if (CLOSING_QUOTES.includes(previous) || OPENING_QUOTES.includes(chars[i])) cost = 2;
    else if (AFTER_WORDS.test(previous) && !/^(?:讲话|发言)/.test(rest)) cost = 2;
    if (cost !== undefined && !/^[，、：；。！？》”’」』）)]/.test(rest)) points.push({ at: offsets[i], cost });
  }
  return points;
}

/** The best choice of `lineCount - 1` breaks, or undefined when none fits the width and shape. */
function bestBreaks(title: string, points: readonly BreakPoint[], lineCount: number, maxWidth: number): number[] | undefined {
  let best: { breaks: number[]; score: number } | undefined;
  const choose = (from: number, chosen: BreakPoint[]): void => {
    if (chosen.length === lineCount - 1) {
      const ends = [...chosen.map(point => point.at), title.length];
      const lines = ends.map((end, i) => title.slice(i === 0 ? 0 : ends[i - 1], end).trim());
      const widths = lines.map(displayWidth);
      if (widths.some(width => width > maxWidth || width === 0)) return;
      if (widths[0] < widths[widths.length - 1]) return; // 梯形/菱形: never a line longer than the first at the bottom
      const longest = Math.max(...widths);
      const score = widths.reduce((sum, width) => sum + (longest - width) ** 2, 0) + chosen.reduce((sum, point) => sum + point.cost * 2, 0);
      if (!best || score < best.score) best = { breaks: chosen.map(point => point.at), score };
      return;
    }
    for (let i = from; i < points.length; i++) choose(i + 1, [...chosen, points[i]]);
  };
  choose(0, []);
  return best?.breaks;
}

/** The title's lines: one when it fits, otherwise broken at word boundaries into a 梯形/菱形 shape. */
export function breakTitle(title: string, maxWidth = TITLE_LINE_CHARACTERS): TitleLines {
  const text = title.trim();
  if (displayWidth(text) <= maxWidth) return { lines: text ? [text] : [], cutMidWord: false };
  const points = breakPoints(text);
  const fewest = Math.ceil(displayWidth(text) / maxWidth);
  // Four lines at most are searched (a title longer than that is no title); beyond, break greedily.
  for (let lineCount = fewest; lineCount <= Math.min(fewest + 1, 4) && lineCount - 1 <= points.length; lineCount++) {
    const breaks = bestBreaks(text, points, lineCount, maxWidth);
    if (breaks) {
      const ends = [...breaks, text.length];
      return { lines: ends.map((end, i) => text.slice(i === 0 ? 0 : ends[i - 1], end).trim()), cutMidWord: false };
    }
  }
  const greedy = greedyBreaks(text, points, maxWidth);
  if (greedy) return { lines: greedy, cutMidWord: false };
  // No word boundary fits: cut at the width, so the title is still laid out (and say so).
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (displayWidth(line + char) > maxWidth) {
      lines.push(line);
      line = '';
    }
    line += char;
  }
  if (line) lines.push(line);
  return { lines, cutMidWord: true };
}

/** Each line as long as the width allows, broken at the last break point that fits; undefined if a stretch has none. */
function greedyBreaks(title: string, points: readonly BreakPoint[], maxWidth: number): string[] | undefined {
  const lines: string[] = [];
  let start = 0;
  while (displayWidth(title.slice(start)) > maxWidth) {
    const fitting = points.filter(point => point.at > start && displayWidth(title.slice(start, point.at)) <= maxWidth);
    if (fitting.length === 0) return undefined;
    const end = fitting[fitting.length - 1].at;
    lines.push(title.slice(start, end).trim());
    start = end;
  }
  lines.push(title.slice(start).trim());
  return lines;
}
