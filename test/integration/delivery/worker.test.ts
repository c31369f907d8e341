// The outbox worker against a real in-memory SqliteStore and a scripted fake poster.
import { describe, expect, it } from 'vitest';
import { Clock, counter, drain, FakePoster, memoryLog, openStore, permanent, rateLimited, seed, transient, worker } from './harness.js';

const C1 = { platform: 'console' as const, channel: 'c1' };
const C2 = { platform: 'console' as const, channel: 'c2' };

describe('delivery worker', () => {
  it('posts each due delivery once, acknowledges it and records the posted message', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1', 'a2'], [C1, C2]);
    const { w, metrics } = worker(store, clock, { console: poster });
    const r = await w.runOnce();
    expect(r).toEqual({ delivered: 4, retried: 0, dead: 0 });
    expect(poster.posts.map((p) => p.deliveryId).sort()).toEqual(['alert:console:c1:a1', 'alert:console:c1:a2', 'alert:console:c2:a1', 'alert:console:c2:a2']);
    const rec = await store.getPosted('a1', 'console', 'c2');
    expect(rec?.messageId).toBe(poster.posts.find((p) => p.deliveryId === 'alert:console:c2:a1')?.messageId);
    expect(await store.outboxStats()).toEqual({ pending: 0, inFlight: 0, dead: 0 });
    expect(await counter(metrics, 'ok')).toBe(4);
    expect((await w.runOnce()).delivered).toBe(0);
    expect(poster.findCalls).toBe(0);
  });

  it('spaces messages to one channel by the interval and serves other channels meanwhile', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1', 'a2', 'a3', 'a4'], [C1, C2]);
    const { w } = worker(store, clock, { console: poster }, { perChannelIntervalMs: 1000 });
    await drain(w);
    for (const ch of ['c1', 'c2']) {
      const at = poster.posts.filter((p) => p.channel === ch).map((p) => p.at);
      expect(at).toHaveLength(4);
      for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(1000);
    }
    // The second channel's first post comes before the first channel is done.
    const order = poster.posts.map((p) => p.channel);
    expect(order.indexOf('c2')).toBeLessThan(order.lastIndexOf('c1'));
  });

  it('honours 429 Retry-After: the delivery waits exactly that long, the channel pauses, others go on', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1', 'a2'], [C1]);
    await seed(store, clock, ['b1'], [C2]);
    poster.script.push(rateLimited(5000));
    const { w, metrics } = worker(store, clock, { console: poster }, { concurrency: 1 });
    const start = clock.t;
    const r = await w.runOnce();
    expect(r.retried).toBe(1);
    // c1's other delivery was handed back untried; c2 was served.
    expect(poster.posts.map((p) => p.channel)).toEqual(['c2']);
    expect(await counter(metrics, 'rate_limited')).toBe(1);
    clock.t = start + 4999;
    expect((await w.runOnce()).delivered).toBe(0);
    clock.t = start + 5000;
    await drain(w);
    expect(poster.posts.filter((p) => p.channel === 'c1')).toHaveLength(2);
    expect(poster.posts.find((p) => p.channel === 'c1')!.at).toBeGreaterThanOrEqual(start + 5000);
  });

  it('counts a streak of 429s once against maxAttempts', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1'], [C1]);
    for (let i = 0; i < 6; i++) poster.script.push(rateLimited(1000));
    const { w } = worker(store, clock, { console: poster }, { maxAttempts: 2 });
    for (let i = 0; i < 6; i++) {
      expect((await w.runOnce()).retried).toBe(1);
      clock.t += 1000;
    }
    expect((await w.runOnce()).delivered).toBe(1);
    expect(poster.posts).toHaveLength(1);
  });

  it('retries 5xx with growing backoff and then succeeds', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1'], [C1]);
    poster.script.push(transient(), transient());
    const { w, metrics } = worker(store, clock, { console: poster }, { backoffBaseMs: 2000, random: () => 0 });
    expect((await w.runOnce()).retried).toBe(1);
    clock.t += 999; // jitter floor is half of 2 s
    expect((await w.runOnce()).retried + (await w.runOnce()).delivered).toBe(0);
    clock.t += 1;
    expect((await w.runOnce()).retried).toBe(1);
    clock.t += 1999; // second wait: half of 4 s
    expect((await w.runOnce()).delivered).toBe(0);
    clock.t += 1;
    expect((await w.runOnce()).delivered).toBe(1);
    expect(poster.posts).toHaveLength(1);
    expect(await counter(metrics, 'retry')).toBe(2);
    // An earlier attempt existed, so the worker looked for its message before posting again.
    expect(poster.findCalls).toBe(2);
  });

  it('dead-letters a permanent error at once', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1', 'a2'], [C1]);
    poster.script.push(permanent());
    const { w, metrics } = worker(store, clock, { console: poster });
    const r = await w.runOnce();
    expect(r).toEqual({ delivered: 1, retried: 0, dead: 1 });
    const dead = await store.deadLetters(10);
    expect(dead).toHaveLength(1);
    expect(dead[0].error).toContain('channel_not_found');
    expect(await counter(metrics, 'dead')).toBe(1);
    expect((await store.outboxStats()).dead).toBe(1);
  });

  it('dead-letters after maxAttempts transient failures', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1'], [C1]);
    for (let i = 0; i < 3; i++) poster.script.push(transient());
    const { w } = worker(store, clock, { console: poster }, { maxAttempts: 3 });
    let dead = 0;
    for (let i = 0; i < 5 && !dead; i++) {
      dead += (await w.runOnce()).dead;
      clock.t += 3_600_000;
    }
    expect(dead).toBe(1);
    expect(poster.posts).toHaveLength(0);
    expect((await store.deadLetters(1))[0].error).toMatch(/gave up after 3 attempts/);
  });

  it('leaves deliveries for a platform without a poster pending, says so once, and delivers the rest', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1'], [{ platform: 'slack', channel: 'C9' }, C1]);
    const { log, lines } = memoryLog();
    const { w } = worker(store, clock, { console: poster }, { log, missingPosterRetryMs: 1000 });
    expect((await w.runOnce()).delivered).toBe(1);
    clock.t += 1000;
    await w.runOnce();
    expect(lines().filter((l) => String(l.msg).includes('no slack poster'))).toHaveLength(1);
    expect(await store.outboxStats()).toMatchObject({ pending: 1, dead: 0 });
  });

  it('edits the original message when a duplicate is folded in (update delivery), without posting again', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await seed(store, clock, ['a1'], [C1]);
    const { w } = worker(store, clock, { console: poster });
    await w.runOnce();
    const original = poster.posts[0].messageId;
    // Same link from another source: an exact duplicate of a1.
    clock.t += 60_000;
    await store.ingest({
      entries: [
        {
          item: { ...(await store.getAlert('a1'))!, id: 'other:a1', source: 'other-wire', title: 'Same story elsewhere' },
          assessment: (await store.getAlert('a1'))!.assessment,
          keys: ['url:https://news.example/a1'],
          archive: true,
          targets: [C1],
        },
      ],
      matcher: () => false,
      retentionSec: 86_400,
      now: clock.now(),
    });
    clock.t += 2000;
    const r = await w.runOnce();
    expect(r.delivered).toBe(1);
    expect(poster.posts).toHaveLength(1);
    expect(poster.updates).toHaveLength(1);
    expect(poster.updates[0].messageId).toBe(original);
    const c = poster.updates[0].content;
    expect(c.kind === 'update' && c.alert.alsoReportedBy.map((x) => x.source)).toEqual(['other-wire']);
  });

  it('dead-letters an alert delivery whose alert is gone', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const poster = new FakePoster('console', clock);
    await store.enqueue([
      {
        id: 'alert:console:c1:missing',
        kind: 'alert',
        platform: 'console',
        channel: 'c1',
        alertId: 'missing',
        attempts: 0,
        createdAt: clock.now().toISOString(),
      },
    ]);
    const { w } = worker(store, clock, { console: poster });
    expect((await w.runOnce()).dead).toBe(1);
    expect((await store.deadLetters(1))[0].error).toMatch(/no longer in the archive/);
  });
});
