// A replica claims deliveries and "crashes" (never acks). Once its lease runs out another
// replica takes them over on the real clock; before that, nobody else gets them.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import type { Delivery } from '../../../src/types.js';
import { describeRedis, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { deletePrefix } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function delivery(id: string): Delivery {
  return { id, kind: 'notice', platform: 'console', channel: 'ops', body: id, attempts: 0, createdAt: new Date().toISOString() };
}

describeRedis('redis outbox takeover', () => {
  let crashed: RedisStore;
  let survivor: RedisStore;
  beforeEach(async () => {
    const prefix = uniquePrefix('takeover');
    crashed = await RedisStore.connect({ url: TEST_REDIS_URL, prefix });
    survivor = await RedisStore.connect({ url: TEST_REDIS_URL, prefix });
  });
  afterEach(async () => {
    await Promise.all([crashed.close(), survivor.close()]);
    await deletePrefix(TEST_REDIS_URL, survivor.keys.prefix);
  });

  it("takes over a crashed consumer's deliveries after its lease, with the attempt count kept", async () => {
    expect(await crashed.enqueue([delivery('d1'), delivery('d2'), delivery('d3')])).toBe(3);
    const held = await crashed.claimDeliveries('replica-1', 2, 300);
    expect(held).toHaveLength(2);
    for (const d of held) expect(await crashed.recordAttempt(d.id, 'replica-1')).toBe(1);
    await crashed.close(); // the crash: no ack, no retry, connection gone

    const early = await survivor.claimDeliveries('replica-2', 10, 30_000);
    expect(early.map((d) => d.id)).toEqual(['d3']);
    expect(await survivor.outboxStats()).toEqual({ pending: 0, inFlight: 3, dead: 0 });

    await sleep(400);
    const taken = await survivor.claimDeliveries('replica-2', 10, 30_000);
    expect(taken.map((d) => d.id).sort()).toEqual(held.map((d) => d.id).sort());
    // recordAttempt was persisted before the crash, so the worker knows a post may have happened.
    expect(taken.every((d) => d.attempts === 1)).toBe(true);
    for (const d of [...early, ...taken]) await survivor.completeDelivery(d, `m-${d.id}`);
    expect(await survivor.outboxStats()).toEqual({ pending: 0, inFlight: 0, dead: 0 });
    expect(await survivor.claimDeliveries('replica-3', 10, 30_000, new Date(Date.now() + 3600_000))).toEqual([]);
  });

  it('a live consumer keeps its own deliveries; a second consumer only gets the rest', async () => {
    await survivor.enqueue([delivery('x1'), delivery('x2')]);
    const mine = await survivor.claimDeliveries('replica-1', 1, 60_000);
    const theirs = await crashed.claimDeliveries('replica-2', 10, 60_000);
    expect(mine).toHaveLength(1);
    expect(theirs.map((d) => d.id)).toEqual(['x1', 'x2'].filter((id) => id !== mine[0].id));
  });
});
