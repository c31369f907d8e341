// The platform-neutral outbox worker delivering to Discord through the real DiscordPoster and the
// fake REST API: crash between post and ack, long 429, 5xx, missing access — no loss, no double post.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DiscordPoster } from '../../../src/platforms/discord/poster.js';
import { createRest } from '../../../src/platforms/discord/rest.js';
import type { Store } from '../../../src/store/store.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { Clock, counter, drain, openStore, seed, worker } from '../delivery/harness.js';

const A = '111111111111111111';
const B = '222222222222222222';
let api: FakeDiscordApi;
let poster: DiscordPoster;
beforeEach(async () => {
  api = await new FakeDiscordApi().start();
  poster = new DiscordPoster({ rest: createRest({ token: api.token, apiUrl: api.baseUrl, maxRateLimitWaitMs: 500 }) });
});
afterEach(() => api.stop());

const never = () => new Promise<never>(() => undefined);
function dyingAtAck(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, recv) {
      if (prop === 'completeDelivery') return never;
      const v = Reflect.get(target, prop, recv);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
const perChannel = () => [A, B].map((c) => api.messages.filter((m) => m.channel_id === c).length);

it('a worker killed between post and ack: the next one finds the Discord message and does not post again', async () => {
  const clock = new Clock();
  const store = openStore(clock);
  await seed(
    store,
    clock,
    ['a1', 'a2'],
    [
      { platform: 'discord', channel: A },
      { platform: 'discord', channel: B },
    ],
  );
  const a = worker(dyingAtAck(store) as never, clock, { discord: poster }, { consumer: 'replica-a', leaseMs: 30_000, batchSize: 2 });
  void a.w.runOnce();
  await new Promise<void>((r) => {
    const t = setInterval(() => {
      if (api.messages.length >= 2) {
        clearInterval(t);
        r();
      }
    }, 10);
  });
  const b = worker(store, clock, { discord: poster }, { consumer: 'replica-b', leaseMs: 30_000 });
  clock.t += 30_001;
  await drain(b.w);
  expect(perChannel()).toEqual([2, 2]);
  expect(await store.outboxStats()).toEqual({ pending: 0, inFlight: 0, dead: 0 });
  expect(await counter(b.metrics, 'recovered', 'discord')).toBe(2);
  expect(api.find('GET', /\/messages\?limit=50$/).length).toBeGreaterThanOrEqual(2);
  await store.close();
});

it('a long 429 reschedules, a 5xx retries, and each alert is posted exactly once', async () => {
  const clock = new Clock();
  const store = openStore(clock);
  await seed(store, clock, ['b1', 'b2', 'b3'], [{ platform: 'discord', channel: A }]);
  api.fail({ status: 429, retryAfter: 20, match: /^POST \/channels/ }, { status: 503 }, { status: 503 });
  const { w, metrics } = worker(store, clock, { discord: poster }, { concurrency: 1 });
  for (let i = 0; i < 10 && api.messages.length < 3; i++) {
    await drain(w);
    clock.t += 60_000;
  }
  expect(perChannel()).toEqual([3, 0]);
  expect(await counter(metrics, 'rate_limited', 'discord')).toBe(1);
  expect(await counter(metrics, 'retry', 'discord')).toBeGreaterThanOrEqual(1);
  expect(await store.outboxStats()).toEqual({ pending: 0, inFlight: 0, dead: 0 });
  await store.close();
});

it('Missing Access is dead-lettered at once (not retried forever) and counted', async () => {
  const clock = new Clock();
  const store = openStore(clock);
  api.forbidden.add(B);
  await seed(
    store,
    clock,
    ['c1'],
    [
      { platform: 'discord', channel: A },
      { platform: 'discord', channel: B },
    ],
  );
  const { w, metrics } = worker(store, clock, { discord: poster });
  await drain(w);
  expect(perChannel()).toEqual([1, 0]);
  expect(await counter(metrics, 'dead', 'discord')).toBe(1);
  expect(api.find('POST', new RegExp(`^/channels/${B}/messages$`))).toHaveLength(1);
  await store.close();
});
