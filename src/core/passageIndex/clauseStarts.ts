/**
 * A passage index's clause starts (see `index.ts`): found in the passages, sorted by an order that depends on passage
 * texts alone, or taken over from the index a rebuild replaces with only the new ones put in place.
 */
import { IntList } from '../intList';
import { sortInSteps, type Steps } from '../steps';
import { isMark, LEADING_MARKER, PASSAGES_PER_STEP } from './shared';
import type { PassageIndexData } from './types';

/**
 * The order of clause starts: by the rest of their passage (a text that ends first sorts first), then by the
 * passage's text before them, then by passage and position. The first two depend on the passage's text alone, so
 * two clause starts of corpus passages (one passage per text) keep their order from one build to the next.
 * `lookUpFirst`: find every clause start's passage bounds before comparing (worth it for a full sort).
 */
function clauseOrder(text: string, starts: Int32Array, lengths: Int32Array, positions: Int32Array, owners: Int32Array, lookUpFirst: boolean): (x: number, y: number) => number {
  if (!lookUpFirst) {
    return (x, y) => {
      const fromX = starts[owners[x]];
      const fromY = starts[owners[y]];
      return compareRange(text, positions[x], fromX + lengths[owners[x]], positions[y], fromY + lengths[owners[y]])
        || compareRange(text, fromX, positions[x], fromY, positions[y]) || owners[x] - owners[y] || positions[x] - positions[y];
    };
  }
  // Each clause start's passage start and end, looked up once rather than at every comparison of a full sort.
  const from = new Int32Array(positions.length);
  const to = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) {
    from[i] = starts[owners[i]];
    to[i] = from[i] + lengths[owners[i]];
  }
  return (x, y) => compareRange(text, positions[x], to[x], positions[y], to[y])
    || compareRange(text, from[x], positions[x], from[y], positions[y]) || owners[x] - owners[y] || positions[x] - positions[y];
}

/** Compares `text[a, aEnd)` and `text[b, bEnd)`. */
function compareRange(text: string, a: number, aEnd: number, b: number, bEnd: number): number {
  for (; a < aEnd && b < bEnd; a++, b++) {
    const difference = text.charCodeAt(a) - text.charCodeAt(b);
    if (difference !== 0) return difference;
  }
  return (aEnd - a) - (bEnd - b);
}

const FULLWIDTH_OPEN_PAREN = 0xff08;

/** Every clause start of the passages `from`…`to` (see `index.ts`) but those already `found`, in passage order. */
function addClauseStarts(text: string, starts: Int32Array, lengths: Int32Array, from: number, to: number, found: Uint8Array, positions: IntList, owners: IntList): void {
  for (let p = from; p < to; p++) {
    if (found[p]) continue;
    const start = starts[p];
    const end = start + lengths[p];
    positions.push(start);
    owners.push(p);
    const first = text.charCodeAt(start);
    // Only （一） or 1. can open a leading marker: the test spares most passages a regular expression.
    if (first === FULLWIDTH_OPEN_PAREN || (first >= 0x30 && first <= 0x39)) {
      const marker = LEADING_MARKER.exec(text.slice(start, Math.min(end, start + 8)))?.[0].length ?? 0;
      if (marker > 0 && start + marker < end) {
        positions.push(start + marker);
        owners.push(p);
      }
    }
    for (let i = start + 1; i < end; i++) {
      if (isMark(text.charCodeAt(i - 1)) && !isMark(text.charCodeAt(i)) && text.charCodeAt(i) !== 32) {
        positions.push(i);
        owners.push(p);
      }
    }
  }
}

/** The clause starts of the index a rebuild replaces, and each of its passages' rank now (-1: gone, or not known). */
export interface CarriedClauseStarts {
  readonly data: PassageIndexData;
  readonly rankNow: Int32Array;
}

/**
 * The clause starts, sorted (`clauseOrder`). A passage the previous index had keeps its clause starts (they depend
 * on its text alone), moved to where it is now, and in the previous order, which is still theirs; only the other
 * passages' are found, sorted, and each put in its place by a binary search.
 */
export function* buildClauseStarts(text: string, starts: Int32Array, lengths: Int32Array, carried?: CarriedClauseStarts): Steps<Pick<PassageIndexData, 'clausePos' | 'clausePassage'> & { carried: number }> {
  // About as many as the previous index had: the lists seldom grow (each growth copies them).
  const capacity = Math.ceil((carried?.data.clausePos.length ?? starts.length * 4) * 1.05);
  const positionList = new IntList(capacity);
  const ownerList = new IntList(capacity);
  const found = new Uint8Array(starts.length);
  if (carried) {
    const { clausePos, clausePassage, passageStart } = carried.data;
    for (let from = 0; from < clausePos.length; from += PASSAGES_PER_STEP) {
      for (let i = from; i < Math.min(clausePos.length, from + PASSAGES_PER_STEP); i++) {
        const owner = carried.rankNow[clausePassage[i]];
        if (owner < 0) continue;
        positionList.push(starts[owner] + clausePos[i] - passageStart[clausePassage[i]]);
        ownerList.push(owner);
        found[owner] = 1;
      }
      yield;
    }
  }
  const carriedCount = positionList.length;
  for (let from = 0; from < starts.length; from += PASSAGES_PER_STEP) {
    addClauseStarts(text, starts, lengths, from, Math.min(starts.length, from + PASSAGES_PER_STEP), found, positionList, ownerList);
    yield;
  }
  const positions = positionList.view();
  const owners = ownerList.view();
  const compare = clauseOrder(text, starts, lengths, positions, owners, carriedCount < positions.length / 2);
  // The first two units of the rest of the passage (0 past its end: a text that ends first sorts first).
  const keyOf = (item: number): number => {
    const position = positions[item];
    const end = starts[owners[item]] + lengths[owners[item]];
    return ((position < end ? text.charCodeAt(position) << 16 : 0) | (position + 1 < end ? text.charCodeAt(position + 1) : 0)) >>> 0;
  };
  const unsorted = new Int32Array(positions.length - carriedCount);
  for (let i = 0; i < unsorted.length; i++) unsorted[i] = carriedCount + i;
  yield;
  const added = yield* sortInSteps(unsorted, keyOf, compare);
  // Where each added clause start goes among the carried ones (in order, so each search starts at the last place).
  const merged = { clausePos: new Int32Array(positions.length), clausePassage: new Int32Array(positions.length), out: 0, next: 0 };
  for (let from = 0; from < added.length; from += PASSAGES_PER_STEP) {
    placeAdded(merged, positions, owners, carriedCount, added.subarray(from, from + PASSAGES_PER_STEP), compare);
    yield;
  }
  copyCarried(merged, positions, owners, carriedCount);
  return { clausePos: merged.clausePos, clausePassage: merged.clausePassage, carried: carriedCount };
}

/** The clause starts being merged: the arrays, how many are written, and the first carried one not yet copied. */
interface MergedClauseStarts {
  readonly clausePos: Int32Array;
  readonly clausePassage: Int32Array;
  out: number;
  next: number;
}

/** Writes the `added` clause starts (sorted, after those written before) each after the carried ones before it. */
function placeAdded(merged: MergedClauseStarts, positions: Int32Array, owners: Int32Array, carriedCount: number, added: Int32Array, compare: (x: number, y: number) => number): void {
  for (let k = 0; k < added.length; k++) {
    const entry = added[k];
    let lo = merged.next;
    let hi = carriedCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(mid, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo > merged.next) copyCarried(merged, positions, owners, lo);
    merged.clausePos[merged.out] = positions[entry];
    merged.clausePassage[merged.out++] = owners[entry];
  }
}

/** Copies the carried clause starts from the first not yet copied up to `to`. */
function copyCarried(merged: MergedClauseStarts, positions: Int32Array, owners: Int32Array, to: number): void {
  merged.clausePos.set(positions.subarray(merged.next, to), merged.out);
  merged.clausePassage.set(owners.subarray(merged.next, to), merged.out);
  merged.out += to - merged.next;
  merged.next = to;
}
