/**
 * The structure parser: the one place that decides what each paragraph of a speech is (title,
 * salutation, opening, transition, heading, body, closing paragraph, closing formula) and, for
 * headings, their numbering family, number, level and text. Mining, the outline view and the
 * numbering check all read its result.
 */
import { cleanLine, isTitleLine, leadingLinesToSkip, splitDocuments, type SourceDocument, type SourceLine } from './documents';
import { genreFromTitle, type Genre } from './genre';
import { forEachMatch, normalizeNewlines, toMatchForm, trimParagraph } from './normalize';
import { splitSentences, stripEdgePunctuation } from './sentences';

export type ParagraphRole =
  | 'title'
  | 'salutation'
  | 'opening'
  | 'transition'
  | 'heading'
  | 'body'
  | 'closing'
  | 'closing-formula'
  /** Between the title and the speech: a `——` subtitle, the date, the speaker (`XX局局长 张三`), an editor's note. */
  | 'front-matter'
  /** After the speech: signature, date, `（根据录音整理）`, `附件：` and what follows it. */
  | 'end-matter';

/**
 * Numbering families: `第一部分`/`第一章`, `一、`, `（一）`, `1.`, `1、`, `3.1`, `（1）`, `1）`, `第一，`, `第一项…：`
 * (half-width `(一)` and `1．` belong to the same family as their full-width forms).
 */
export type NumberingFamily =
  | 'part'
  | 'cn-dun'
  | 'cn-paren'
  | 'arabic-dot'
  | 'arabic-dun'
  | 'decimal'
  | 'arabic-paren'
  | 'arabic-half-paren'
  | 'ordinal'
  | 'ordinal-item';

export interface Heading {
  /** The marker as written, e.g. `（一）`, `(一)`, `1.`, `第一，`. */
  readonly marker: string;
  readonly family: NumberingFamily;
  readonly number: number;
  /** The heading's depth in the tree where it stands: 1 on top, 2 under a level-1 heading, … */
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
  // `第一部分　总体要求`, `第二章：…`: the part's name follows a space or a mark (`第一章规定…` is a sentence).
  { family: 'part', pattern: new RegExp(`^第(${CN})(?:部分|章|篇)(?:[ ：，、.]+|$)`) },
  // `一、二季度`, `三、四月份`: two consecutive numbers are a range in a sentence (see `isNumberRange`).
  { family: 'cn-dun', pattern: new RegExp(`^(${CN})[、.]`) },
  { family: 'cn-paren', pattern: new RegExp(`^（(${CN})）[、，.]?`) },
  { family: 'arabic-paren', pattern: /^（(\d{1,2})）[、，.]?/ },
  // `3.1 需求管理`: a sub-number under `3.`, set apart by a space (`5.12护士节`, `2.5亿元` are a date and an amount).
  { family: 'decimal', pattern: /^\d{1,2}\.(\d{1,2})(?= +[^ ])/ },
  { family: 'arabic-dot', pattern: /^(\d{1,2})\.(?!\d)/ },
  { family: 'arabic-dun', pattern: /^(\d{1,2})、/ },
  { family: 'arabic-half-paren', pattern: /^(\d{1,2})）/ },
  { family: 'ordinal', pattern: new RegExp(`^第(${CN})[，、：]`) },
  // `第一项任务：…`, `第二项，…：`: a named item ends with a colon; `第二项，是建立…。` in running text does not.
  { family: 'ordinal-item', pattern: new RegExp(`^第(${CN})项(?=[^。；]{0,16}：)[，、]?`) },
];

const ENUMERATION = new RegExp(`(?:^|[。；！？：，])((${CN})(?:是|要|则|方面是)|首先|其次|再次|最后)`, 'g');
const ORDER_WORDS: Readonly<Record<string, number>> = { 首先: 1, 其次: 2, 再次: 3, 最后: 4 };

const ADDRESS_TERM = /^(?:尊敬的|亲爱的|敬爱的)?(?:各位|全体|在座的|与会)?[^，。！？：]{0,10}?(?:领导|同志|同志们|同事|同事们|朋友们|来宾|嘉宾|代表|老师|老师们|同学们|女士们|先生们|战友们|党员|委员|专家|评委|评委们|同仁|同仁们|伙伴们|家人|家人们|乡亲|乡亲们|父老乡亲|老乡|老乡们|朋友|企业家|常委|家长|家长们|校友|校友们|村民|村民们|居民|居民们|学员|学员们|队员|队员们|同胞们|官兵|志愿者|干部|职工|员工|团员|负责人|负责同志|书记|主任|主席|部长|厅长|局长|处长|省长|市长|县长|区长|镇长|乡长|校长|院长|行长|董事长|总经理|经理|(?<!^(?:我|你|他|她|它|咱|人|俺))们)$/;
/** `大家好`, `大家早上好`, `上午好`, `各位好`. */
const GREETING_WORDS = '(?:大家(?:早上|上午|中午|下午|晚上)?好|(?:早上|上午|中午|下午|晚上)好|各位好)';
const GREETING = new RegExp(`^${GREETING_WORDS}[！!。]?`);
const GREETING_AFTER_ADDRESS = new RegExp(`[，]?${GREETING_WORDS}`);
const CLOSING_FORMULA = /我就讲(?:这些|这么多|到这里)|就(?:讲|说|汇报|发言)到这里|我就(?:说|汇报)这些|(?:谢谢|多谢)大家|(?:谢谢|多谢)各位|谢谢！|^谢谢[。！]?$|(?:发言|汇报|报告|讲话|述职)完毕|(?:汇报|发言|讲)完了|到此结束|不妥之处|不当之处|批评指正|特此报告|以上(?:汇报|报告|述职|发言)|^以上[^。！？]{0,20}(?:供[^。！？]{0,6}参考|参阅)|以上是(?:我|本人)的|请(?:予|各位领导|大家)?[^，。]{0,10}(?:审议|评议)|宣布[^。]{0,30}(?:闭幕|结束)|^(?:最后，)?(?:衷心|真诚)?祝(?:愿)?(?:大家|各位|全体|同志们|老师们|同学们|朋友们)/;
const TRANSITION = /下面|以下|现将|现就|如下[：。]?$|(?:讲|谈|提|说)(?:几|[一二三四五六七八九两])点|几点(?:意见|看法|体会|要求|建议|感受)/;
const CLOSING_CUE = /^(?:同志们|各位|同事们|朋友们|老师们|同学们)[，！]|^让我们|^总之|^总而言之|^最后[，。]|^我们坚信|让我们/;
/** A paragraph opening with an address (`各位领导、同事们，…`, `女士们、先生们，…`): how a closing turns to the audience. */
const ADDRESS_OPENING = /^([^，！。：]{2,24})[，！]/;
/** The audience itself, not any noun of office: `各位…`, `尊敬的…`, or a plural in 们 (`同事们`, `女士们`). */
const AUDIENCE = /^(?:(?:尊敬的|亲爱的|敬爱的)?(?:各位|全体|在座的)[^，！。：、]{1,8}|(?!我们|你们|他们|她们|咱们|人们)[^，！。：、]{1,6}们)$/;
const MAX_FORMULA_LENGTH = 40;

const SALUTATION_WINDOW = 80;
/**
 * `尊敬的李董事长，尊敬的各位领导、各位来宾，女士们、先生们、朋友们：` is 34 characters; a congress or a ceremony
 * names more (`尊敬的…部长，尊敬的…书记，各位领导、各位嘉宾，亲爱的老师们、同学们：`).
 */
const MAX_SALUTATION_LENGTH = 64;

/** Address terms separated by `，` or `、` (`尊敬的各位领导、各位来宾`), in the match form. */
function isAddressRun(form: string): boolean {
  return form.split(/[，、]/).every(part => ADDRESS_TERM.test(part.trim()));
}

/** The first line of a salutation wrapped over two lines: `尊敬的各位领导、` (then `各位同事：`). */
function isWrappedSalutationStart(text: string): boolean {
  const form = toMatchForm(text);
  return form.length <= MAX_SALUTATION_LENGTH && /[，、]$/.test(form) && isAddressRun(form.slice(0, -1));
}

/**
 * The salutation at the start of a paragraph: address terms separated by `，` or `、`, ending with `：` or `！`
 * (`尊敬的各位领导，同志们：`, `青年朋友们、同志们！`), optionally followed by a greeting (`大家好！`); or a greeting
 * alone. `同志们，我们要…` (a comma, then a sentence) opens a paragraph and is no salutation.
 */
export function leadingSalutation(text: string): string | undefined {
  // A salutation and its greeting sit in the first few dozen characters: no need to map the whole paragraph.
  const form = toMatchForm(text.slice(0, SALUTATION_WINDOW));
  const mark = form.search(/[：！]/);
  let end = -1;
  if (mark > 0 && mark <= MAX_SALUTATION_LENGTH && isAddressRun(form.slice(0, mark))) end = mark + 1;
  if (end < 0) {
    // `各位领导、同志们，大家好！`: address terms followed by a greeting instead of a colon.
    const greetingAt = form.search(GREETING_AFTER_ADDRESS);
    if (greetingAt > 0 && greetingAt <= MAX_SALUTATION_LENGTH && isAddressRun(form.slice(0, greetingAt))) end = greetingAt;
    else if (greetingAt === 0) end = 0;
    // Address terms set apart by spaces (`各位领导 各位来宾`), or standing alone without a mark.
    else if (form.length <= MAX_SALUTATION_LENGTH && isAddressRun(form.replace(/[！：]$/, '').replace(/\s+/g, '、'))) return text;
    else return undefined;
  }
  const rest = form.slice(end).replace(/^，/, '');
  const greeting = GREETING.exec(rest);
  if (greeting) end = end + (form.slice(end).startsWith('，') ? 1 : 0) + greeting[0].length;
  return end > 0 ? text.slice(0, end) : undefined;
}

/** Each part names the audience itself (`各位代表`, `同志们`, `尊敬的…`), or greets it: how a speaker turns back to the room. */
function addressesTheAudience(salutation: string): boolean {
  const form = toMatchForm(salutation).replace(/[：！。]+$/, '');
  return form.split(/[，、\s]+/).filter(Boolean).every(part => GREETING.test(part) || AUDIENCE.test(part) || /^(?:尊敬的|亲爱的|敬爱的)/.test(part));
}

/** Markers are short: the match form of a paragraph's first characters decides. */
const MARKER_WINDOW = 12;
const FIRST_SENTENCE_END = /[。！？!?…]/;
/** A colon that an enumeration follows ends a heading too: `一、存在的问题：一是…；二是…。` */
const COLON_BEFORE_ENUMERATION = new RegExp(`：(?=${CN}(?:是|要|则|方面)|首先|第一|\\d{1,2}[.、]|（\\d{1,2}）)`);

/** Where the heading sentence ends in the text after the marker (at its end mark), or -1 when it runs to the end. */
function headingSentenceEnd(rest: string): number {
  const end = rest.search(FIRST_SENTENCE_END);
  const colon = toMatchForm(end < 0 ? rest : rest.slice(0, end)).search(COLON_BEFORE_ENUMERATION);
  return colon >= 0 ? colon : end;
}

function matchHeading(text: string): Omit<Heading, 'level'> | undefined {
  const form = toMatchForm(text.slice(0, MARKER_WINDOW));
  for (const { family, pattern } of HEADING_PATTERNS) {
    const match = pattern.exec(form);
    if (!match) continue;
    const number = chineseNumber(match[1]);
    if (!Number.isFinite(number) || number === 0) continue;
    const markerEnd = match[0].length;
    if (family === 'cn-dun' && isNumberRange(number, form.slice(markerEnd))) continue;
    const rest = text.slice(markerEnd);
    const skipped = rest.length - rest.trimStart().length;
    const end = headingSentenceEnd(rest);
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

/**
 * `一、二季度已移交的系统`: the next number after `一、` makes a range, a sentence and no heading. A heading may start
 * with another number (`一、三年来的斗争和新时期的总任务`, the 1978 government work report).
 */
function isNumberRange(number: number, rest: string): boolean {
  const next = /^[一二三四五六七八九十]/.exec(rest);
  return next !== null && chineseNumber(next[0]) === number + 1;
}

/** Enumerations from offset `from` on (a heading's inline body starts after its first sentence). */
function findEnumerations(text: string, from = 0): Enumeration[] {
  const form = toMatchForm(text);
  const found: Enumeration[] = [];
  forEachMatch(ENUMERATION, form, match => {
    const marker = match[1];
    const number = match[2] ? chineseNumber(match[2]) : ORDER_WORDS[marker];
    const offset = match.index + match[0].length - marker.length;
    if (offset >= from) found.push({ marker: text.slice(offset, offset + marker.length), number, offset });
  });
  // A single marker inside a paragraph is a phrase, not an enumeration; at its start it opens a section, and a
  // sentence that ends in `一是…` starts a list that goes on in the next paragraphs (`…生态环保工作。一是…`).
  if (found.length !== 1) return found;
  const [only] = found;
  return only.offset === from || (only.number === 1 && /[。；：]$/.test(form.slice(0, only.offset))) ? found : [];
}

/** Where the body of a heading paragraph starts (after the heading's first sentence), or -1 without one. */
function inlineBodyStart(text: string, heading: Omit<Heading, 'level'>): number {
  if (!heading.hasInlineBody) return -1;
  const rest = text.slice(heading.textStart);
  const end = headingSentenceEnd(rest);
  if (end < 0) return -1;
  const closers = /^[。！？!?…”’」』）)]+/.exec(rest.slice(end));
  return heading.textStart + end + (closers ? closers[0].length : 1);
}

export function isClosingFormula(text: string): boolean {
  // The match form has the text's length: long sentences are ruled out before mapping them.
  return text.length <= MAX_FORMULA_LENGTH && CLOSING_FORMULA.test(toMatchForm(text));
}

/** Whether a paragraph after the last section reads as the closing: a rallying cue or an address to the audience. */
function isClosingCue(text: string): boolean {
  const form = toMatchForm(text);
  if (CLOSING_CUE.test(form)) return true;
  const address = ADDRESS_OPENING.exec(form);
  return address !== null && address[1].split(/[，、]/).every(part => AUDIENCE.test(part.trim()));
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

/** `——在全市工作会议上的讲话` under a title. */
const SUBTITLE = /^(?:——|—|--|－－)\s*[^—\s-]/;
/** `（2024年7月10日）`, `2024年7月`, `二〇二四年七月十日`. */
const DATE_LINE = /^[（(]?\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年(?:\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月(?:\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日)?)?\s*[）)]?$/;
/** An editor's note in brackets: `（根据录音整理）`, `（有删节）`. */
const BRACKETED_NOTE = /^[（(〔【][^（）()〔〕【】]{1,40}[）)〕】]$/;
/**
 * An attachment label line: `附件：`, `附件1：工作台账`, `附件：1.问题清单`. A body sentence that mentions an attachment
 * (`附件1中的任务分工，各单位要…`) has clause marks and is no label.
 */
const ATTACHMENT = /^附件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})?\s*(?:[：:．.、]|$)[^，。；！？]{0,40}$/;
/** A speaker, unit or signature line (`市住房和城乡建设局局长  张三`, `区应急管理局`): short, without clause marks. */
const MAX_SIGNATURE_LENGTH = 30;
const CLAUSE_MARK = /[，。！？；：、“”,.!?;:]/;
/** Front and end matter sit next to the title or at the very end: a few lines at most. */
const MAX_FRAME_LINES = 6;
/** An attachment list can be long, but it follows the speech's last page. */
const ATTACHMENT_WINDOW = 20;

/** Dates, notes and signatures are short: longer lines are ruled out before mapping them. */
const MAX_FRAME_LINE_LENGTH = 44;

/** `述职人：王建军　2024年1月8日`, `汇报单位：…`, `主讲人：张三`, `来源：江城日报`: a labelled byline or source. */
const LABELLED_LINE = /^(?:(?:述职|汇报|报告|发言|主讲|讲话|联系|执笔|整理|审核|签发|撰稿|起草|负责)人|(?:报告|汇报|发言|主办|承办)?单位|部门|日期|时间|(?:联系)?电话|来源|作者|出处|整理|审核|审稿|签发|(?:责任)?编辑|撰稿|供稿|执笔)\s*[：:]/;
/** What a unit's name ends with (`区应急管理局`, `XX县委办公室`), a post (`局长`, `党总支书记`), or an editor's credit. */
const SIGNATURE_PART = /(?:局|委|办|院|厅|处|科|所|署|室|站|中心|公司|集团|党委|党组|支部|总支|街道|社区|村委会|居委会|政府|人大|政协|法院|检察院|医院|银行|分行|支行|大学|学院|学校|委员会|办公室|联|工会|协会|商会|学会|联合会|基金会|研究会|局长|书记|主任|部长|厅长|处长|省长|市长|州长|县长|区长|镇长|乡长|科长|所长|院长|校长|行长|董事长|总经理|经理|主席|秘书长|理事长|队长|站长)(?:整理|印发|供稿|提供|制)?$/;
/** A person's name standing beside a unit or a date (`王建军`, `×××`; a two-character name is often spaced: `孙　悦`). */
const PERSON_NAME = /^(?:[\u4e00-\u9fa5·]{1,4}|[×X*]{1,3})$/;

/**
 * A signature or speaker line: a unit or post, possibly with a name and a date beside it (`石桥镇柳树湾村党总支书记　王建军`,
 * `江城县人民政府办公室　2024年3月15日`). A bare name or slogan is none.
 */
function isSignatureLine(form: string): boolean {
  const parts = form.split(/\s+/).filter(Boolean);
  const isUnitOrDate = (part: string): boolean => SIGNATURE_PART.test(part) || DATE_LINE.test(part);
  return parts.some(isUnitOrDate) && parts.every(part => isUnitOrDate(part) || (parts.length > 1 && PERSON_NAME.test(part)));
}

/** A date, a bracketed note, a labelled byline or a signature line: none of the speech's own parts. */
function isFrameLine(text: string): boolean {
  if (text.length > MAX_FRAME_LINE_LENGTH) return false;
  const form = trimParagraph(toMatchForm(text));
  // An address or greeting without its punctuation (`各位领导大家好`, `各位家人：`) is still the speech talking.
  if (isAddressRun(form.replace(/[：！]$/, '')) || GREETING_AFTER_ADDRESS.test(form)) return false;
  if (DATE_LINE.test(form) || BRACKETED_NOTE.test(form) || LABELLED_LINE.test(form)) return true;
  return form.length <= MAX_SIGNATURE_LENGTH && !CLAUSE_MARK.test(form) && isSignatureLine(form) && !matchHeading(text) && !isClosingFormula(text);
}

/** A short line without clause marks that is no heading. */
function isBareLine(text: string): boolean {
  return text.length <= MAX_SIGNATURE_LENGTH && !CLAUSE_MARK.test(toMatchForm(text)) && !matchHeading(text);
}

/** How many paragraphs at the start are front matter (a subtitle, a date, the speaker), before the speech begins. */
function frontMatterEnd(source: readonly SourceLine[]): number {
  let end = 0;
  while (end < Math.min(source.length - 1, MAX_FRAME_LINES) && (SUBTITLE.test(source[end].text) || isFrameLine(source[end].text))) end++;
  return end;
}

/** Where the end matter starts: an `附件` line near the end and all after it, then signature, date and notes. */
function endMatterStart(source: readonly SourceLine[], floor: number): number {
  let start = source.length;
  for (let i = Math.max(floor, source.length - ATTACHMENT_WINDOW); i < source.length; i++) {
    if (source[i].text.startsWith('附件') && ATTACHMENT.test(toMatchForm(source[i].text))) {
      start = i;
      break;
    }
  }
  const lowest = Math.max(floor + 1, start - MAX_FRAME_LINES);
  // Right after a closing formula, any short bare line (`市工商联`, `王建国`) is a signature, whatever its shape.
  const signsOff = (i: number): boolean => i > floor && isBareLine(source[i].text) && isClosingFormula(source[i - 1].text);
  while (start > lowest && (isFrameLine(source[start - 1].text) || signsOff(start - 1))) start--;
  return start;
}

/** A line with no sentence in it (`曹雪涛`, `（2020年6月28日）`, `国务院总理　李　强`): a byline or date when it stands above the salutation. */
function isUnpunctuatedLine(text: string): boolean {
  return text.length <= MAX_FRAME_LINE_LENGTH && !/[。！？；，]/.test(toMatchForm(text));
}

/**
 * GB/T 9704 order of the families, outermost first. `第一，` and `第一项：` have no fixed place: on top in one speech,
 * under `一、` in another.
 */
export const CONVENTIONAL_RANK: Readonly<Partial<Record<NumberingFamily, number>>> = {
  part: 0, 'cn-dun': 1, 'cn-paren': 2, 'arabic-dot': 3, 'arabic-dun': 3, decimal: 3.5, 'arabic-paren': 4, 'arabic-half-paren': 5,
};

/** Families that are one list written two ways when the numbers run on (`1、 2、 3. 4、`, `（1） 2）`). */
export const SAME_LIST_TWIN: Readonly<Partial<Record<NumberingFamily, NumberingFamily>>> = {
  'arabic-dot': 'arabic-dun', 'arabic-dun': 'arabic-dot', 'arabic-paren': 'arabic-half-paren', 'arabic-half-paren': 'arabic-paren',
};

type FoundHeading = Omit<Heading, 'level'>;

/**
 * Levels by nesting: a heading's level is its depth where it stands. Walking the headings with the open levels on a
 * stack, a family already open closes what is below it and takes its place (`二、` after `（三）`); a new family
 * opens a level below the current one (`第一，` right under `一、` is level 2 even if `（一）` was level 2 in the part
 * before) unless it conventionally ranks above an open family (`一、` after `（一）（二）` written before the first
 * `一、`) whose numbers do not run on after it (`1、 （一）（二） 2、`: this writer puts `1、` on top). A family with no
 * fixed rank (`第一，`) opens below whatever is open; a family that follows it goes above it only when its numbers
 * start again at 1 after it (`第一，第二，一、第一，…`: `一、` on top). What the document has shown once (`（一）` under
 * `1、`) holds for the rest of it.
 */
function nestHeadings(found: readonly (FoundHeading | undefined)[]): (Heading | undefined)[] {
  const marks = found.flatMap((heading, index) => (heading ? [{ heading, index }] : []));
  // For each mark, the next mark of each family after it: a backward pass.
  const nextOfFamily: Map<NumberingFamily, FoundHeading>[] = [];
  let after = new Map<NumberingFamily, FoundHeading>();
  for (let k = marks.length - 1; k >= 0; k--) {
    nextOfFamily[k] = after;
    after = new Map(after).set(marks[k].heading.family, marks[k].heading);
  }
  // What this document has already shown: `（一）` written under `1、` before settles it for the next `（一）`.
  const nestedUnder = new Set<string>();
  const goesAbove = (family: NumberingFamily, open: { family: NumberingFamily; number: number }, k: number): boolean => {
    if (nestedUnder.has(`${family}<${open.family}`)) return false;
    if (nestedUnder.has(`${open.family}<${family}`)) return true;
    const later = nextOfFamily[k].get(open.family);
    const rank = CONVENTIONAL_RANK[family];
    const openRank = CONVENTIONAL_RANK[open.family];
    if (rank !== undefined && openRank !== undefined) return openRank > rank && later?.number !== open.number + 1;
    // `第一，` under `（二）` is a level below it, whatever comes later; `一、` after `第一，第二，` goes above them only
    // when `第一，` starts again after it.
    return openRank === undefined && later?.number === 1;
  };
  const stack: { family: NumberingFamily; number: number }[] = [];
  const levels: (Heading | undefined)[] = found.map(() => undefined);
  marks.forEach(({ heading, index }, k) => {
    let at = stack.findIndex(open => open.family === heading.family);
    let family = heading.family;
    if (at < 0) {
      const twin = SAME_LIST_TWIN[heading.family];
      const twinAt = twin ? stack.findIndex(open => open.family === twin) : -1;
      if (twinAt >= 0 && heading.number !== 1 && heading.number === stack[twinAt].number + 1) {
        at = twinAt;
        family = stack[twinAt].family;
      }
    }
    if (at < 0) at = stack.findIndex(open => goesAbove(heading.family, open, k));
    if (at < 0) at = stack.length;
    stack.length = at;
    if (at > 0) nestedUnder.add(`${family}<${stack[at - 1].family}`);
    stack.push({ family, number: heading.number });
    levels[index] = { ...heading, level: at + 1 };
  });
  return levels;
}

/** Parses the paragraphs of one speech (as split by `splitDocuments`). */
export function parseDocument(document: SourceDocument): ParsedDocument {
  const source = document.paragraphs;
  const frontEnd = frontMatterEnd(source);
  const bodyEnd = endMatterStart(source, frontEnd);
  const headings = nestHeadings(source.map(({ text }, i) => (i < frontEnd || i >= bodyEnd ? undefined : matchHeading(text))));
  // In a heading paragraph, enumerations may follow the heading sentence (`（一）…。一是…二是…`).
  const enumerations = source.map(({ text }, i) => {
    if (i < frontEnd || i >= bodyEnd) return [];
    const heading = headings[i];
    if (!heading) return findEnumerations(text);
    const bodyStart = inlineBodyStart(text, heading);
    return bodyStart < 0 ? [] : findEnumerations(text, bodyStart);
  });
  const firstHeading = headings.findIndex(Boolean);
  const lastHeading = headings.length - 1 - [...headings].reverse().findIndex(Boolean);
  const hasHeadings = firstHeading >= 0;

  const roles: ParagraphRole[] = source.map((_, i) => (i < frontEnd ? 'front-matter' : i >= bodyEnd ? 'end-matter' : headings[i] ? 'heading' : 'body'));
  const extras: { salutation?: string; transition?: string; closingFormulas?: string[] }[] = source.map(() => ({}));

  // Salutations: the one that opens the speech (possibly wrapped over two lines) and re-addresses anywhere in it.
  const salutations = source.map(({ text }, i) => (i < frontEnd || i >= bodyEnd || headings[i] ? undefined : leadingSalutation(text)));
  for (let i = frontEnd; i + 1 < bodyEnd; i++) {
    if (!salutations[i] && salutations[i + 1] && isWrappedSalutationStart(source[i].text)) salutations[i] = source[i].text;
  }
  // The speech opens with its salutation, after any short lines the front matter did not know (a bare name, a
  // bold date): those are front matter too.
  let firstContent = frontEnd;
  const beforeSections = hasHeadings ? firstHeading : bodyEnd;
  let opener = frontEnd;
  while (opener < Math.min(beforeSections, frontEnd + MAX_FRAME_LINES) && !salutations[opener] && isUnpunctuatedLine(source[opener].text)) opener++;
  if (opener < beforeSections && salutations[opener]) {
    for (let i = frontEnd; i < opener; i++) roles[i] = 'front-matter';
    for (let i = opener; i < beforeSections && salutations[i]; i++) {
      const salutation = salutations[i] ?? '';
      extras[i].salutation = salutation;
      const rest = trimParagraph(source[i].text.slice(salutation.length));
      roles[i] = rest.length === 0 ? 'salutation' : 'opening';
      if (rest.length > 0) break;
      firstContent = i + 1;
    }
  }
  for (let i = firstContent; i < bodyEnd; i++) {
    const salutation = salutations[i];
    if (!salutation || extras[i].salutation || !addressesTheAudience(salutation)) continue;
    extras[i].salutation = salutation;
    if (trimParagraph(source[i].text.slice(salutation.length)).length === 0) roles[i] = 'salutation';
  }

  // Opening: what comes before the first section, whether the section starts with a heading or with a
  // paragraph-initial enumeration (`一是…`). Without either, the first paragraph of content.
  const firstSection = source.findIndex((_, i) => i >= firstContent && i < bodyEnd && (headings[i] || enumerations[i][0]?.offset === 0));
  const openingEnd = firstSection >= 0 ? firstSection : Math.min(bodyEnd, firstContent + 1);
  for (let i = firstContent; i < openingEnd; i++) if (roles[i] !== 'salutation') roles[i] = 'opening';

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
  let i = bodyEnd - 1;
  for (; i >= closingFloor; i--) {
    if (isClosingFormula(source[i].text)) {
      roles[i] = 'closing-formula';
      extras[i].closingFormulas = trailingClosingFormulas(source[i].text);
      continue;
    }
    break;
  }
  for (let closings = 0; i >= closingFloor && closings < 2; i--, closings++) {
    // A re-address standing alone (`同志们！`) before the last words stays what it is.
    if (roles[i] === 'salutation') {
      closings--;
      continue;
    }
    const formulas = trailingClosingFormulas(source[i].text);
    if (formulas.length > 0) extras[i].closingFormulas = formulas;
    if (isClosingCue(source[i].text) || formulas.length > 0) roles[i] = 'closing';
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
  // A subtitle names the occasion (`——在…专题党课上的讲稿`): when it names a genre, that is the genre.
  const subtitle = source.slice(0, frontEnd).find(line => SUBTITLE.test(line.text))?.text;
  const subtitleGenre = subtitle ? genreFromTitle(subtitle) : '其他';
  return {
    file: document.file,
    indexInFile: document.indexInFile,
    title: document.title,
    genre: subtitleGenre !== '其他' ? subtitleGenre : genreFromTitle(document.title?.text, salutation, transition),
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
  // A label, a dateline or a forwarding note above the title is no part of the draft.
  const skipped = leadingLinesToSkip(lines);
  const paragraphs: SourceLine[] = [];
  let title: SourceLine | null = null;
  lines.forEach((raw, index) => {
    // A pasted web page's chrome and advertising are no part of the draft.
    const lineText = cleanLine(raw);
    if (!lineText || skipped.has(index)) return;
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
