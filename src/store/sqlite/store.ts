// The embedded store: SQLite through better-sqlite3. Calls are synchronous underneath and
// return promises to honour the port. One process owns the file (WAL lets readers in).
import type { Database, Statement } from 'better-sqlite3';
import type { Logger } from '../../log.js';
import type { Alert, Delivery, DigestMode, DigestSetting, Platform, RetryState, SourceState, Subscription } from '../../types.js';
import {
  StoreUnavailableError,
  type IngestBatch,
  type IngestOutcome,
  type OutboxStats,
  type PostedRecord,
  type SearchQuery,
  type SearchResult,
  type SourceLease,
  type Store,
} from '../store.js';
import type { ChatSource, Feedback, Mute, Watch } from '../chat.js';
import { AlertRepo } from './alerts.js';
import { ChatRepo } from './chat.js';
import { Checkpointer } from './checkpoint.js';
import { openDatabase, type OpenOptions } from './db.js';
import { Ingestor } from './ingest.js';
import { OutboxRepo } from './outbox.js';
import { SearchIndex } from './search.js';
import { StateRepo } from './state.js';

export interface SqliteStoreOptions extends OpenOptions {
  now?: () => Date;
  log?: Logger;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly alerts: AlertRepo;
  private readonly outbox: OutboxRepo;
  private readonly state: StateRepo;
  private readonly chat: ChatRepo;
  private readonly index: SearchIndex;
  private readonly ingestor: Ingestor;
  private readonly checkpoints: Checkpointer;
  private readonly now: () => Date;
  private readonly tx: <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A) => R;
  private closed = false;
  private readonly stmts: Record<'ping' | 'purgeKeys' | 'purgeBuckets' | 'purgeFingerprints', Statement>;

  private constructor(
    readonly db: Database,
    opts: SqliteStoreOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.alerts = new AlertRepo(db);
    this.outbox = new OutboxRepo(db);
    this.state = new StateRepo(db);
    this.chat = new ChatRepo(db);
    this.index = new SearchIndex(db);
    this.ingestor = new Ingestor(db, this.alerts, this.outbox);
    this.checkpoints = new Checkpointer(db);
    this.stmts = {
      ping: db.prepare('SELECT 1'),
      purgeKeys: db.prepare('DELETE FROM seen_keys WHERE expires_ms <= ?'),
      purgeBuckets: db.prepare('DELETE FROM buckets WHERE expires_ms <= ?'),
      purgeFingerprints: db.prepare('DELETE FROM fingerprints WHERE expires_ms <= ?'),
    };
    this.tx = (fn) => db.transaction(fn) as never;
    this.ingestTx = this.tx((batch: IngestBatch, now: Date) => {
      const out = this.ingestor.run(batch, now);
      if (batch.sourceState) this.state.saveState(batch.sourceState);
      if (batch.release) this.state.release(batch.release.name, batch.release.owner);
      return out;
    });
    this.enqueueTx = this.tx((ds: Delivery[], nowMs: number) => ds.reduce((n, d) => n + this.outbox.insert(d, nowMs), 0));
    this.claimTx = this.tx((c: string, max: number, leaseMs: number, nowMs: number) => this.outbox.claim(c, max, leaseMs, nowMs));
    this.purgeTx = this.tx((nowMs: number, days?: number) => this.purgeAll(nowMs, days));
    this.saveStateTx = this.tx((state: SourceState, release?: { name: string; owner: string }) => {
      this.state.saveState(state);
      if (release) this.state.release(release.name, release.owner);
    });
    this.completeTx = this.tx((d: Delivery, messageId: string, now: Date) => this.outbox.complete(d, messageId, now));
  }

  private readonly ingestTx: (batch: IngestBatch, now: Date) => IngestOutcome[];
  private readonly enqueueTx: (ds: Delivery[], nowMs: number) => number;
  private readonly claimTx: (c: string, max: number, leaseMs: number, nowMs: number) => Delivery[];
  private readonly purgeTx: (nowMs: number, days?: number) => void;
  private readonly saveStateTx: (state: SourceState, release?: { name: string; owner: string }) => void;
  private readonly completeTx: (d: Delivery, messageId: string, now: Date) => void;

  /** Opens (creating and migrating) `file`, or `talent-radar.db` in `dir` (DATA_DIR). */
  static open(opts: SqliteStoreOptions = {}): SqliteStore {
    return new SqliteStore(openDatabase(opts), opts);
  }

  private ms(): number {
    return this.now().getTime();
  }

  /** Runs `fn` synchronously, turning a closed or broken database into StoreUnavailableError. */
  private run<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('the embedded store is closed'));
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err);
    } finally {
      this.checkpoints.wrote();
    }
  }

  ping(): Promise<void> {
    return this.run(() => void this.stmts.ping.get());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.checkpoints.stop();
    this.db.close();
  }

  leaseSource(name: string, owner: string, ttlMs: number): Promise<SourceLease | null> {
    return this.run(() => (this.state.lease(name, owner, ttlMs, this.ms()) ? { state: this.state.getState(name) } : null));
  }
  leaseSources(names: readonly string[], owner: string, ttlMs: number): Promise<Map<string, SourceLease>> {
    return this.run(() =>
      this.tx(() => {
        const nowMs = this.ms();
        const out = new Map<string, SourceLease>();
        for (const name of names) if (this.state.lease(name, owner, ttlMs, nowMs)) out.set(name, { state: this.state.getState(name) });
        return out;
      })(),
    );
  }
  renewLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.run(() => this.state.renew(name, owner, ttlMs, this.ms()));
  }
  releaseLease(name: string, owner: string): Promise<void> {
    return this.run(() => this.state.release(name, owner));
  }
  getSourceStates(): Promise<SourceState[]> {
    return this.run(() => this.state.allStates());
  }
  saveSourceState(state: SourceState, release?: { name: string; owner: string }): Promise<void> {
    return this.run(() => this.saveStateTx(state, release));
  }

  ingest(batch: IngestBatch): Promise<IngestOutcome[]> {
    return this.run(() => this.ingestTx(batch, batch.now ?? this.now()));
  }

  getAlert(id: string): Promise<Alert | null> {
    return this.run(() => this.alerts.get(id));
  }
  getAlerts(ids: string[]): Promise<Alert[]> {
    return this.run(() => ids.map((id) => this.alerts.get(id)).filter((a): a is Alert => a !== null));
  }
  search(query: SearchQuery): Promise<SearchResult> {
    return this.run(() => this.index.search(query, this.ms()));
  }
  latestAlerts(limit: number): Promise<Alert[]> {
    return this.run(() => this.alerts.latest(limit));
  }
  alertsBetween(since: string, until: string, limit: number): Promise<Alert[]> {
    return this.run(() => this.alerts.between(Date.parse(since), Date.parse(until), limit));
  }
  countAlerts(): Promise<number> {
    return this.run(() => this.alerts.count());
  }

  addSubscription(sub: Subscription): Promise<boolean> {
    return this.run(() => this.state.addSub(sub));
  }
  removeSubscription(sub: Pick<Subscription, 'platform' | 'channel' | 'kind' | 'value'>): Promise<boolean> {
    return this.run(() => this.state.removeSub(sub));
  }
  listSubscriptions(filter?: { platform?: Platform; channel?: string }): Promise<Subscription[]> {
    return this.run(() => this.state.listSubs(filter));
  }
  setDigest(platform: Platform, channel: string, mode: DigestMode): Promise<void> {
    return this.run(() => this.state.setDigest(platform, channel, mode));
  }
  listDigests(): Promise<DigestSetting[]> {
    return this.run(() => this.state.listDigests());
  }

  addChatSource(source: ChatSource): Promise<boolean> {
    return this.run(() => this.chat.addSource(source));
  }
  removeChatSource(name: string): Promise<boolean> {
    return this.run(() => this.chat.removeSource(name));
  }
  listChatSources(): Promise<ChatSource[]> {
    return this.run(() => this.chat.listSources());
  }
  addWatch(watch: Watch): Promise<void> {
    return this.run(() => this.chat.addWatch(watch));
  }
  removeWatch(id: string): Promise<boolean> {
    return this.run(() => this.chat.removeWatch(id));
  }
  listWatches(filter?: { platform?: Platform }): Promise<Watch[]> {
    return this.run(() => this.chat.listWatches(filter));
  }
  addFeedback(feedback: Feedback): Promise<boolean> {
    return this.run(() => this.chat.addFeedback(feedback));
  }
  listFeedback(limit = 100_000): Promise<Feedback[]> {
    return this.run(() => this.chat.listFeedback(limit));
  }
  addMute(mute: Mute): Promise<void> {
    return this.run(() => this.chat.addMute(mute));
  }
  listMutes(now?: Date): Promise<Mute[]> {
    return this.run(() => this.chat.listMutes((now ?? this.now()).getTime()));
  }

  enqueue(deliveries: Delivery[]): Promise<number> {
    return this.run(() => this.enqueueTx(deliveries, this.ms()));
  }
  claimDeliveries(consumer: string, max: number, leaseMs: number, now?: Date): Promise<Delivery[]> {
    return this.run(() => this.claimTx(consumer, max, leaseMs, (now ?? this.now()).getTime()));
  }
  recordAttempt(id: string, _consumer: string): Promise<number> {
    return this.run(() => this.outbox.recordAttempt(id));
  }
  completeDelivery(delivery: Delivery, messageId: string, now?: Date): Promise<void> {
    return this.run(() => this.completeTx(delivery, messageId, now ?? this.now()));
  }
  retryDelivery(id: string, notBefore: Date, error: string, retry?: RetryState): Promise<void> {
    return this.run(() => this.outbox.retry(id, notBefore, error, retry, this.ms()));
  }
  deadLetter(id: string, error: string): Promise<void> {
    return this.run(() => this.outbox.deadLetter(id, error, this.ms()));
  }
  getPosted(alertId: string, platform: Platform, channel: string): Promise<PostedRecord | null> {
    return this.run(() => this.outbox.getPosted(alertId, platform, channel));
  }
  listPosted(alertId: string): Promise<PostedRecord[]> {
    return this.run(() => this.outbox.listPosted(alertId));
  }
  outboxStats(): Promise<OutboxStats> {
    return this.run(() => this.outbox.stats(this.ms()));
  }
  deadLetters(limit: number): Promise<Array<Delivery & { error: string }>> {
    return this.run(() => this.outbox.deadLetters(limit));
  }

  claimOnce(key: string, ttlSec: number): Promise<boolean> {
    return this.run(() => this.state.claimOnce(key, ttlSec, this.ms()));
  }
  cacheGet(key: string): Promise<string | null> {
    return this.run(() => this.state.cacheGet(key, this.ms()));
  }
  cacheSet(key: string, value: string, ttlSec: number): Promise<void> {
    return this.run(() => this.state.cacheSet(key, value, ttlSec, this.ms()));
  }

  purge(now?: Date, alertRetentionDays?: number): Promise<void> {
    return this.run(() => this.purgeTx((now ?? this.now()).getTime(), alertRetentionDays));
  }

  private purgeAll(nowMs: number, days?: number): void {
    this.ingestor.candidates.clear();
    this.stmts.purgeKeys.run(nowMs);
    this.stmts.purgeBuckets.run(nowMs);
    this.stmts.purgeFingerprints.run(nowMs);
    this.state.purge(nowMs);
    this.chat.purge(nowMs);
    this.outbox.purge(nowMs);
    if (days !== undefined && days > 0) this.alerts.purgeOlderThan(nowMs - days * 86_400_000);
  }
}
