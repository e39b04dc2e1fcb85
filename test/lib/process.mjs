// Small helpers shared by the test runners and the start scripts.
import { createServer } from 'node:net';

/** A free TCP port on localhost. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Exits with code 1 if the run is still going after `ms`: a launcher promise can stay pending forever. */
export function startWatchdog(ms, what, onTimeout = () => {}) {
  const timer = setTimeout(() => {
    console.error(`${what}: still running after ${Math.round(ms / 1000)} s; stopping it.`);
    try { onTimeout(); } finally { process.exit(1); }
  }, ms);
  timer.unref();
  return timer;
}

/** The closing line each tier prints: `web: 3 passed, 0 failed`. */
export const TIER_LINE = /^([a-z]+): (\d+) passed, (\d+) failed$/m;
