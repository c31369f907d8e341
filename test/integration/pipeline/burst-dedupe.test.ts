// Dedupe in a news burst, end to end through the bot: the labelled dev items, squeezed into the last
// six hours, served as one feed per outlet → `poll --once` → fake Slack and Discord APIs, on SQLite
// and on Redis. Each posted message is read back: its headline link says which story it is, the
// links under "also reported by" must be retellings of that story, and no story may disappear.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { makeSigner } from '../discord/helpers.js';
import { rss, runCli, tempConfig, type FeedItem } from '../../support/cli.js';
import { freePort, hasRedisServer, startRedisServer, stopChild } from '../redis/helpers.js';
import { compressRows } from '../../../eval/dedupe-eval.js';
import { readEvalRows, type EvalRow } from '../../../src/feedback/eval-rows.js';
import { canonicalUrl } from '../../../src/pipeline/normalize.js';

const DEV = resolve(process.cwd(), '../shared/eval/dev.jsonl');
const BLIND_D = resolve(process.cwd(), 'test/fixtures/dedupe-blind-d.jsonl');
const BLIND_E = resolve(process.cwd(), 'test/fixtures/dedupe-blind-e.jsonl');
const SLACK_CHANNEL = 'C0BURST';
const DISCORD_CHANNEL = '111111111111111111'; // a channel the fake Discord API knows

interface Outcome {
  /** Messages per story (cluster id, or the item id of a story told once), per platform. */
  posts: Map<string, number>;
  /** "Also reported by" links that are not a retelling of their message's story. */
  falseFolds: Array<[string, string]>;
  /** Relevant stories that got no message and are listed under none. */
  lost: string[];
  messages: number;
}

/** Which dev items a message shows: its own link first (the headline), then the folded ones. */
function readMessages(texts: string[], rows: EvalRow[]): Outcome {
  const story = (r: EvalRow) => r.labels.cluster ?? r.id;
  // Messages show the canonical link ("www." and trackers dropped).
  const byLink = rows.map((r) => [canonicalUrl(r.link), r] as const).sort((a, b) => b[0].length - a[0].length);
  const posts = new Map<string, number>();
  const falseFolds: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const text of texts) {
    // Longest links first, so one link that prefixes another is not counted twice.
    let rest = text;
    const shown: EvalRow[] = [];
    for (const [link, r] of byLink) {
      if (!rest.includes(link)) continue;
      shown.push(r);
      rest = rest.split(link).join(' ');
    }
    // The headline is the link that appears first in the message.
    shown.sort((a, b) => text.indexOf(canonicalUrl(a.link)) - text.indexOf(canonicalUrl(b.link)));
    const [head, ...also] = shown;
    if (!head) continue;
    posts.set(story(head), (posts.get(story(head)) ?? 0) + 1);
    seen.add(story(head));
    for (const r of also) {
      seen.add(story(r));
      if (story(r) !== story(head)) falseFolds.push([head.id, r.id]);
    }
  }
  const relevantStories = new Set(rows.filter((r) => r.labels.topics.length).map(story));
  return { posts, falseFolds, lost: [...relevantStories].filter((s) => !seen.has(s)), messages: texts.length };
}

/**
 * The sets and what was measured on them (a floor each): dev, and the fourth blind set, written to
 * dev's mix without seeing the rules (`test/fixtures/dedupe-blind-d.jsonl`). On a blind set the
 * relevance engine misses a few stories altogether (they are "lost": never posted).
 */
const SETS = [
  // The issue's bar: every story posted exactly once, no link under the wrong story (measured: 70 messages).
  { name: 'dev', path: DEV, minMessages: 60, maxLost: 0, maxFalseFolds: 0, minOnce: 1 },
  // Measured: 92 messages, no story lost, 1 false fold, 5 of 31 stories twice.
  { name: 'blind D', path: BLIND_D, minMessages: 85, maxLost: 0, maxFalseFolds: 1, minOnce: 0.8 },
  // Rumours then confirmations, policies then reactions. Measured: 115 messages, none lost, 1 false
  // fold (an OpenAI office under Canada's work permits), 24 of 36 stories once.
  { name: 'blind E', path: BLIND_E, minMessages: 105, maxLost: 0, maxFalseFolds: 1, minOnce: 0.65 },
] as const;

// Two replicas polling at once on one Redis (each takes some feeds' leases): dev only, to keep the suite short.
const RUNS = SETS.flatMap((set) => [
  ...(['sqlite', 'redis'] as const).map((backend) => ({ set, backend, replicas: 1 })),
  ...(set.name === 'dev' ? [{ set, backend: 'redis' as const, replicas: 2 }] : []),
]);

describe.each(RUNS)('a day of news in one burst, through poll --once ($set.name, $backend, $replicas replica(s))', ({ set, backend, replicas }) => {
  const enabled = existsSync(set.path) && (backend === 'sqlite' || hasRedisServer);
  let feeds: FeedServer;
  let slack: FakeSlackApi;
  let discord: FakeDiscordApi;
  let redis: ChildProcess | undefined;
  let rows: EvalRow[] = [];
  let slackOut: Outcome;
  let discordOut: Outcome;

  beforeAll(async () => {
    if (!enabled) return;
    // The dev set's ~110 days mapped onto the last six hours, order kept.
    rows = compressRows(readEvalRows(set.path), 6, Date.now() - 60_000);
    feeds = await startFeedServer();
    slack = await new FakeSlackApi().start();
    discord = await new FakeDiscordApi().start();
    const bySource = new Map<string, FeedItem[]>();
    for (const r of rows) {
      const list = bySource.get(r.source) ?? [];
      list.push({ title: r.title, description: r.summary, link: r.link, guid: r.id, pubDate: new Date(r.published) });
      bySource.set(r.source, list);
    }
    let sources = '';
    for (const [name, list] of bySource) {
      feeds.set(`/${name}.xml`, { headers: { 'content-type': 'application/rss+xml' }, body: rss(list.reverse(), name) });
      const lang = name.endsWith('-cn') ? '\n    lang: zh' : '';
      sources += `  - name: ${name}\n    url: ${feeds.url(`/${name}.xml`)}\n    backfill: 100${lang}\n`;
    }
    const cfg = tempConfig(
      `sources:\n${sources}routes:\n  - platform: slack\n    channel: ${SLACK_CHANNEL}\n  - platform: discord\n    channel: "${DISCORD_CHANNEL}"\n` +
        'fetch:\n  allowPrivateAddresses: true\ndelivery:\n  perChannelInterval: 1ms\n',
    );
    let redisUrl: string | undefined;
    if (backend === 'redis') {
      const port = await freePort();
      redis = await startRedisServer(port);
      redisUrl = `redis://127.0.0.1:${port}`;
    }
    const env = {
      TALENT_CONFIG: cfg.configPath,
      DATA_DIR: cfg.dataDir,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 'burst-test-signing-secret',
      SLACK_API_URL: slack.url,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.baseUrl,
      // Interactions over HTTP: a one-shot poll opens no gateway connection.
      DISCORD_PUBLIC_KEY: makeSigner().publicKeyHex,
      DISCORD_APPLICATION_ID: '775799577604522054',
    };
    const runs = await Promise.all(Array.from({ length: replicas }, () => runCli(['poll', '--once'], env)));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    slackOut = readMessages(
      slack.messages.filter((m) => m.channel === SLACK_CHANNEL).map((m) => JSON.stringify(m.blocks ?? m.text)),
      rows,
    );
    discordOut = readMessages(
      discord.messages.filter((m) => m.channel_id === DISCORD_CHANNEL).map((m) => JSON.stringify(m.embeds)),
      rows,
    );
    const fmt = (o: Outcome) =>
      `${o.messages} messages, ${[...o.posts.values()].filter((n) => n > 1).length} stories posted twice or more, ${o.falseFolds.length} false folds, ${o.lost.length} lost`;
    console.log(
      `burst (${set.name}, ${backend} x${replicas}): slack ${fmt(slackOut)}; discord ${fmt(discordOut)}; false folds ${JSON.stringify(slackOut.falseFolds)} doubles ${JSON.stringify([...slackOut.posts].filter(([, n]) => n > 1))} lost ${JSON.stringify(slackOut.lost)}`,
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all([feeds?.close(), slack?.stop(), discord?.stop()]);
    await stopChild(redis);
  });

  it.skipIf(!enabled)('posts every relevant story and hides none under another', () => {
    for (const out of [slackOut, discordOut]) {
      expect(out.messages).toBeGreaterThan(set.minMessages);
      expect(out.lost.length, JSON.stringify(out.lost)).toBeLessThanOrEqual(set.maxLost);
      // Folding different stories together is the failure that hides news. Measured on dev: none
      // on either backend, now that a cycle is ingested oldest first across feeds.
      expect(out.falseFolds.length, JSON.stringify(out.falseFolds)).toBeLessThanOrEqual(set.maxFalseFolds);
    }
  });

  it.skipIf(!enabled)('posts most stories once: retellings fold into the first report', () => {
    for (const out of [slackOut, discordOut]) {
      const clustered = [...new Set(rows.filter((r) => r.labels.cluster && r.labels.topics.length).map((r) => r.labels.cluster!))];
      const once = clustered.filter((c) => out.posts.get(c) === 1).length;
      // dev: every labelled story posted once. A blind set: most (a missed fold costs a second post).
      expect(once).toBeGreaterThanOrEqual(Math.floor(clustered.length * set.minOnce));
      expect(Math.max(...out.posts.values())).toBeLessThanOrEqual(2);
      // Both platforms see the same decisions.
      expect([...out.posts.keys()].sort()).toEqual([...slackOut.posts.keys()].sort());
    }
  });
});
