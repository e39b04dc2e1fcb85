/**
 * The few assertions the integration suite needs. The browser bundle has no `assert` module, so the
 * suite uses this in every host.
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function ok(value: unknown, message: string): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  if (actual !== expected) throw new AssertionError(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function match(actual: string, pattern: RegExp, message: string): void {
  if (!pattern.test(actual)) throw new AssertionError(`${message}: ${JSON.stringify(actual)} does not match ${pattern}`);
}

export function includes<T>(list: readonly T[], item: T, message: string): void {
  if (!list.includes(item)) throw new AssertionError(`${message}: ${JSON.stringify(item)} is missing`);
}
