// Ops notices about source health: when a source is disabled after repeated failures (an empty
// body, a page that is not a feed, a parse failure, HTTP errors), the admins' channel is told once;
// when it recovers, it is told again. Alert channels are for alerts: they are not told.
import type { RouteConfig, SourceConfig } from '../config/schema.js';
import type { CacheStore, OutboxStore } from '../store/store.js';
import type { Delivery, Platform, Subscription } from '../types.js';
import { sourceNoticeId } from './ids.js';

export interface NoticeTarget {
  platform: Platform;
  channel: string;
}

export interface SourceNoticeOptions {
  store: CacheStore & OutboxStore;
  /** The admins' channel (`notices.channel`); default: the first route's channel. */
  target?: NoticeTarget;
  /** Used for the default target only. */
  routes?: readonly RouteConfig[];
  /** @deprecated ignored: subscribed channels are alert channels, they are not told. */
  subscriptions?: readonly Subscription[];
  source: Pick<SourceConfig, 'name' | 'url'>;
  event: 'disabled' | 'recovered';
  error?: string;
  now?: () => Date;
}

/** How long the episode bookkeeping lives; refreshed on every event. */
const KEEP_SEC = 90 * 86_400;

/** Where ops notices go: `notices.channel`, else the first route's channel, else nowhere. */
export function noticeTarget(config: { notices?: { channel?: NoticeTarget }; routes: readonly RouteConfig[] }): NoticeTarget | undefined {
  const c = config.notices?.channel ?? config.routes[0];
  return c ? { platform: c.platform, channel: c.channel } : undefined;
}

/** Every channel named by a static route (realtime or digest) or a subscription, once. */
export function fedChannels(routes: readonly RouteConfig[], subs: readonly Subscription[]): Array<{ platform: Platform; channel: string }> {
  const out = new Map<string, { platform: Platform; channel: string }>();
  for (const t of [...routes, ...subs]) out.set(`${t.platform}\u0000${t.channel}`, { platform: t.platform, channel: t.channel });
  return [...out.values()];
}

export function noticeText(source: Pick<SourceConfig, 'name' | 'url'>, event: 'disabled' | 'recovered', error?: string): string {
  if (event === 'recovered') return `Feed "${source.name}" is working again; its alerts resume. (${source.url})`;
  const why = error ? `: ${error.replace(/\s+/g, ' ').slice(0, 300)}` : '';
  return `Feed "${source.name}" was disabled after repeated failures${why}. Its alerts stop until it recovers; the bot keeps retrying with backoff, and \`/talent sources\` shows its health. (${source.url})`;
}

/**
 * Enqueues the notice for one health event; returns how many deliveries were enqueued (0 when
 * this episode was already told, by this replica or another). Episodes are numbered in the
 * store: a disable is told once per episode, its recovery once, and then a new episode begins.
 */
export async function noticeSourceHealth(o: SourceNoticeOptions): Promise<number> {
  const { store, source, event } = o;
  const base = `notice:source:${source.name}`;
  const episode = Number((await store.cacheGet(`${base}:episode`)) ?? '0') || 0;
  if (event === 'disabled') {
    if (!(await store.claimOnce(`${base}:disabled:${episode}`, KEEP_SEC))) return 0;
    await store.cacheSet(`${base}:told`, String(episode), KEEP_SEC);
  } else {
    // Nothing to take back if the channels never heard of this episode's failure.
    if ((await store.cacheGet(`${base}:told`)) !== String(episode)) return 0;
    if (!(await store.claimOnce(`${base}:recovered:${episode}`, KEEP_SEC))) return 0;
    await store.cacheSet(`${base}:episode`, String(episode + 1), KEEP_SEC);
  }
  const now = (o.now ?? (() => new Date()))().toISOString();
  const text = noticeText(source, event, o.error);
  const target = o.target ?? noticeTarget({ routes: o.routes ?? [] });
  const deliveries: Delivery[] = (target ? [target] : []).map((c) => ({
    id: sourceNoticeId(c.platform, c.channel, event, source.name, episode),
    kind: 'notice',
    platform: c.platform,
    channel: c.channel,
    body: text,
    attempts: 0,
    createdAt: now,
  }));
  return deliveries.length ? store.enqueue(deliveries) : 0;
}
