/**
 * Long work in steps: a generator that yields between pieces of work of a few milliseconds and returns its result.
 * The extension host answers keystrokes between two steps (a corpus service runs them in time slices); the CLI,
 * tests and benchmarks finish them at once. The result is the same either way.
 */
export type Steps<Result> = Generator<void, Result, void>;

/** Runs every step now. */
export function finishSteps<Result>(steps: Steps<Result>): Result {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** About this many elements sorted between two steps of `sortInSteps`: a few tens of milliseconds at most. */
const SORT_ELEMENTS_PER_STEP = 1 << 14;

/**
 * `items` sorted in steps, so that sorting a million items never holds the host for a second at once as one
 * `Array.sort` would. `keyOf` gives each item an unsigned 32-bit key that orders items as `compare` does wherever the
 * keys differ (a prefix of the text `compare` reads); items are put in key order by a radix sort, then each run of
 * equal keys is sorted by `compare`. `compare` must be a total order (no two items equal), so the result is the one
 * any sort gives. `items` is used as scratch space; the result is either it or a second array of the same length.
 */
export function* sortInSteps(items: Int32Array, keyOf: (item: number) => number, compare: (x: number, y: number) => number): Steps<Int32Array> {
  const length = items.length;
  let from: Int32Array = items;
  let fromKeys = new Uint32Array(length);
  for (let i = 0; i < length; i++) fromKeys[i] = keyOf(items[i]);
  let to: Int32Array = new Int32Array(length);
  let toKeys = new Uint32Array(length);
  yield;
  for (const shift of [0, 16]) {
    const next = new Int32Array(1 << 16);
    for (let i = 0; i < length; i++) next[(fromKeys[i] >>> shift) & 0xffff]++;
    for (let digit = 0, at = 0; digit < next.length; digit++) {
      const count = next[digit];
      next[digit] = at;
      at += count;
    }
    for (let i = 0; i < length; i++) {
      const at = next[(fromKeys[i] >>> shift) & 0xffff]++;
      to[at] = from[i];
      toKeys[at] = fromKeys[i];
    }
    [from, to, fromKeys, toKeys] = [to, from, toKeys, fromKeys];
    yield;
  }
  let sorted = 0;
  for (let start = 0; start < length;) {
    let end = start + 1;
    while (end < length && fromKeys[end] === fromKeys[start]) end++;
    if (end - start > SORT_ELEMENTS_PER_STEP) {
      yield* sortLongRun(from.subarray(start, end), compare);
    } else if (end - start > 1) {
      const run = from.subarray(start, end);
      run.set(Array.from(run).sort(compare));
      sorted += end - start;
    }
    if (sorted >= SORT_ELEMENTS_PER_STEP) {
      sorted = 0;
      yield;
    }
    start = end;
  }
  return from;
}

/** Sorts `run` in place in steps: pieces of it one a step, then merged pairwise, yielding along the way. */
function* sortLongRun(run: Int32Array, compare: (x: number, y: number) => number): Steps<void> {
  const length = run.length;
  for (let start = 0; start < length; start += SORT_ELEMENTS_PER_STEP) {
    const piece = run.subarray(start, Math.min(length, start + SORT_ELEMENTS_PER_STEP));
    piece.set(Array.from(piece).sort(compare));
    yield;
  }
  let from: Int32Array = run;
  let to: Int32Array = new Int32Array(length);
  let placed = 0;
  for (let width = SORT_ELEMENTS_PER_STEP; width < length; width *= 2) {
    for (let left = 0; left < length; left += 2 * width) {
      const middle = Math.min(length, left + width);
      const end = Math.min(length, left + 2 * width);
      let a = left;
      let b = middle;
      for (let out = left; out < end; out++) {
        to[out] = b >= end || (a < middle && compare(from[a], from[b]) < 0) ? from[a++] : from[b++];
        if (++placed >= SORT_ELEMENTS_PER_STEP) {
          placed = 0;
          yield;
        }
      }
    }
    [from, to] = [to, from];
  }
  if (from !== run) run.set(from);
}
