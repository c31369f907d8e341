// Shared pieces for the delivery tests: a fake clock, a scripted fake Poster that records
// every post and edit, and a real in-memory SqliteStore seeded through ingest.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { PlatformError, type DeliveryContent, type Poster, type PostResult } from '../../../src/delivery/poster.js';
import { createDeliveryWorker, type DeliveryWorkerOptions } from '../../../src/delivery/worker.js';
import { Metrics } from '../../../src/metrics.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import type { DeliveryTarget, IngestEntry, Store } from '../../../src/store/store.js';
import type { Assessment, Delivery, Item, Platform } from '../../../src/types.js';

export const T0 = Date.parse('2026-11-20T10:00:00Z');

export class Clock {
  t = T0;
  now = (): Date => new Date(this.t);
  /** Fake sleep: time moves on at once. */
  sleep = async (ms: number): Promise<void> => {
    this.t += ms;
  };
}

export interface PostRecord {
  deliveryId: string;
  kind: Delivery['kind'];
  channel: string;
  at: number;
  messageId: string;
  content: DeliveryContent;
}

type Step = Error | ((d: Delivery) => Promise<void> | void);

/** Records posts and edits; `script` answers the next calls in order (an error to throw, or a hook). */
export class FakePoster implements Poster {
  readonly posts: PostRecord[] = [];
  readonly updates: Array<{ deliveryId: string; messageId: string; at: number; content: DeliveryContent }> = [];
  readonly script: Step[] = [];
  findCalls = 0;
  private seq = 0;
  /** Runs after the message is recorded, before post() returns (e.g. to "kill" the worker). */
  afterPost?: (d: Delivery) => Promise<void>;

  constructor(
    readonly platform: Platform,
    private readonly clock: Clock,
  ) {}

  async post(d: Delivery, content: DeliveryContent): Promise<PostResult> {
    const step = this.script.shift();
    if (step instanceof Error) throw step;
    if (step) await step(d);
    const messageId = `${this.platform}-m${++this.seq}`;
    this.posts.push({ deliveryId: d.id, kind: d.kind, channel: d.channel, at: this.clock.t, messageId, content });
    if (this.afterPost) await this.afterPost(d);
    return { messageId };
  }

  async update(d: Delivery, messageId: string, content: DeliveryContent): Promise<void> {
    const step = this.script.shift();
    if (step instanceof Error) throw step;
    this.updates.push({ deliveryId: d.id, messageId, at: this.clock.t, content });
  }

  async findPosted(d: Delivery): Promise<string | null> {
    this.findCalls++;
    return this.posts.find((p) => p.deliveryId === d.id)?.messageId ?? null;
  }
}

export const rateLimited = (ms: number) => new PlatformError('console', 'rate_limited', 'rate limited', ms);
export const transient = () => new PlatformError('console', 'transient', 'HTTP 503 from the platform');
export const permanent = () => new PlatformError('console', 'permanent', 'channel_not_found', undefined, { code: 'channel_not_found' });

export function openStore(clock: Clock): SqliteStore {
  return SqliteStore.open({ file: ':memory:', now: clock.now });
}

export function item(id: string, o: Partial<Item> = {}): Item {
  const at = new Date(T0).toISOString();
  return {
    id,
    source: 'wire',
    title: `Story ${id}`,
    summary: `Summary ${id}.`,
    link: `https://news.example/${id}`,
    lang: 'en',
    published: at,
    fetchedAt: at,
    ...o,
  };
}

export function assessment(o: Partial<Assessment> = {}): Assessment {
  return { relevant: true, topics: ['talent'], score: 0.9, firms: ['OpenAI'], moves: [], why: [], summary: 'A researcher moved.', ...o };
}

/** Ingests new alerts routed to `targets`; returns the alert ids. */
export async function seed(store: Store, clock: Clock, ids: string[], targets: DeliveryTarget[], o: Partial<IngestEntry> = {}): Promise<string[]> {
  const entries: IngestEntry[] = ids.map((id) => ({
    item: item(id),
    assessment: assessment(),
    keys: [`url:https://news.example/${id}`],
    archive: true,
    targets,
    ...o,
  }));
  await store.ingest({ entries, matcher: () => false, retentionSec: 86_400 * 30, now: clock.now() });
  return ids;
}

export function memoryLog(): { log: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(c, _e, cb) {
      chunks.push(String(c));
      cb();
    },
  });
  return {
    log: pino({ level: 'info' }, sink),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

export function worker(store: Store, clock: Clock, posters: DeliveryWorkerOptions['posters'], o: Partial<DeliveryWorkerOptions> = {}) {
  const metrics = o.metrics ?? new Metrics();
  const w = createDeliveryWorker({
    store,
    posters,
    log: o.log ?? pino({ level: 'silent' }),
    metrics,
    consumer: 'w1',
    maxAttempts: 5,
    perChannelIntervalMs: 1000,
    leaseMs: 60_000,
    concurrency: 4,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0,
    ...o,
  });
  return { w, metrics };
}

export async function counter(metrics: Metrics, status: string, platform = 'console'): Promise<number> {
  const m = await metrics.deliveries.get();
  return m.values.find((v) => v.labels.status === status && v.labels.platform === platform)?.value ?? 0;
}

/** Runs rounds until a round does nothing. */
export async function drain(w: { runOnce(): Promise<{ delivered: number; retried: number; dead: number }> }, rounds = 20): Promise<number> {
  let n = 0;
  for (let i = 0; i < rounds; i++) {
    const r = await w.runOnce();
    n += r.delivered;
    if (r.delivered + r.retried + r.dead === 0) break;
  }
  return n;
}

/** Waits (real time, bounded) until `cond` holds: for work an abandoned worker does in the background. */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
