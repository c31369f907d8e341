// The ioredis connection: fail fast while Redis is away (no offline queue, no resend), reconnect
// with capped backoff on its own, and map connection failures to StoreUnavailableError.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions as ConnectionOptions_TLS } from 'node:tls';
import { Cluster, Redis, ReplyError } from 'ioredis';
import type { RedisConnection } from '../../config/redis-env.js';
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

// ---- Production deployments: TLS, Sentinel, Cluster (REDIS_* in config/redis-env.ts) ----

/** A client for any of the three forms; Cluster routes each command by its key's slot. */
export type RedisClient = Redis | Cluster;

export interface ConnectionOptions {
  connection: RedisConnection;
  log?: Logger;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

const backoff = (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 5000) + Math.floor(Math.random() * 100);

/** A replica promoted away from under us answers writes with READONLY: reconnect (Sentinel asks again who the primary is). */
const reconnectOnReadonly = (err: Error): 1 | false => (/^READONLY/.test(err.message) ? 1 : false);

function tlsOptions(c: RedisConnection, host?: string): ConnectionOptions_TLS | undefined {
  if (!c.tls) return undefined;
  let ca: Buffer | undefined;
  if (c.caFile) {
    try {
      ca = readFileSync(c.caFile);
    } catch (err) {
      throw new StoreUnavailableError(`REDIS_TLS_CA ${c.caFile} cannot be read: ${(err as Error).message}`, { cause: err });
    }
  }
  // Verification stays on (Node's default): a server certificate must chain to `ca` (or the
  // system CAs) and name the host.
  return { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...(host ? { servername: host } : {}) };
}

/** The ioredis client for a connection (lazy: call connectClient). Same fail-fast rules as createClient. */
export function createConnectionClient(opts: ConnectionOptions): RedisClient {
  const c = opts.connection;
  const common = {
    protocol: 2 as const,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: opts.connectTimeoutMs ?? 5000,
    commandTimeout: opts.commandTimeoutMs ?? 5000,
    connectionName: 'talent-radar',
    reconnectOnError: reconnectOnReadonly,
    ...(c.username ? { username: c.username } : {}),
    ...(c.password ? { password: c.password } : {}),
  };
  let client: RedisClient;
  if (c.mode === 'standalone') {
    const host = new URL(c.url).hostname.replace(/^\[|\]$/g, '');
    const tls = tlsOptions(c, host && !/^[\d.:]+$/.test(host) ? host : undefined);
    client = new Redis(c.url, { ...common, enableOfflineQueue: false, retryStrategy: backoff, ...(tls ? { tls } : {}) });
  } else if (c.mode === 'sentinel') {
    const tls = tlsOptions(c);
    client = new Redis({
      ...common,
      enableOfflineQueue: false,
      retryStrategy: backoff,
      sentinels: c.sentinels,
      name: c.name,
      role: 'master',
      db: c.db,
      ...(c.sentinelUsername ? { sentinelUsername: c.sentinelUsername } : {}),
      ...(c.sentinelPassword ? { sentinelPassword: c.sentinelPassword } : {}),
      // Subscribes to +switch-master on the sentinels: the client drops the old primary as soon as
      // a failover is announced instead of writing to it until it is demoted.
      failoverDetector: true,
      sentinelRetryStrategy: (times: number) => Math.min(100 * times, 2000),
      sentinelCommandTimeout: opts.connectTimeoutMs ?? 5000,
      ...(tls ? { tls, enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
    });
    // quit() closes the primary connection but leaves the failover detector's subscriptions to
    // the sentinels open, which keeps the process alive after shutdown; disconnect() closes them.
    const sentinelClient = client;
    const quit = sentinelClient.quit.bind(sentinelClient);
    sentinelClient.quit = (async (...args: Parameters<typeof quit>) => {
      try {
        return await quit(...args);
      } finally {
        sentinelClient.disconnect();
      }
    }) as typeof sentinelClient.quit;
  } else {
    const tls = tlsOptions(c);
    client = new Cluster(c.nodes, {
      lazyConnect: true,
      enableOfflineQueue: false,
      enableReadyCheck: true,
      scaleReads: 'master',
      clusterRetryStrategy: backoff,
      // After a primary goes away the cluster needs a few seconds to promote its replica; a command
      // that hit the dead node is retried on the refreshed slot map (commands are not resent once
      // written: a lost reply is a StoreUnavailableError like everywhere else).
      retryDelayOnFailover: 300,
      retryDelayOnClusterDown: 300,
      retryDelayOnTryAgain: 100,
      slotsRefreshTimeout: 2000,
      slotsRefreshInterval: 2000,
      redisOptions: { ...common, ...(tls ? { tls } : {}) },
    });
  }
  watchConnection(client, opts.log);
  return client;
}

/** Logs an outage once and its end once (as createClient does), for a single node or a cluster. */
function watchConnection(client: RedisClient, log: Logger | undefined): void {
  let down = false;
  const fail = (err: Error) => {
    if (!down) log?.error({ err: err.message }, 'store: redis connection error; commands fail fast until it reconnects');
    down = true;
  };
  client.on('error', fail);
  client.on('node error', (err: Error) => fail(err));
  client.on('ready', () => {
    if (down) log?.info('store: redis connection restored');
    down = false;
  });
}

/** Connects, waiting at most `timeoutMs` (Sentinel keeps asking otherwise); on failure the client is closed. */
export async function connectClient(client: RedisClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  // connect() rejects with a bare "Connection is closed."; the cause (a refused certificate,
  // a wrong password, no sentinel answering) came as an 'error' event: say it.
  let cause: Error | undefined;
  const remember = (err: Error) => (cause = err);
  client.on('error', remember);
  client.on('node error', remember);
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } catch (err) {
    client.disconnect();
    // A cluster's "all nodes failed" error carries the last node's own error (e.g. the certificate).
    const inner = (e: unknown) => (e as { lastNodeError?: Error } | undefined)?.lastNodeError;
    const msg = (err as Error).message;
    const why = inner(err)?.message ?? inner(cause)?.message ?? cause?.message;
    throw why && !msg.includes(why) ? new Error(`${msg} (${why})`, { cause: err }) : err;
  } finally {
    clearTimeout(timer);
    client.off('error', remember);
    client.off('node error', remember);
  }
}

/** host:port of the primary the client writes `key` to (a cluster: the slot's owner), or '' while unknown. */
export function primaryOf(client: RedisClient, slot: number | undefined): string {
  if (client instanceof Cluster) return slot === undefined ? '' : (client.slots[slot]?.[0] ?? '');
  const s = (client as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
  return s?.remoteAddress && s.remotePort ? `${s.remoteAddress.replace(/^::ffff:/, '')}:${s.remotePort}` : '';
}

/**
 * Logs once per switch which primary holds the store: the first connection, then each failover
 * (Sentinel: a new primary after +switch-master or READONLY; Cluster: the tag's slot moved to
 * another node after a refresh).
 */
export async function watchPrimary(client: RedisClient, key: string, log: Logger | undefined, label: string): Promise<void> {
  const slot = client instanceof Cluster ? Number(await client.cluster('KEYSLOT', key)) : undefined;
  let current = primaryOf(client, slot);
  log?.info({ mode: label, primary: current }, `store: redis ${label}, primary ${current || 'unknown'}`);
  const check = () => {
    const now = primaryOf(client, slot);
    if (!now || now === current) return;
    log?.warn(
      { from: current, to: now },
      `store: redis primary switched from ${current || 'unknown'} to ${now}; in-flight leases and claims are retried or taken over`,
    );
    current = now;
  };
  client.on('ready', check);
  if (client instanceof Cluster) client.on('refresh', check);
}

/**
 * Makes the named script commands wait for `replicas` replicas to hold their writes (`WAIT`, in
 * the same pipeline, so one round trip and, on a cluster, the same node). A write no replica has
 * confirmed may vanish in a failover; the call then fails as StoreUnavailableError and the caller
 * retries or lets the lease run out, instead of acting (posting) on it.
 */
export function requireReplicas(client: RedisClient, commands: string[], replicas: number, timeoutMs: number): void {
  if (replicas <= 0) return;
  const c = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of commands) {
    const original = c[name];
    if (typeof original !== 'function') throw new Error(`requireReplicas: ${name} is not a defined command`);
    c[name] = async (...args: unknown[]) => {
      const p = client.pipeline() as unknown as { wait(n: number, t: number): unknown; exec(): Promise<Array<[Error | null, unknown]> | null> };
      // A pipeline copies the client's script functions (this wrapper): queue the original on it.
      void original.apply(p, args);
      p.wait(replicas, timeoutMs);
      const res = (await p.exec()) ?? [];
      const [[err, value] = [new Error('empty pipeline reply'), null], [waitErr, acked] = [null, 0]] = res;
      if (err) throw err;
      if (waitErr) throw waitErr;
      if (Number(acked) < replicas) {
        throw new StoreUnavailableError(
          `redis write not confirmed by ${replicas} replica(s) within ${timeoutMs} ms (${Number(acked)} did); a failover may be under way`,
        );
      }
      return value;
    };
  }
}
