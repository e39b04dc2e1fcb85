/**
 * A passage index's bigrams: each passage's distinct character bigrams, counted and listed by passage (posting lists,
 * varints of the gaps), the commonest pruned. Built from every passage, or brought up to date from the index a
 * rebuild replaces (`updateBigrams`): only the passages gone or new are read.
 */
import type { Steps } from '../steps';
import { bigramSet, findKey, PASSAGES_PER_STEP, PostingCursor } from './shared';
import type { PassageIndexData } from './types';

/**
 * Open addressing from a 32-bit bigram key to a dense id, for the build. A slot is the high bits of the key times
 * a large odd number: the low bits of that product depend only on the key's low bits, the second character, and
 * every bigram ending in `的` would probe one run of slots.
 */
class BigramTable {
  private keys = new Uint32Array(1 << 16);
  private ids = new Int32Array(1 << 16).fill(-1);
  private shift = 16;
  size = 0;
  readonly keyOf: number[] = [];

  idOf(key: number): number {
    const mask = this.ids.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const id = this.ids[slot];
      if (id < 0) break;
      if (this.keys[slot] === key) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.size++;
    this.keys[slot] = key;
    this.ids[slot] = id;
    this.keyOf.push(key);
    if (this.size * 2 > mask) this.grow();
    return id;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    const capacity = oldKeys.length * 2;
    this.keys = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.shift--;
    const mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] < 0) continue;
      let slot = Math.imul(oldKeys[i], 0x9e3779b1) >>> this.shift;
      while (this.ids[slot] >= 0) slot = (slot + 1) & mask;
      this.keys[slot] = oldKeys[i];
      this.ids[slot] = oldIds[i];
    }
  }
}

/**
 * Bigrams in more than this share of passages (and in more than `PRUNE_FLOOR`) keep their key but no
 * postings: like stop words, they cost much memory (about 45% of all postings for a 50 MB corpus at 1%), would make
 * lists too long to walk from their start, and tell little. Exact `start`/`clause` matches do not use postings;
 * `inside` matches are verified in the text; BM25 scores them near zero anyway.
 */
const PRUNE_SHARE = 0.01;
const PRUNE_FLOOR = 2000;

/**
 * The distinct bigram ids of each passage, in passage order, with each bigram's number of passages: gathered over
 * ranges of passages, so a build can yield between them.
 */
class BigramSequence {
  readonly table = new BigramTable();
  readonly ids: Int32Array;
  /** Per passage (and one past the last): where its ids start in `ids`. */
  readonly starts: Int32Array;
  counts = new Int32Array(1024);
  private lastSeen = new Int32Array(1024).fill(-1);
  private used = 0;

  constructor(private readonly text: string, private readonly passageStart: Int32Array, private readonly passageLength: Int32Array) {
    let total = 0;
    for (let p = 0; p < passageStart.length; p++) total += Math.max(0, passageLength[p] - 1);
    this.ids = new Int32Array(total);
    this.starts = new Int32Array(passageStart.length + 1);
  }

  add(from: number, to: number): void {
    const { text, table, ids } = this;
    for (let p = from; p < to; p++) {
      this.starts[p] = this.used;
      const end = this.passageStart[p] + this.passageLength[p] - 1;
      for (let i = this.passageStart[p]; i < end; i++) {
        const id = table.idOf(((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0);
        if (id >= this.lastSeen.length) this.grow();
        if (this.lastSeen[id] === p) continue;
        this.lastSeen[id] = p;
        this.counts[id]++;
        ids[this.used++] = id;
      }
    }
    this.starts[to] = this.used;
  }

  private grow(): void {
    const seen = new Int32Array(this.lastSeen.length * 2).fill(-1);
    seen.set(this.lastSeen);
    this.lastSeen = seen;
    const counts = new Int32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
  }
}

type BigramSections = Pick<PassageIndexData, 'bigramKeys' | 'bigramOffsets' | 'postingOffsets' | 'postingBytes'>;

/** The sections, and per bigram (in key order) how many passages hold it, pruned or not: what a rebuild carries over. */
type Bigrams = BigramSections & { readonly df: Int32Array; readonly carried: boolean };

/** The bigrams of the index a rebuild replaces (see `CarriedClauseStarts` for `rankNow`). */
export interface CarriedBigrams {
  readonly data: PassageIndexData;
  readonly df: Int32Array;
  readonly rankNow: Int32Array;
  /** Per passage now: whether it is one of the previous index's (`rankNow` leads to it). */
  readonly kept: Uint8Array;
}

export function* buildBigrams(text: string, starts: Int32Array, lengths: Int32Array, carried?: CarriedBigrams): Steps<Bigrams> {
  if (carried) {
    const updated = yield* updateBigrams(text, starts, lengths, carried);
    if (updated) return updated;
  }
  const count = starts.length;
  const sequence = new BigramSequence(text, starts, lengths);
  for (let from = 0; from < count; from += PASSAGES_PER_STEP) {
    sequence.add(from, Math.min(count, from + PASSAGES_PER_STEP));
    yield;
  }
  const { table, counts } = sequence;
  const bigrams = table.size;
  const maxDf = prunedAbove(count);
  const byKey = Array.from({ length: bigrams }, (_, id) => id).sort((a, b) => table.keyOf[a] - table.keyOf[b]);
  const rank = new Int32Array(bigrams);
  const bigramKeys = new Uint32Array(bigrams);
  const bigramOffsets = new Uint32Array(bigrams + 1);
  const df = new Int32Array(bigrams);
  byKey.forEach((id, r) => {
    rank[id] = r;
    bigramKeys[r] = table.keyOf[id];
    df[r] = counts[id];
    bigramOffsets[r + 1] = bigramOffsets[r] + (counts[id] <= maxDf ? counts[id] : 0);
  });
  yield;
  const postings = new Int32Array(bigramOffsets[bigrams]);
  const cursor = bigramOffsets.slice(0, bigrams);
  for (let from = 0; from < count; from += PASSAGES_PER_STEP) {
    const to = Math.min(count, from + PASSAGES_PER_STEP);
    for (let p = from; p < to; p++) {
      for (let j = sequence.starts[p]; j < sequence.starts[p + 1]; j++) {
        const id = sequence.ids[j];
        if (counts[id] <= maxDf) postings[cursor[rank[id]]++] = p;
      }
    }
    yield;
  }
  return { bigramKeys, bigramOffsets, ...yield* encodePostings(postings, bigramOffsets), df, carried: false };
}

/** Bigrams in more passages than this keep no postings (see `PRUNE_SHARE`). */
function prunedAbove(passages: number): number {
  return Math.max(PRUNE_FLOOR, Math.floor(PRUNE_SHARE * passages));
}

/** About this many postings are rewritten or encoded between two steps. */
const POSTINGS_PER_STEP = 1 << 18;
/**
 * Above this share of passages gone or new, bigrams are built from every passage: reading each changed passage's
 * bigrams one by one costs more per passage than the build's single pass.
 */
const MAX_CHANGED_SHARE = 0.2;
/** Most bigrams no longer pruned that are looked for in the text (each a scan of it); with more, bigrams are built again. */
const MAX_UNPRUNED = 16;

/** The passages (ascending) that hold `key`: its occurrences in the text, each in the passage around it if any. */
function passagesHolding(text: string, key: number, starts: Int32Array, lengths: Int32Array, byStart: Int32Array): number[] {
  const pair = String.fromCharCode(key >>> 16, key & 0xffff);
  const found = new Set<number>();
  for (let at = text.indexOf(pair); at >= 0; at = text.indexOf(pair, at + 1)) {
    const k = upperBoundBy(byStart, starts, at) - 1;
    if (k >= 0 && at + 2 <= starts[byStart[k]] + lengths[byStart[k]]) found.add(byStart[k]);
  }
  return [...found].sort((a, b) => a - b);
}

/** The first index in `order` whose `values` entry is above `value` (`values` ascending along `order`). */
function upperBoundBy(order: Int32Array, values: Int32Array, value: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[order[mid]] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The bigrams of the previous index brought up to date: only the passages that left it and those new to it are
 * read; every other posting is the previous one with its passage renumbered. A bigram pruned before and listed now
 * (its passages were never noted) is looked for in the text. Undefined when so much changed that building the
 * bigrams from every passage costs less (`MAX_CHANGED_SHARE`, `MAX_UNPRUNED`).
 */
function* updateBigrams(text: string, starts: Int32Array, lengths: Int32Array, { data: old, df: oldDf, rankNow, kept }: CarriedBigrams): Steps<Bigrams | undefined> {
  let changed = 0;
  for (let r = 0; r < rankNow.length; r++) if (rankNow[r] < 0) changed++;
  for (let p = 0; p < kept.length; p++) if (!kept[p]) changed++;
  if (changed > starts.length * MAX_CHANGED_SHARE) return undefined;
  const df = Int32Array.from(oldDf);
  for (let r = 0; r < old.passageStart.length; r++) {
    if (rankNow[r] >= 0) continue;
    for (const key of bigramSet(old.text, old.passageStart[r], old.passageStart[r] + old.passageLength[r])) df[findKey(old.bigramKeys, key)]--;
  }
  // The new passages under each bigram they hold, in passage order.
  const added = new Map<number, number[]>();
  for (let p = 0; p < starts.length; p++) {
    if (kept[p]) continue;
    for (const key of bigramSet(text, starts[p], starts[p] + lengths[p])) {
      const passages = added.get(key);
      if (passages) passages.push(p);
      else added.set(key, [p]);
    }
  }
  yield;
  const newKeys = [...added.keys()].filter(key => findKey(old.bigramKeys, key) < 0).sort((a, b) => a - b);
  const keys: number[] = [];
  const counts: number[] = [];
  const previous: number[] = []; // the bigram's index in the previous index, or -1
  for (let r = 0, n = 0; r < old.bigramKeys.length || n < newKeys.length;) {
    if (n >= newKeys.length || (r < old.bigramKeys.length && old.bigramKeys[r] < newKeys[n])) {
      const count = df[r] + (added.get(old.bigramKeys[r])?.length ?? 0);
      if (count > 0) {
        keys.push(old.bigramKeys[r]);
        counts.push(count);
        previous.push(r);
      }
      r++;
    } else {
      keys.push(newKeys[n]);
      counts.push((added.get(newKeys[n]) as number[]).length);
      previous.push(-1);
      n++;
    }
  }
  const maxDf = prunedAbove(starts.length);
  const oldMaxDf = prunedAbove(old.passageStart.length);
  const bigramOffsets = new Uint32Array(keys.length + 1);
  // Bigrams pruned before and listed now (their share of passages fell below the cut, or the cut rose): found in the text.
  const unpruned = new Map<number, number[]>();
  for (let b = 0; b < keys.length; b++) {
    if (counts[b] <= maxDf && previous[b] >= 0 && oldDf[previous[b]] > oldMaxDf) unpruned.set(b, []);
    bigramOffsets[b + 1] = bigramOffsets[b] + (counts[b] <= maxDf ? counts[b] : 0);
  }
  if (unpruned.size > MAX_UNPRUNED) return undefined;
  yield;
  if (unpruned.size > 0) {
    const byStart = Int32Array.from(starts.keys()).sort((a, b) => starts[a] - starts[b]);
    for (const [b, passages] of unpruned) {
      passages.push(...passagesHolding(text, keys[b], starts, lengths, byStart));
      yield;
    }
  }
  const postings = new Int32Array(bigramOffsets[keys.length]);
  let stepEnd = POSTINGS_PER_STEP;
  for (let b = 0; b < keys.length; b++) {
    if (counts[b] > maxDf) continue;
    let at = bigramOffsets[b];
    let sorted = true;
    const r = previous[b];
    if (r >= 0) {
      const cursor = new PostingCursor(old.postingBytes, { from: old.bigramOffsets[r], to: old.bigramOffsets[r + 1], key: keys[b], byte: old.postingOffsets[r] });
      for (let id = cursor.next(); id >= 0; id = cursor.next()) {
        const now = rankNow[id];
        if (now < 0) continue;
        if (at > bigramOffsets[b] && now < postings[at - 1]) sorted = false;
        postings[at++] = now;
      }
    }
    for (const p of unpruned.get(b) ?? added.get(keys[b]) ?? []) {
      if (at > bigramOffsets[b] && p < postings[at - 1]) sorted = false;
      postings[at++] = p;
    }
    if (at !== bigramOffsets[b + 1]) throw new Error(`passage index: bigram ${keys[b]} has ${at - bigramOffsets[b]} postings, expected ${counts[b]}`);
    if (!sorted) postings.subarray(bigramOffsets[b], at).sort();
    if (at >= stepEnd) {
      stepEnd = at + POSTINGS_PER_STEP;
      yield;
    }
  }
  return { bigramKeys: Uint32Array.from(keys), bigramOffsets, ...yield* encodePostings(postings, bigramOffsets), df: Int32Array.from(counts), carried: true };
}

/**
 * The posting lists as varints of the gaps between ids (the first from -1): a 50 MB corpus's postings take a
 * quarter of the bytes, and every reader walks a list from its start (lists are short: common bigrams are pruned).
 */
function* encodePostings(postings: Int32Array, offsets: Uint32Array): Steps<Pick<PassageIndexData, 'postingOffsets' | 'postingBytes'>> {
  const lists = offsets.length - 1;
  const postingOffsets = new Uint32Array(offsets.length);
  let size = 0;
  let stepEnd = POSTINGS_PER_STEP;
  for (let list = 0; list < lists; list++) {
    postingOffsets[list] = size;
    let previous = -1;
    for (let j = offsets[list]; j < offsets[list + 1]; j++) {
      size += varintLength(postings[j] - previous);
      previous = postings[j];
    }
    if (offsets[list + 1] >= stepEnd) {
      stepEnd = offsets[list + 1] + POSTINGS_PER_STEP;
      yield;
    }
  }
  postingOffsets[lists] = size;
  const postingBytes = new Uint8Array(size);
  let at = 0;
  stepEnd = POSTINGS_PER_STEP;
  for (let list = 0; list < lists; list++) {
    let previous = -1;
    for (let j = offsets[list]; j < offsets[list + 1]; j++) {
      let gap = postings[j] - previous;
      previous = postings[j];
      while (gap >= 0x80) {
        postingBytes[at++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      postingBytes[at++] = gap;
    }
    if (offsets[list + 1] >= stepEnd) {
      stepEnd = offsets[list + 1] + POSTINGS_PER_STEP;
      yield;
    }
  }
  return { postingOffsets, postingBytes };
}

function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}
