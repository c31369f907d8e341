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
    const scheduler = createPollScheduler(app.config.sources, { ...app.pollDeps, now: () => new Date(t) }, { concurrency: 16, perHost: 4 });
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
});
