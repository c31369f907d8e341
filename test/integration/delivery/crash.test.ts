// Crash safety: a worker lost between post and acknowledgement, or before posting, is taken
// over by another consumer after its lease runs out — zero duplicates, zero losses. And two
// live workers on one store never post the same delivery twice.
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import type { Store } from '../../../src/store/store.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { deletePrefix } from '../redis/helpers.js';
import { Clock, counter, drain, FakePoster, openStore, seed, until, worker } from './harness.js';

const never = () => new Promise<never>(() => undefined);

/** The same store, except that `completeDelivery` never returns: the process "dies" there. */
function dyingAtAck(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, recv) {
      if (prop === 'completeDelivery') return never;
      const v = Reflect.get(target, prop, recv);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

type Open = (clock: Clock) => Promise<Store>;

function crashSuite(name: string, describeFn: typeof describe, open: Open, cleanup: () => Promise<void>): void {
  describeFn(`delivery crash safety (${name})`, () => {
    afterEach(cleanup);

    it('a worker killed between post and ack: the next consumer finds the message instead of posting again', async () => {
      const clock = new Clock();
      const store = await open(clock);
      const poster = new FakePoster('console', clock);
      const ids = await seed(
        store,
        clock,
        ['a1', 'a2', 'a3'],
        [
          { platform: 'console', channel: 'c1' },
          { platform: 'console', channel: 'c2' },
        ],
      );
      const a = worker(dyingAtAck(store) as never, clock, { console: poster }, { consumer: 'replica-a', leaseMs: 30_000, batchSize: 2 });
      void a.w.runOnce(); // abandoned: hangs at the first acknowledgement of each channel
      await until(() => poster.posts.length === 2);
      const before = clock.t;
      const b = worker(store, clock, { console: poster }, { consumer: 'replica-b', leaseMs: 30_000 });
      // While A's lease holds, B does not touch A's deliveries (it gets the other four).
      await b.w.runOnce();
      expect(poster.posts).toHaveLength(6);
      clock.t = before + 30_001;
      await drain(b.w);
      const perDelivery = new Map<string, number>();
      for (const p of poster.posts) perDelivery.set(p.deliveryId, (perDelivery.get(p.deliveryId) ?? 0) + 1);
      expect([...perDelivery.values()].every((n) => n === 1)).toBe(true);
      expect(perDelivery.size).toBe(ids.length * 2);
      expect(await store.outboxStats()).toEqual({ pending: 0, inFlight: 0, dead: 0 });
      expect(await counter(b.metrics, 'recovered')).toBe(2);
      // The posted record points at the message A posted.
      const first = poster.posts[0];
      const alertId = first.deliveryId.split(':').pop()!;
      expect((await store.getPosted(alertId, 'console', first.channel))?.messageId).toBe(first.messageId);
    });

    it('a worker killed after recording the attempt but before posting: the next consumer posts it once', async () => {
      const clock = new Clock();
      const store = await open(clock);
      const dying = new FakePoster('console', clock);
      dying.script.push(() => never());
      const alive = new FakePoster('console', clock);
      // The fake finds nothing in "history" that the live poster did not post itself, like a real channel.
      await seed(store, clock, ['a1'], [{ platform: 'console', channel: 'c1' }]);
      const a = worker(store, clock, { console: dying }, { consumer: 'replica-a', leaseMs: 10_000 });
      let reached = false;
      dying.script[0] = () => ((reached = true), never());
      void a.w.runOnce();
      await until(() => reached);
      expect(dying.posts).toHaveLength(0);
      clock.t += 10_001;
      const b = worker(store, clock, { console: alive }, { consumer: 'replica-b', leaseMs: 10_000 });
      expect((await b.w.runOnce()).delivered).toBe(1);
      expect(alive.findCalls).toBe(1);
      expect(alive.posts).toHaveLength(1);
      expect(await store.outboxStats()).toEqual({ pending: 0, inFlight: 0, dead: 0 });
    });

    it('two workers on one store never post the same delivery twice', async () => {
      const clock = new Clock();
      const store = await open(clock);
      const poster = new FakePoster('console', clock);
      const channels = ['c1', 'c2', 'c3', 'c4'].map((channel) => ({ platform: 'console' as const, channel }));
      const ids = Array.from({ length: 10 }, (_, i) => `a${i}`);
      await seed(store, clock, ids, channels);
      const a = worker(store, clock, { console: poster }, { consumer: 'a', batchSize: 7, concurrency: 2 });
      const b = worker(store, clock, { console: poster }, { consumer: 'b', batchSize: 5, concurrency: 3 });
      for (let i = 0; i < 20; i++) {
        const [ra, rb] = await Promise.all([a.w.runOnce(), b.w.runOnce()]);
        if (ra.delivered + rb.delivered === 0) break;
      }
      const seen = poster.posts.map((p) => p.deliveryId);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(40);
      expect((await counter(a.metrics, 'ok')) > 0 && (await counter(b.metrics, 'ok')) > 0).toBe(true);
    });

    it('stop() lets the post in flight finish and hands the rest back for another replica', async () => {
      const clock = new Clock();
      const store = await open(clock);
      const poster = new FakePoster('console', clock);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let posting!: () => void;
      const started = new Promise<void>((r) => (posting = r));
      poster.script.push(async () => {
        posting();
        await gate;
      });
      await seed(store, clock, ['a1', 'a2', 'a3'], [{ platform: 'console', channel: 'c1' }]);
      const { w } = worker(store, clock, { console: poster }, { sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))), now: clock.now, idleMs: 5 });
      w.start();
      await started;
      const stopping = w.stop();
      release();
      await stopping;
      expect(poster.posts.map((p) => p.deliveryId)).toEqual(['alert:console:c1:a1']);
      // Handed back, not left leased: another consumer takes them at once.
      const other = new FakePoster('console', clock);
      const { w: w2 } = worker(store, clock, { console: other }, { consumer: 'w2' });
      await drain(w2);
      expect(other.posts.map((p) => p.deliveryId).sort()).toEqual(['alert:console:c1:a2', 'alert:console:c1:a3']);
    });
  });
}

const stores: Store[] = [];
crashSuite(
  'sqlite',
  describe,
  async (clock) => openStore(clock),
  async () => undefined,
);

const prefix = uniquePrefix('delivery-crash');
let n = 0;
crashSuite(
  'redis',
  describeRedis,
  async (clock) => {
    const s = await RedisStore.connect({ url: TEST_REDIS_URL, prefix: `${prefix}${n++}:`, now: clock.now });
    stores.push(s);
    return s;
  },
  async () => {
    for (const s of stores.splice(0)) await s.close();
    await deletePrefix(TEST_REDIS_URL, prefix);
  },
);
