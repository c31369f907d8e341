// The one place that spells delivery ids. An id is the outbox's idempotency key (enqueueing the
// same id twice posts once) and, on Discord, the seed of the message marker that finds a post
// again after a crash, so its shape is a contract between replicas and versions: change it only
// with a migration. The Redis ingest script (src/store/redis/lua-ingest.ts) builds the alert and
// update ids in Lua with the same shapes; test/contract/store-contract-ingest.ts pins both backends.
import type { Platform } from '../types.js';

/** The first post of an alert in one channel. */
export function alertDeliveryId(platform: Platform, channel: string, alertId: string): string {
  return `alert:${platform}:${channel}:${alertId}`;
}

/** The edit (or thread reply) for the `count`-th retelling folded into an alert. */
export function updateDeliveryId(platform: Platform, channel: string, alertId: string, count: number): string {
  return `update:${platform}:${channel}:${alertId}:${count}`;
}

/** The retelling number an update id carries; NaN for any other id. */
export function updateCountOf(id: string): number {
  return id.startsWith('update:') ? Number(id.slice(id.lastIndexOf(':') + 1)) : NaN;
}

/** A notice that a source was disabled or recovered, once per failure episode. */
export function sourceNoticeId(platform: Platform, channel: string, event: 'disabled' | 'recovered', source: string, episode: number): string {
  return `notice:${platform}:${channel}:source-${event}:${source}:${episode}`;
}

/** A channel's digest for one period (also the claim key that makes it go out once). */
export function digestDeliveryId(platform: Platform, channel: string, periodKey: string): string {
  return `digest:${platform}:${channel}:${periodKey}`;
}
