import { describe, expect, it } from 'vitest';
import { cacheSubscriptions } from '../../src/pipeline/subscriptions.js';
import type { Subscription } from '../../src/types.js';

describe('subscription cache', () => {
  it('reads the store once per interval, and again at once after invalidate', async () => {
    let reads = 0;
    let t = 0;
    const sub: Subscription = { platform: 'slack', channel: 'C1', kind: 'firm', value: 'OpenAI', createdAt: '2026-11-01T00:00:00Z' };
    const cache = cacheSubscriptions({ listSubscriptions: async () => (reads++, [sub]) }, 1000, () => t);
    expect(await cache.get()).toEqual([sub]);
    await cache.get();
    expect(reads).toBe(1);
    t = 1500;
    await cache.get();
    expect(reads).toBe(2);
    cache.invalidate();
    await cache.get();
    expect(reads).toBe(3);
  });
});
