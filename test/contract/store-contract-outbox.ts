// Contract: the outbox. Idempotent enqueue, leased claims with takeover, retry, dead letters, posted records.
import { expect, it } from 'vitest';
import type { StoreGetter } from './store-contract.js';
import { T0, at, delivery } from './store-contract-fixtures.js';

export function outboxContract(get: StoreGetter): void {
  it('enqueue is idempotent on id', async () => {
    const s = get();
    expect(await s.enqueue([delivery('n1'), delivery('n2')])).toBe(2);
    expect(await s.enqueue([delivery('n1'), delivery('n3')])).toBe(1);
    expect(await s.enqueue([])).toBe(0);
    expect(await s.outboxStats()).toEqual({ pending: 3, inFlight: 0, dead: 0 });
  });

  it('claims lease due deliveries to one consumer; an expired lease is taken over', async () => {
    const s = get();
    await s.enqueue([delivery('n1', { body: 'hello 你好' }), delivery('n2')]);
    const first = await s.claimDeliveries('c1', 10, 30_000, at(0));
    expect(first.map((d) => d.id).sort()).toEqual(['n1', 'n2']);
    expect(first.find((d) => d.id === 'n1')).toMatchObject({
      kind: 'notice',
      platform: 'console',
      channel: 'ops',
      body: 'hello 你好',
      attempts: 0,
      createdAt: T0.toISOString(),
    });
    expect(await s.outboxStats()).toMatchObject({ inFlight: 2 });
    expect(await s.claimDeliveries('c2', 10, 30_000, at(10_000))).toEqual([]);
    const taken = await s.claimDeliveries('c2', 1, 30_000, at(31_000));
    expect(taken).toHaveLength(1);
    expect((await s.claimDeliveries('c3', 10, 30_000, at(32_000))).map((d) => d.id)).toHaveLength(1);
    expect(await s.claimDeliveries('c4', 10, 30_000, at(33_000))).toEqual([]);
  });

  it('a consumer takes back its own claims once their lease runs out (a claim interrupted by a store error)', async () => {
    const s = get();
    await s.enqueue([delivery('n1'), delivery('n2')]);
    // c1 claims both, then loses track of them (the store failed mid-delivery): no ack, no retry.
    expect(await s.claimDeliveries('c1', 10, 30_000, at(0))).toHaveLength(2);
    expect(await s.claimDeliveries('c1', 10, 30_000, at(10_000))).toEqual([]);
    const again = await s.claimDeliveries('c1', 10, 30_000, at(31_000));
    expect(again.map((d) => d.id).sort()).toEqual(['n1', 'n2']);
    // Taken back with a fresh lease: nobody, c1 included, gets them again before it runs out.
    expect(await s.claimDeliveries('c1', 10, 30_000, at(40_000))).toEqual([]);
    expect(await s.claimDeliveries('c2', 10, 30_000, at(40_000))).toEqual([]);
    await s.completeDelivery(again[0], 'console', at(41_000));
    expect((await s.claimDeliveries('c1', 10, 30_000, at(62_000))).map((d) => d.id)).toEqual([again[1].id]);
  });

  it('respects notBefore and max', async () => {
    const s = get();
    await s.enqueue([delivery('later', { notBefore: at(60_000).toISOString() }), delivery('now1'), delivery('now2')]);
    const a = await s.claimDeliveries('c1', 1, 300_000, at(0));
    expect(a).toHaveLength(1);
    const b = await s.claimDeliveries('c1', 10, 300_000, at(0));
    expect(b).toHaveLength(1);
    expect([...a, ...b].map((d) => d.id).sort()).toEqual(['now1', 'now2']);
    const later = await s.claimDeliveries('c1', 10, 30_000, at(61_000));
    expect(later.map((d) => d.id)).toEqual(['later']);
  });

  it('recordAttempt counts and persists; retry hands back with notBefore and error', async () => {
    const s = get();
    await s.enqueue([delivery('n1')]);
    await s.claimDeliveries('c1', 10, 30_000, at(0));
    expect(await s.recordAttempt('n1', 'c1')).toBe(1);
    expect(await s.recordAttempt('n1', 'c1')).toBe(2);
    await s.retryDelivery('n1', at(120_000), 'HTTP 429: rate limited');
    expect(await s.claimDeliveries('c2', 10, 30_000, at(60_000))).toEqual([]);
    expect(await s.outboxStats()).toEqual({ pending: 1, inFlight: 0, dead: 0 });
    const again = await s.claimDeliveries('c2', 10, 30_000, at(121_000));
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: 'n1', attempts: 2, lastError: 'HTTP 429: rate limited', notBefore: at(120_000).toISOString() });
  });

  it('keeps the 429 retry state in its own field, lastError only the message; a retry without it clears it', async () => {
    const s = get();
    await s.enqueue([delivery('n1')]);
    const [fresh] = await s.claimDeliveries('c1', 10, 30_000, at(0));
    expect(fresh!.retry).toBeUndefined();
    await s.retryDelivery('n1', at(1_000), 'HTTP 429: slow down', { streak: 2, forgiven: 1 });
    const [limited] = await s.claimDeliveries('c1', 10, 30_000, at(2_000));
    expect(limited).toMatchObject({ id: 'n1', lastError: 'HTTP 429: slow down', retry: { streak: 2, forgiven: 1 } });
    await s.retryDelivery('n1', at(3_000), 'HTTP 502: bad gateway', { streak: 0, forgiven: 1 });
    const [after] = await s.claimDeliveries('c1', 10, 30_000, at(4_000));
    expect(after).toMatchObject({ lastError: 'HTTP 502: bad gateway', retry: { streak: 0, forgiven: 1 } });
    await s.retryDelivery('n1', at(5_000), 'timeout');
    const [cleared] = await s.claimDeliveries('c1', 10, 30_000, at(6_000));
    expect(cleared!.lastError).toBe('timeout');
    expect(cleared!.retry).toBeUndefined();
  });

  it('completeDelivery acknowledges, and records the post for alert deliveries', async () => {
    const s = get();
    const alert = delivery('alert:slack:C1:a1', { kind: 'alert', platform: 'slack', channel: 'C1', alertId: 'a1', body: undefined });
    const notice = delivery('n1');
    await s.enqueue([alert, notice]);
    const got = await s.claimDeliveries('c1', 10, 30_000, at(0));
    const a = got.find((d) => d.id === alert.id)!;
    expect(a).toMatchObject({ kind: 'alert', alertId: 'a1', platform: 'slack', channel: 'C1' });
    await s.completeDelivery(a, '1712345.000100', at(1000));
    await s.completeDelivery(
      got.find((d) => d.id === 'n1')!,
      'console',
      at(1000),
    );
    expect(await s.outboxStats()).toEqual({ pending: 0, inFlight: 0, dead: 0 });
    expect(await s.claimDeliveries('c2', 10, 30_000, at(100_000))).toEqual([]);
    const posted = { alertId: 'a1', platform: 'slack', channel: 'C1', messageId: '1712345.000100', postedAt: at(1000).toISOString() };
    expect(await s.getPosted('a1', 'slack', 'C1')).toEqual(posted);
    expect(await s.getPosted('a1', 'discord', 'C1')).toBeNull();
    expect(await s.listPosted('a1')).toEqual([posted]);
    expect(await s.listPosted('n1')).toEqual([]);
    // Done deliveries stay idempotent: enqueueing the same id again is a no-op.
    expect(await s.enqueue([alert])).toBe(0);
  });

  it('dead letters are kept with their error', async () => {
    const s = get();
    await s.enqueue([delivery('n1'), delivery('n2')]);
    await s.claimDeliveries('c1', 10, 30_000, at(0));
    await s.recordAttempt('n1', 'c1');
    await s.deadLetter('n1', 'channel_not_found: invite the bot to the channel');
    expect(await s.outboxStats()).toEqual({ pending: 0, inFlight: 1, dead: 1 });
    const dead = await s.deadLetters(10);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ id: 'n1', kind: 'notice', attempts: 1, error: 'channel_not_found: invite the bot to the channel' });
    expect(await s.claimDeliveries('c2', 10, 30_000, at(100_000))).toEqual([expect.objectContaining({ id: 'n2' })]);
  });
}
