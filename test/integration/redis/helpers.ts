// Helpers for the Redis integration tests: key cleanup, round-trip counting, a private
// redis-server child process that a test can stop, freeze and restart.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import type { RedisStore } from '../../../src/store/redis/index.js';
import type { IngestEntry, SearchQuery } from '../../../src/store/store.js';

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

/** Whether nothing listens on this port of 127.0.0.1 right now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
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

/**
 * Archived alerts for the search index layout tests (index-layout*.test.ts), drawn from a seeded
 * generator: a few common words and rare ones, a Chinese phrase, firms, topics and languages.
 * `publishedAt` spreads them over days (it may draw from the same generator, before the words).
 */
export function layoutEntries(opts: {
  seed: number;
  idPrefix: string;
  publishedAt: (i: number, rnd: () => number) => number;
  rareP: number;
  zhP: number;
}): (i: number) => IngestEntry {
  let seed = opts.seed;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const common = ['talent', 'joins', 'researcher', 'leaves'];
  const rare = Array.from({ length: 12 }, (_, i) => `rare${i}`);
  const host = `${opts.idPrefix.toLowerCase()}.example`;
  return (i) => {
    const published = new Date(opts.publishedAt(i, rnd)).toISOString();
    const words = [pick(common), pick(common), rnd() < opts.rareP ? pick(rare) : '', rnd() < opts.zhP ? '加盟 团队' : ''].join(' ');
    const item = {
      id: `${opts.idPrefix}${i}`,
      source: 's',
      title: `Story ${i} ${words}`,
      summary: `x ${pick(common)}`,
      link: `https://${host}/${i}`,
      lang: rnd() < 0.3 ? 'zh' : 'en',
      published,
      fetchedAt: published,
    };
    const firms = [pick(['Alpha', 'Beta', 'Gamma']), ...(rnd() < 0.1 ? ['Delta'] : [])];
    return {
      item,
      assessment: { relevant: true, topics: [rnd() < 0.7 ? 'talent' : 'superapp'], score: 0.5, firms, moves: [], why: [], summary: '' },
      keys: [`url:${i}`],
      archive: true,
      targets: [],
    };
  };
}

/** Every store's answer to every query, in order: total, capped flag and hit ids. */
export async function layoutAnswers(stores: RedisStore[], queries: SearchQuery[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const s of stores)
    for (const [q, query] of queries.entries()) {
      const { total, capped, hits } = await s.search(query);
      out.push({ q, total, capped: !!capped, ids: hits.map((h) => h.alert.id) });
    }
  return out;
}

/** The store's keys under its base matching a SCAN pattern. */
export async function keysLike(s: RedisStore, pattern: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await s.redis.scan(cursor, 'MATCH', `${s.keys.base}${pattern}`, 'COUNT', 1000);
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  return out;
}
