// Cost per item of the near-duplicate check as the archive grows (issue 10): the same 500 new items
// ingested into archives of growing size, all published in the last two days (the dense case: every
// bucket is hot). Candidate reads are bounded per bucket and the pool per item, so the cost should
// stay flat; the bench shows whether it does.
import type { Store } from '../src/store/store.js';
import { createMatcher, exactKeys, fingerprint } from '../src/pipeline/dedupe/index.js';
import { generateAlertEntries } from './gen.js';

export interface NearDupPoint {
  archived: number;
  /** Microseconds per new item for store.ingest (exact keys, candidates, matcher, archive). */
  microsPerItem: number;
  duplicates: number;
}

const TWO_DAYS = 2 * 86400_000;

/** Entries published within the two days before `now` (generateAlertEntries spreads them over a year). */
function recent(start: number, count: number, now: Date) {
  return generateAlertEntries(start, count, { seed: 11, now }).map((e, i) => {
    const published = new Date(now.getTime() - ((i * 7919) % TWO_DAYS)).toISOString();
    const item = { ...e.item, published, fetchedAt: published };
    return { ...e, item, keys: exactKeys(item), fingerprint: fingerprint(item, e.assessment) };
  });
}

export async function runNearDupGrowth(
  open: () => Promise<{ store: Store; close: () => Promise<void> }>,
  sizes: number[],
  probe = 500,
): Promise<NearDupPoint[]> {
  const now = new Date();
  const matcher = createMatcher();
  const points: NearDupPoint[] = [];
  for (const size of sizes) {
    const { store, close } = await open();
    try {
      const fill = recent(0, size, now);
      for (let i = 0; i < fill.length; i += 500) await store.ingest({ entries: fill.slice(i, i + 500), matcher, retentionSec: 30 * 86400, now });
      const probeEntries = recent(10_000_000, probe, now);
      let duplicates = 0;
      const t0 = performance.now();
      for (let i = 0; i < probeEntries.length; i += 50) {
        const out = await store.ingest({ entries: probeEntries.slice(i, i + 50), matcher, retentionSec: 30 * 86400, now });
        duplicates += out.filter((o) => o.status === 'duplicate').length;
      }
      points.push({ archived: size, microsPerItem: Math.round(((performance.now() - t0) * 1000) / probe), duplicates });
    } finally {
      await close();
    }
  }
  return points;
}
