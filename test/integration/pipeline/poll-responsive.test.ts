// While the bot works through a big feed, its HTTP server keeps answering: /healthz requests
// complete between the slices of the poll, not only after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { consoleBot, rss, type FeedItem } from '../../support/cli.js';
import { createApp } from '../../../src/main.js';
import { runBot } from '../../../src/run-bot.js';
import { readEnv } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/log.js';

describe('a big feed does not stall the bot', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await feeds.close();
  });

  it('answers /healthz while a 3,000-item feed is assessed and ingested', async () => {
    const items: FeedItem[] = Array.from({ length: 3000 }, (_, i) => ({
      title: `Local bakery ${i} opens a second shop`,
      description: `Bakery ${i} sells bread and cakes downtown.`,
      link: `https://town.example/${i}`,
      guid: `b${i}`,
      pubDate: new Date(Date.now() - i * 60_000),
    }));
    feeds.set('/big.xml', { body: rss(items) });
    const bot = consoleBot(`  - name: big\n    url: ${feeds.url('/big.xml')}`, { extra: 'schedule:\n  tick: "0 0 1 1 *"\n' });
    const env = readEnv(bot.env);
    const app = await createApp({ env, config: loadConfig(env.configPath), log: silentLogger(), platforms: false });
    // Mark the CPU-bound stretch: from the first slice's assessment to the last slice's ingest.
    let phase = 'before' as 'before' | 'working' | 'done';
    let slices = 0;
    let largestAssess = 0;
    const assess = app.pollDeps.assessor.assess.bind(app.pollDeps.assessor);
    app.pollDeps.assessor = { assess: (batch, hints) => ((phase = 'working'), (largestAssess = Math.max(largestAssess, batch.length)), assess(batch, hints)) };
    // The poll ends by saving the feed's state: with its last slice (one source), or after it.
    const ingest = app.store.ingest.bind(app.store);
    app.store.ingest = async (b) => {
      slices++;
      const out = await ingest(b);
      if (b.sourceState) phase = 'done';
      return out;
    };
    const save = app.store.saveSourceState.bind(app.store);
    app.store.saveSourceState = async (state, release) => {
      await save(state, release);
      if (phase === 'working') phase = 'done';
    };
    const handle = await runBot(app, { port: 0, host: '127.0.0.1', signals: false });
    const answered = { before: 0, working: 0, done: 0 };
    try {
      while (phase !== 'done') {
        const res = await fetch(`http://127.0.0.1:${handle.port}/healthz`);
        await res.arrayBuffer();
        answered[phase]++;
      }
      expect(slices).toBe(15); // 200 items a slice
      expect(largestAssess).toBe(32); // assessed 32 at a time, with a yield in between
      expect(answered.working).toBeGreaterThanOrEqual(2);
    } finally {
      await handle.shutdown('test');
    }
  });
});
