// Contract: subscriptions, digest settings, claimOnce, cache and purge.
// Decision: setDigest(..., 'off') is stored and listed as 'off', so it overrides a route's digest.
import { expect, it } from 'vitest';
import type { Subscription } from '../../src/types.js';
import type { StoreGetter } from './store-contract.js';
import { DAY, T0, at, batch, entry, item, sleep } from './store-contract-fixtures.js';

const sub = (o: Partial<Subscription> = {}): Subscription => ({
  platform: 'slack',
  channel: 'C1',
  kind: 'firm',
  value: 'ByteDance',
  createdBy: 'U1',
  createdAt: T0.toISOString(),
  ...o,
});

export function stateContract(get: StoreGetter): void {
  it('adds, lists, filters and removes subscriptions', async () => {
    const s = get();
    expect(await s.addSubscription(sub())).toBe(true);
    expect(await s.addSubscription(sub({ createdBy: 'U2' }))).toBe(false);
    expect(await s.addSubscription(sub({ kind: 'topic', value: 'superapp', createdBy: undefined }))).toBe(true);
    expect(await s.addSubscription(sub({ platform: 'discord', channel: 'D1' }))).toBe(true);
    expect(await s.listSubscriptions()).toHaveLength(3);
    const slack = await s.listSubscriptions({ platform: 'slack', channel: 'C1' });
    expect(slack).toHaveLength(2);
    expect(slack).toContainEqual(sub());
    expect(slack).toContainEqual({ platform: 'slack', channel: 'C1', kind: 'topic', value: 'superapp', createdAt: T0.toISOString() });
    expect(await s.listSubscriptions({ platform: 'discord' })).toEqual([sub({ platform: 'discord', channel: 'D1' })]);
    expect(await s.removeSubscription({ platform: 'slack', channel: 'C1', kind: 'firm', value: 'ByteDance' })).toBe(true);
    expect(await s.removeSubscription({ platform: 'slack', channel: 'C1', kind: 'firm', value: 'ByteDance' })).toBe(false);
    expect(await s.listSubscriptions({ platform: 'slack' })).toHaveLength(1);
  });

  it('stores digest modes per channel; off is kept as off', async () => {
    const s = get();
    await s.setDigest('slack', 'C1', 'daily');
    await s.setDigest('discord', 'D1', 'weekly');
    await s.setDigest('slack', 'C1', 'weekly');
    await s.setDigest('slack', 'C2', 'off');
    const list = await s.listDigests();
    expect(list).toHaveLength(3);
    expect(list).toContainEqual({ platform: 'slack', channel: 'C1', mode: 'weekly' });
    expect(list).toContainEqual({ platform: 'discord', channel: 'D1', mode: 'weekly' });
    expect(list).toContainEqual({ platform: 'slack', channel: 'C2', mode: 'off' });
  });

  it('claimOnce is true once per ttl; cache values expire', async () => {
    const s = get();
    expect(await s.claimOnce('notice:x', 1)).toBe(true);
    expect(await s.claimOnce('notice:x', 1)).toBe(false);
    expect(await s.claimOnce('notice:y', 60)).toBe(true);
    await s.cacheSet('k', 'v1', 1);
    await s.cacheSet('long', '长', 60);
    expect(await s.cacheGet('k')).toBe('v1');
    expect(await s.cacheGet('absent')).toBeNull();
    await sleep(1100);
    expect(await s.claimOnce('notice:x', 60)).toBe(true);
    expect(await s.claimOnce('notice:y', 60)).toBe(false);
    expect(await s.cacheGet('k')).toBeNull();
    expect(await s.cacheGet('long')).toBe('长');
    await s.cacheSet('long', 'v2', 60);
    expect(await s.cacheGet('long')).toBe('v2');
  });

  it('purge drops alerts older than the retention and keeps the rest working', async () => {
    const s = get();
    await s.ingest(
      batch([entry(item('old', { title: 'Ancient OpenAI story', published: at(-41 * DAY).toISOString() }), { keys: ['url:old'] })], { now: at(-40 * DAY) }),
    );
    await s.ingest(batch([entry(item('new', { title: 'Fresh OpenAI story' }), { keys: ['url:new'] })]));
    await s.purge(T0, 30);
    expect(await s.getAlert('old')).toBeNull();
    expect(await s.getAlert('new')).not.toBeNull();
    expect(await s.countAlerts()).toBe(1);
    expect((await s.search({ text: 'openai', limit: 10 })).hits.map((h) => h.alert.id)).toEqual(['new']);
    expect((await s.latestAlerts(10)).map((a) => a.id)).toEqual(['new']);
    // Purge without a retention keeps alerts; the live key still dedupes.
    await s.purge(T0);
    expect(await s.countAlerts()).toBe(1);
    expect((await s.ingest(batch([entry(item('again'), { keys: ['url:new'] })])))[0]).toMatchObject({ status: 'duplicate', duplicateOf: 'new' });
  });
}
