// Routing: which channels get an alert in real time. Static routes from config plus the
// subscriptions made with `/talent subscribe`, one target per (platform, channel). Pure.
import type { RouteConfig } from '../config/schema.js';
import type { DeliveryTarget } from '../store/store.js';
import type { Assessment, Subscription } from '../types.js';

type Routed = Pick<Assessment, 'relevant' | 'topics' | 'firms' | 'score'>;

const fold = (s: string): string => s.trim().toLowerCase();

function anyOf(wanted: readonly string[] | undefined, have: readonly string[]): boolean {
  if (!wanted || wanted.length === 0) return true;
  const set = new Set(have.map(fold));
  return wanted.some((w) => set.has(fold(w)));
}

/** True when a realtime static route takes this assessment: topics any-of AND firms any-of AND score. */
export function routeAccepts(route: RouteConfig, a: Routed): boolean {
  if (route.mode !== 'realtime') return false;
  if (a.score < (route.minScore ?? 0)) return false;
  return anyOf(route.topics, a.topics) && anyOf(route.firms, a.firms);
}

/** True when a subscription (firm or topic) names something the assessment is about. */
export function subscriptionAccepts(sub: Subscription, a: Routed): boolean {
  const have = sub.kind === 'firm' ? a.firms : a.topics;
  return have.some((h) => fold(h) === fold(sub.value));
}

/**
 * Channels that get this alert now. Digest-mode routes get nothing here (the digest
 * scheduler picks their alerts up); a route without filters gets every relevant alert.
 */
export function routeAlert(alert: { assessment: Routed }, routes: readonly RouteConfig[], subscriptions: readonly Subscription[]): DeliveryTarget[] {
  const a = alert.assessment;
  if (!a.relevant) return [];
  const out = new Map<string, DeliveryTarget>();
  const add = (platform: DeliveryTarget['platform'], channel: string) => {
    const key = `${platform}\u0000${channel}`;
    if (!out.has(key)) out.set(key, { platform, channel });
  };
  for (const r of routes) if (routeAccepts(r, a)) add(r.platform, r.channel);
  for (const s of subscriptions) if (subscriptionAccepts(s, a)) add(s.platform, s.channel);
  return [...out.values()];
}
