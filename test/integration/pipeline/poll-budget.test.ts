// A big feed's poll runs in slices that yield to the event loop; a long cycle renews its leases as
// they age and takes every item, and nothing is lost or assessed twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { consoleBot, rss, type FeedItem } from '../../support/cli.js';
import { createApp, type App } from '../../../src/main.js';
import { readEnv } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/log.js';
import { pollSource, type PollDeps } from '../../../src/pipeline/poll.js';
import { pollAll } from '../../../src/pipeline/poll-all.js';
import type { Item } from '../../../src/types.js';

const items = (n: number, tag = ''): FeedItem[] =>
  Array.from({ length: n }, (_, i) => ({
    title: `OpenAI researcher ${tag}${i} joins Anthropic`,
    description: `Researcher ${tag}${i} left OpenAI for Anthropic, people familiar said.`,
    link: `https://wire.example/${tag}${i}`,
    guid: `${tag}${i}`,
    pubDate: new Date(Date.now() - i * 60_000),
  }));

describe('poll slices and long cycles', () => {
  let feeds: FeedServer;
  let app: App | undefined;
  beforeAll(async () => {
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await feeds.close();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const setup = async (more = '') => {
    const bot = consoleBot(`  - name: wire\n    url: ${feeds.url('/wire.xml')}\n${more}`);
    const env = readEnv(bot.env);
    app = await createApp({ env, config: loadConfig(env.configPath), log: silentLogger(), platforms: false });
    return app;
  };

  /** Deps with a fake clock that each assess call moves on by `stepMs`, and a record of what was assessed. */
  const fakeDeps = (a: App, o: { stepMs: number; sliceSize: number }) => {
    let t = Date.now();
    const assessed: string[][] = [];
    const loopTurns: number[] = [];
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const deps: PollDeps = {
      ...a.pollDeps,
      now: () => new Date(t),
      settings: { ...a.pollDeps.settings, sliceSize: o.sliceSize },
      assessor: {
        assess: async (batch: Item[], hints) => {
          assessed.push(batch.map((i) => i.guid!));
          loopTurns.push(turns);
          t += o.stepMs;
          return a.pollDeps.assessor.assess(batch, hints);
        },
      },
    };
    return { deps, assessed, loopTurns, stop: () => (spinning = false) };
  };

  it('yields to the event loop between slices', async () => {
    const a = await setup();
    feeds.set('/wire.xml', { body: rss(items(12)) });
    const f = fakeDeps(a, { stepMs: 0, sliceSize: 4 });
    const report = await pollSource(a.config.sources[0], f.deps, { force: true });
    f.stop();
    expect(report).toMatchObject({ outcome: 'ok', items: 12 });
    expect(report.partial).toBeUndefined();
    expect(f.assessed.map((s) => s.length)).toEqual([4, 4, 4]);
    // Other work (here a setImmediate loop) ran between every two slices.
    for (let i = 1; i < f.loopTurns.length; i++) expect(f.loopTurns[i]).toBeGreaterThan(f.loopTurns[i - 1]);
  });

  it("one source's poll saves its state with its last slice, not in a round trip of its own", async () => {
    const a = await setup();
    feeds.set('/wire.xml', { body: rss(items(10)), etag: '"w1"' });
    const f = fakeDeps(a, { stepMs: 0, sliceSize: 4 });
    const withState: boolean[] = [];
    let saves = 0;
    const store = Object.create(a.store) as typeof a.store;
    store.ingest = (b) => (withState.push(b.sourceState !== undefined), a.store.ingest(b));
    store.saveSourceState = (st, rel) => (saves++, a.store.saveSourceState(st, rel));
    const report = await pollSource(a.config.sources[0], { ...f.deps, store }, { force: true });
    f.stop();
    expect(report).toMatchObject({ outcome: 'ok', items: 10 });
    expect(withState).toEqual([false, false, true]);
    expect(saves).toBe(0);
    expect((await a.store.getSourceStates())[0]).toMatchObject({ etag: '"w1"', initialized: true });
    // The lease went with the state: another replica may take the source at once.
    expect(await a.store.leaseSource('wire', 'another-replica', 10_000)).not.toBeNull();
  });

  describe('a cycle over many feeds (pollAll: oldest first across feeds)', () => {
    const cycle = { concurrency: 4, perHost: 4 };

    it('takes every item of a long cycle, renewing the leases as they age', async () => {
      const a = await setup(`  - name: wire2\n    url: ${feeds.url('/wire2.xml')}\n`);
      feeds.set('/wire.xml', { body: rss(items(7, 'a')), etag: '"a"' });
      feeds.set('/wire2.xml', { body: rss(items(7, 'b')), etag: '"b"' });
      // 20 s per slice against a 35 s lease: the cycle outlives the first leases.
      const f = fakeDeps(a, { stepMs: 20_000, sliceSize: 3 });
      const renewed: string[] = [];
      const renew = a.store.renewLease.bind(a.store);
      f.deps.store = Object.assign(Object.create(a.store) as typeof a.store, {
        renewLease: (name: string, owner: string, ttl: number) => (renewed.push(name), renew(name, owner, ttl)),
      });
      const r = await pollAll(a.config.sources, f.deps, { force: true, ...cycle });
      f.stop();
      expect(r.reports.map((x) => [x.source, x.outcome, x.items, x.partial])).toEqual([
        ['wire', 'ok', 7, undefined],
        ['wire2', 'ok', 7, undefined],
      ]);
      expect(renewed.length).toBeGreaterThan(0);
      // Oldest first across the two feeds: each item once, a0/b0 (the newest) last.
      const order = f.assessed.flat();
      expect(order).toHaveLength(14);
      expect(new Set(order).size).toBe(14);
      expect(order.slice(-2).sort()).toEqual(['a0', 'b0']);
      const states = await a.store.getSourceStates();
      expect(states.map((s) => [s.name, s.etag])).toEqual([
        ['wire', '"a"'],
        ['wire2', '"b"'],
      ]);
    });

    it('assesses the next slice while the store ingests this one, and never ingests two at once', async () => {
      const a = await setup(`  - name: wire2\n    url: ${feeds.url('/wire2.xml')}\n`);
      feeds.set('/wire.xml', { body: rss(items(6, 'a')) });
      feeds.set('/wire2.xml', { body: rss(items(6, 'b')) });
      const f = fakeDeps(a, { stepMs: 0, sliceSize: 4 });
      const events: string[] = [];
      const assess = f.deps.assessor.assess;
      f.deps.assessor = { assess: (batch, hints) => (events.push(`assess ${batch.map((i) => i.guid).join(',')}`), assess(batch, hints)) };
      const ingest = a.store.ingest.bind(a.store);
      let n = 0;
      let inFlight = 0;
      f.deps.store = Object.assign(Object.create(a.store) as typeof a.store, {
        ingest: async (batch: Parameters<typeof a.store.ingest>[0]) => {
          const k = ++n;
          expect(++inFlight).toBe(1);
          events.push(`ingest ${k} ${batch.entries.map((e) => e.item.guid).join(',')}`);
          // A store round trip: the loop is free meanwhile.
          await new Promise((r) => setTimeout(r, 30));
          const out = await ingest(batch);
          events.push(`done ${k}`);
          inFlight--;
          return out;
        },
      });
      const r = await pollAll(a.config.sources, f.deps, { force: true, ...cycle });
      f.stop();
      expect(r.reports.map((x) => [x.source, x.outcome, x.items])).toEqual([
        ['wire', 'ok', 6],
        ['wire2', 'ok', 6],
      ]);
      // Three slices of 4, oldest first; slices 2 and 3 were assessed while the one before was in the store.
      const ingests = events.filter((e) => e.startsWith('ingest'));
      expect(ingests).toHaveLength(3);
      for (const k of [1, 2]) {
        const start = events.indexOf(ingests[k - 1]);
        const done = events.indexOf(`done ${k}`);
        const nextGuids = ingests[k].split(' ')[2].split(',');
        const assessedBetween = events
          .slice(start, done)
          .filter((e) => e.startsWith('assess '))
          .flatMap((e) => e.slice(7).split(','));
        expect(assessedBetween.sort()).toEqual([...nextGuids].sort());
      }
      // Entries in date order in every slice, each item once.
      const all = ingests.flatMap((e) => e.split(' ')[2].split(','));
      expect(new Set(all).size).toBe(12);
      expect(all.slice(-2).sort()).toEqual(['a0', 'b0']);
    });

    it('a source whose lease another replica took stops, partial; the others finish', async () => {
      const a = await setup(`  - name: wire2\n    url: ${feeds.url('/wire2.xml')}\n`);
      feeds.set('/wire.xml', { body: rss(items(6, 'a')) });
      feeds.set('/wire2.xml', { body: rss(items(6, 'b')) });
      const f = fakeDeps(a, { stepMs: 20_000, sliceSize: 4 });
      const assess = f.deps.assessor.assess;
      let calls = 0;
      f.deps.assessor = {
        assess: async (batch, hints) => {
          // After the first slice, another replica takes wire2 over (its lease is let go and taken).
          if (++calls === 2) {
            await a.store.releaseLease('wire2', f.deps.owner);
            expect(await a.store.leaseSource('wire2', 'replica-b', 600_000)).not.toBeNull();
          }
          return assess(batch, hints);
        },
      };
      const r = await pollAll(a.config.sources, f.deps, { force: true, ...cycle });
      f.stop();
      const wire = r.reports.find((x) => x.source === 'wire')!;
      const wire2 = r.reports.find((x) => x.source === 'wire2')!;
      expect(wire).toMatchObject({ outcome: 'ok', items: 6 });
      expect(wire.partial).toBeUndefined();
      expect(wire2).toMatchObject({ outcome: 'ok', partial: true });
      expect(wire2.items).toBeLessThan(6);
      // wire2's state is left to the replica that holds it now.
      const states = await a.store.getSourceStates();
      expect(states.find((s) => s.name === 'wire2')?.initialized).toBeFalsy();
    });

    it('a slice the store fails fails its sources, loses nothing, and the next cycle takes every item once', async () => {
      const a = await setup(`  - name: wire2\n    url: ${feeds.url('/wire2.xml')}\n`);
      feeds.set('/wire.xml', { body: rss(items(4, 'a')), etag: '"a"' });
      feeds.set('/wire2.xml', { body: rss(items(4, 'b')), etag: '"b"' });
      const f = fakeDeps(a, { stepMs: 0, sliceSize: 3 });
      const ingest = a.store.ingest.bind(a.store);
      let calls = 0;
      f.deps.store = Object.assign(Object.create(a.store) as typeof a.store, {
        ingest: (batch: Parameters<typeof a.store.ingest>[0]) => (++calls === 2 ? Promise.reject(new Error('disk full')) : ingest(batch)),
      });
      const r1 = await pollAll(a.config.sources, f.deps, { force: true, ...cycle });
      f.stop();
      // Slice 2 holds items of both feeds: both fail this poll (backoff counted), neither is marked read.
      expect(r1.reports.map((x) => [x.source, x.outcome, x.error])).toEqual([
        ['wire', 'error', 'disk full'],
        ['wire2', 'error', 'disk full'],
      ]);
      const mid = await a.store.getSourceStates();
      expect(mid.map((s) => [s.name, s.consecutiveFailures, s.etag])).toEqual([
        ['wire', 1, undefined],
        ['wire2', 1, undefined],
      ]);
      const g = fakeDeps(a, { stepMs: 0, sliceSize: 3 });
      const r2 = await pollAll(a.config.sources, g.deps, { force: true, ...cycle });
      g.stop();
      expect(r2.reports.map((x) => [x.source, x.outcome])).toEqual([
        ['wire', 'ok'],
        ['wire2', 'ok'],
      ]);
      // Every item archived once: the first slice's were seen, the rest new.
      const seen = r1.reports.reduce((n, x) => n + x.fresh, 0) + r2.reports.reduce((n, x) => n + x.fresh, 0);
      expect(seen).toBe(8);
      expect((await a.store.search({ text: 'Anthropic', limit: 20 })).total).toBe(8);
    });
  });
});
