// Redis for the test suites: TEST_REDIS_URL (default redis://127.0.0.1:6379).
// Without Redis the Redis suites are skipped with a message; with CI=true Redis is required.
import { createConnection } from 'node:net';
import { describe } from 'vitest';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function probe(url: string, timeoutMs = 1000): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = createConnection({ host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) => done(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH')));
  });
}

export const redisAvailable: boolean = await probe(TEST_REDIS_URL);

if (!redisAvailable) {
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but Redis does not answer at ${TEST_REDIS_URL}: start it (see .ci/run) or set TEST_REDIS_URL`);
  }
  console.warn(`[talent-radar tests] Redis not reachable at ${TEST_REDIS_URL}: skipping the Redis suites (set CI=true to require them)`);
}

/** `describe` that runs only when Redis answers (and fails the run under CI=true when it does not). */
export const describeRedis: typeof describe = (redisAvailable ? describe : describe.skip) as typeof describe;

/** A key prefix unique to this test run and suite, so parallel suites never collide. */
export function uniquePrefix(name: string): string {
  return `trtest:${name}:${process.pid}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}:`;
}
