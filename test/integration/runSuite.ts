/**
 * Runs the mocha suite and prints one line per test and the tier's closing line
 * (`web: N passed, N failed`), which the runners and `npm test` read. Output goes through
 * console.log, the one channel every host relays to the test runner.
 */
export interface MochaLike {
  run(done?: (failures: number) => void): Mocha.Runner;
}

/** Mocha's default reporters need a DOM or a TTY; this one only counts, the runner's events print. */
export function SilentReporter(): void {}

export function runMochaSuite(mocha: MochaLike, tier: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`${tier}: ${passed} passed, ${failed} failed`);
      if (failed > 0 || passed === 0) reject(new Error(`${failed} of ${passed + failed} tests failed in the ${tier} tier`));
      else resolve();
    });
    runner.on('pass', test => {
      passed++;
      console.log(`  ✓ ${test.fullTitle()}`);
    });
    runner.on('fail', (test, error: Error) => {
      failed++;
      console.log(`  ✗ ${test.fullTitle()}\n      ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`);
    });
  });
}
