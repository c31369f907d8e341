// Contract: poll leases (SET NX PX semantics, compare-and-delete) and per-source state.
import { expect, it } from 'vitest';
import type { SourceState } from '../../src/types.js';
import type { StoreGetter } from './store-contract.js';
import { T0, batch, entry, item, sleep } from './store-contract-fixtures.js';

const full: SourceState = {
  name: 'techwire',
  url: 'https://techwire.example/feed.xml',
  etag: 'W/"abc"',
  lastModified: 'Wed, 21 Oct 2025 07:28:00 GMT',
  lastPollAt: T0.toISOString(),
  lastSuccessAt: T0.toISOString(),
  lastError: 'HTTP 503 from techwire.example: retry later',
  lastErrorCode: 'FETCH_HTTP',
  consecutiveFailures: 2,
  nextPollAt: new Date(T0.getTime() + 60_000).toISOString(),
  initialized: true,
  disabled: false,
  itemsSeen: 42,
};

export function sourcesContract(get: StoreGetter): void {
  it('leaseSource returns null state first, refuses a second owner while held', async () => {
    const s = get();
    const a = await s.leaseSource('techwire', 'owner-a', 10_000);
    expect(a).toEqual({ state: null });
    expect(await s.leaseSource('techwire', 'owner-b', 10_000)).toBeNull();
    // Leases are per source.
    expect(await s.leaseSource('other', 'owner-b', 10_000)).toEqual({ state: null });
  });

  it('leaseSources takes the free leases among many at once, with their states; a second owner gets none of them', async () => {
    const s = get();
    await s.saveSourceState(full);
    expect(await s.leaseSource('held', 'owner-b', 10_000)).not.toBeNull();
    const a = await s.leaseSources(['techwire', 'held', 'fresh'], 'owner-a', 10_000);
    expect([...a.keys()].sort()).toEqual(['fresh', 'techwire']);
    expect(a.get('techwire')).toEqual({ state: full });
    expect(a.get('fresh')).toEqual({ state: null });
    // Another replica starting its cycle at the same moment finds them taken; the owner may take them again.
    expect((await s.leaseSources(['techwire', 'fresh'], 'owner-b', 10_000)).size).toBe(0);
    expect([...(await s.leaseSources(['techwire', 'fresh'], 'owner-a', 10_000)).keys()].sort()).toEqual(['fresh', 'techwire']);
    expect(await s.renewLease('fresh', 'owner-a', 10_000)).toBe(true);
    expect((await s.leaseSources([], 'owner-a', 10_000)).size).toBe(0);
  });

  it('leaseSource is re-entrant for its owner: taking it again refreshes it and reads the state', async () => {
    const s = get();
    await s.saveSourceState(full);
    expect(await s.leaseSource('techwire', 'owner-a', 10_000)).toEqual({ state: full });
    expect(await s.leaseSource('techwire', 'owner-a', 10_000)).toEqual({ state: full });
    expect(await s.leaseSource('techwire', 'owner-b', 10_000)).toBeNull();
  });

  it('leaseSources from two owners at once: every source goes to exactly one', async () => {
    const s = get();
    const names = Array.from({ length: 200 }, (_, i) => `feed-${i}`);
    const [a, b] = await Promise.all([s.leaseSources(names, 'owner-a', 10_000), s.leaseSources(names, 'owner-b', 10_000)]);
    expect(a.size + b.size).toBe(names.length);
    for (const n of names) expect(a.has(n) !== b.has(n)).toBe(true);
  });

  it('renews by owner only and releases by compare-and-delete', async () => {
    const s = get();
    expect(await s.leaseSource('techwire', 'owner-a', 10_000)).not.toBeNull();
    expect(await s.renewLease('techwire', 'owner-b', 10_000)).toBe(false);
    expect(await s.renewLease('techwire', 'owner-a', 10_000)).toBe(true);
    await s.releaseLease('techwire', 'owner-b');
    expect(await s.leaseSource('techwire', 'owner-b', 10_000)).toBeNull();
    await s.releaseLease('techwire', 'owner-a');
    expect(await s.leaseSource('techwire', 'owner-b', 10_000)).not.toBeNull();
    expect(await s.renewLease('nothing-here', 'owner-a', 10_000)).toBe(false);
  });

  it('an expired lease lets another owner in, and the old owner can no longer renew', async () => {
    const s = get();
    expect(await s.leaseSource('techwire', 'owner-a', 80)).not.toBeNull();
    await sleep(250);
    expect(await s.leaseSource('techwire', 'owner-b', 10_000)).not.toBeNull();
    expect(await s.renewLease('techwire', 'owner-a', 10_000)).toBe(false);
    await s.releaseLease('techwire', 'owner-a');
    expect(await s.leaseSource('techwire', 'owner-c', 10_000)).toBeNull();
  });

  it('saves and reads source state with every field, and the lease returns it', async () => {
    const s = get();
    await s.saveSourceState(full);
    await s.saveSourceState({ name: 'minimal', url: 'https://m.example/rss', consecutiveFailures: 0, initialized: false, disabled: true });
    const states = await s.getSourceStates();
    expect(states.find((x) => x.name === 'techwire')).toEqual(full);
    expect(states.find((x) => x.name === 'minimal')).toEqual({
      name: 'minimal',
      url: 'https://m.example/rss',
      consecutiveFailures: 0,
      initialized: false,
      disabled: true,
    });
    expect(await s.leaseSource('techwire', 'owner-a', 10_000)).toEqual({ state: full });
    // Saving again overwrites (optional fields dropped too).
    await s.saveSourceState({ ...full, etag: undefined, consecutiveFailures: 0 });
    const again = (await s.getSourceStates()).find((x) => x.name === 'techwire');
    expect(again?.etag).toBeUndefined();
    expect(again?.consecutiveFailures).toBe(0);
  });

  it('saveSourceState with release frees the lease only for its owner', async () => {
    const s = get();
    await s.leaseSource('techwire', 'owner-a', 10_000);
    await s.saveSourceState(full, { name: 'techwire', owner: 'owner-b' });
    expect(await s.leaseSource('techwire', 'owner-b', 10_000)).toBeNull();
    await s.saveSourceState(full, { name: 'techwire', owner: 'owner-a' });
    expect(await s.leaseSource('techwire', 'owner-b', 10_000)).toEqual({ state: full });
  });

  it('ingest applies sourceState and release from the batch', async () => {
    const s = get();
    await s.leaseSource('techwire', 'owner-a', 10_000);
    await s.ingest(batch([entry(item('x1'))], { sourceState: full, release: { name: 'techwire', owner: 'owner-a' } }));
    expect((await s.getSourceStates()).find((x) => x.name === 'techwire')).toEqual(full);
    expect(await s.leaseSource('techwire', 'owner-b', 10_000)).toEqual({ state: full });
  });
}
