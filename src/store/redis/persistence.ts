// Whether Redis keeps its data over a restart. Without AOF a restart (or crash) loses the
// outbox, dedupe keys and source state since the last snapshot, or all of it with no snapshot.
// CONFIG may be disabled or renamed (managed Redis): INFO persistence answers then.
import type { Redis } from 'ioredis';

export interface Persistence {
  /** appendonly yes; undefined when neither CONFIG nor INFO told. */
  aof: boolean | undefined;
  /** RDB snapshots configured (CONFIG save non-empty); undefined when unknown. */
  rdb: boolean | undefined;
  via: 'config' | 'info' | 'unknown';
}

export async function redisPersistence(redis: Redis): Promise<Persistence> {
  try {
    const [, aof] = (await redis.call('CONFIG', 'GET', 'appendonly')) as string[];
    const [, save] = (await redis.call('CONFIG', 'GET', 'save')) as string[];
    if (aof !== undefined) return { aof: aof === 'yes', rdb: save !== undefined ? save.trim() !== '' : undefined, via: 'config' };
  } catch {
    // CONFIG disabled or renamed: fall through to INFO.
  }
  try {
    const info = await redis.info('persistence');
    const aof = /^aof_enabled:(\d)/m.exec(info)?.[1];
    return { aof: aof === undefined ? undefined : aof === '1', rdb: undefined, via: aof === undefined ? 'unknown' : 'info' };
  } catch {
    return { aof: undefined, rdb: undefined, via: 'unknown' };
  }
}

/** One doctor line: ok with AOF, a warning otherwise (with what to do). */
export function persistenceCheck(p: Persistence): { ok: true | 'warn'; detail: string } {
  if (p.aof) return { ok: true, detail: `AOF on (appendonly yes, read with ${p.via === 'config' ? 'CONFIG GET' : 'INFO'})` };
  const fix = 'set appendonly yes (see README, "Production Redis")';
  if (p.aof === undefined) return { ok: 'warn', detail: `could not tell whether AOF is on (CONFIG and INFO persistence gave nothing); ${fix}` };
  const rdb = p.rdb ? 'only RDB snapshots: a restart loses what came after the last one' : 'no persistence: a restart loses everything';
  return { ok: 'warn', detail: `AOF is off, ${rdb} (undelivered alerts, dedupe keys, source state); ${fix}` };
}
