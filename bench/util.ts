// Bench helpers: the machine, percentiles, timing, quiet logger, Redis URL and instrumentation.
import { cpus, loadavg, totalmem } from 'node:os';
import type { Redis } from 'ioredis';
import { createLogger, type Logger } from '../src/log.js';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */ loadAvg1: number;
}

export function machine(): Machine {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAvg1: round(loadavg()[0], 2),
  };
}

export const quietLog = (): Logger => createLogger('silent');

export const redisUrl = (): string => process.env.TEST_REDIS_URL || process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Deletes every key under `prefix` (SCAN + UNLINK). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length) n += await redis.unlink(...keys);
  } while (cursor !== '0');
  return n;
}

export interface CommandCounter {
  commands: number;
  roundTrips: number;
  names: Map<string, number>;
  reset(): void;
}

/**
 * Counts commands and round trips on one ioredis client. A round trip is a batch of commands
 * written before any of their replies was read: commands sent in one turn of the event loop
 * (a pipeline, or several commands fired together) count once; a command sent after a reply
 * came back starts a new one.
 */
export function instrument(redis: Redis): CommandCounter {
  const counter: CommandCounter = {
    commands: 0,
    roundTrips: 0,
    names: new Map(),
    reset() {
      this.commands = 0;
      this.roundTrips = 0;
      this.names.clear();
      open = false;
    },
  };
  let open = false;
  let replied = false;
  const orig = redis.sendCommand.bind(redis) as (...a: unknown[]) => unknown;
  (redis as unknown as { sendCommand: (...a: unknown[]) => unknown }).sendCommand = (...args: unknown[]) => {
    const cmd = args[0] as { name: string; promise: Promise<unknown> };
    counter.commands++;
    counter.names.set(cmd.name, (counter.names.get(cmd.name) ?? 0) + 1);
    if (!open || replied) {
      counter.roundTrips++;
      open = true;
      replied = false;
      setImmediate(() => (open = false));
    }
    cmd.promise.then(
      () => (replied = true),
      () => (replied = true),
    );
    return orig(...args);
  };
  return counter;
}

/**
 * Redis memory per archived alert: the `used_memory` delta since the call with 0 alerts (INFO
 * memory: everything the load added, search index and retention keys included; other clients of
 * a shared server skew it, so the bench also sums MEMORY USAGE of its own keys by kind).
 */
export function redisMemoryMeter(
  redis: Redis,
  prefix: string,
): (alerts: number) => Promise<{ bytesPerAlert: number; keysBytesPerAlert: number; usedMemoryDelta: number; byKind: Record<string, number> } | undefined> {
  let base = 0;
  const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
  return async (alerts) => {
    if (alerts === 0) {
      base = await used();
      return undefined;
    }
    const delta = (await used()) - base;
    const byKind = new Map<string, number>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
      cursor = next;
      const p = redis.pipeline();
      for (const k of keys) p.call('MEMORY', 'USAGE', k, 'SAMPLES', '0');
      const res = (await p.exec()) ?? [];
      keys.forEach((k, i) => {
        const kind = /^[^{]*\{[^}]*\}:([a-z0-9]+)/.exec(k)?.[1] ?? 'other';
        byKind.set(kind, (byKind.get(kind) ?? 0) + (Number(res[i]?.[1]) || 0));
      });
    } while (cursor !== '0');
    const total = [...byKind.values()].reduce((a, b) => a + b, 0);
    return {
      bytesPerAlert: Math.round(delta / alerts),
      keysBytesPerAlert: Math.round(total / alerts),
      usedMemoryDelta: delta,
      byKind: Object.fromEntries([...byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v / alerts)])),
    };
  };
}
