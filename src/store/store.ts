// The store port. One interface, two backends (sqlite/, redis/), one contract suite
// (test/contract/store-contract.ts) that both must pass. The store decides what is new:
// every claim is atomic, so several replicas can share one Redis safely.
import type { Alert, Assessment, Delivery, DigestMode, DigestSetting, Item, Platform, RetryState, SourceState, Subscription, Topic } from '../types.js';
import type { ChatStore } from './chat.js';

export type { ChatSource, ChatStore, Feedback, FeedbackAction, Mute, Watch } from './chat.js';

/** Opaque near-duplicate fingerprint made by pipeline/dedupe. */
export interface Fingerprint {
  /** LSH bucket and entity keys the store indexes (with the retention TTL). */
  buckets: string[];
  /** Serialized signature, compared by the matcher. */
  data: string;
}

/**
 * Decides whether `incoming` retells the story of an archived `candidate`. Pure. `pool` holds the
 * data of every candidate judged for this incoming item (the candidate included), so a matcher can
 * weigh how specific a shared feature is; see store/near-dup.ts.
 */
export type NearDupMatcher = (incoming: string, candidate: string, pool?: readonly string[]) => boolean;

export interface DeliveryTarget {
  platform: Platform;
  channel: string;
}

export interface IngestEntry {
  item: Item;
  assessment: Assessment;
  /** Exact dedupe keys (canonical URL, guid per source, normalized title hash). */
  keys: string[];
  /** Present for items that may be archived; drives near-duplicate detection. */
  fingerprint?: Fingerprint;
  /** Archive the item as an alert when it is new (relevant items). */
  archive: boolean;
  /** Where to deliver when new. Empty for backfill, too-old or irrelevant items. */
  targets: DeliveryTarget[];
}

export type IngestStatus =
  /** Claimed now; archived and enqueued when `archive` was set. */
  | 'new'
  /** Every key already belonged to this same item id: seen before, nothing done. */
  | 'seen'
  /** Same story as `duplicateOf` (exact key of another item, or near-duplicate). */
  | 'duplicate';

export interface IngestOutcome {
  id: string;
  status: IngestStatus;
  duplicateOf?: string;
  /** Deliveries enqueued by this ingest for this entry (alerts, or updates of the original). */
  enqueued: number;
}

export interface IngestBatch {
  entries: IngestEntry[];
  matcher: NearDupMatcher;
  /** Retention of keys and buckets in seconds. */
  retentionSec: number;
  /** Saved in the same round trip as the claims. */
  sourceState?: SourceState;
  /** Lease released in the same round trip. */
  release?: { name: string; owner: string };
  now?: Date;
}

export interface SourceLease {
  /** Current state or null when the source was never polled. */
  state: SourceState | null;
}

export interface SearchQuery {
  /** Free text, English or Chinese. Empty means "latest". */
  text: string;
  firms?: string[];
  topics?: Topic[];
  /** ISO time: only alerts published at or after it. */
  since?: string;
  lang?: string;
  limit: number;
  offset?: number;
}

export interface SearchHit {
  alert: Alert;
  /** Higher is better. */
  score: number;
  /** Plain-text excerpt around the match. */
  snippet: string;
}

export interface SearchResult {
  /** Matches in all; a backend may stop counting at a cap (then `capped` is true: show "1000+"). */
  total: number;
  hits: SearchHit[];
  /** True when `total` is a lower bound (the backend stopped counting). */
  capped?: boolean;
}

export interface PostedRecord {
  alertId: string;
  platform: Platform;
  channel: string;
  messageId: string;
  postedAt: string;
}

export interface OutboxStats {
  pending: number;
  inFlight: number;
  dead: number;
}

// The port in roles: each part of the bot that needs only one role takes that role's type (the
// delivery worker the outbox and the archive, the subscriptions cache the subscriptions). Each
// backend still implements the whole `Store` in one class.

/** Sources and their poll leases (one replica polls a source per tick). */
export interface SourceStore {
  /** Takes the poll lease (SET NX PX with an owner token) and reads state in one round trip; null when held elsewhere. */
  leaseSource(name: string, owner: string, ttlMs: number): Promise<SourceLease | null>;
  /**
   * Takes every lease among `names` that is free (or already this owner's) in one atomic step and
   * reads their states: a poll cycle's sources are leased together, so two replicas starting a
   * cycle at once do not split a burst between them. The leases taken, by name.
   */
  leaseSources(names: readonly string[], owner: string, ttlMs: number): Promise<Map<string, SourceLease>>;
  renewLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Compare-and-delete. */
  releaseLease(name: string, owner: string): Promise<void>;
  getSourceStates(): Promise<SourceState[]>;
  /** Saves state, optionally releasing the lease in the same round trip. */
  saveSourceState(state: SourceState, release?: { name: string; owner: string }): Promise<void>;
}

/** The claim: exact + near-duplicate dedupe, archive, outbox. */
export interface IngestStore {
  /** Processes entries in order, atomically per entry. At most two round trips on Redis. */
  ingest(batch: IngestBatch): Promise<IngestOutcome[]>;
}

/** The alert archive and its search. */
export interface ArchiveStore {
  getAlert(id: string): Promise<Alert | null>;
  getAlerts(ids: string[]): Promise<Alert[]>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Newest first by archive time. */
  latestAlerts(limit: number): Promise<Alert[]>;
  /** Alerts archived in [since, until), newest first. */
  alertsBetween(since: string, until: string, limit: number): Promise<Alert[]>;
  countAlerts(): Promise<number>;
}

/** Subscriptions and digest settings made from chat. */
export interface SubscriptionStore {
  /** False when it already existed. */
  addSubscription(sub: Subscription): Promise<boolean>;
  /** False when there was none. */
  removeSubscription(sub: Pick<Subscription, 'platform' | 'channel' | 'kind' | 'value'>): Promise<boolean>;
  listSubscriptions(filter?: { platform?: Platform; channel?: string }): Promise<Subscription[]>;
  setDigest(platform: Platform, channel: string, mode: DigestMode): Promise<void>;
  listDigests(): Promise<DigestSetting[]>;
}

/** The outbox: deliveries, their leases and attempts, posted records, dead letters. */
export interface OutboxStore {
  /** Idempotent on delivery id. */
  enqueue(deliveries: Delivery[]): Promise<number>;
  /** Leases up to `max` due deliveries to `consumer`; expired leases of crashed consumers are taken over. */
  claimDeliveries(consumer: string, max: number, leaseMs: number, now?: Date): Promise<Delivery[]>;
  /** Recorded before posting, so recovery knows a post may have happened. Returns the new attempt count. */
  recordAttempt(id: string, consumer: string): Promise<number>;
  /** Acknowledges and records the posted message id (for 'alert': the PostedRecord). */
  completeDelivery(delivery: Delivery, messageId: string, now?: Date): Promise<void>;
  /** Hands the delivery back, due again at `notBefore`, with the last error's message and its 429 retry state (absent: none). */
  retryDelivery(id: string, notBefore: Date, error: string, retry?: RetryState): Promise<void>;
  deadLetter(id: string, error: string): Promise<void>;
  getPosted(alertId: string, platform: Platform, channel: string): Promise<PostedRecord | null>;
  listPosted(alertId: string): Promise<PostedRecord[]>;
  outboxStats(): Promise<OutboxStats>;
  deadLetters(limit: number): Promise<Array<Delivery & { error: string }>>;
}

/** Small shared state: once-only claims and a TTL cache. */
export interface CacheStore {
  /** SET NX EX: true for the first caller in the TTL (notices, digests once per period). */
  claimOnce(key: string, ttlSec: number): Promise<boolean>;
  cacheGet(key: string): Promise<string | null>;
  cacheSet(key: string, value: string, ttlSec: number): Promise<void>;
}

export interface Store extends SourceStore, IngestStore, ArchiveStore, SubscriptionStore, OutboxStore, CacheStore, ChatStore {
  readonly kind: 'sqlite' | 'redis';

  /** Throws StoreUnavailableError when the backend does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Drops expired keys, buckets, old alerts and finished outbox rows (no-op where TTLs do it). */
  purge(now?: Date, alertRetentionDays?: number): Promise<void>;
}

export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`store: ${message} (check REDIS_URL / DATA_DIR and that the backend is up)`, options);
    this.name = 'StoreUnavailableError';
  }
}
