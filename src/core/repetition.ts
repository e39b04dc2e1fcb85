/**
 * A writer's own repetition, as a reviewer of a speech would mark it: an expression used again and again, paragraphs
 * or sentences that open the same way one after another, and sentences too long to say in one breath. Pure: the
 * extension shows them as hints.
 */
import { splitSentences } from './sentences';
import { parseDraft } from './structure';

export interface TextRange {
  /** 1-based line; `start`/`end` 0-based columns in it, `end` exclusive. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export type RepetitionHint =
  | { readonly kind: 'repeated-expression'; readonly range: TextRange; readonly text: string; readonly count: number; readonly others: readonly TextRange[] }
  | { readonly kind: 'same-openings'; readonly range: TextRange; readonly text: string; readonly count: number; readonly others: readonly TextRange[]; readonly unit: 'paragraph' | 'sentence' }
  | { readonly kind: 'long-sentence'; readonly range: TextRange; readonly text: string; readonly count: number };

export interface RepetitionOptions {
  /**
   * Whether a repeated stretch is an expression a writer would vary (`进一步加强`, `必须坚持`) rather than the
   * subject's own terms (`招标代理机构`, `中华民族`), which a speech cannot avoid repeating; without it every stretch is.
   */
  readonly isExpression?: (text: string) => boolean;
  /** An expression used more often than this within three pages is hinted (default 4: the fifth use is one too many). */
  readonly maxUses?: number;
  /** A stretch of more characters than this without a pause mark is too long for one breath (default 80). */
  readonly breathLength?: number;
}

export const DEFAULT_MAX_USES = 4;
export const DEFAULT_BREATH_LENGTH = 80;
const MIN_EXPRESSION = 4;
/** Three pages of a speech (about 500 characters a page): uses are counted within a stretch this long. */
const THREE_PAGES = 1500;
const MAX_EXPRESSION = 24;
/** This many paragraphs or sentences in a row that open alike make a hint. */
const SAME_OPENINGS_RUN = 3;
/**
 * Characters an expression neither starts nor ends with: particles and prepositions that glue words together, so
 * `的重要讲` or `要讲话精` are not taken for expressions while `重要讲话精神` is.
 */
const NO_EDGE = new Set('的了着和与及或是在对把被将向从以为于并而且就都也要之其这那个');
/** Enumerations open paragraphs alike on purpose: `第一，` `一是` `首先`. */
const ENUMERATION = /^(?:第[一二三四五六七八九十]+|[一二三四五六七八九十]+是|首先|其次|再次|最后|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])/;
const HAN = /[\u4e00-\u9fff]/;
/**
 * jieba's tags of words that make a stretch an expression rather than a term: verbs, adverbs, adjectives, idioms and
 * set phrases (`v`, `vd`, `vi`, `d`, `a`, `ad`, `i`, `l`, `z`). Nouns, names and verbal nouns (`管理/vn`) are terms.
 */
const EXPRESSION_TAGS = new Set(['v', 'vd', 'vi', 'd', 'a', 'ad', 'i', 'l', 'z']);

/** `isExpression` from a part-of-speech tagger: a stretch with a verb, adverb, adjective, idiom or set phrase. */
export function expressionsByWordClass(tagWords: (text: string) => readonly { readonly tag: string }[]): (text: string) => boolean {
  return text => tagWords(text).some(word => EXPRESSION_TAGS.has(word.tag));
}
const PAUSE = /[，、；：。！？…—,;:!?]/;

export function repetitionHints(draft: string, options: RepetitionOptions = {}): RepetitionHint[] {
  const lines = draft.split('\n');
  const title = parseDraft(draft).title?.text ?? '';
  return [
    ...repeatedExpressions(lines, options.maxUses ?? DEFAULT_MAX_USES, title, options.isExpression ?? (() => true)),
    ...sameOpenings(draft, lines),
    ...longSentences(lines, options.breathLength ?? DEFAULT_BREATH_LENGTH),
  ].sort((a, b) => a.range.line - b.range.line || a.range.start - b.range.start);
}

/**
 * Expressions of 4 to 24 Han characters used more than `maxUses` times within three pages; the longest first, none
 * inside another. The speech's subject is meant to recur: what its title says is not counted.
 */
function repeatedExpressions(lines: readonly string[], maxUses: number, title: string, isExpression: (text: string) => boolean): RepetitionHint[] {
  const places = new Map<string, TextRange[]>();
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  lines.forEach((line, index) => {
    for (const run of line.matchAll(/[\u4e00-\u9fff]{4,}/g)) {
      const start = run.index ?? 0;
      for (let from = 0; from + MIN_EXPRESSION <= run[0].length; from++) {
        if (NO_EDGE.has(run[0][from])) continue;
        for (let length = MIN_EXPRESSION; length <= MAX_EXPRESSION && from + length <= run[0].length; length++) {
          if (NO_EDGE.has(run[0][from + length - 1])) continue;
          const text = run[0].slice(from, from + length);
          const list = places.get(text) ?? [];
          const previous = list[list.length - 1];
          // `哈哈哈哈哈` holds `哈哈哈哈` twice, overlapping: that is one use.
          if (previous && previous.line === index + 1 && previous.end > start + from) continue;
          list.push({ line: index + 1, start: start + from, end: start + from + length });
          places.set(text, list);
        }
      }
    }
  });
  const candidates = [...places].filter(([text, found]) => found.length > maxUses && !title.includes(text)).sort((a, b) => b[0].length - a[0].length || b[1].length - a[1].length);
  const judged = new Map<string, boolean>();
  const expression = (text: string): boolean => {
    let known = judged.get(text);
    if (known === undefined) judged.set(text, (known = isExpression(text)));
    return known;
  };
  const taken: TextRange[] = [];
  const hints: RepetitionHint[] = [];
  const at = (range: TextRange): number => lineStarts[range.line - 1] + range.start;
  for (const [text, found] of candidates) {
    // Uses that overlap a longer stretch already counted are that stretch's, not this one's.
    const unclaimed = found.filter(range => !taken.some(other => other.line === range.line && other.start < range.end && range.start < other.end));
    const own = densestUses(unclaimed, at, maxUses);
    if (own.length === 0) continue;
    // A term claims its uses too, so that pieces of it (`中央投资项目招`) are not taken for expressions of their own.
    taken.push(...own);
    if (!expression(text)) continue;
    for (const range of own) hints.push({ kind: 'repeated-expression', range, text, count: own.length, others: own.filter(other => other !== range) });
  }
  return hints;
}

/** The uses that lie in some three-page stretch holding more than `maxUses` of them; none when no stretch does. */
function densestUses(uses: readonly TextRange[], at: (range: TextRange) => number, maxUses: number): TextRange[] {
  const dense = new Set<TextRange>();
  for (let first = 0, last = 0; last < uses.length; last++) {
    while (at(uses[last]) - at(uses[first]) > THREE_PAGES) first++;
    if (last - first + 1 > maxUses) for (let i = first; i <= last; i++) dense.add(uses[i]);
  }
  return uses.filter(use => dense.has(use));
}

interface Opening {
  readonly range: TextRange;
  readonly text: string;
}

/** Three or more paragraphs (or sentences) in a row that open with the same character. */
function sameOpenings(draft: string, lines: readonly string[]): RepetitionHint[] {
  const parsed = parseDraft(draft);
  const paragraphs: (Opening | undefined)[] = parsed.paragraphs.map(paragraph => (paragraph.heading ? undefined : openingOf(lines[paragraph.line - 1] ?? '', paragraph.line, 0)));
  const sentences: (Opening | undefined)[] = parsed.paragraphs.flatMap(paragraph => {
    if (paragraph.heading) return [undefined];
    const line = lines[paragraph.line - 1] ?? '';
    return splitSentences(line).map(sentence => openingOf(line, paragraph.line, sentence.start));
  });
  const byParagraph = runsOfSameOpenings(paragraphs, 'paragraph');
  // A paragraph of one sentence opens that sentence too: it is hinted once, as a paragraph.
  const marked = new Set(byParagraph.map(hint => `${hint.range.line}:${hint.range.start}`));
  return [...byParagraph, ...runsOfSameOpenings(sentences, 'sentence').filter(hint => !marked.has(`${hint.range.line}:${hint.range.start}`))];
}

function openingOf(line: string, lineNumber: number, from: number): Opening | undefined {
  let start = from;
  while (start < line.length && /[\s\u3000“"‘]/.test(line[start])) start++;
  const text = line.slice(start);
  if (!HAN.test(text[0] ?? '') || ENUMERATION.test(text)) return undefined;
  return { range: { line: lineNumber, start, end: start + 1 }, text };
}

function runsOfSameOpenings(openings: readonly (Opening | undefined)[], unit: 'paragraph' | 'sentence'): RepetitionHint[] {
  const hints: RepetitionHint[] = [];
  let runStart = 0;
  for (let i = 1; i <= openings.length; i++) {
    const current = openings[i];
    const first = openings[runStart];
    if (i < openings.length && current && first && current.text[0] === first.text[0]) continue;
    const run = openings.slice(runStart, i).filter((opening): opening is Opening => opening !== undefined);
    if (first && run.length >= SAME_OPENINGS_RUN) {
      // Marked as far as they all agree: `要` for `要坚持…要加强…`, `我们要` for `我们要…我们要…`.
      let shared = 1;
      while (run.every(opening => opening.text[shared] === first.text[shared] && HAN.test(first.text[shared] ?? ''))) shared++;
      const ranges = run.map(opening => ({ ...opening.range, end: opening.range.start + shared }));
      for (const range of ranges) hints.push({ kind: 'same-openings', unit, range, text: first.text.slice(0, shared), count: run.length, others: ranges.filter(other => other !== range) });
    }
    runStart = i;
  }
  return hints;
}

/** Stretches of more than `breathLength` characters without a pause mark. */
function longSentences(lines: readonly string[], breathLength: number): RepetitionHint[] {
  const hints: RepetitionHint[] = [];
  lines.forEach((line, index) => {
    let start = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i < line.length && !PAUSE.test(line[i])) continue;
      const stretch = line.slice(start, i).trim();
      const length = [...stretch.replace(/\s/g, '')].length;
      if (length > breathLength) {
        const from = start + line.slice(start, i).indexOf(stretch);
        hints.push({ kind: 'long-sentence', range: { line: index + 1, start: from, end: from + stretch.length }, text: stretch, count: length });
      }
      start = i + 1;
    }
  });
  return hints;
}
