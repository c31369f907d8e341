// Contract: the alert archive reads (by id, latest by archive time, time windows, count).
import { expect, it } from 'vitest';
import type { StoreGetter } from './store-contract.js';
import { DAY, assessment, at, batch, entry, item } from './store-contract-fixtures.js';

export function archiveContract(get: StoreGetter): void {
  it('round-trips an alert with its assessment', async () => {
    const s = get();
    const a = assessment({
      topics: ['talent', 'superapp'],
      score: 0.93,
      firms: ['ByteDance', 'Google DeepMind'],
      moves: [{ person: 'Jane Doe', from: 'Google DeepMind', to: 'ByteDance', role: 'research lead', direction: 'US→CN' }],
      why: ['move verb', 'firm pair'],
      summary: 'Jane Doe leaves Google DeepMind for ByteDance.',
    });
    const it1 = item('r1', { guid: 'g-1', title: '字节跳动 hires Jane Doe', lang: 'zh', summary: 'Plain text 摘要' });
    await s.ingest(batch([entry(it1, { assessment: a })]));
    expect(await s.getAlert('r1')).toEqual({ ...it1, assessment: a, alsoReportedBy: [], archivedAt: at(0).toISOString() });
    expect(await s.getAlert('missing')).toBeNull();
  });

  it('getAlerts returns the alerts that exist, in the order asked', async () => {
    const s = get();
    await s.ingest(batch(['g1', 'g2', 'g3'].map((id) => entry(item(id)))));
    expect((await s.getAlerts(['g3', 'nope', 'g1'])).map((a) => a.id)).toEqual(['g3', 'g1']);
    expect(await s.getAlerts([])).toEqual([]);
  });

  it('latestAlerts is newest first by archive time; alertsBetween is [since, until)', async () => {
    const s = get();
    for (let i = 0; i < 5; i++) {
      // Published order is the reverse of archive order on purpose.
      await s.ingest(batch([entry(item(`t${i}`, { published: at(-i * DAY).toISOString() }))], { now: at(i * 3600_000) }));
    }
    expect((await s.latestAlerts(3)).map((a) => a.id)).toEqual(['t4', 't3', 't2']);
    expect(await s.countAlerts()).toBe(5);
    const between = await s.alertsBetween(at(3600_000).toISOString(), at(4 * 3600_000).toISOString(), 10);
    expect(between.map((a) => a.id)).toEqual(['t3', 't2', 't1']);
    expect((await s.alertsBetween(at(0).toISOString(), at(10 * 3600_000).toISOString(), 2)).map((a) => a.id)).toEqual(['t4', 't3']);
  });
}
