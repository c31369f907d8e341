// Contract: the claim. Exact keys, near-duplicates through shared buckets, archive, outbox.
// Decisions every backend follows:
// - A key (or bucket) is live while `now < claimTime + retentionSec`, `now` taken from the batch.
// - An item whose id is already archived, or that owns any of its keys, is 'seen'.
// - A duplicate's own free keys are claimed for it, so its next appearance is 'seen'.
// - A duplicate of a non-archived owner is reported ('duplicate', duplicateOf) and changes nothing.
// - alsoReportedBy gets {source, link, title, at: item.published}, skipped when that source+link is
//   already there (or is the original's own); 'update' deliveries go to every channel where the
//   original was posted, id `update:${platform}:${channel}:${alertId}:${count}`. The list keeps the
//   first ALSO_KEEP reports and `alsoCount` counts them all; past ALSO_KEEP only every
//   ALSO_UPDATE_EVERY-th retelling edits the post (bounded work per retelling).
// - Only new archived entries index their fingerprint buckets; the matcher sees (incoming, candidate).
// - Targets of a non-archived entry are ignored (there is no alert to deliver).
import { expect, it } from 'vitest';
import type { Delivery } from '../../src/types.js';
import type { NearDupMatcher } from '../../src/store/store.js';
import type { StoreGetter } from './store-contract.js';
import { always, at, batch, entry, item, never } from './store-contract-fixtures.js';
import { ALSO_KEEP, ALSO_UPDATE_EVERY } from '../../src/store/also.js';

const slack = { platform: 'slack' as const, channel: 'C1' };
const discord = { platform: 'discord' as const, channel: 'D1' };

async function claimAll(get: StoreGetter, max = 100, now = at(1000)): Promise<Delivery[]> {
  return get().claimDeliveries('test-consumer', max, 60_000, now);
}

export function ingestContract(get: StoreGetter): void {
  it('a new item is archived and its deliveries enqueued with deterministic ids', async () => {
    const s = get();
    const it1 = item('a1', { title: 'ByteDance hires researcher' });
    const out = await s.ingest(batch([entry(it1, { targets: [slack, discord] })]));
    expect(out).toEqual([{ id: 'a1', status: 'new', enqueued: 2 }]);
    const alert = await s.getAlert('a1');
    expect(alert).toMatchObject({ ...it1, alsoReportedBy: [] });
    expect(alert?.assessment.topics).toEqual(['talent']);
    expect(alert?.archivedAt).toBe(at(0).toISOString());
    const ds = await claimAll(get);
    expect(ds.map((d) => d.id).sort()).toEqual(['alert:discord:D1:a1', 'alert:slack:C1:a1']);
    for (const d of ds) expect(d).toMatchObject({ kind: 'alert', alertId: 'a1', attempts: 0 });
  });

  it('the same item again is seen and enqueues nothing', async () => {
    const s = get();
    const e = entry(item('a1'), { targets: [slack] });
    await s.ingest(batch([e]));
    const again = await s.ingest(batch([e], { now: at(60_000) }));
    expect(again).toEqual([{ id: 'a1', status: 'seen', enqueued: 0 }]);
    expect(await s.outboxStats()).toMatchObject({ pending: 1 });
    expect(await s.countAlerts()).toBe(1);
  });

  it('an archived item stays seen even after its keys expired', async () => {
    const s = get();
    const e = entry(item('a1'), { targets: [slack] });
    await s.ingest(batch([e], { retentionSec: 60 }));
    const later = await s.ingest(batch([e], { retentionSec: 60, now: at(120_000) }));
    expect(later[0]).toMatchObject({ status: 'seen', enqueued: 0 });
  });

  it('another item sharing an exact key is a duplicate and is recorded on the original', async () => {
    const s = get();
    await s.ingest(batch([entry(item('a1'), { keys: ['url:x', 'title:t'], targets: [slack] })]));
    const dup = item('b1', { source: 'other', link: 'https://other.example/b1', title: 'Same story elsewhere', published: at(5000).toISOString() });
    const out = await s.ingest(batch([entry(dup, { keys: ['guid:other:1', 'title:t'], targets: [slack] })], { now: at(10_000) }));
    expect(out).toEqual([{ id: 'b1', status: 'duplicate', duplicateOf: 'a1', enqueued: 0 }]);
    expect(await s.getAlert('b1')).toBeNull();
    const a1 = await s.getAlert('a1');
    expect(a1?.alsoReportedBy).toEqual([{ source: 'other', link: 'https://other.example/b1', title: 'Same story elsewhere', at: at(5000).toISOString() }]);
    // The duplicate claimed its own free key: it is seen next time, nothing appended again.
    const again = await s.ingest(batch([entry(dup, { keys: ['guid:other:1', 'title:t'], targets: [slack] })], { now: at(20_000) }));
    expect(again[0]).toMatchObject({ status: 'seen', enqueued: 0 });
    expect((await s.getAlert('a1'))?.alsoReportedBy).toHaveLength(1);
    // A third item sharing only the duplicate's key belongs to the original story.
    const third = await s.ingest(batch([entry(item('c1', { source: 'third' }), { keys: ['guid:other:1'] })], { now: at(30_000) }));
    expect(third[0]).toMatchObject({ status: 'duplicate', duplicateOf: 'a1' });
    expect((await s.getAlert('a1'))?.alsoReportedBy.map((r) => r.source)).toEqual(['other', 'third']);
  });

  it('the same source and link is not appended twice', async () => {
    const s = get();
    await s.ingest(batch([entry(item('a1'), { keys: ['title:t'] })]));
    const link = 'https://other.example/x';
    await s.ingest(batch([entry(item('b1', { source: 'other', link }), { keys: ['title:t', 'k:b1'] })]));
    await s.ingest(batch([entry(item('b2', { source: 'other', link }), { keys: ['title:t', 'k:b2'] })]));
    // The original's own source+link is not appended either.
    await s.ingest(batch([entry(item('a1-again', { link: 'https://news.example/a1' }), { keys: ['title:t'] })]));
    expect((await s.getAlert('a1'))?.alsoReportedBy.map((r) => r.link)).toEqual([link]);
  });

  it('a duplicate enqueues an update for every channel where the original was posted', async () => {
    const s = get();
    await s.ingest(batch([entry(item('a1'), { keys: ['url:x'], targets: [slack, discord] })]));
    const ds = await claimAll(get);
    const posted = ds.find((d) => d.platform === 'slack');
    expect(posted).toBeDefined();
    await s.completeDelivery(posted!, 'msg-1', at(2000));
    const out = await s.ingest(batch([entry(item('b1', { source: 'other' }), { keys: ['url:x'], targets: [slack] })], { now: at(3000) }));
    expect(out[0]).toEqual({ id: 'b1', status: 'duplicate', duplicateOf: 'a1', enqueued: 1 });
    const updates = (await claimAll(get, 100, at(4000))).filter((d) => d.kind === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ id: 'update:slack:C1:a1:1', kind: 'update', platform: 'slack', channel: 'C1', alertId: 'a1' });
  });

  it('near-duplicates are found through shared buckets and decided by the matcher', async () => {
    const s = get();
    const seen: Array<[string, string]> = [];
    const matcher: NearDupMatcher = (a, b) => {
      seen.push([a, b]);
      return a.startsWith('sig-A') && b.startsWith('sig-A');
    };
    await s.ingest(batch([entry(item('a1'), { fingerprint: { buckets: ['b:1', 'b:2'], data: 'sig-A1' } })], { matcher }));
    await s.ingest(batch([entry(item('z1'), { fingerprint: { buckets: ['b:9'], data: 'sig-Z' } })], { matcher }));
    expect(seen).toEqual([]);
    const out = await s.ingest(
      batch([entry(item('a2', { source: 'cn' }), { fingerprint: { buckets: ['b:2', 'b:3'], data: 'sig-A2' } })], { matcher, now: at(1000) }),
    );
    expect(out[0]).toMatchObject({ status: 'duplicate', duplicateOf: 'a1' });
    // Only the candidate sharing a bucket was compared.
    expect(seen).toEqual([['sig-A2', 'sig-A1']]);
    expect((await s.getAlert('a1'))?.alsoReportedBy.map((r) => r.source)).toEqual(['cn']);
    const miss = await s.ingest(batch([entry(item('m1'), { fingerprint: { buckets: ['b:1'], data: 'sig-M' } })], { matcher, now: at(2000) }));
    expect(miss[0]).toMatchObject({ status: 'new' });
    expect(await s.getAlert('m1')).not.toBeNull();
  });

  it('caps "also reported by": the first ALSO_KEEP are listed, all are counted, edits thin out', async () => {
    const s = get();
    await s.ingest(batch([entry(item('o1'), { keys: ['url:o1', 'title:story'], targets: [slack] })]));
    const [posted] = await claimAll(get);
    await s.completeDelivery(posted!, 'msg-1', at(2000));
    const n = ALSO_UPDATE_EVERY * 2 + 3;
    // One feed, many outlets' copies of the story: each with its own link, all sharing the title key.
    const copies = Array.from({ length: n }, (_, i) =>
      entry(item(`c${i}`, { source: `outlet${i}`, title: 'x'.repeat(5000) }), { keys: [`url:c${i}`, 'title:story'] }),
    );
    const out = await s.ingest(batch(copies, { now: at(3000) }));
    expect(out.every((o) => o.status === 'duplicate' && o.duplicateOf === 'o1')).toBe(true);
    const alert = await s.getAlert('o1');
    expect(alert?.alsoReportedBy).toHaveLength(ALSO_KEEP);
    expect(alert?.alsoReportedBy[0].source).toBe('outlet0');
    expect(alert?.alsoReportedBy[0].title.length).toBeLessThanOrEqual(300);
    expect(alert?.alsoCount).toBe(n);
    const updates = (await claimAll(get, 1000, at(4000))).filter((d) => d.kind === 'update').map((d) => d.id);
    const expected = [...Array.from({ length: ALSO_KEEP }, (_, i) => i + 1), ALSO_UPDATE_EVERY, ALSO_UPDATE_EVERY * 2];
    expect(updates.sort()).toEqual(expected.map((k) => `update:slack:C1:o1:${k}`).sort());
    // A copy seen again (same source and link, another id) adds nothing.
    await s.ingest(
      batch([entry(item('again', { source: 'outlet0', link: 'https://news.example/c0' }), { keys: ['url:again', 'title:story'] })], { now: at(5000) }),
    );
    expect((await s.getAlert('o1'))?.alsoCount).toBe(n);
  });

  it('non-archived items only claim keys; their duplicates change nothing', async () => {
    const s = get();
    const out = await s.ingest(batch([entry(item('n1'), { keys: ['url:n'], archive: false, targets: [slack], fingerprint: { buckets: ['b:n'], data: 'x' } })]));
    expect(out[0]).toEqual({ id: 'n1', status: 'new', enqueued: 0 });
    expect(await s.getAlert('n1')).toBeNull();
    expect(await s.countAlerts()).toBe(0);
    expect((await s.ingest(batch([entry(item('n1'), { keys: ['url:n'], archive: false })])))[0].status).toBe('seen');
    const dup = await s.ingest(
      batch([entry(item('n2'), { keys: ['url:n'], targets: [slack], fingerprint: { buckets: ['b:n'], data: 'x' } })], { matcher: always }),
    );
    expect(dup[0]).toEqual({ id: 'n2', status: 'duplicate', duplicateOf: 'n1', enqueued: 0 });
    expect(await s.countAlerts()).toBe(0);
    // Non-archived entries do not index buckets: this one is new.
    const other = await s.ingest(batch([entry(item('n3'), { keys: ['url:n3'], fingerprint: { buckets: ['b:n'], data: 'x' } })], { matcher: always }));
    expect(other[0].status).toBe('new');
    expect(await s.outboxStats()).toMatchObject({ pending: 0 });
  });

  it('processes a batch in order: the second entry can duplicate the first', async () => {
    const s = get();
    const out = await s.ingest(
      batch(
        [
          entry(item('a1'), { keys: ['url:1', 'title:t'], targets: [slack] }),
          entry(item('a2'), { keys: ['url:2', 'title:t'], targets: [slack] }),
          entry(item('a3'), { keys: ['url:3'], fingerprint: { buckets: ['q'], data: 'd3' }, targets: [slack] }),
          entry(item('a4'), { keys: ['url:4'], fingerprint: { buckets: ['q'], data: 'd4' }, targets: [slack] }),
          entry(item('a1'), { keys: ['url:1', 'title:t'], targets: [slack] }),
        ],
        { matcher: always },
      ),
    );
    expect(out.map((o) => [o.id, o.status, o.duplicateOf ?? null])).toEqual([
      ['a1', 'new', null],
      ['a2', 'duplicate', 'a1'],
      ['a3', 'new', null],
      ['a4', 'duplicate', 'a3'],
      ['a1', 'seen', null],
    ]);
    expect(out.map((o) => o.enqueued)).toEqual([1, 0, 1, 0, 0]);
  });

  it('keys and buckets expire after retentionSec', async () => {
    const s = get();
    await s.ingest(batch([entry(item('a1'), { keys: ['url:x'], fingerprint: { buckets: ['b'], data: 'd' } })], { retentionSec: 3600 }));
    const inside = await s.ingest(batch([entry(item('b1'), { keys: ['url:x'] })], { retentionSec: 3600, now: at(3599_000) }));
    expect(inside[0].status).toBe('duplicate');
    const after = await s.ingest(
      batch([entry(item('c1'), { keys: ['url:x'] }), entry(item('c2'), { keys: ['url:c2'], fingerprint: { buckets: ['b'], data: 'd' } })], {
        retentionSec: 3600,
        matcher: always,
        now: at(3601_000),
      }),
    );
    expect(after.map((o) => o.status)).toEqual(['new', 'new']);
  });

  it('an empty batch still saves state and returns nothing', async () => {
    const s = get();
    const out = await s.ingest(batch([], { sourceState: { name: 'e', url: 'https://e.example', consecutiveFailures: 0, initialized: true, disabled: false } }));
    expect(out).toEqual([]);
    expect((await s.getSourceStates()).map((x) => x.name)).toContain('e');
  });

  it('keeps many entries consistent in one batch', async () => {
    const s = get();
    const entries = Array.from({ length: 300 }, (_, i) => entry(item(`m${i}`), { keys: [`url:${i % 150}`], targets: i % 2 ? [] : [slack] }));
    const out = await s.ingest(batch(entries));
    expect(out.filter((o) => o.status === 'new')).toHaveLength(150);
    expect(out.slice(150).every((o) => o.status === 'duplicate' && o.duplicateOf === `m${Number(o.id.slice(1)) - 150}`)).toBe(true);
    expect(await s.countAlerts()).toBe(150);
    expect((await s.outboxStats()).pending).toBe(75);
  });
}
