// The Redis backend of the store port. Several replicas share one Redis: every claim is a
// script or SET NX, hot paths are one or two round trips, and while Redis is away every method
// rejects fast with StoreUnavailableError; ioredis reconnects on its own and work resumes.
import type { Redis } from 'ioredis';
import type { Logger } from '../../log.js';
import type { IngestBatch, IngestOutcome, OutboxStats, PostedRecord, SearchQuery, SearchResult, SourceLease, Store } from '../store.js';
import { StoreUnavailableError } from '../store.js';
import type { Alert, Delivery, DigestMode, DigestSetting, Platform, RetryState, SourceState, Subscription } from '../../types.js';
import { watchEpoch, type EpochWatch } from './epoch.js';
import type { RedisConnection } from '../../config/redis-env.js';
import { describeRedis } from '../../config/redis-env.js';
import { connectClient, createClient, createConnectionClient, guard, requireReplicas, watchPrimary } from './client.js';
import { makeKeys, type Keys } from './keys.js';
import { defineScripts, type Scripts } from './scripts.js';
import { decodeAlert, decodeAlertPairs, ms } from './codec.js';
import { runIngest } from './ingest.js';
import { BucketMirror } from './mirror.js';
import { startMigration, type Migration } from './migrate.js';
import { purgeArchive } from './purge.js';
import * as outbox from './outbox.js';
import { search, type SearchTuning } from './search.js';
import * as subs from './subs.js';
import * as chat from './chat.js';
import type { ChatSource, Feedback, Mute, Watch } from '../chat.js';

export interface RedisStoreOptions {
  /** A single server by URL (the tests' and benches' form); or give `connection`. */
  url?: string;
  /** Any of the deployments REDIS_* describes: standalone (TLS), Sentinel, Cluster. See client.ts. */
  connection?: RedisConnection;
  /** Key prefix, default 'tr:'; also the hash tag of the multi-key data (`tr:{tr}:…`). */
  prefix?: string;
  log?: Logger;
  now?: () => Date;
  /** Connect timeout, also the wait for the first connection in connect(); default 5000. */
  connectTimeoutMs?: number;
  /** Per-command timeout; default 5000. */
  commandTimeoutMs?: number;
  /** Search cost bounds (see docs/redis.md); the defaults suit a million alerts. */
  search?: SearchTuning;
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly scripts: Scripts;
  private readonly now: () => Date;
  /** Near-duplicate buckets this client read or wrote (mirror.ts); checked by the script before use. */
  private readonly mirror = new BucketMirror();

  private constructor(
    /** The ioredis client (exposed for diagnostics and tests). */
    readonly redis: Redis,
    readonly keys: Keys,
    now?: () => Date,
    private readonly tuning?: SearchTuning,
  ) {
    this.scripts = defineScripts(redis);
    this.now = now ?? (() => new Date());
  }

  /** The deployment it was opened with (undefined when opened by `url`); `doctor` reports it. */
  connection?: RedisConnection;

  static async connect(opts: RedisStoreOptions): Promise<RedisStore> {
    const keys = makeKeys(opts.prefix ?? 'tr:');
    if (opts.connection) return RedisStore.connectTo(opts.connection, keys, opts);
    if (!opts.url) throw new Error('RedisStore.connect: give url or connection');
    const redis = createClient({ url: opts.url, log: opts.log, connectTimeoutMs: opts.connectTimeoutMs, commandTimeoutMs: opts.commandTimeoutMs });
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      throw new StoreUnavailableError(`cannot connect to redis at ${redactUrl(opts.url)}: ${(err as Error).message}`, { cause: err });
    }
    const store = new RedisStore(redis, keys, opts.now, opts.search);
    try {
      store.epoch = await guard('epoch', () => watchEpoch(redis, `${keys.base}epoch`, opts.log));
      store.migration = await guard('migrate', () => startMigration(store.scripts, keys, opts.log));
    } catch (err) {
      store.epoch?.stop();
      redis.disconnect();
      throw err;
    }
    return store;
  }

  /** Watches for a wiped Redis (see epoch.ts). */
  epoch?: EpochWatch;

  /** The search index layout migration (migrate.ts); `done` settles at once on a fresh store. */
  migration?: Migration;

  /**
   * Opens any deployment. A Cluster client has the same command surface the store uses (every
   * multi-key script and pipeline stays in the one hash-tag slot), so it is held as `redis` too.
   */
  private static async connectTo(c: RedisConnection, keys: Keys, opts: RedisStoreOptions): Promise<RedisStore> {
    const client = createConnectionClient({ connection: c, log: opts.log, connectTimeoutMs: opts.connectTimeoutMs, commandTimeoutMs: opts.commandTimeoutMs });
    try {
      await connectClient(client, opts.connectTimeoutMs ?? 5000);
    } catch (err) {
      throw new StoreUnavailableError(`cannot connect to redis ${describeRedis(c)}: ${(err as Error).message}`, { cause: err });
    }
    const store = new RedisStore(client as Redis, keys, opts.now, opts.search);
    store.connection = c;
    // The outbox acts on a claim (posts) only once a replica holds it: see docs/redis.md "Failover".
    requireReplicas(client, ['tr_claim', 'tr_attempt'], c.waitReplicas, Math.min(2000, Math.floor((opts.commandTimeoutMs ?? 5000) * 0.6)));
    await watchPrimary(client, keys.seq, opts.log, c.mode === 'standalone' && c.tls ? 'standalone over TLS' : c.mode);
    try {
      store.epoch = await guard('epoch', () => watchEpoch(client as Redis, `${keys.base}epoch`, opts.log));
      store.migration = await guard('migrate', () => startMigration(store.scripts, keys, opts.log));
    } catch (err) {
      store.epoch?.stop();
      client.disconnect();
      throw err;
    }
    return store;
  }

  private get ctx() {
    return { redis: this.redis, k: this.keys, scripts: this.scripts, now: this.now, mirror: this.mirror, markerRetentionSec: 30 * 86400, tuning: this.tuning };
  }

  ping(): Promise<void> {
    return guard('ping', async () => void (await this.redis.ping()));
  }

  async close(): Promise<void> {
    this.epoch?.stop();
    this.migration?.stop();
    await this.migration?.done;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  leaseSource(name: string, owner: string, ttlMs: number): Promise<SourceLease | null> {
    return guard('leaseSource', async () => {
      const [ok, state] = (await this.scripts.lease(this.keys.lease(name), this.keys.sourceState(name), owner, Math.max(1, Math.round(ttlMs)))) as [
        number,
        string,
      ];
      return Number(ok) === 1 ? { state: state ? (JSON.parse(state) as SourceState) : null } : null;
    });
  }

  leaseSources(names: readonly string[], owner: string, ttlMs: number): Promise<Map<string, SourceLease>> {
    return guard('leaseSources', async () => {
      const out = new Map<string, SourceLease>();
      if (!names.length) return out;
      const reply = (await this.scripts.leaseMany(this.keys.seq, this.keys.base, owner, Math.max(1, Math.round(ttlMs)), ...names)) as string[];
      for (let i = 0; i + 1 < reply.length; i += 2) out.set(reply[i], { state: reply[i + 1] ? (JSON.parse(reply[i + 1]) as SourceState) : null });
      return out;
    });
  }

  renewLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return guard('renewLease', async () => Number(await this.scripts.renew(this.keys.lease(name), owner, Math.max(1, Math.round(ttlMs)))) === 1);
  }

  releaseLease(name: string, owner: string): Promise<void> {
    return guard('releaseLease', async () => void (await this.scripts.release(this.keys.lease(name), owner)));
  }

  getSourceStates(): Promise<SourceState[]> {
    return guard('getSourceStates', async () => {
      const all = (await this.scripts.states(this.keys.seq, this.keys.base)) as string[];
      return all.map((s) => JSON.parse(s) as SourceState).sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  saveSourceState(state: SourceState, release?: { name: string; owner: string }): Promise<void> {
    return guard('saveSourceState', async () => {
      await this.scripts.saveState(this.keys.seq, this.keys.base, state.name, JSON.stringify(state), release?.name ?? '', release?.owner ?? '');
    });
  }

  ingest(batch: IngestBatch): Promise<IngestOutcome[]> {
    return guard('ingest', () => runIngest(this.ctx, batch));
  }

  getAlert(id: string): Promise<Alert | null> {
    return guard('getAlert', async () => (await this.readAlerts([id]))[0] ?? null);
  }

  getAlerts(ids: string[]): Promise<Alert[]> {
    return guard('getAlerts', () => this.readAlerts(ids));
  }

  /** One round trip: each alert's hash (also, and doc when archived before the doc moved out) and doc string. */
  private async readAlerts(ids: string[]): Promise<Alert[]> {
    if (!ids.length) return [];
    const p = this.redis.pipeline();
    for (const id of ids) p.hmget(this.keys.alert(id), 'also', 'doc').get(this.keys.alertDoc(id));
    const res = (await p.exec()) ?? [];
    const out: Alert[] = [];
    for (let i = 0; i + 1 < res.length; i += 2) {
      const [err, v] = res[i];
      if (err) throw err;
      if (res[i + 1][0]) throw res[i + 1][0];
      const [also, doc] = v as [string | null, string | null];
      const body = doc ?? (res[i + 1][1] as string | null);
      if (also !== null && body) out.push(decodeAlert(body, also));
    }
    return out;
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return guard('search', () => search(this.ctx, query));
  }

  latestAlerts(limit: number): Promise<Alert[]> {
    return this.range('+inf', '-inf', limit);
  }

  alertsBetween(since: string, until: string, limit: number): Promise<Alert[]> {
    return this.range(`(${ms(until, 0)}`, String(ms(since, 0)), limit);
  }

  private range(max: string, min: string, limit: number): Promise<Alert[]> {
    return guard('alerts', async () => {
      if (limit <= 0) return [];
      return decodeAlertPairs((await this.scripts.alertsRange(this.keys.seq, this.keys.base, max, min, limit)) as string[]);
    });
  }

  countAlerts(): Promise<number> {
    return guard('countAlerts', async () => this.redis.zcard(this.keys.timeArchived));
  }

  addSubscription(sub: Subscription): Promise<boolean> {
    return guard('addSubscription', () => subs.add(this.ctx, sub));
  }

  removeSubscription(sub: Pick<Subscription, 'platform' | 'channel' | 'kind' | 'value'>): Promise<boolean> {
    return guard('removeSubscription', () => subs.remove(this.ctx, sub));
  }

  listSubscriptions(filter?: { platform?: Platform; channel?: string }): Promise<Subscription[]> {
    return guard('listSubscriptions', () => subs.list(this.ctx, filter));
  }

  setDigest(platform: Platform, channel: string, mode: DigestMode): Promise<void> {
    return guard('setDigest', () => subs.setDigest(this.ctx, platform, channel, mode));
  }

  listDigests(): Promise<DigestSetting[]> {
    return guard('listDigests', () => subs.listDigests(this.ctx));
  }

  addChatSource(source: ChatSource): Promise<boolean> {
    return guard('addChatSource', () => chat.addSource(this.ctx, source));
  }

  removeChatSource(name: string): Promise<boolean> {
    return guard('removeChatSource', () => chat.removeSource(this.ctx, name));
  }

  listChatSources(): Promise<ChatSource[]> {
    return guard('listChatSources', () => chat.listSources(this.ctx));
  }

  addWatch(watch: Watch): Promise<void> {
    return guard('addWatch', () => chat.addWatch(this.ctx, watch));
  }

  removeWatch(id: string): Promise<boolean> {
    return guard('removeWatch', () => chat.removeWatch(this.ctx, id));
  }

  listWatches(filter?: { platform?: Platform }): Promise<Watch[]> {
    return guard('listWatches', () => chat.listWatches(this.ctx, filter));
  }

  addFeedback(feedback: Feedback): Promise<boolean> {
    return guard('addFeedback', () => chat.addFeedback(this.ctx, feedback));
  }

  listFeedback(limit = 100_000): Promise<Feedback[]> {
    return guard('listFeedback', () => chat.listFeedback(this.ctx, limit));
  }

  addMute(mute: Mute): Promise<void> {
    return guard('addMute', () => chat.addMute(this.ctx, mute));
  }

  listMutes(now?: Date): Promise<Mute[]> {
    return guard('listMutes', () => chat.listMutes(this.ctx, (now ?? this.now()).getTime()));
  }

  enqueue(deliveries: Delivery[]): Promise<number> {
    return guard('enqueue', () => outbox.enqueue(this.ctx, deliveries));
  }

  claimDeliveries(consumer: string, max: number, leaseMs: number, now?: Date): Promise<Delivery[]> {
    return guard('claimDeliveries', () => outbox.claim(this.ctx, consumer, max, leaseMs, now));
  }

  recordAttempt(id: string, consumer: string): Promise<number> {
    return guard('recordAttempt', () => outbox.recordAttempt(this.ctx, id, consumer));
  }

  completeDelivery(delivery: Delivery, messageId: string, now?: Date): Promise<void> {
    return guard('completeDelivery', () => outbox.complete(this.ctx, delivery, messageId, now));
  }

  retryDelivery(id: string, notBefore: Date, error: string, retry?: RetryState): Promise<void> {
    return guard('retryDelivery', () => outbox.retry(this.ctx, id, notBefore, error, retry));
  }

  deadLetter(id: string, error: string): Promise<void> {
    return guard('deadLetter', () => outbox.deadLetter(this.ctx, id, error));
  }

  getPosted(alertId: string, platform: Platform, channel: string): Promise<PostedRecord | null> {
    return guard('getPosted', () => outbox.getPosted(this.ctx, alertId, platform, channel));
  }

  listPosted(alertId: string): Promise<PostedRecord[]> {
    return guard('listPosted', () => outbox.listPosted(this.ctx, alertId));
  }

  outboxStats(): Promise<OutboxStats> {
    return guard('outboxStats', () => outbox.stats(this.ctx));
  }

  deadLetters(limit: number): Promise<Array<Delivery & { error: string }>> {
    return guard('deadLetters', () => outbox.deadLetters(this.ctx, limit));
  }

  claimOnce(key: string, ttlSec: number): Promise<boolean> {
    return guard('claimOnce', async () => (await this.redis.set(this.keys.once(key), '1', 'EX', Math.max(1, Math.round(ttlSec)), 'NX')) === 'OK');
  }

  cacheGet(key: string): Promise<string | null> {
    return guard('cacheGet', () => this.redis.get(this.keys.cache(key)));
  }

  cacheSet(key: string, value: string, ttlSec: number): Promise<void> {
    return guard('cacheSet', async () => void (await this.redis.set(this.keys.cache(key), value, 'EX', Math.max(1, Math.round(ttlSec)))));
  }

  purge(now?: Date, alertRetentionDays?: number): Promise<void> {
    return guard('purge', async () => {
      const cutoff = alertRetentionDays === undefined ? -Infinity : (now ?? this.now()).getTime() - alertRetentionDays * 86400_000;
      const cut = Number.isFinite(cutoff) ? String(cutoff) : '-inf';
      await purgeArchive(this.ctx, cut, outbox.MAX_DEAD);
    });
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
