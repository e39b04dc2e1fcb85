/**
 * The structure parser: the one place that decides what each paragraph of a speech is (title,
 * salutation, opening, transition, heading, body, closing paragraph, closing formula) and, for
 * headings, their numbering family, number, level and text. Mining, the outline view and the
 * numbering check all read its result.
 */
import { isTitleLine, splitDocuments, type SourceDocument, type SourceLine } from './documents';
import { genreFromTitle, type Genre } from './genre';
import { normalizeNewlines, toMatchForm, trimParagraph } from './normalize';
import { splitSentences, stripEdgePunctuation } from './sentences';

export type ParagraphRole =
  | 'title'
  | 'salutation'
  | 'opening'
  | 'transition'
  | 'heading'
  | 'body'
  | 'closing'
  | 'closing-formula';

/**
 * Numbering families, each with its own level in a document. `一、` `（一）` `1.` `1、` `（1）` `第一，`
 * (half-width `(一)` and `1．` belong to the same family as their full-width forms).
 */
export type NumberingFamily = 'cn-dun' | 'cn-paren' | 'arabic-dot' | 'arabic-dun' | 'arabic-paren' | 'ordinal';

export interface Heading {
  /** The marker as written, e.g. `（一）`, `(一)`, `1.`, `第一，`. */
  readonly marker: string;
  readonly family: NumberingFamily;
  readonly number: number;
  /** 1 for the family that appears first in the document, 2 for the next, … */
  readonly level: number;
  /** The heading proper: up to the end of the first sentence, without the marker and end punctuation. */
  readonly text: string;
  /** Offset of `text` in the paragraph. */
  readonly textStart: number;
  /** Whether body text follows the heading in the same paragraph. */
  readonly hasInlineBody: boolean;
}

/** `一是…二是…`, `一要…`, `首先…其次…最后…`: structure inside a paragraph, not a heading. */
export interface Enumeration {
  readonly marker: string;
  readonly number: number;
  readonly offset: number;
}

export interface Paragraph {
  /** 1-based line in the file. */
  readonly line: number;
  /** The paragraph as written (trimmed). */
  readonly text: string;
  readonly role: ParagraphRole;
  readonly heading?: Heading;
  /** The salutation at the start of the paragraph (`同志们：`), whole or followed by text. */
  readonly salutation?: string;
  /** A transition sentence ending an opening paragraph (`下面，我讲几点意见。`). */
  readonly transition?: string;
  /** Closing formulas at the end of the paragraph (`我就讲这些，谢谢大家！`). */
  readonly closingFormulas?: readonly string[];
  /** Inline enumerations; in a heading paragraph only those after the heading sentence. */
  readonly enumerations?: readonly Enumeration[];
}

export interface ParsedDocument {
  readonly file: string;
  readonly indexInFile: number;
  readonly title: SourceLine | null;
  readonly genre: Genre;
  readonly paragraphs: readonly Paragraph[];
}

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23 (headings never go higher). */
export function chineseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const ten = text.indexOf('十');
  if (ten < 0) return CN_DIGITS[text] ?? Number.NaN;
  const tens = ten === 0 ? 1 : CN_DIGITS[text.slice(0, ten)] ?? Number.NaN;
  const units = ten === text.length - 1 ? 0 : CN_DIGITS[text.slice(ten + 1)] ?? Number.NaN;
  return tens * 10 + units;
}

const CN = '[一二三四五六七八九十]{1,3}';
/** Matched against the match form, where `(` `:` `,` are already full-width and `１` is `1`. */
const HEADING_PATTERNS: readonly { family: NumberingFamily; pattern: RegExp }[] = [
  { family: 'cn-dun', pattern: new RegExp(`^(${CN})[、.](?![一二三四五六七八九十])`) },
  { family: 'cn-paren', pattern: new RegExp(`^（(${CN})）[、，.]?`) },
  { family: 'arabic-paren', pattern: /^（(\d{1,2})）[、，.]?/ },
  { family: 'arabic-dot', pattern: /^(\d{1,2})\.(?!\d)/ },
  { family: 'arabic-dun', pattern: /^(\d{1,2})、/ },
  { family: 'ordinal', pattern: new RegExp(`^第(${CN})[，、：]`) },
];

const ENUMERATION = new RegExp(`(?:^|[。；！？：，])((${CN})(?:是|要|则|方面是)|首先|其次|再次|最后)`, 'g');
const ORDER_WORDS: Readonly<Record<string, number>> = { 首先: 1, 其次: 2, 再次: 3, 最后: 4 };

const ADDRESS_TERM = /^(?:尊敬的|亲爱的|敬爱的)?(?:各位|全体|在座的|与会)?[^，。！？：]{0,10}?(?:领导|同志|同志们|同事|同事们|朋友们|来宾|嘉宾|代表|老师|老师们|同学们|女士们|先生们|战友们|党员|委员|专家)$/;
const GREETING = /^(?:大家好|上午好|下午好|晚上好)[！!。]?/;
const CLOSING_FORMULA = /我就讲(?:这些|这么多|到这里)|谢谢大家|谢谢！|^谢谢[。！]?$|发言完毕|汇报完毕|报告完毕|讲话完毕|不妥之处|不当之处|批评指正|特此报告|以上汇报|以上报告/;
const TRANSITION = /下面|以下|现将|现就|如下[：。]?$|(?:讲|谈|提|说)(?:几|[一二三四五六七八九两])点|几点(?:意见|看法|体会|要求|建议|感受)/;
const CLOSING_CUE = /^(?:同志们|各位|同事们|朋友们|老师们|同学们)[，！]|^让我们|^总之|^总而言之|^最后[，。]|^我们坚信|让我们/;
const MAX_FORMULA_LENGTH = 40;

const SALUTATION_WINDOW = 64;

/**
 * The salutation at the start of a paragraph: address terms separated by `，` or `、`, ending with `：`
 * (`尊敬的各位领导，同志们：`), optionally followed by a greeting (`大家好！`); or a greeting alone.
 */
export function leadingSalutation(text: string): string | undefined {
  // A salutation and its greeting sit in the first few dozen characters: no need to map the whole paragraph.
  const form = toMatchForm(text.slice(0, SALUTATION_WINDOW));
  const colon = form.indexOf('：');
  let end = -1;
  if (colon > 0 && colon <= 30) {
    const parts = form.slice(0, colon).split(/[，、]/);
    if (parts.every(part => ADDRESS_TERM.test(part.trim()))) end = colon + 1;
  }
  if (end < 0) {
    // `各位领导、同志们，大家好！`: address terms followed by a greeting instead of a colon.
    const greetingAt = form.search(/[，]?(?:大家好|上午好|下午好|晚上好)/);
    if (greetingAt > 0 && greetingAt <= 30 && form.slice(0, greetingAt).split(/[，、]/).every(part => ADDRESS_TERM.test(part.trim()))) end = greetingAt;
    else if (greetingAt === 0) end = 0;
    else return undefined;
  }
  const rest = form.slice(end).replace(/^，/, '');
  const greeting = GREETING.exec(rest);
  if (greeting) end = end + (form.slice(end).startsWith('，') ? 1 : 0) + greeting[0].length;
  return end > 0 ? text.slice(0, end) : undefined;
}

/** Markers are short: the match form of a paragraph's first characters decides. */
const MARKER_WINDOW = 12;
const FIRST_SENTENCE_END = /[。！？!?…]/;

function matchHeading(text: string): Omit<Heading, 'level'> | undefined {
  const form = toMatchForm(text.slice(0, MARKER_WINDOW));
  for (const { family, pattern } of HEADING_PATTERNS) {
    const match = pattern.exec(form);
    if (!match) continue;
    const number = chineseNumber(match[1]);
    if (!Number.isFinite(number) || number === 0) continue;
    const markerEnd = match[0].length;
    const rest = text.slice(markerEnd);
    const skipped = rest.length - rest.trimStart().length;
    const end = rest.search(FIRST_SENTENCE_END);
    const headingText = stripEdgePunctuation(end < 0 ? rest : rest.slice(0, end));
    if (headingText.length === 0) continue;
    return {
      marker: text.slice(0, markerEnd),
      family,
      number,
      text: headingText,
      textStart: markerEnd + skipped,
      hasInlineBody: end >= 0 && trimParagraph(rest.slice(end).replace(/^[。！？!?…”’」』）)]+/, '')).length > 0,
    };
  }
  return undefined;
}

/** Enumerations from offset `from` on (a heading's inline body starts after its first sentence). */
function findEnumerations(text: string, from = 0): Enumeration[] {
  const form = toMatchForm(text);
  const found: Enumeration[] = [];
  for (const match of form.matchAll(ENUMERATION)) {
    const marker = match[1];
    const number = match[2] ? chineseNumber(match[2]) : ORDER_WORDS[marker];
    const offset = (match.index ?? 0) + match[0].length - marker.length;
    if (offset < from) continue;
    found.push({ marker: text.slice(offset, offset + marker.length), number, offset });
  }
  // A single `一是` inside a paragraph is a phrase, not an enumeration; at its start it opens a section.
  return found.length >= 2 || found[0]?.offset === from ? found : [];
}

/** Where the body of a heading paragraph starts (after the heading's first sentence), or -1 without one. */
function inlineBodyStart(text: string, heading: Omit<Heading, 'level'>): number {
  if (!heading.hasInlineBody) return -1;
  const rest = text.slice(heading.textStart);
  const end = rest.search(FIRST_SENTENCE_END);
  if (end < 0) return -1;
  const closers = /^[。！？!?…”’」』）)]+/.exec(rest.slice(end));
  return heading.textStart + end + (closers ? closers[0].length : 1);
}

export function isClosingFormula(text: string): boolean {
  // The match form has the text's length: long sentences are ruled out before mapping them.
  return text.length <= MAX_FORMULA_LENGTH && CLOSING_FORMULA.test(toMatchForm(text));
}

/** The closing formulas that end a paragraph, as written (`…。我就讲这些，谢谢大家！`). */
function trailingClosingFormulas(text: string): string[] {
  const sentences = splitSentences(text);
  const formulas: string[] = [];
  for (let i = sentences.length - 1; i >= 0 && isClosingFormula(sentences[i].text); i--) formulas.unshift(sentences[i].text);
  return formulas;
}

/** The last sentence of an opening paragraph when it leads into the sections. */
function trailingTransition(text: string): string | undefined {
  const sentences = splitSentences(text);
  const last = sentences[sentences.length - 1]?.text;
  if (!last || last.length > 60) return undefined;
  const form = toMatchForm(last);
  return TRANSITION.test(form) && /[。：！]$/.test(form) ? last : undefined;
}

/** Parses the paragraphs of one speech (as split by `splitDocuments`). */
export function parseDocument(document: SourceDocument): ParsedDocument {
  const source = document.paragraphs;
  const familyLevels = new Map<NumberingFamily, number>();
  const headings = source.map(({ text }) => {
    const heading = matchHeading(text);
    if (!heading) return undefined;
    if (!familyLevels.has(heading.family)) familyLevels.set(heading.family, familyLevels.size + 1);
    return { ...heading, level: familyLevels.get(heading.family) ?? 1 };
  });
  // In a heading paragraph, enumerations may follow the heading sentence (`（一）…。一是…二是…`).
  const enumerations = source.map(({ text }, i) => {
    const heading = headings[i];
    if (!heading) return findEnumerations(text);
    const bodyStart = inlineBodyStart(text, heading);
    return bodyStart < 0 ? [] : findEnumerations(text, bodyStart);
  });
  const firstHeading = headings.findIndex(Boolean);
  const lastHeading = headings.length - 1 - [...headings].reverse().findIndex(Boolean);
  const hasHeadings = firstHeading >= 0;

  const roles: ParagraphRole[] = source.map((_, i) => (headings[i] ? 'heading' : 'body'));
  const extras: { salutation?: string; transition?: string; closingFormulas?: string[] }[] = source.map(() => ({}));

  // Salutation: within the first paragraphs, before any heading.
  let firstContent = 0;
  for (let i = 0; i < Math.min(3, hasHeadings ? firstHeading : source.length); i++) {
    const salutation = leadingSalutation(source[i].text);
    if (!salutation) continue;
    extras[i].salutation = salutation;
    const rest = trimParagraph(source[i].text.slice(salutation.length));
    roles[i] = rest.length === 0 ? 'salutation' : 'opening';
    if (rest.length === 0) firstContent = i + 1;
  }

  // Opening: what comes before the first section, whether the section starts with a heading or with a
  // paragraph-initial enumeration (`一是…`). Without either, the first paragraph of content.
  const firstSection = source.findIndex((_, i) => i >= firstContent && (headings[i] || enumerations[i][0]?.offset === 0));
  const openingEnd = firstSection >= 0 ? firstSection : Math.min(source.length, firstContent + 1);
  for (let i = firstContent; i < openingEnd; i++) roles[i] = 'opening';

  // Transition: the last sentence of the paragraph that leads into the sections (the last opening
  // paragraph, or the paragraph right before the first heading).
  for (const i of new Set([openingEnd - 1, firstHeading - 1])) {
    if (i < firstContent || i < 0 || headings[i]) continue;
    const transition = trailingTransition(source[i].text);
    if (!transition) continue;
    extras[i].transition = transition;
    if (trimParagraph(source[i].text) === transition) roles[i] = 'transition';
  }

  // Closing formulas and the closing paragraph: from the end, after the last heading.
  const closingFloor = Math.max(openingEnd, hasHeadings ? lastHeading + 1 : 0);
  let i = source.length - 1;
  for (; i >= closingFloor; i--) {
    if (isClosingFormula(source[i].text)) {
      roles[i] = 'closing-formula';
      extras[i].closingFormulas = trailingClosingFormulas(source[i].text);
      continue;
    }
    break;
  }
  for (let closings = 0; i >= closingFloor && closings < 2; i--, closings++) {
    const formulas = trailingClosingFormulas(source[i].text);
    if (formulas.length > 0) extras[i].closingFormulas = formulas;
    if (CLOSING_CUE.test(toMatchForm(source[i].text)) || formulas.length > 0) roles[i] = 'closing';
    else break;
  }

  const paragraphs: Paragraph[] = source.map((line, index) => {
    return {
      line: line.line,
      text: line.text,
      role: roles[index],
      ...(headings[index] ? { heading: headings[index] } : {}),
      ...extras[index],
      ...(enumerations[index].length > 0 ? { enumerations: enumerations[index] } : {}),
    };
  });
  const salutation = paragraphs.find(p => p.salutation)?.salutation;
  const transition = paragraphs.find(p => p.transition)?.transition;
  return {
    file: document.file,
    indexInFile: document.indexInFile,
    title: document.title,
    genre: genreFromTitle(document.title?.text, salutation, transition),
    paragraphs,
  };
}

/** Every speech in a corpus file. */
export function parseCorpusFile(text: string, file: string): ParsedDocument[] {
  return splitDocuments(text, file).map(parseDocument);
}

/**
 * A writer's draft is one speech, however many blank lines it has: its first line is the title when it
 * reads like one; everything else is a paragraph.
 */
export function parseDraft(text: string, file = 'draft'): ParsedDocument {
  const lines = normalizeNewlines(text).split('\n');
  const paragraphs: SourceLine[] = [];
  let title: SourceLine | null = null;
  lines.forEach((raw, index) => {
    const lineText = trimParagraph(raw);
    if (!lineText) return;
    const line = { line: index + 1, text: lineText };
    if (!title && paragraphs.length === 0 && isTitleLine(lineText, true)) title = line;
    else paragraphs.push(line);
  });
  return parseDocument({ file, indexInFile: 0, title, paragraphs });
}

/** The role of the title line, for views that list every line of a document. */
export const TITLE_ROLE: ParagraphRole = 'title';

/** A closing paragraph without the closing formulas that end it. */
export function closingParagraphBody(paragraph: Paragraph): string {
  const formulas = paragraph.closingFormulas ?? [];
  return trimParagraph(paragraph.text.slice(0, paragraph.text.length - formulas.join('').length));
}
