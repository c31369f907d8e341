// Watches (`/talent watch`): does one alert match a saved search? The same query language and
// tokens as archive search (store/search-text.ts): every word or "phrase" must appear (phrases as
// adjacent tokens) in the title or the body text, no -excluded one may, and firm:/topic:/lang:
// filters are any-of. Pure; the poller adds the matching watches' channels to an alert's targets.
import type { WatchFilter, Watch } from '../store/chat.js';
import type { DeliveryTarget } from '../store/store.js';
import { indexTokens, parseQuery } from '../store/search-text.js';
import type { Assessment, Item } from '../types.js';

export type Watchable = Pick<Item, 'title' | 'summary' | 'lang'> & { assessment: Pick<Assessment, 'relevant' | 'summary' | 'firms' | 'topics' | 'moves'> };

/** Token streams of an alert, computed once and matched against every watch. */
export interface AlertText {
  fields: string[][];
  firms: Set<string>;
  topics: Set<string>;
  lang: string;
}

export function alertText(a: Watchable): AlertText {
  const x = a.assessment;
  const people = x.moves.flatMap((m) => [m.person, m.from, m.to]);
  return {
    fields: [indexTokens(a.title), indexTokens([a.summary, x.summary, ...x.firms, ...people].join('\n'))],
    firms: new Set(x.firms.map((f) => f.toLowerCase())),
    topics: new Set(x.topics),
    lang: a.lang.toLowerCase().split('-')[0],
  };
}

function contains(tokens: string[], group: string[]): boolean {
  if (group.length === 1) return tokens.includes(group[0]);
  outer: for (let i = 0; i + group.length <= tokens.length; i++) {
    for (let j = 0; j < group.length; j++) if (tokens[i + j] !== group[j]) continue outer;
    return true;
  }
  return false;
}

export function watchMatches(f: WatchFilter, t: AlertText): boolean {
  if (f.firms.length && !f.firms.some((x) => t.firms.has(x.toLowerCase()))) return false;
  if (f.topics.length && !f.topics.some((x) => t.topics.has(x))) return false;
  if (f.lang && f.lang !== t.lang) return false;
  const q = parseQuery(f.text);
  if (!q.groups.length && !f.firms.length && !f.topics.length) return false;
  const found = (g: string[]) => t.fields.some((field) => contains(field, g));
  return q.groups.every(found) && !q.exclude.some(found);
}

/** The channels (and DM channels) of the watches this alert matches; none for irrelevant items. */
export function watchTargets(a: Watchable, watches: readonly Watch[]): DeliveryTarget[] {
  if (!a.assessment.relevant || !watches.length) return [];
  const t = alertText(a);
  return watches.filter((w) => watchMatches(w.filter, t)).map((w) => ({ platform: w.platform, channel: w.channel }));
}
