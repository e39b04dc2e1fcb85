/** Memory figures for the benchmarks (run with `--expose-gc`; without it they are rough). */

/**
 * A full collection, twice: array buffers freed by the first are released by a sweeper that runs alongside, and
 * the second waits for it, so `memory()` does not count buffers that are already garbage.
 */
export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}

/** Bytes held: the JavaScript heap and the array buffers outside it. */
export function memory(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
