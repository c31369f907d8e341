// Detects a wiped Redis (restarted without persistence, FLUSHALL, failover to an empty replica).
// At connect a store epoch key is written if absent and remembered; on every reconnect and
// every `intervalMs` it is read again. Missing or different: the data this bot relied on (outbox,
// seen-keys, source state) is gone. That is said loudly once per wipe, and a new epoch is set.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../log.js';

export interface EpochWatch {
  /** The epoch this process works in. */
  readonly current: string | undefined;
  /** Reads the key; true when Redis was wiped since the last check (already logged). */
  check(): Promise<boolean>;
  stop(): void;
}

export async function watchEpoch(redis: Redis, key: string, log: Logger | undefined, intervalMs = 30_000): Promise<EpochWatch> {
  let current: string | undefined;
  const claim = async (): Promise<string | null> => {
    await redis.set(key, `${new Date().toISOString()}:${randomBytes(6).toString('hex')}`, 'NX');
    return redis.get(key);
  };
  current = (await claim()) ?? undefined;
  let checking: Promise<boolean> | undefined;
  const check = (): Promise<boolean> =>
    (checking ??= (async () => {
      try {
        const seen = await redis.get(key);
        if (seen !== null && seen === current) return false;
        log?.error(
          { code: 'STORE_WIPED', was: current, now: seen },
          'store: REDIS WAS WIPED (restarted without persistence, flushed, or failed over to an empty replica): undelivered alerts in the outbox, dedupe keys and source state are gone; sources start over and record their backlog without posting it. Run Redis with appendonly yes (see README, "Production Redis")',
        );
        current = (await claim()) ?? undefined;
        return true;
      } catch {
        return false; // unreachable: checked again on reconnect
      } finally {
        checking = undefined;
      }
    })());
  const onReady = () => void check();
  redis.on('ready', onReady);
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return {
    get current() {
      return current;
    },
    check,
    stop() {
      clearInterval(timer);
      redis.off('ready', onReady);
    },
  };
}
