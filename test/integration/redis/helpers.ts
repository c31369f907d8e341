// Helpers for the Redis integration tests: key cleanup, round-trip counting, a private
// redis-server child process that a test can stop, freeze and restart.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import type { RedisStore } from '../../../src/store/redis/index.js';
import type { IngestEntry } from '../../../src/store/store.js';

export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { protocol: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/**
 * Counts round trips: every write on the client's socket sends one request batch (a command,
 * a script call or a whole pipeline) and the store awaits each reply before the next.
 */
export async function countRoundTrips<T>(store: RedisStore, fn: () => Promise<T>): Promise<{ result: T; trips: number; commands: number }> {
  const stream = (store.redis as unknown as { stream: NodeJS.WritableStream }).stream;
  const original = stream.write;
  let trips = 0;
  let commands = 0;
  stream.write = function (this: NodeJS.WritableStream, chunk: unknown, ...rest: unknown[]) {
    trips++;
    commands += (String(chunk).match(/^\*\d+\r\n\$/gm) ?? []).length;
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
  try {
    return { result: await fn(), trips, commands };
  } finally {
    stream.write = original;
  }
}

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` on the port (no persistence unless `extra` says otherwise, e.g.
 * ['--appendonly', 'yes', '--dir', tmp]) and resolves once it accepts connections.
 */
export function startRedisServer(port: number, extra: string[] = []): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server on ${port} did not start: ${out}`));
    }, 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/ready to accept connections/i.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server on ${port} exited with ${code}: ${out}`));
    });
  });
}

export function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A relevant archived entry with the given near-duplicate buckets (fingerprint data `data`, default the id). */
export function bucketEntry(id: string, buckets: string[], at: Date, data: string = id): IngestEntry {
  const item = {
    id,
    source: id,
    title: `Story ${id}`,
    summary: '',
    link: `https://${id}.example/`,
    lang: 'en',
    published: at.toISOString(),
    fetchedAt: at.toISOString(),
  };
  return {
    item,
    assessment: { relevant: true, topics: ['talent'], score: 0.5, firms: [], moves: [], why: [], summary: '' },
    keys: [`url:${id}`],
    fingerprint: { buckets, data },
    archive: true,
    targets: [],
  };
}
