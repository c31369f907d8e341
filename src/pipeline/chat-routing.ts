// Routing additions made from chat, applied where the poller computes an alert's targets (after
// the static routes and subscriptions, before ingest): watches add their channels and DMs, and a
// source muted in a channel is not delivered there. Read from the store at most every few
// seconds per replica; a change made on this replica invalidates the copy at once.
import type { Mute, Watch } from '../store/chat.js';
import type { DeliveryTarget, Store } from '../store/store.js';
import { watchTargets, type Watchable } from './watch.js';

export interface ChatRouting {
  watches: Watch[];
  mutes: Mute[];
}

const key = (t: DeliveryTarget) => `${t.platform}\u0000${t.channel}`;

/** `routed` plus the matching watches' targets, minus channels that muted the alert's source. */
export function routeWithChat(
  alert: Watchable & { source: string },
  routed: DeliveryTarget[],
  chat: ChatRouting | undefined,
  now: Date = new Date(),
): DeliveryTarget[] {
  if (!chat) return routed;
  const out = new Map(routed.map((t) => [key(t), t]));
  for (const t of watchTargets(alert, chat.watches)) if (!out.has(key(t))) out.set(key(t), t);
  const muted = new Set(chat.mutes.filter((m) => m.source === alert.source && Date.parse(m.until) > now.getTime()).map((m) => key(m)));
  return [...out.values()].filter((t) => !muted.has(key(t)));
}

export interface ChatRoutingCache {
  get(): Promise<ChatRouting>;
  invalidate(): void;
}

export function cacheChatRouting(store: Pick<Store, 'listWatches' | 'listMutes'>, ttlMs = 15_000, now: () => number = Date.now): ChatRoutingCache {
  let cached: { at: number; value: ChatRouting } | undefined;
  return {
    async get() {
      if (!cached || now() - cached.at > ttlMs) {
        const [watches, mutes] = await Promise.all([store.listWatches(), store.listMutes(new Date(now()))]);
        cached = { at: now(), value: { watches, mutes } };
      }
      return cached.value;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
