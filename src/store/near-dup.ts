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
  const shared = new Map<string, { c: Candidate; n: number }>();
  for (const b of new Set(fp.buckets)) {
    for (const c of membersOf(b)) {
      if (c.id === selfId) continue;
      const s = shared.get(c.id);
      if (s) s.n++;
      else shared.set(c.id, { c, n: 1 });
    }
  }
  return [...shared.values()]
    .sort((x, y) => y.n - x.n || x.c.at - y.c.at)
    .slice(0, MAX_CANDIDATES)
    .map((s) => s.c)
    .sort((x, y) => x.at - y.at);
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
