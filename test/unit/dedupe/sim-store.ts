// A tiny in-memory stand-in for Store.ingest, used only by these unit tests: exact keys claimed by
// the first item, then near-duplicate candidates from shared buckets, checked by the matcher in
// archive order. The real backends are covered by the store contract suite.
import type { IngestBatch, IngestOutcome, Store } from '../../../src/store/store.js';

export function simStore(): Pick<Store, 'ingest' | 'close'> & { matcherCalls: number } {
  const keys = new Map<string, string>();
  const buckets = new Map<string, string[]>();
  const data = new Map<string, string>();
  const sim = {
    matcherCalls: 0,
    async ingest(batch: IngestBatch): Promise<IngestOutcome[]> {
      return batch.entries.map((e) => {
        const owner = e.keys.map((k) => keys.get(k)).find((o) => o !== undefined);
        if (owner === e.item.id) return { id: e.item.id, status: 'seen', enqueued: 0 };
        if (owner) return { id: e.item.id, status: 'duplicate', duplicateOf: owner, enqueued: 0 };
        const fp = e.fingerprint;
        if (fp) {
          const seen = new Set<string>();
          for (const b of fp.buckets) {
            for (const cand of buckets.get(b) ?? []) {
              if (seen.has(cand)) continue;
              seen.add(cand);
              sim.matcherCalls++;
              if (batch.matcher(fp.data, data.get(cand)!)) {
                for (const k of e.keys) keys.set(k, cand);
                return { id: e.item.id, status: 'duplicate', duplicateOf: cand, enqueued: 0 };
              }
            }
          }
        }
        for (const k of e.keys) keys.set(k, e.item.id);
        if (e.archive && fp) {
          data.set(e.item.id, fp.data);
          for (const b of fp.buckets) buckets.set(b, [...(buckets.get(b) ?? []), e.item.id]);
        }
        return { id: e.item.id, status: 'new', enqueued: 0 };
      });
    },
    async close() {},
  };
  return sim;
}
