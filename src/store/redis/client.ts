// The ioredis connection: fail fast while Redis is away (no offline queue, no resend), reconnect
// with capped backoff on its own, and map connection failures to StoreUnavailableError.
import { Redis, ReplyError } from 'ioredis';
import type { Logger } from '../../log.js';
import { StoreUnavailableError } from '../store.js';

export interface ClientOptions {
  url: string;
  log?: Logger;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN|NOREPLICAS)/;

export function createClient(opts: ClientOptions): Redis {
  const log = opts.log;
  const client = new Redis(opts.url, {
    // RESP2 keeps reply shapes (XREADGROUP, HGETALL, script tables) classic and stable.
    protocol: 2,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: opts.connectTimeoutMs ?? 5000,
    commandTimeout: opts.commandTimeoutMs ?? 5000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5000) + Math.floor(Math.random() * 100),
    connectionName: 'talent-radar',
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) log?.error({ err: err.message }, 'store: redis connection error; commands fail fast until it reconnects');
    down = true;
  });
  client.on('ready', () => {
    if (down) log?.info('store: redis connection restored');
    down = false;
  });
  return client;
}

/** Connection-level failures become StoreUnavailableError; real reply errors (bugs) pass through. */
export function toStoreError(err: unknown, what: string): Error {
  if (err instanceof StoreUnavailableError) return err;
  if (err instanceof (ReplyError as typeof Error) && !TRANSIENT_REPLY.test((err as Error).message)) return err as Error;
  const msg = err instanceof Error ? err.message : String(err);
  return new StoreUnavailableError(`redis ${what} failed: ${msg}`, { cause: err });
}

export async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toStoreError(err, what);
  }
}
