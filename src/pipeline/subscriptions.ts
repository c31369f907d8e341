// Subscriptions read once per interval, not once per poll: every feed's routing uses them, and
// `/talent subscribe` invalidates the copy so a change routes alerts at once on this replica.
import type { SubscriptionStore } from '../store/store.js';
import type { Subscription } from '../types.js';

export interface SubscriptionCache {
  get(): Promise<Subscription[]>;
  invalidate(): void;
}

export function cacheSubscriptions(store: Pick<SubscriptionStore, 'listSubscriptions'>, ttlMs = 15_000, now: () => number = Date.now): SubscriptionCache {
  let cached: { at: number; subs: Subscription[] } | undefined;
  return {
    async get() {
      if (!cached || now() - cached.at > ttlMs) cached = { at: now(), subs: await store.listSubscriptions() };
      return cached.subs;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
