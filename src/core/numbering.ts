/**
 * Numbering check and renumbering. Reads the structure parser's headings (`一、` `（一）` `1.`/`1、` `（1）`
 * `第一，`) and inline enumerations (`一是…二是…`, `一要…`, `首先…其次…`) and finds the slips a writer makes
 * while moving sections around: a repeated number, a skipped number, a marker written in another style
 * than its siblings, a heading that comes before any heading of the level above it. Renumbering fixes the
 * first three with edits that touch nothing but markers.
 *
 * What counts as one sequence:
 * - Headings: the headings of one family (`1.` and `1、` count as one family when the document uses them
 *   side by side) under the same parent heading. Numbering restarts under each new parent, unless the
 *   document visibly numbers a family straight through (`（三）` under `二、` right after `（二）` under
 *   `一、`, every time). A list that starts again from 1 after a lead-in (a part title, `…如下：`) is a new list;
 *   an outer list written with the same marks goes on where a number continues it.
 * - Enumerations: the markers with the same word (`是`, `要`, …) between two headings, in running text or opening
 *   paragraphs; a `一` starts a new run, nested in the run before, and an item that continues an outer run goes
 *   back to it. A run that does not start at `一` (its first item was worded otherwise, or sits where the parser
 *   does not see it) is checked from where it starts, never reported for its start.
 * - `首先…其次…再次…最后`: after `首先`, a second `其次` or a `再次` straight after `首先` is a slip; `最后`
 *   may follow any item.
 *
 * Lines are 1-based; columns are 0-based UTF-16 offsets in the line (what the editor counts), end exclusive.
 */
import { normalizeNewlines, toMatchForm } from './normalize';
import { CONVENTIONAL_RANK, parseCorpusFile, parseDraft, SAME_LIST_TWIN, type Heading, type NumberingFamily, type Paragraph, type ParsedDocument } from './structure';

export type NumberingIssueCode = 'repeated' | 'skipped' | 'mixed-style' | 'level-jump';

export interface NumberingIssue {
  /** 1-based line of the marker. */
  readonly line: number;
  /** Column range of the marker in that line: 0-based UTF-16 offsets, end exclusive. */
  readonly startColumn: number;
  readonly endColumn: number;
  readonly code: NumberingIssueCode;
  /** For the writer, in Chinese. */
  readonly message: string;
  /** The marker as written (`（四）`, `三是`). */
  readonly marker: string;
  /** What renumbering writes instead; absent when renumbering leaves the marker as it is (`level-jump`). */
  readonly expected?: string;
}

/** Replace `startColumn`..`endColumn` (0-based, end exclusive) of a 1-based line with `newText`. */
export interface TextEdit {
  readonly line: number;
  readonly startColumn: number;
  readonly endColumn: number;
  readonly newText: string;
}

export interface NumberingOptions {
  /**
   * The text is a corpus file holding several speeches one after another (split as the miner splits
   * them): each speech is numbered on its own. By default the text is one draft.
   */
  readonly speeches?: boolean;
}

export interface NumberingResult {
  readonly issues: readonly NumberingIssue[];
  /** The edits that renumber the whole text, in document order, never overlapping. */
  readonly edits: readonly TextEdit[];
}

/** Checks and renumbers in one parse: the issues and the edits that fix them. */
export function analyseNumbering(text: string, options: NumberingOptions = {}): NumberingResult {
  const lines = normalizeNewlines(text).split('\n');
  const documents = options.speeches ? parseCorpusFile(text, 'text') : [parseDraft(text)];
  const issues: NumberingIssue[] = [];
  const edits: TextEdit[] = [];
  for (const document of documents) {
    const result = analyseDocument(document, lines);
    issues.push(...result.issues);
    edits.push(...result.edits);
  }
  const byPosition = (a: { line: number; startColumn: number }, b: { line: number; startColumn: number }): number => a.line - b.line || a.startColumn - b.startColumn;
  return { issues: issues.sort(byPosition), edits: edits.sort(byPosition) };
}

export function checkNumbering(text: string, options: NumberingOptions = {}): NumberingIssue[] {
  return [...analyseNumbering(text, options).issues];
}

export function renumberEdits(text: string, options: NumberingOptions = {}): TextEdit[] {
  return [...analyseNumbering(text, options).edits];
}

/** The renumbered text: only markers change, line ends and everything else stay byte for byte. */
export function renumber(text: string, options: NumberingOptions = {}): string {
  return applyTextEdits(text, renumberEdits(text, options));
}

/** Applies non-overlapping edits (as `renumberEdits` returns them) to the text, keeping its line ends. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  // Content and line ends alternate: [line 1, end, line 2, end, …, last line].
  const parts = text.split(/(\r\n|\r|\n)/);
  const sorted = [...edits].sort((a, b) => b.line - a.line || b.startColumn - a.startColumn);
  for (const edit of sorted) {
    const index = (edit.line - 1) * 2;
    const content = parts[index];
    if (content === undefined) continue;
    parts[index] = content.slice(0, edit.startColumn) + edit.newText + content.slice(edit.endColumn);
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------------
// Markers and their styles

const CN_NUMERAL = '[一二三四五六七八九十]+';
const NUMERAL = new RegExp(`${CN_NUMERAL}|[0-9]+|[０-９]+`);
const CN_UNITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三. */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_UNITS[n];
  if (n < 20) return `十${CN_UNITS[n % 10]}`;
  return `${CN_UNITS[Math.floor(n / 10)]}十${CN_UNITS[n % 10]}`;
}

/** The marker with its number replaced by `#` (`＃` for full-width digits): `（#）`, `#、`, `第#，`. */
function styleOf(marker: string): string {
  return marker.replace(NUMERAL, numeral => (/^[０-９]/.test(numeral) ? '＃' : '#'));
}

function render(style: string, n: number, chinese: boolean): string {
  if (chinese) return style.replace('#', chineseNumeral(n));
  return style.replace('＃', String(n).replace(/\d/g, d => String.fromCharCode(0xff10 + Number(d)))).replace('#', String(n));
}

/** The marker for a number in the form of another marker of the same kind (`三是` → `四是`). */
function withNumber(marker: string, n: number): string {
  return render(styleOf(marker), n, !/[0-9０-９]/.test(marker));
}

/** The smallest edit turning `written` at `column` into `wanted`. */
function markerEdit(line: number, column: number, written: string, wanted: string): TextEdit | undefined {
  if (written === wanted || column < 0) return undefined;
  let start = 0;
  while (start < written.length && start < wanted.length && written[start] === wanted[start]) start++;
  let end = 0;
  while (end < written.length - start && end < wanted.length - start && written[written.length - 1 - end] === wanted[wanted.length - 1 - end]) end++;
  return { line, startColumn: column + start, endColumn: column + written.length - end, newText: wanted.slice(start, wanted.length - end) };
}

function where(line: number, here: number): string {
  return line === here ? '本行前文' : `第 ${line} 行`;
}

function missing(from: string, to: string): string {
  return from === to ? `「${from}」` : `「${from}」至「${to}」`;
}

/** Column of a paragraph's text in its line, or -1 when the corpus reader changed the line (scrape markers). */
function paragraphColumn(lines: readonly string[], paragraph: Paragraph): number {
  return (lines[paragraph.line - 1] ?? '').indexOf(paragraph.text);
}

interface Found {
  readonly issues: NumberingIssue[];
  readonly edits: TextEdit[];
}

function analyseDocument(document: ParsedDocument, lines: readonly string[]): Found {
  let leadInSinceHeading = false;
  const headings: HeadingMark[] = document.paragraphs.flatMap(paragraph => {
    if (!paragraph.heading) {
      leadInSinceHeading ||= isListLeadIn(paragraph.text);
      return [];
    }
    const column = paragraphColumn(lines, paragraph);
    const afterLeadIn = leadInSinceHeading;
    leadInSinceHeading = false;
    return [{ paragraph, heading: paragraph.heading, column, reportColumn: Math.max(0, column), afterLeadIn }];
  });
  const found = analyseHeadings(headings);
  const inline = analyseEnumerations(document, lines);
  return { issues: [...found.issues, ...inline.issues], edits: [...found.edits, ...inline.edits] };
}

// ---------------------------------------------------------------------------------------------------
// Headings

interface HeadingMark {
  readonly paragraph: Paragraph;
  readonly heading: Heading;
  /** Column of the marker, -1 when unknown (no edit is made then). */
  readonly column: number;
  readonly reportColumn: number;
  /**
   * Whether an unnumbered line that introduces a list (`当然，工作中还存在一些不足：`, a part's title `关于外交工作`)
   * stands between it and the heading before it.
   */
  readonly afterLeadIn: boolean;
}

/** A sentence that announces what follows (`…如下：`, `要把握好以下三点。`, `这里着重讲几个需要进一步明确的认识问题。`). */
const ANNOUNCES_A_LIST = /(?:以下|如下|下列|几点|几个|[两三四五六七八九十]点|[两三四五六七八九十]个方面)[^。！？]{0,16}[。：]?$/;
/** A part's own title between two lists (`2017年工作计划`): short, no sentence in it. */
const MAX_PART_TITLE_LENGTH = 30;

/** A paragraph after which a list may start again from 1: one that ends in a colon, announces a list, or titles a part. */
function isListLeadIn(text: string): boolean {
  const form = toMatchForm(text).trim();
  if (form.endsWith('：') || ANNOUNCES_A_LIST.test(form)) return true;
  return form.length <= MAX_PART_TITLE_LENGTH && !/[。！？；，]/.test(form) && /\p{Script=Han}{2}/u.test(form);
}

/** A family, or twins written in one list (`1.` among `1、`, `2）` after `（1）`) taken together. */
type Group = NumberingFamily | 'arabic' | 'arabic-paren-any';

/** The form a family takes when a document is evenly split between two. */
const CANONICAL_STYLE: Readonly<Record<Group, string>> = {
  part: '第#部分', 'cn-dun': '#、', 'cn-paren': '（#）', 'arabic-dot': '#.', 'arabic-dun': '#、', arabic: '#.', decimal: '#.#',
  'arabic-paren': '（#）', 'arabic-half-paren': '#）', 'arabic-paren-any': '（#）', ordinal: '第#，', 'ordinal-item': '第#项',
};

const isChineseGroup = (group: Group): boolean => group === 'part' || group === 'cn-dun' || group === 'cn-paren' || group === 'ordinal' || group === 'ordinal-item';

const MERGED_GROUP: Readonly<Partial<Record<NumberingFamily, Group>>> = {
  'arabic-dot': 'arabic', 'arabic-dun': 'arabic', 'arabic-paren': 'arabic-paren-any', 'arabic-half-paren': 'arabic-paren-any',
};

/**
 * Lists and their slips. The parser gives each heading its level by nesting; a list is the headings of one level
 * under one parent, and a list that starts again from 1 right after an unnumbered line that leads into it
 * (`当然，工作中还存在一些不足：`, a part's title such as `2017年工作计划`) is a new list, not a repeat.
 */
function analyseHeadings(marks: readonly HeadingMark[]): Found {
  const levelOf = (i: number): number => marks[i].heading.level;

  // Parent: the nearest earlier heading of a higher level (a skipped level in between is tolerated).
  const parents: number[] = [];
  const stack: number[] = [];
  marks.forEach((_, i) => {
    while (stack.length > 0 && levelOf(stack[stack.length - 1]) >= levelOf(i)) stack.pop();
    parents.push(stack.length > 0 ? stack[stack.length - 1] : -1);
    stack.push(i);
  });

  // Lists: one per parent, level and family (twins together), split where the numbers start again at 1 after a
  // lead-in. The new list may be nested in an item of the one before, written with the same marks (`二、` … then
  // `一、` `二、` … `五、` under it, then `三、`): a number that continues an earlier open list, and not the latest,
  // goes back to it.
  const lists: number[][] = [];
  const openLists = new Map<string, number[][]>();
  const lastNumber = (list: readonly number[]): number => marks[list[list.length - 1]].heading.number;
  marks.forEach((mark, i) => {
    const family = mark.heading.family;
    const key = `${parents[i]}|${levelOf(i)}|${MERGED_GROUP[family] ?? family}`;
    const open = openLists.get(key) ?? [];
    openLists.set(key, open);
    const n = mark.heading.number;
    if (open.length === 0 || (n === 1 && mark.afterLeadIn)) {
      open.push([]);
      lists.push(open[open.length - 1]);
    } else if (lastNumber(open[open.length - 1]) + 1 !== n) {
      let continued = open.length - 2;
      while (continued >= 0 && lastNumber(open[continued]) + 1 !== n) continued--;
      if (continued >= 0) open.length = continued + 1;
    }
    open[open.length - 1].push(i);
  });

  // Twin families written in one list are one group throughout the document (`1.` and `1、` as styles).
  const mergedFamilies = new Set<NumberingFamily>();
  for (const list of lists) {
    const families = new Set(list.map(i => marks[i].heading.family));
    for (const family of families) {
      const twin = SAME_LIST_TWIN[family];
      if (twin && families.has(twin)) mergedFamilies.add(family);
    }
  }
  const groupOf = (i: number): Group => {
    const family = marks[i].heading.family;
    return mergedFamilies.has(family) ? MERGED_GROUP[family] ?? family : family;
  };

  // The style each group is written in: its most frequent form.
  const counts = new Map<Group, Map<string, number>>();
  marks.forEach((mark, i) => {
    const styles = counts.get(groupOf(i)) ?? new Map<string, number>();
    const style = styleOf(mark.heading.marker);
    styles.set(style, (styles.get(style) ?? 0) + 1);
    counts.set(groupOf(i), styles);
  });
  const dominant = new Map<Group, string>();
  for (const [group, styles] of counts) {
    const most = Math.max(...styles.values());
    const tied = [...styles.entries()].filter(([, count]) => count === most).map(([style]) => style);
    dominant.set(group, tied.includes(CANONICAL_STYLE[group]) ? CANONICAL_STYLE[group] : tied[0]);
  }
  // A list of several items keeps the style most of its items share (`第一、第二、第三、` in a report whose other
  // lists use `第一，` is consistent in itself); a single item, or a list split evenly, follows the document.
  const styleOfMark = new Map<number, string>();
  for (const list of lists) {
    const styles = new Map<string, number>();
    for (const i of list) {
      const style = styleOf(marks[i].heading.marker);
      styles.set(style, (styles.get(style) ?? 0) + 1);
    }
    const most = Math.max(...styles.values());
    const tied = [...styles.keys()].filter(style => styles.get(style) === most);
    if (list.length >= 2 && tied.length === 1) for (const i of list) styleOfMark.set(i, tied[0]);
  }
  const styleWanted = (i: number): string | undefined => styleOfMark.get(i) ?? dominant.get(groupOf(i));

  const issues: NumberingIssue[] = [];
  const edits: TextEdit[] = [];
  const expectedMarker = (i: number, n: number): string => {
    const marker = marks[i].heading.marker;
    // `3.2`: only the last number is the item's; the first is its parent's.
    if (marks[i].heading.family === 'decimal') return marker.replace(/\d+(?=\D*$)/, String(n));
    return render(styleWanted(i) ?? styleOf(marker), n, isChineseGroup(groupOf(i)));
  };
  const issue = (i: number, code: NumberingIssueCode, message: string, expected?: string): void => {
    const { paragraph, heading, reportColumn } = marks[i];
    issues.push({
      line: paragraph.line, startColumn: reportColumn, endColumn: reportColumn + heading.marker.length, code, message, marker: heading.marker,
      ...(expected !== undefined ? { expected } : {}),
    });
  };

  // A family numbered straight through across parents (`（三）` under `二、` right after `（二）` under `一、`, every
  // time) is a style: its lists continue each other.
  const listsByGroup = new Map<string, number[][]>();
  for (const list of lists) {
    const key = `${groupOf(list[0])}|${levelOf(list[0])}`;
    listsByGroup.set(key, [...(listsByGroup.get(key) ?? []), list]);
  }
  for (const sameGroup of listsByGroup.values()) {
    const continuous = sameGroup.length >= 2 && sameGroup.every((list, k) => {
      if (k === 0) return true;
      const previous = sameGroup[k - 1];
      const first = marks[list[0]].heading.number;
      return first !== 1 && first === marks[previous[previous.length - 1]].heading.number + 1;
    });
    let base = 1;
    let carried: number | undefined;
    const usedInGroup = new Map<number, number>();
    for (const list of sameGroup) {
      const used = continuous ? usedInGroup : new Map<number, number>();
      let previous: number | undefined = continuous ? carried : undefined;
      let previousMark: string | undefined;
      list.forEach((i, position) => {
        const { heading, paragraph } = marks[i];
        const n = heading.number;
        const expectedNumber = base + position;
        const wanted = expectedMarker(i, expectedNumber);
        const usedAt = used.get(n);
        if (usedAt !== undefined) {
          issue(i, 'repeated', `编号重复：「${heading.marker}」已在${where(usedAt, paragraph.line)}使用，此处应为「${wanted}」`, wanted);
        } else if (previous === undefined || previousMark === undefined) {
          if (n !== expectedNumber) {
            const parent = parents[i];
            const scope = parent < 0 ? '全文' : `「${marks[parent].heading.marker}」（第 ${marks[parent].paragraph.line} 行）之下`;
            issue(i, 'skipped', `编号跳号：${scope}应从「${expectedMarker(i, expectedNumber)}」编起，此处是「${heading.marker}」`, wanted);
          }
        } else if (n !== previous + 1 && n !== expectedNumber) {
          if (n > previous) {
            const gap = missing(expectedMarker(i, previous + 1), expectedMarker(i, n - 1));
            issue(i, 'skipped', `编号跳号：「${previousMark}」之后是「${heading.marker}」，缺少${gap}`, wanted);
          } else {
            issue(i, 'skipped', `编号顺序有误：「${previousMark}」之后应为「${expectedMarker(i, previous + 1)}」，此处是「${heading.marker}」`, wanted);
          }
        }
        if (usedAt === undefined) used.set(n, paragraph.line);
        previous = n;
        previousMark = heading.marker;
        if (heading.family !== 'decimal' && styleOf(heading.marker) !== styleWanted(i)) {
          const example = expectedMarker(i, 1);
          issue(i, 'mixed-style', `编号格式不统一：「${heading.marker}」与同级编号的写法（如「${example}」）不一致，应写作「${expectedMarker(i, n)}」`, wanted);
        }
        const edit = markerEdit(paragraph.line, marks[i].column, heading.marker, wanted);
        if (edit) edits.push(edit);
      });
      if (continuous) {
        base += list.length;
        carried = previous;
      }
    }
  }

  // A top-level heading written before the first heading of the level above it (`（一）` before any `一、`): its
  // family sits under another family later in the document, or ranks below a later top-level family. Reported once
  // for each such stretch.
  // Looked up, not searched: per family the latest parent any of its headings has, and from each position on the
  // highest-ranking family written on top.
  const latestParent = new Map<NumberingFamily, number>();
  marks.forEach((mark, j) => latestParent.set(mark.heading.family, Math.max(latestParent.get(mark.heading.family) ?? -1, parents[j])));
  const topRankFrom: number[] = new Array<number>(marks.length + 1).fill(Infinity);
  for (let j = marks.length - 1; j >= 0; j--) {
    const rank = parents[j] < 0 ? CONVENTIONAL_RANK[marks[j].heading.family] : undefined;
    topRankFrom[j] = Math.min(topRankFrom[j + 1], rank ?? Infinity);
  }
  const orphan = (i: number): boolean => {
    if (parents[i] >= 0) return false;
    const family = marks[i].heading.family;
    const rank = CONVENTIONAL_RANK[family];
    return (latestParent.get(family) ?? -1) > i || (rank !== undefined && topRankFrom[i + 1] < rank);
  };
  let inStretch = false;
  marks.forEach((mark, i) => {
    const isOrphan = orphan(i);
    if (isOrphan && !inStretch) {
      const outer = marks.find((other, j) => j > i && parents[j] < 0 && other.heading.family !== mark.heading.family);
      const place = outer ? `第一个「${outer.heading.marker}」（第 ${outer.paragraph.line} 行）之前` : '上一级标题之前';
      issue(i, 'level-jump', `层级错位：「${mark.heading.marker}」出现在${place}，缺少上一级标题`);
    }
    inStretch = isOrphan;
  });

  return { issues, edits };
}


// ---------------------------------------------------------------------------------------------------
// Inline enumerations

const ORDER_WORDS = ['首先', '其次', '再次'];

interface EnumerationRun {
  readonly start: number;
  readonly used: Map<number, number>;
  previous: number;
  previousMark: string;
  length: number;
}

/** `三是` → `是`, `二要` → `要`: the word that makes a run. */
function enumerationWord(marker: string): string {
  const form = toMatchForm(marker);
  return form.slice((NUMERAL.exec(form)?.[0] ?? '').length);
}

function analyseEnumerations(document: ParsedDocument, lines: readonly string[]): Found {
  const issues: NumberingIssue[] = [];
  const edits: TextEdit[] = [];
  let runs = new Map<string, EnumerationRun[]>();
  let order: { marks: string[] } | undefined;

  for (const paragraph of document.paragraphs) {
    if (paragraph.heading) {
      runs = new Map();
      order = undefined;
    }
    const enumerations = paragraph.enumerations ?? [];
    if (enumerations.length === 0) continue;
    const column = paragraphColumn(lines, paragraph);
    for (const enumeration of enumerations) {
      const { marker, offset } = enumeration;
      const at = Math.max(0, column) + offset;
      const report = (code: NumberingIssueCode, message: string, expected?: string): void => {
        issues.push({ line: paragraph.line, startColumn: at, endColumn: at + marker.length, code, message, marker, ...(expected !== undefined ? { expected } : {}) });
      };
      const edit = (wanted: string): void => {
        const found = markerEdit(paragraph.line, column < 0 ? -1 : at, marker, wanted);
        if (found) edits.push(found);
      };
      const form = toMatchForm(marker);

      if (form === '最后') {
        order = undefined;
        continue;
      }
      if (form === '首先') {
        order = { marks: [marker] };
        continue;
      }
      if (form === '其次' || form === '再次') {
        // `再次` also means "again" (`再次强调`): only `再次，` / `再次是` counts as an item.
        if (form === '再次' && !/^[，,：:是]/.test(toMatchForm(paragraph.text.slice(offset + marker.length, offset + marker.length + 1)))) continue;
        if (!order) continue;
        const index = order.marks.length;
        const wanted = ORDER_WORDS[index];
        if (wanted !== undefined && form !== wanted) {
          if (form === '其次') report('repeated', `列举重复：前文已有「其次」，此处应为「${wanted}」`, wanted);
          else report('skipped', `列举跳号：「首先」之后直接是「再次」，缺少「其次」`, wanted);
          edit(wanted);
        }
        order.marks.push(marker);
        continue;
      }

      // 一是 / 二要 / 三方面是…: runs per word, whether their items open paragraphs or stand in running text. A run
      // that starts again from 1 is nested in an item of the run before (`三是换证工作。…分为三类：一是…，二是…`) or
      // follows it; the outer run goes on where an item continues it (`四是` after that), closing the nested one.
      const word = enumerationWord(marker);
      const n = enumeration.number;
      const stack = runs.get(word) ?? [];
      runs.set(word, stack);
      let continued = stack.length - 1;
      while (continued >= 0 && stack[continued].previous + 1 !== n) continued--;
      let run: EnumerationRun;
      if (n === 1 || stack.length === 0) {
        run = { start: n, used: new Map(), previous: n - 1, previousMark: '', length: 0 };
        stack.push(run);
      } else if (continued >= 0) {
        stack.length = continued + 1;
        run = stack[continued];
      } else {
        run = stack[stack.length - 1];
      }
      const expectedNumber = run.start + run.length;
      const wanted = withNumber(marker, expectedNumber);
      const usedAt = run.used.get(n);
      if (usedAt !== undefined) {
        report('repeated', `列举重复：「${marker}」已在${where(usedAt, paragraph.line)}使用，此处应为「${wanted}」`, wanted);
      } else if (run.length > 0 && n !== run.previous + 1 && n !== expectedNumber) {
        if (n > run.previous) report('skipped', `列举跳号：「${run.previousMark}」之后是「${marker}」，缺少${missing(withNumber(marker, run.previous + 1), withNumber(marker, n - 1))}`, wanted);
        else report('skipped', `列举顺序有误：「${run.previousMark}」之后应为「${withNumber(marker, run.previous + 1)}」，此处是「${marker}」`, wanted);
      }
      if (usedAt === undefined) run.used.set(n, paragraph.line);
      run.previous = n;
      run.previousMark = marker;
      run.length++;
      edit(wanted);
    }
  }
  return { issues, edits };
}
