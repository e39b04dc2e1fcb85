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
