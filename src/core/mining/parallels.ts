/**
 * Parallel sets (排比): three or more items that repeat one frame with different words —
 * `以学铸魂、以学增智、以学正风、以学促干`, `政治判断力、政治领悟力、政治执行力` inside a sentence, or
 * sibling headings such as `以“学”字开篇 / 以“实”字为准 / 以“干”字当头 / 以“改”字贯穿`.
 */
import { toMatchForm, unitTable } from '../normalize';
import { snippetWithSlots } from '../snippet';
import type { ParsedDocument } from '../structure';
import type { LibraryDocument, LibraryEntry, OutlineNode } from '../library';
import { EntryCollector, mergeCollectors, type MergeCache, type Placed } from './collector';
import { buildOutline } from './scaffolds';

const MIN_ITEMS = 3;
const MIN_ITEM_LENGTH = 2;
const MAX_ITEM_LENGTH = 12;
const HAN = /^[\u4e00-\u9fa5“”「」]+$/;

/**
 * The shared frame of equal-length items: which positions hold the same character in every item.
 * (Items of different lengths can only share a common prefix or suffix; see `describeSet`.)
 */
function sharedFrame(items: readonly string[]): boolean[] | undefined {
  const forms = items.map(toMatchForm);
  const length = forms[0].length;
  if (!forms.every(form => form.length === length)) return undefined;
  const shared: boolean[] = [];
  let count = 0;
  for (let i = 0; i < length; i++) {
    const unit = forms[0].charCodeAt(i);
    let same = true;
    for (let item = 1; item < forms.length && same; item++) same = forms[item].charCodeAt(i) === unit;
    shared.push(same);
    if (same) count++;
  }
  // At least a third of the frame fixed, and something left to vary.
  return count > 0 && count < length && count * 3 >= length ? shared : undefined;
}

function commonPrefixLength(forms: readonly string[]): number {
  let n = 0;
  while (forms.every(form => n < form.length && form[n] === forms[0][n])) n++;
  return n;
}

function commonSuffixLength(forms: readonly string[]): number {
  let n = 0;
  while (forms.every(form => n < form.length && form[form.length - 1 - n] === forms[0][forms[0].length - 1 - n])) n++;
  return n;
}

/** Slot ranges of one item: the runs of positions outside the shared frame. */
function slotRanges(item: string, shared: readonly boolean[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < item.length; i++) {
    if (shared[i]) continue;
    const start = i;
    while (i < item.length && !shared[i]) i++;
    ranges.push([start, i]);
    i--;
  }
  return ranges;
}

/** A parallel set with its snippet: each item's varying part is a tab stop. */
function describeSet(items: readonly string[], separator: string): { text: string; snippet: string } | undefined {
  let frames: [number, number][][];
  const shared = sharedFrame(items);
  if (shared) {
    frames = items.map(item => slotRanges(item, shared));
  } else {
    const forms = items.map(toMatchForm);
    const prefix = commonPrefixLength(forms);
    const suffix = commonSuffixLength(forms);
    if (prefix < 2 && suffix < 2) return undefined;
    if (items.some(item => item.length <= prefix + suffix)) return undefined;
    frames = items.map(item => [[prefix, item.length - suffix]]);
  }
  let index = 1;
  const parts = items.map((item, i) => {
    const part = snippetWithSlots(item, frames[i], index);
    index = part.nextIndex;
    return part.snippet;
  });
  return { text: items.join(separator), snippet: parts.join(separator) };
}

/**
 * The items of a run of `、`-separated parts: the middle parts are whole items; the first and last are
 * trimmed to the middle items' length (`认真落实以学铸魂` → `以学铸魂`) when the frame still holds.
 */
function itemsOfRun(parts: readonly string[]): string[] | undefined {
  if (parts.length < MIN_ITEMS) return undefined;
  const middle = parts.slice(1, -1);
  const length = middle[0].length;
  if (!middle.every(part => part.length === length) || length < MIN_ITEM_LENGTH || length > MAX_ITEM_LENGTH) return undefined;
  const first = parts[0].slice(-length);
  const last = parts[parts.length - 1].slice(0, length);
  const candidates = [first, ...middle, last];
  if (!candidates.every(item => HAN.test(item))) return undefined;
  if (sharedFrame(candidates)) return candidates;
  // Fall back to the middle items alone when the edges do not fit the frame.
  return middle.length >= MIN_ITEMS && sharedFrame(middle) ? middle : undefined;
}

const ENUMERATION_COMMA = '、';
const COMMA_UNIT = ENUMERATION_COMMA.charCodeAt(0);
/** What ends the clause an enumeration runs in, by UTF-16 unit. */
const CLAUSE_BREAKS = unitTable('。！？；：，');

/**
 * The sets in a paragraph: clauses with at least two `、` (three items). Clauses are found from the commas,
 * so the many paragraphs and clauses without one cost a single search.
 */
function inlineSets(text: string): string[][] {
  const sets: string[][] = [];
  for (let comma = text.indexOf(ENUMERATION_COMMA); comma >= 0;) {
    let start = comma;
    while (start > 0 && CLAUSE_BREAKS[text.charCodeAt(start - 1)] === 0) start--;
    let end = comma + 1;
    let commas = 1;
    for (; end < text.length; end++) {
      const unit = text.charCodeAt(end);
      if (CLAUSE_BREAKS[unit] === 1) break;
      if (unit === COMMA_UNIT) commas++;
    }
    if (commas >= MIN_ITEMS - 1) {
      const items = itemsOfRun(text.slice(start, end).split(ENUMERATION_COMMA));
      if (items) sets.push(items);
    }
    comma = text.indexOf(ENUMERATION_COMMA, end);
  }
  return sets;
}

/** Sibling headings (same parent) whose first clauses repeat one frame. */
function headingSets(outline: readonly OutlineNode[]): { items: string[]; line: number }[] {
  const sets: { items: string[]; line: number }[] = [];
  const visit = (siblings: readonly OutlineNode[]): void => {
    if (siblings.length >= MIN_ITEMS) {
      const items = siblings.map(node => node.text.split(/[，、：]/)[0]);
      if (items.every(item => item.length >= MIN_ITEM_LENGTH && item.length <= MAX_ITEM_LENGTH) && describeSet(items, '')) {
        sets.push({ items, line: siblings[0].line });
      }
    }
    for (const node of siblings) visit(node.children);
  };
  visit(outline);
  return sets;
}

/** Each distinct set described once: stock sets recur across speeches and files (a miner keeps one for its corpus). */
export type SetDescriptions = Map<string, ReturnType<typeof describeSet>>;

/** Collects one file's parallel sets; `documents` are the file's own (ids from 0). */
export function collectParallels(parsed: readonly ParsedDocument[], documents: readonly LibraryDocument[], descriptions: SetDescriptions = new Map()): EntryCollector {
  const collector = new EntryCollector('parallel');
  const add = (items: string[], separator: string, index: number, line: number): void => {
    const key = `${separator}\u0000${items.join('\u0001')}`;
    if (!descriptions.has(key)) descriptions.set(key, describeSet(items, separator));
    const described = descriptions.get(key);
    if (described) collector.add(described.text, documents[index], line, { snippet: described.snippet, items });
  };
  parsed.forEach((doc, index) => {
    for (const paragraph of doc.paragraphs) {
      for (const items of inlineSets(paragraph.text)) add(items, ENUMERATION_COMMA, index, paragraph.line);
    }
    const outline = buildOutline(doc.paragraphs.flatMap(p => (p.heading ? [{ heading: p.heading, line: p.line }] : [])));
    for (const { items, line } of headingSets(outline)) add(items, '\n', index, line);
  });
  return collector;
}

export function parallelEntries(files: readonly Placed<EntryCollector>[], cache?: MergeCache): LibraryEntry[] {
  return mergeCollectors('parallel', files, share => share, cache).entries();
}
