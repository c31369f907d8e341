// The options of `/talent search`, checked and turned into a store SearchQuery.
import { TOPICS, type Topic } from '../types.js';
import type { FirmKnowledge } from './deps.js';
import { CommandSyntaxError, type Option } from './parse.js';

export const SEARCH_KEYS = ['firm', 'topic', 'since', 'lang', 'page', 'limit'] as const;

export interface SearchOptions {
  firms: string[];
  topics: Topic[];
  /** As written (7d, 2026-01-01), for display and the next-page command. */
  sinceText?: string;
  sinceIso?: string;
  lang?: string;
  page: number;
  /** Only when given (the CLI's --limit). */
  limit?: number;
}

const TOPIC_ALIASES: Record<string, Topic> = {
  talent: 'talent',
  talents: 'talent',
  superapp: 'superapp',
  superapps: 'superapp',
  'super-app': 'superapp',
  'super-apps': 'superapp',
};
const UNIT_MS: Record<string, number> = { m: 60e3, min: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, mo: 30 * 86400e3, y: 365 * 86400e3 };

export function parseTopic(v: string): Topic | undefined {
  return TOPIC_ALIASES[v.trim().toLowerCase()];
}

/** `7d`, `24h`, `2w`, `3mo`, or a date (2026-01-01, ISO time): the ISO start, or undefined. */
export function parseSince(v: string, now: Date): string | undefined {
  const m = /^(\d{1,4})\s*(min|mo|m|h|d|w|y)$/i.exec(v.trim());
  if (m) return new Date(now.getTime() - Number(m[1]) * UNIT_MS[m[2].toLowerCase()]).toISOString();
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim())) {
    const t = Date.parse(v.trim().length === 10 ? `${v.trim()}T00:00:00Z` : v.trim());
    if (Number.isFinite(t)) return new Date(t).toISOString();
  }
  return undefined;
}

function whole(key: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new CommandSyntaxError(`${key}: takes a whole number from ${min} to ${max}`, 'search');
  return n;
}

export function readSearchOptions(options: Option[], knowledge: FirmKnowledge, now: Date): SearchOptions {
  const out: SearchOptions = { firms: [], topics: [], page: 1 };
  for (const { key, value } of options) {
    if (key === 'firm') {
      const firm = knowledge.canonicalFirm(value);
      if (!firm) throw new CommandSyntaxError(`I don't know the firm "${value}"`, 'search', knowledge.suggestFirms(value, 5));
      if (!out.firms.includes(firm)) out.firms.push(firm);
    } else if (key === 'topic') {
      const t = parseTopic(value);
      if (!t) throw new CommandSyntaxError(`topic must be ${TOPICS.join(' or ')}, not "${value}"`, 'search', [...TOPICS]);
      if (!out.topics.includes(t)) out.topics.push(t);
    } else if (key === 'since') {
      const iso = parseSince(value, now);
      if (!iso) throw new CommandSyntaxError(`since: takes a span like 7d, 24h, 2w or a date like 2026-01-01, not "${value}"`, 'search');
      out.sinceText = value;
      out.sinceIso = iso;
    } else if (key === 'lang') {
      if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(value)) throw new CommandSyntaxError(`lang: takes a language code such as en or zh, not "${value}"`, 'search');
      out.lang = value.toLowerCase().split('-')[0];
    } else if (key === 'page') out.page = whole('page', value, 1, 1000);
    else if (key === 'limit') out.limit = whole('limit', value, 1, 100);
  }
  return out;
}
