// The in-process candidate mirror (store/sqlite/candidates.ts) must hand the near-duplicate
// decision exactly the rows a fresh query returns: same members, same order (ties on the clock
// by alert id, descending), expiry honoured, other writers and rollbacks noticed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { BUCKET_READ } from '../../../src/store/near-dup.js';
import type { IngestEntry, NearDupMatcher } from '../../../src/store/store.js';
import type { Assessment } from '../../../src/types.js';

const assessment: Assessment = { relevant: true, topics: ['talent'], score: 0.9, firms: [], moves: [], why: [], summary: '' };
const t0 = Date.parse('2026-11-01T00:00:00Z');

function entry(id: string, buckets: string[]): IngestEntry {
  const published = new Date(t0).toISOString();
  return {
    item: { id, source: 's', title: id, summary: '', link: `https://x.example/${id}`, lang: 'en', published, fetchedAt: published },
    assessment,
    keys: [`url:${id}`],
    fingerprint: { buckets, data: `data-${id}` },
    archive: true,
    targets: [],
  };
}

/** What the decision saw: for every incoming id, the candidate pool in order. */
function recorder(): { matcher: NearDupMatcher; pools: string[][] } {
  const pools: string[][] = [];
  let last: readonly string[] | undefined;
  return {
    pools,
    matcher: (_a, _b, pool) => {
      if (pool && pool !== last) (pools.push([...pool]), (last = pool));
      return false;
    },
  };
}

type Internals = { ingestor: { candidates: { clear(): void } } };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the same batches with the mirror and with the mirror dropped before every item. */
async function both(batches: Array<{ entries: IngestEntry[]; at: number }>, retentionSec = 3600): Promise<[string[][], string[][]]> {
  const out: string[][][] = [];
  for (const fresh of [false, true]) {
    const store = SqliteStore.open({ file: ':memory:' });
    const r = recorder();
    for (const b of batches) {
      for (const e of b.entries) {
        if (fresh) (store as unknown as Internals).ingestor.candidates.clear();
        await store.ingest({ entries: [e], matcher: r.matcher, retentionSec, now: new Date(b.at) });
      }
    }
    out.push(r.pools);
    await store.close();
  }
  return [out[0], out[1]];
}

describe('sqlite candidate mirror', () => {
  it('gives the same pools as fresh reads, with ties on the clock and more than BUCKET_READ members', async () => {
    const batches = Array.from({ length: 6 }, (_, k) => ({
      at: t0 + k * 1000,
      // Same clock inside a batch (ties), ids in no particular order, overlapping buckets.
      entries: Array.from({ length: 40 }, (_, i) => entry(`id-${(i * 37 + k * 11) % 97}-${k}`, [`b${i % 3}`, `c${(i + k) % 5}`, 'all'])),
    }));
    const [cached, fresh] = await both(batches);
    expect(fresh.length).toBeGreaterThan(100);
    expect(fresh.some((p) => p.length > 40)).toBe(true);
    expect(cached).toEqual(fresh);
    expect(6 * 40).toBeGreaterThan(BUCKET_READ);
  });

  it('leaves out members that expired since they were read', async () => {
    const batches = [
      { at: t0, entries: [entry('old', ['x'])] },
      { at: t0 + 30_000, entries: [entry('mid', ['x'])] },
      { at: t0 + 65_000, entries: [entry('late', ['x'])] },
      { at: t0 + 95_000, entries: [entry('later', ['x'])] },
    ];
    const [cached, fresh] = await both(batches, 60);
    expect(cached).toEqual(fresh);
    expect(cached.at(-1)).toEqual(['data-late']);
  });

  it('sees members written by another connection to the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-cand-'));
    dirs.push(dir);
    const a = SqliteStore.open({ dir });
    const b = SqliteStore.open({ dir });
    const r = recorder();
    await a.ingest({ entries: [entry('one', ['x'])], matcher: r.matcher, retentionSec: 3600, now: new Date(t0) });
    await a.ingest({ entries: [entry('two', ['x'])], matcher: r.matcher, retentionSec: 3600, now: new Date(t0 + 1) });
    await b.ingest({ entries: [entry('three', ['x'])], matcher: () => false, retentionSec: 3600, now: new Date(t0 + 2) });
    await a.ingest({ entries: [entry('four', ['x'])], matcher: r.matcher, retentionSec: 3600, now: new Date(t0 + 3) });
    expect(r.pools.at(-1)).toEqual(['data-one', 'data-two', 'data-three']);
    await a.close();
    await b.close();
  });

  it('forgets what a rolled-back batch wrote', async () => {
    const store = SqliteStore.open({ file: ':memory:' });
    const r = recorder();
    await store.ingest({ entries: [entry('one', ['x'])], matcher: r.matcher, retentionSec: 3600, now: new Date(t0) });
    const boom: NearDupMatcher = () => {
      throw new Error('boom');
    };
    // 'two' is archived and indexed, then 'three' throws in the matcher: the batch rolls back.
    await expect(
      store.ingest({ entries: [entry('two', ['y']), entry('three', ['x', 'y'])], matcher: boom, retentionSec: 3600, now: new Date(t0 + 1) }),
    ).rejects.toThrow('boom');
    await store.ingest({ entries: [entry('four', ['x', 'y'])], matcher: r.matcher, retentionSec: 3600, now: new Date(t0 + 2) });
    expect(r.pools.at(-1)).toEqual(['data-one']);
    await store.close();
  });
});
