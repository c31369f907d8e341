// `routes[].folds`: what a late retelling of a posted story does in a channel — `edit` the post
// ("also reported by", the default) or `thread`: reply under it, so the discussion stays there.
// Also: which retelling an update delivery is about (its id ends with the fold count).
import type { RouteConfig } from '../config/schema.js';
import type { AlsoReported, Delivery, Platform } from '../types.js';
import { updateCountOf } from '../delivery/ids.js';

export type FoldMode = 'edit' | 'thread';
export type FoldLookup = (platform: Platform, channel: string) => FoldMode;

export function foldLookup(routes: readonly RouteConfig[]): FoldLookup {
  const threaded = new Set(routes.filter((r) => r.folds === 'thread').map((r) => `${r.platform}\u0000${r.channel}`));
  return (platform, channel) => (threaded.has(`${platform}\u0000${channel}`) ? 'thread' : 'edit');
}

/**
 * The retellings a thread reply announces: for an update delivery (`update:…:<root>:<n>`) the
 * n-th "also reported by"; otherwise (a fold caught right after posting) all of them.
 */
export function retellingsOf(delivery: Pick<Delivery, 'id' | 'kind'>, also: AlsoReported[]): AlsoReported[] {
  const n = delivery.kind === 'update' ? updateCountOf(delivery.id) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= also.length) return [also[n - 1]!];
  return also;
}
