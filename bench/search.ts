// /talent search latency: load N generated alerts through store.ingest in big batches, then
// time ~200 varied queries (English, Chinese, firm:/topic:/since: filters) through store.search.
// Sizes grow in steps on one store, so 100k and 1M share the load work.
import type { Store } from '../src/store/store.js';
import { generateAlertEntries, generateQueries } from './gen.js';
import { percentile, round, timed } from './util.js';

/** Memory the store holds per archived alert (Redis: `used_memory` delta from INFO, and MEMORY USAGE by key kind). */
export interface MemoryFigure {
  bytesPerAlert: number;
  keysBytesPerAlert?: number;
  usedMemoryDelta: number;
  byKind?: Record<string, number>;
}

export interface SearchPoint {
  memory?: MemoryFigure;
  alerts: number;
  loadSec: number;
  loadPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  queries: number;
  avgHits: number;
  /** p95 per query shape. */ p95ByKind?: Record<string, number>;
}

export interface SearchBenchOptions {
  sizes: number[];
  queries?: number;
  batch?: number;
  now?: Date;
  /** Stop loading once this many seconds were spent on one backend; the point is then skipped. */
  loadBudgetSec?: number;
  onProgress?: (msg: string) => void;
  /** Measures the store's memory after loading `alerts` (Redis); called once before loading with 0. */
  memory?: (alerts: number) => Promise<MemoryFigure | undefined>;
}

export async function runSearchBench(
  store: Store,
  opts: SearchBenchOptions,
): Promise<{ points: SearchPoint[]; skipped: Array<{ alerts: number; reason: string; loadedPerSec?: number }> }> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? 2000;
  const queries = generateQueries(opts.queries ?? 200, { now });
  const points: SearchPoint[] = [];
  const skipped: Array<{ alerts: number; reason: string; loadedPerSec?: number }> = [];
  let loaded = 0;
  let loadMs = 0;
  await opts.memory?.(0);
  for (const size of [...opts.sizes].sort((a, b) => a - b)) {
    let over = false;
    while (loaded < size) {
      const n = Math.min(batch, size - loaded);
      const entries = generateAlertEntries(loaded, n, { now });
      const { ms } = await timed(() => store.ingest({ entries, matcher: () => false, retentionSec: 400 * 86400, now }));
      loadMs += ms;
      loaded += n;
      if (loaded % 100_000 < batch) opts.onProgress?.(`${store.kind}: ${loaded} alerts loaded (${round(loaded / (loadMs / 1000), 0)}/s)`);
      if (opts.loadBudgetSec && loadMs / 1000 > opts.loadBudgetSec && loaded < size) {
        over = true;
        break;
      }
    }
    if (over) {
      const rate = loaded / (loadMs / 1000);
      skipped.push({
        alerts: size,
        reason: `load budget of ${opts.loadBudgetSec} s reached at ${loaded} alerts (${round(rate, 0)} alerts/s; ${size} would take ~${round(size / rate, 0)} s)`,
        loadedPerSec: round(rate, 0),
      });
      break;
    }
    const memory = await opts.memory?.(loaded);
    // Warm-up: a few queries so the first timing does not include statement preparation or page faults.
    for (const { kind: _k, ...q } of queries.slice(0, 10)) await store.search(q);
    const times: number[] = [];
    const byKind = new Map<string, number[]>();
    let hits = 0;
    for (const { kind, ...q } of queries) {
      const { ms, value } = await timed(() => store.search(q));
      times.push(ms);
      byKind.set(kind ?? '', [...(byKind.get(kind ?? '') ?? []), ms]);
      hits += value.hits.length;
    }
    times.sort((a, b) => a - b);
    points.push({
      ...(memory ? { memory } : {}),
      alerts: loaded,
      loadSec: round(loadMs / 1000),
      loadPerSec: round(loaded / (loadMs / 1000), 0),
      p50Ms: round(percentile(times, 0.5), 2),
      p95Ms: round(percentile(times, 0.95), 2),
      p99Ms: round(percentile(times, 0.99), 2),
      maxMs: round(times[times.length - 1], 2),
      queries: times.length,
      avgHits: round(hits / times.length, 1),
      p95ByKind: Object.fromEntries(
        [...byKind].map(([k, v]) => [
          k,
          round(
            percentile(
              v.sort((a, b) => a - b),
              0.95,
            ),
            2,
          ),
        ]),
      ),
    });
  }
  return { points, skipped };
}
