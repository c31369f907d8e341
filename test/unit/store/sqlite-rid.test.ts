// Regression: more than 1024 alerts published in the same millisecond must all be archived.
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import type { Assessment, Item } from '../../../src/types.js';

describe('sqlite archive', () => {
  it('archives 1,100 alerts that share one published time, and finds them all', async () => {
    const store = SqliteStore.open({ file: ':memory:' });
    const published = '2026-11-01T00:00:00.000Z';
    const assessment: Assessment = { relevant: true, topics: ['talent'], score: 0.9, firms: ['OpenAI'], moves: [], why: [], summary: 's' };
    const entries = Array.from({ length: 1100 }, (_, i) => {
      const item: Item = {
        id: `s:${i}`,
        source: 's',
        title: `Researcher number ${i} joins OpenAI`,
        summary: 'x',
        link: `https://x.example/${i}`,
        lang: 'en',
        published,
        fetchedAt: published,
      };
      return { item, assessment, keys: [`url:${i}`], archive: true, targets: [] };
    });
    const out = await store.ingest({ entries, matcher: () => false, retentionSec: 86400, now: new Date(published) });
    expect(out.filter((o) => o.status === 'new')).toHaveLength(1100);
    expect(await store.countAlerts()).toBe(1100);
    expect((await store.search({ text: 'researcher', since: published, limit: 5 })).total).toBeGreaterThanOrEqual(1000);
    await store.close();
  });
});
