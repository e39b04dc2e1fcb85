/** Long work in steps (`src/core/steps.ts`): sorting in steps gives what one sort gives. */
import * as assert from 'node:assert/strict';
import { finishSteps, sortInSteps } from '../../src/core/steps';

/** Deterministic pseudo-random words of two to six letters from a small alphabet: many share a prefix. */
function words(count: number): string[] {
  let state = 12345;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
  return Array.from({ length: count }, () => Array.from({ length: 2 + (next() % 5) }, () => 'abc中文字'[next() % 6]).join(''));
}

suite('steps', () => {
  const list = words(100_000);
  // A total order: by text, then by place (the words repeat).
  const compare = (x: number, y: number): number => (list[x] < list[y] ? -1 : list[x] > list[y] ? 1 : x - y);
  const expected = Array.from(list.keys()).sort(compare);

  test('sorting in steps gives the order one sort gives, whatever the keys split off', () => {
    const keys: [string, (item: number) => number][] = [
      ['the first two units', item => ((list[item].charCodeAt(0) << 16) | list[item].charCodeAt(1)) >>> 0],
      ['one key for all', () => 7],
      ['the first unit, high keys', item => (0xffff0000 | list[item].charCodeAt(0)) >>> 0],
    ];
    for (const [what, keyOf] of keys) {
      const sorted = finishSteps(sortInSteps(Int32Array.from(list.keys()), keyOf, compare));
      assert.deepEqual(Array.from(sorted), expected, what);
    }
  });

  test('a sort of a hundred thousand items yields along the way, also within a long run of one key', () => {
    for (const keyOf of [(item: number): number => list[item].charCodeAt(0), (): number => 0]) {
      const steps = sortInSteps(Int32Array.from(list.keys()), keyOf, compare);
      let yields = 0;
      let next = steps.next();
      for (; !next.done; next = steps.next()) yields++;
      assert.ok(yields >= 6, `${yields} yields`);
      assert.deepEqual(Array.from(next.value), expected);
    }
  });
});
