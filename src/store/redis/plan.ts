// Round trip 1 reads every key owner, every bucket and which ids are archived; this pure step
// replays the batch in order over that snapshot (later entries see earlier ones) and decides
// near-duplicates with the matcher. The script in round trip 2 re-checks the exact keys and the
// archive atomically; near-duplicate picks travel to it as `nd`.
import type { IngestBatch, IngestEntry } from '../store.js';
import { pickOriginal, type Candidate } from '../near-dup.js';

export interface KeyOwner {
  /** The item that claimed the key. */
  owner: string;
  /** The story it belongs to: the owner itself, or the original the owner duplicated. */
  root: string;
}

export interface Snapshot {
  /** Live keys only (expired ones read as absent). */
  owners: Map<string, KeyOwner | null>;
  /** Bucket → live candidates: alert id, fingerprint data, archive time (ms). */
  buckets: Map<string, Array<Required<Candidate>>>;
  archived: Set<string>;
}

export type { Candidate };

export type Predicted = 'new' | 'seen' | 'duplicate';

export interface EntryPlan {
  keys: string[];
  /** Near-duplicate original picked by the matcher, or ''. */
  nd: string;
  /** The script has the final word on exact keys and the archive. */
  predicted: Predicted;
}

/** Every entry also claims `id:<item id>`, so an item with no usable keys is still seen once. */
export function entryKeys(e: IngestEntry): string[] {
  return [...new Set([...e.keys, `id:${e.item.id}`])];
}

export function planBatch(batch: Pick<IngestBatch, 'entries' | 'matcher'>, snap: Snapshot, nowMs = Date.now()): EntryPlan[] {
  const owners = new Map(snap.owners);
  // Member lists are replaced, never changed in place: the snapshot's own lists start it.
  const buckets = new Map(snap.buckets);
  const archived = new Set(snap.archived);
  return batch.entries.map((e) => {
    const id = e.item.id;
    const keys = entryKeys(e);
    const found = keys.map((k) => owners.get(k) ?? null);
    const mine = found.find((o) => o?.owner === id);
    const other = found.find((o) => o && o.owner !== id);
    let predicted: Predicted = 'new';
    let nd = '';
    let root = id;
    if (archived.has(id) || mine) {
      predicted = 'seen';
      root = mine?.root ?? id;
    } else if (other) {
      predicted = 'duplicate';
      root = other.root;
    } else if (e.fingerprint) {
      nd = pickOriginal(e.fingerprint, id, (b) => buckets.get(b) ?? [], batch.matcher) ?? '';
      if (nd) [predicted, root] = ['duplicate', nd];
    }
    keys.forEach((k, i) => {
      if (!found[i]) owners.set(k, { owner: id, root });
    });
    if (predicted === 'new' && e.archive) {
      archived.add(id);
      for (const b of e.fingerprint?.buckets ?? []) buckets.set(b, [...(buckets.get(b) ?? []), { id, data: e.fingerprint!.data, at: nowMs }]);
    }
    return { keys, nd, predicted };
  });
}
