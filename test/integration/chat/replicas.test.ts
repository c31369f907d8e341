// Two app instances (two replicas) on one private Redis: a source added from chat on one of them is
// polled from the next tick by exactly one replica per tick, its backlog recorded without posting,
// and a story published after that is posted once. No restart.
import type { ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/log.js';
import { createApp, type App } from '../../../src/main.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { rss, tempConfig, type FeedItem } from '../../support/cli.js';
import { freePort, hasRedisServer, startRedisServer, stopChild } from '../redis/helpers.js';

const suite = hasRedisServer ? describe : describe.skip;
const story = (n: number, who: string, ageMs: number): FeedItem => ({
  title: `OpenAI AI researcher ${who} leaves to join Meta`,
  description: `${who}, a machine learning researcher at OpenAI, has left the company to join Meta, people familiar with the move said.`,
  link: `https://chatwire.example/story-${n}`,
  guid: `cw-${n}`,
  pubDate: new Date(Date.now() - ageMs),
});

suite('a source added from chat, two replicas on one Redis', () => {
  let redis: ChildProcess;
  let feeds: FeedServer;
  const apps: App[] = [];
  const outs: string[] = ['', ''];
  let offsetMs = 0;
  const items: FeedItem[] = [story(1, 'Avery Lindqvist', 3600_000), story(2, 'Bruno Costa', 7200_000)];

  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedisServer(port);
    feeds = await startFeedServer();
    feeds.set('/chat.xml', { headers: { 'content-type': 'application/rss+xml' }, body: rss(items, 'Chat wire') });
    const cfg = tempConfig(
      'sources: []\nroutes:\n  - platform: console\n    channel: console\nfetch:\n  allowPrivateAddresses: true\nschedule:\n  tick: "0 0 1 1 *"\n',
    );
    const env = readEnv({ TALENT_CONFIG: cfg.configPath, DATA_DIR: cfg.dataDir, REDIS_URL: `redis://127.0.0.1:${port}` });
    for (let i = 0; i < 2; i++) {
      const out = new PassThrough();
      out.on('data', (d) => (outs[i] += d));
      apps.push(
        await createApp({
          env,
          config: loadConfig(env.configPath),
          log: silentLogger(),
          consoleOut: out,
          owner: `replica-${i}`,
          now: () => new Date(Date.now() + offsetMs),
        }),
      );
    }
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await feeds?.close();
    await stopChild(redis);
  });

  const tick = async () => {
    const reports = await Promise.all(apps.map((a) => a.pollCycle(false)));
    for (const a of apps) await a.drainOutbox();
    return reports.flatMap((r) => r.reports).filter((r) => r.source === 'chatwire');
  };
  const fetches = () => feeds.requests.filter((r) => r.path === '/chat.xml').length;

  it('polls it once per tick from the next tick, posts nothing from the backlog, then posts a new story once', async () => {
    // Before: neither replica knows the source.
    expect((await tick()).length).toBe(0);
    const reply = await apps[1].handleCommand({
      platform: 'slack',
      channel: 'C1',
      user: 'UADMIN',
      text: `sources add ${feeds.url('/chat.xml')} chatwire`,
      isAdmin: async () => true,
    });
    expect(reply).toMatchObject({ type: 'text', ephemeral: false });
    expect(fetches()).toBe(1); // the probe

    const first = await tick();
    expect(first.map((r) => r.outcome).sort()).toEqual(expect.arrayContaining(['ok']));
    expect(first.filter((r) => r.outcome === 'ok')).toHaveLength(1);
    expect(fetches()).toBe(2);
    expect(outs.join('')).toBe(''); // backlog recorded, not posted
    const state = (await apps[0].store.getSourceStates()).find((s) => s.name === 'chatwire');
    expect(state).toMatchObject({ initialized: true, consecutiveFailures: 0 });

    // Not due yet on either replica.
    expect((await tick()).every((r) => r.outcome === 'not_due' || r.outcome === 'leased')).toBe(true);
    expect(fetches()).toBe(2);

    items.unshift(story(3, 'Chiara Okafor', 60_000));
    feeds.set('/chat.xml', { headers: { 'content-type': 'application/rss+xml' }, body: rss(items, 'Chat wire') });
    offsetMs = 31 * 60_000; // past the next slot of a 15-minute interval
    const second = await tick();
    expect(second.filter((r) => r.outcome === 'ok')).toHaveLength(1);
    expect(fetches()).toBe(3);
    const printed = outs.join('');
    expect(printed).toContain('Chiara Okafor');
    expect(printed.match(/Chiara Okafor leaves/g)).toHaveLength(1);
    expect(printed).not.toContain('Avery Lindqvist');

    // Removed from chat: neither replica polls it any more.
    await apps[0].handleCommand({ platform: 'slack', channel: 'C1', user: 'UADMIN', text: 'sources remove chatwire', isAdmin: async () => true });
    offsetMs = 62 * 60_000;
    expect(await tick()).toEqual([]);
    expect(fetches()).toBe(3);
  });
});
