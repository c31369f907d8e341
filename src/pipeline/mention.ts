// Mentions (`routes[].mention`): which user group or role an alert pings in a channel. Only a
// route naming that channel, with every `when` condition true for the alert, mentions anyone;
// everything else is posted with mentions off. Pure; the posters ask it when rendering.
import type { RouteConfig } from '../config/schema.js';
import type { Assessment, Platform } from '../types.js';

export type MentionLookup = (platform: Platform, channel: string, assessment: Pick<Assessment, 'score' | 'moves' | 'firms'>) => string | undefined;

export function mentionMatches(m: NonNullable<RouteConfig['mention']>, a: Pick<Assessment, 'score' | 'moves' | 'firms'>): boolean {
  const w = m.when ?? {};
  if (w.minScore !== undefined && a.score < w.minScore) return false;
  if (w.moves && !a.moves.length) return false;
  if (w.firms?.length) {
    const have = new Set(a.firms.map((f) => f.toLowerCase()));
    if (!w.firms.some((f) => have.has(f.toLowerCase()))) return false;
  }
  return true;
}

export function mentionLookup(routes: readonly RouteConfig[]): MentionLookup {
  const withMention = routes.filter((r) => r.mention);
  return (platform, channel, a) => withMention.find((r) => r.platform === platform && r.channel === channel && mentionMatches(r.mention!, a))?.mention!.who;
}
