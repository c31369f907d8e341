// A hanging source never delays the others: each tick polls every due source not in flight.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { consoleBot, rss } from '../../support/cli.js';
import { createApp } from '../../../src/main.js';
import { readEnv } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/log.js';
import { createPollScheduler } from '../../../src/pipeline/poll-scheduler.js';

describe('poll scheduler', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await feeds.close();
  });

  it('keeps polling sources on a 10 s interval on time while another source hangs', async () => {
    const body = (n: string) => rss([{ title: `Quiet day ${n}`, description: 'Nothing.', link: `https://x.example/${n}`, guid: n, pubDate: new Date() }]);
    feeds.set('/a.xml', { body: body('a') });
    feeds.set('/b.xml', { body: body('b') });
    const held: ServerResponse[] = [];
    feeds.set('/hang.xml', { handler: (_req, res) => void held.push(res) });
    const sources = ['a', 'b', 'hang'].map((n) => `  - name: ${n}\n    url: ${feeds.url(`/${n}.xml`)}\n    interval: 10s`).join('\n');
    const bot = consoleBot(sources);
    const env = readEnv(bot.env);
    const app = await createApp({ env, config: loadConfig(env.configPath), log: silentLogger(), platforms: false });
    let t = Date.now();
    const scheduler = createPollScheduler(app.config.sources, { ...app.pollDeps, now: () => new Date(t) }, { concurrency: 16, perHost: 4, gatherMs: 50 });
    const hits = (p: string) => feeds.requests.filter((r) => r.path === p).length;
    try {
      for (let i = 0; i < 6; i++) {
        const started = await scheduler.tick();
        // The hanging source is polled once and then left alone while in flight: never twice at once.
        expect([...started.keys()].sort()).toEqual(i === 0 ? ['a', 'b', 'hang'] : ['a', 'b']);
        const reports = await Promise.all(['a', 'b'].map((n) => started.get(n)!));
        expect(reports.map((r) => r.outcome)).toEqual(['ok', 'ok']);
        expect(scheduler.inFlight()).toEqual(['hang']);
        t += 15_000; // every 10 s source is due again within 15 s (its slot, at least half an interval on)
      }
      expect([hits('/a.xml'), hits('/b.xml'), hits('/hang.xml')]).toEqual([6, 6, 1]);
      // The hanging feed answers at last: its poll finishes and it is polled again on the next tick.
      for (const res of held) res.end(body('h'));
      await scheduler.idle();
      expect(scheduler.inFlight()).toEqual([]);
      const next = await scheduler.tick();
      expect([...next.keys()].sort()).toEqual(['a', 'b', 'hang']);
      await scheduler.idle();
    } finally {
      for (const res of held) if (!res.writableEnded) res.end();
      await app.close();
    }
  });

  /** A console bot polling the feed server's `/<name>.xml` for each name (backfill 10). */
  const appWithFeeds = async (names: string[]) => {
    const sources = names.map((n) => `  - name: ${n}\n    url: ${feeds.url(`/${n}.xml`)}\n    backfill: 10`).join('\n');
    const env = readEnv(consoleBot(sources).env);
    return createApp({ env, config: loadConfig(env.configPath), log: silentLogger(), platforms: false });
  };

  it("ingests a tick's feeds together, oldest item first: a slow feed's first report is the alert, a fast feed's retelling folds under it", async () => {
    const t0 = Date.now() - 3 * 3600_000;
    const story = {
      title: 'OpenAI reasoning researcher Zhao Lindong joins Meta Superintelligence Labs',
      description: 'Zhao Lindong, who led reasoning evaluations at OpenAI, has joined Meta Superintelligence Labs, people familiar said.',
    };
    // The retelling is newer but its feed answers at once; the first report's feed answers late.
    feeds.set('/fast.xml', { body: rss([{ ...story, link: 'https://fast.example/zhao', guid: 'fast-zhao', pubDate: new Date(t0 + 3600_000) }]) });
    feeds.set('/slow.xml', { delayMs: 300, body: rss([{ ...story, link: 'https://slow.example/zhao', guid: 'slow-zhao', pubDate: new Date(t0) }]) });
    const app = await appWithFeeds(['fast', 'slow']);
    try {
      const scheduler = createPollScheduler(app.config.sources, app.pollDeps, { concurrency: 16, perHost: 4, gatherMs: 5_000 });
      const reports = await Promise.all((await scheduler.tick()).values());
      expect(reports.map((r) => r.outcome)).toEqual(['ok', 'ok']);
      const alerts = await app.store.latestAlerts(10);
      expect(alerts.map((a) => a.link)).toEqual(['https://slow.example/zhao']);
      expect(alerts[0].alsoReportedBy.map((r) => r.link)).toEqual(['https://fast.example/zhao']);
    } finally {
      await app.close();
    }
  });

  it('a feed slower than the gathering window is ingested on its own when it answers', async () => {
    const item = (n: string, h: number) => ({
      title: `Alibaba hires Google DeepMind researcher ${n} for Qwen`,
      description: `${n} joins Alibaba's Qwen team from Google DeepMind.`,
      link: `https://late.example/${n}`,
      guid: n,
      pubDate: new Date(Date.now() - h * 3600_000),
    });
    feeds.set('/quick.xml', { body: rss([item('Ma Jun', 2)]) });
    feeds.set('/late.xml', { delayMs: 400, body: rss([item('Xu Ping', 3)]) });
    const app = await appWithFeeds(['quick', 'late']);
    try {
      const scheduler = createPollScheduler(app.config.sources, app.pollDeps, { concurrency: 16, perHost: 4, gatherMs: 50 });
      const started = await scheduler.tick();
      // The quick feed is ingested when the window closes, while the late one is still on the wire.
      const quick = await started.get('quick')!;
      expect(quick).toMatchObject({ outcome: 'ok', fresh: 1 });
      expect(scheduler.inFlight()).toEqual(['late']);
      expect(await started.get('late')!).toMatchObject({ outcome: 'ok', fresh: 1 });
      expect((await app.store.latestAlerts(10)).length).toBe(2);
    } finally {
      await app.close();
    }
  });
});
