// Plain data that flows one way: RawEntry → Item → Assessment → Alert → Delivery.
// Every stage is a function over these shapes; I/O lives in sources/, store/ and platforms/.

export const TOPICS = ['talent', 'superapp'] as const;
export type Topic = (typeof TOPICS)[number];

export const PLATFORMS = ['slack', 'discord', 'console'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What a feed parser yields for one entry, before normalization. Text may hold HTML. */
export interface RawEntry {
  guid?: string;
  title?: string;
  link?: string;
  /** Summary or description, possibly HTML. */
  summary?: string;
  /** Full content, possibly HTML. */
  content?: string;
  /** Date string as found in the feed (any format). */
  published?: string;
  author?: string;
}

/** A normalized entry: plain text, canonical link, ISO dates, stable id. */
export interface Item {
  /** Stable id: `${source}:${guid}` or a hash of link, title and date when there is no guid. */
  id: string;
  /** Source name from config. */
  source: string;
  guid?: string;
  title: string;
  /** Plain text, entities decoded, whitespace folded. */
  summary: string;
  /** Canonical URL (trackers, AMP, fragments removed). */
  link: string;
  /** 'en', 'zh', or another BCP-47 primary tag; detected when the feed does not say. */
  lang: string;
  /** ISO 8601. Fetch time when the feed gave none or an invalid one. */
  published: string;
  fetchedAt: string;
}

export type Region = 'US' | 'CN' | 'SG' | 'ID' | 'IN' | 'KR' | 'JP' | 'EU' | 'UK' | 'CA' | 'IL' | 'FR' | 'OTHER' | string;

export interface Move {
  person: string;
  /** The person's name in Latin script when it is written in Chinese ("Xu Lanqing" for 徐岚清). */
  personLatin?: string;
  /** Canonical firm name where known, else the organisation's plain name. */
  from: string;
  to: string;
  role?: string;
  /** e.g. "US→CN", from the firms' home regions; omitted when a region is unknown. */
  direction?: string;
}

/** What the relevance engine says about an item. */
export interface Assessment {
  relevant: boolean;
  topics: Topic[];
  /** 0..1 */
  score: number;
  /** Canonical firm names. */
  firms: string[];
  /**
   * The reported firms and the super-app operators outside that list (Zalo, PhonePe, Careem), in the
   * order the text names them; set only when it names such an operator. The near-duplicate check
   * compares stories by these, so "Zalo adds an assistant" and "MoMo adds a coach" are two firms' news.
   */
  orgs?: string[];
  moves: Move[];
  /** Evidence that decided it, short human-readable strings. */
  why: string[];
  /** Extractive one-liner: ≤280 chars English, ≤140 Chinese, no HTML. */
  summary: string;
  /** One short English sentence (≤200 chars, mostly Latin script) for relevant items: who, from where to where, firms, key number. */
  gist?: string;
}

export interface AlsoReported {
  source: string;
  link: string;
  title: string;
  at: string;
}

/** An archived, relevant, new item with its assessment. `id` equals the item id. */
export interface Alert extends Item {
  assessment: Assessment;
  /** The first retellings (at most ALSO_KEEP, see store/also.ts). */
  alsoReportedBy: AlsoReported[];
  /** How many retellings in all, when more than `alsoReportedBy` lists. */
  alsoCount?: number;
  archivedAt: string;
}

/** How many retellings an alert has in all (the list keeps only the first ones). */
export function alsoTotal(alert: Pick<Alert, 'alsoReportedBy' | 'alsoCount'>): number {
  return Math.max(alert.alsoCount ?? 0, alert.alsoReportedBy.length);
}

/** Per-source fetch state, kept in the store so every replica sees it. */
export interface SourceState {
  name: string;
  url: string;
  etag?: string;
  lastModified?: string;
  lastPollAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  /** Error code of the last failure (FetchError/ParseError code). */
  lastErrorCode?: string;
  consecutiveFailures: number;
  /** ISO time before which the source is not polled again (backoff or schedule). */
  nextPollAt?: string;
  /** True once the first successful poll recorded the backlog as seen. */
  initialized: boolean;
  /** Disabled after repeated failures; re-enabled on the next success. */
  disabled: boolean;
  itemsSeen?: number;
  /** Set when a poll ran out of time: the first `done` items of a feed whose first item was `first` are ingested. */
  resume?: { first: string; done: number };
}

/** A channel's subscription made with `/talent subscribe`. */
export interface Subscription {
  platform: Platform;
  channel: string;
  kind: 'firm' | 'topic';
  /** Canonical firm name or topic. */
  value: string;
  createdBy?: string;
  createdAt: string;
}

export type DigestMode = 'daily' | 'weekly' | 'off';

export interface DigestSetting {
  platform: Platform;
  channel: string;
  mode: DigestMode;
}

/** One unit of outbound work in the outbox. */
export type DeliveryKind = 'alert' | 'update' | 'notice' | 'digest';

export interface Delivery {
  /** Deterministic: `${kind}:${platform}:${channel}:${ref}` so enqueueing twice is a no-op. */
  id: string;
  kind: DeliveryKind;
  platform: Platform;
  channel: string;
  /** Alert id for 'alert' and 'update'. */
  alertId?: string;
  /** Text for 'notice'; JSON payload for 'digest'. */
  body?: string;
  attempts: number;
  /** ISO time before which it is not tried. */
  notBefore?: string;
  createdAt: string;
  /** The last failure's message only. */
  lastError?: string;
  /** The 429 streak behind the last failures (delivery/attempts.ts); absent when there is none. */
  retry?: RetryState;
}

/** How a delivery's consecutive 429s are counted against maxAttempts (delivery/attempts.ts). */
export interface RetryState {
  /** Consecutive 429s ending with the last failure (0 when the last failure was not a 429). */
  streak: number;
  /** Recorded attempts not counted against maxAttempts (every 429 of a streak after its first). */
  forgiven: number;
}
