// One config schema, checked at start. Secrets never live here: see env.ts.
import { z } from 'zod';
import { PLATFORMS, TOPICS } from '../types.js';
import { isTimeZone } from '../pipeline/normalize/date.js';

const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

/** Parses "15m", "2h", "7d", "500ms" or a number of seconds into milliseconds. */
export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  const m = DURATION_RE.exec(value.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/** A duration written as "15m", "2h", "30s", "7d" or seconds; yields milliseconds. */
export const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration; write e.g. 30s, 15m, 2h, 7d or a number of seconds` });
    return z.NEVER;
  }
  return ms;
});

const topic = z.enum(TOPICS, { error: () => `topic must be one of: ${TOPICS.join(', ')}` });
const platform = z.enum(PLATFORMS, { error: () => `platform must be one of: ${PLATFORMS.join(', ')}` });

export const sourceSchema = z.strictObject({
  name: z
    .string()
    .min(1, 'give every source a short unique name')
    .regex(/^[\w.-]+$/, 'use letters, digits, "-", "_" or "." in source names'),
  url: z.url({ error: 'url must be an absolute http(s) URL' }).refine((u) => /^https?:/i.test(u), 'only http and https feeds are supported'),
  /** Parser to use; auto sniffs RSS, Atom or JSON Feed. */
  kind: z.enum(['auto', 'rss', 'atom', 'json']).default('auto'),
  interval: duration.optional(),
  /** Language hint for items whose text does not tell (en, zh, ...). */
  lang: z.string().min(2).max(8).optional(),
  /** IANA time zone of the feed's dates that carry none, and of "CST" (Asia/Shanghai: China time). */
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone; write e.g. Asia/Shanghai, America/New_York or UTC').optional(),
  /** Hints: firms or topics this source is about; they add a little score when the text agrees. */
  firms: z.array(z.string()).default([]),
  topics: z.array(topic).default([]),
  /** Deliver the newest N items on the first successful poll instead of recording all as seen. */
  backfill: z.number().int().min(0).max(100).default(0),
  enabled: z.boolean().default(true),
  /** From OPML (kept so export gives it back): the feed's own title, its web page, its folder path (`AI/China`). */
  title: z.string().max(300).optional(),
  htmlUrl: z
    .url({ error: 'htmlUrl must be an absolute http(s) URL' })
    .refine((u) => /^https?:/i.test(u), 'htmlUrl must be http or https')
    .optional(),
  category: z.string().max(300).optional(),
});

/** Who an alert on this route pings, and when: every condition given must hold. */
export const mentionSchema = z.strictObject({
  /** Slack user-group id (S…) or Discord role id (digits). */
  who: z.string().regex(/^[A-Za-z0-9]{2,40}$/, 'who is a Slack user-group id (S0123ABCD) or a Discord role id (digits)'),
  when: z
    .strictObject({
      minScore: z.number().min(0).max(1).optional(),
      /** true: only alerts that name a move (person, from, to). */
      moves: z.boolean().optional(),
      /** Any of these firms (names or aliases). */
      firms: z.array(z.string()).optional(),
    })
    .prefault({}),
});

export const routeSchema = z
  .strictObject({
    platform,
    channel: z.string().min(1, 'channel is the Slack channel id (C…), the Discord channel id, or a name for console'),
    topics: z.array(topic).optional(),
    firms: z.array(z.string()).optional(),
    minScore: z.number().min(0).max(1).default(0),
    /** realtime: post each alert; digest: only in the channel's digest. */
    mode: z.enum(['realtime', 'digest']).default('realtime'),
    digest: z.enum(['daily', 'weekly', 'off']).optional(),
    /** Ping a Slack user group or Discord role on matching alerts only; nothing else mentions anyone. */
    mention: mentionSchema.optional(),
    /** Late retellings of a posted story: edit the post (absent: edit) or reply in its thread. */
    folds: z.enum(['edit', 'thread'], { error: () => 'folds is edit (update the post) or thread (reply under it)' }).optional(),
  })
  .superRefine((r, ctx) => {
    const who = r.mention?.who;
    if (!who) return;
    if (r.platform === 'discord' && !/^\d{5,25}$/.test(who))
      ctx.addIssue({ code: 'custom', path: ['mention', 'who'], message: 'on Discord, who is a role id (digits; Server Settings > Roles > Copy Role ID)' });
    if (r.platform === 'slack' && !/^S[A-Z0-9]+$/.test(who))
      ctx.addIssue({
        code: 'custom',
        path: ['mention', 'who'],
        message: "on Slack, who is a user-group id starting with S (from the group's URL or usergroups.list)",
      });
  });

export const configSchema = z.strictObject({
  sources: z.array(sourceSchema).default([]),
  routes: z.array(routeSchema).default([{ platform: 'console', channel: 'console', minScore: 0, mode: 'realtime' }]),
  fetch: z
    .strictObject({
      allowPrivateAddresses: z.boolean().default(false),
      timeout: duration.prefault('15s'),
      maxBytes: z
        .number()
        .int()
        .positive()
        .default(5 * 1024 * 1024),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      userAgent: z.string().optional(),
      concurrency: z.number().int().min(1).max(256).default(16),
      perHostConcurrency: z.number().int().min(1).max(32).default(2),
    })
    .prefault({}),
  schedule: z
    .strictObject({
      /** node-cron expression for the poll tick. */
      tick: z.string().default('* * * * *'),
      defaultInterval: duration.prefault('15m'),
      maxAgeHours: z.number().positive().default(72),
      timezone: z.string().default('UTC'),
      digestDaily: z.string().default('0 9 * * *'),
      digestWeekly: z.string().default('0 9 * * 1'),
      /** Consecutive failures before a source is disabled (and the notices channel told). */
      failuresBeforeDisable: z.number().int().min(1).default(10),
      maxBackoff: duration.prefault('6h'),
    })
    .prefault({}),
  retention: z
    .strictObject({
      dedupeDays: z.number().positive().default(30),
      alertDays: z.number().positive().default(365),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(50).default(8),
      /** Minimum gap between two messages to one channel. */
      perChannelInterval: duration.prefault('1s'),
      lease: duration.prefault('60s'),
      concurrency: z.number().int().min(1).max(64).default(4),
    })
    .prefault({}),
  classify: z
    .strictObject({
      /** Items scoring at or above this are relevant. */
      threshold: z.number().min(0).max(1).default(0.5),
      /** Own knowledge files, relative to the config file; unset: the ones shipped in the package's config/. */
      firmsFile: z.string().optional(),
      topicsFile: z.string().optional(),
    })
    .prefault({}),
  /** Where ops notices go (a feed disabled or recovered): the admins' channel, not every alert channel. Default: the first route's channel. */
  notices: z
    .strictObject({
      channel: z.strictObject({ platform, channel: z.string().min(1, 'the channel id (Slack C…, Discord snowflake) or console') }).optional(),
    })
    .prefault({}),
  /** Users allowed to subscribe/unsubscribe besides workspace admins (Slack) or Manage Server holders (Discord). */
  admins: z
    .strictObject({
      slack: z.array(z.string()).default([]),
      discord: z.array(z.string()).default([]),
    })
    .prefault({}),
  llm: z
    .strictObject({
      timeout: duration.prefault('10s'),
      /** Scores in [low, high) get a second opinion when an LLM is configured. */
      borderline: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).default([0.3, 0.6]),
      abstractiveSummaries: z.boolean().default(false),
      /** Ask the model for the English gist of every relevant item (falls back to the rule gist). */
      gist: z.boolean().default(true),
    })
    .prefault({}),
});

/** Checks that need the whole raw document; run even when the schema finds other problems. */
export function crossChecks(raw: unknown): Array<{ path: Array<string | number>; message: string }> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  const sources = (raw as { sources?: unknown })?.sources;
  if (!Array.isArray(sources)) return issues;
  const seen = new Map<string, number>();
  sources.forEach((s: unknown, i) => {
    const name = (s as { name?: unknown })?.name;
    if (typeof name !== 'string') return;
    const prev = seen.get(name);
    if (prev !== undefined)
      issues.push({ path: ['sources', i, 'name'], message: `duplicate source name "${name}" (also sources[${prev}]); names must be unique` });
    else seen.set(name, i);
  });
  return issues;
}

export type Config = z.infer<typeof configSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type RouteConfig = z.infer<typeof routeSchema>;
