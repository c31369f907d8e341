// The store's near-duplicate decision, written once for both backends: which archived alerts are
// candidates for an incoming fingerprint, in which order they are judged, and which one is the
// original. Pure: the backends only read bucket members (SQLite rows, Redis sorted sets) and hand
// them in; the Redis script re-checks exact keys atomically but never re-decides this.
import type { Fingerprint, NearDupMatcher } from './store.js';

/** Newest members read per bucket: a broad entity bucket (a busy firm) stays cheap to read. */
export const BUCKET_READ = 64;
/** Candidates judged per incoming item: those sharing the most buckets with it. */
export const MAX_CANDIDATES = 48;
/** Members kept per bucket on Redis (older ones are trimmed at write time). */
export const BUCKET_CAP = 500;

export interface Candidate {
  id: string;
  /** Fingerprint data, when the backend reads it with the member (Redis); else loaded for ranked ones only. */
  data?: string;
  /** When it was indexed (ms); the oldest match is the story's original report. */
  at: number;
}

/**
 * The candidates worth judging: every live member of the incoming item's buckets (the caller read
 * at most BUCKET_READ per bucket), ranked by how many buckets each shares, at most MAX_CANDIDATES,
 * then oldest first.
 */
export function rankCandidates(fp: Fingerprint, selfId: string, membersOf: (bucket: string) => readonly Candidate[]): Candidate[] {
  const shared = new Map<string, Shared>();
  let top = 0;
  for (const b of new Set(fp.buckets)) {
    for (const c of membersOf(b)) {
      if (c.id === selfId) continue;
      const s = shared.get(c.id);
      if (s) top = Math.max(top, ++s.n);
      else shared.set(c.id, { c, n: 1, i: shared.size });
    }
  }
  return topShared(shared, Math.max(top, 1)).map((s) => s.c);
}

interface Shared {
  c: Candidate;
  /** Buckets shared with the incoming item. */
  n: number;
  /** First-seen order: the tie-break a stable sort would keep. */
  i: number;
}

const byAge = (x: Shared, y: Shared) => x.c.at - y.c.at || x.i - y.i;

/**
 * The MAX_CANDIDATES best by (most shared, oldest, first seen), returned oldest first (then most
 * shared, first seen): what sorting every candidate twice gave, without sorting the long tail.
 */
function topShared(shared: Map<string, Shared>, top: number): Shared[] {
  const groups: Shared[][] = Array.from({ length: top + 1 }, () => []);
  for (const s of shared.values()) groups[s.n].push(s);
  const picked: Shared[] = [];
  for (let n = top; n > 0 && picked.length < MAX_CANDIDATES; n--) {
    const g = groups[n];
    if (picked.length + g.length > MAX_CANDIDATES) g.sort(byAge).length = MAX_CANDIDATES - picked.length;
    for (const s of g) picked.push(s);
  }
  return picked.sort((x, y) => x.c.at - y.c.at || y.n - x.n || x.i - y.i);
}

/**
 * The original this fingerprint retells, or undefined for a new story. The matcher sees every
 * ranked candidate as the pool: a feature many different stories share (a busy firm's everyday
 * words) says less than one only the candidate shares. The oldest matching candidate wins.
 */
export function pickOriginal(
  fp: Fingerprint,
  selfId: string,
  membersOf: (bucket: string) => readonly Candidate[],
  matcher: NearDupMatcher,
  dataOf: (c: Candidate) => string | undefined = (c) => c.data,
): string | undefined {
  const ranked: Array<{ id: string; data: string }> = [];
  for (const c of rankCandidates(fp, selfId, membersOf)) {
    const data = dataOf(c);
    if (data !== undefined) ranked.push({ id: c.id, data });
  }
  if (!ranked.length) return undefined;
  const pool = ranked.map((c) => c.data);
  for (const c of ranked) if (matcher(fp.data, c.data, pool)) return c.id;
  return undefined;
}
