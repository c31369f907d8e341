// An in-process mirror of the near-duplicate candidates SQLite would return: the newest
// BUCKET_READ members of each bucket read so far, and each alert's fingerprint data. Reading ~30
// buckets × 64 rows per relevant item was most of ingest; the same busy buckets are read again
// for every item of every feed. The decision (store/near-dup.ts) sees exactly the rows a fresh
// query returns:
// - our own writes go through the mirror (`add`), in the query's order (newest first, then
//   alert id descending, the index's backward order);
// - a write by another connection to the file changes `PRAGMA data_version`: the mirror is
//   dropped before the next batch (`sync`);
// - a cached bucket answers only for a clock at or after the one it was read with: members
//   expire oldest first, so the live part of the cached newest rows is what the query returns;
// - purge drops it (it deletes rows by another clock).
// Memory is bounded: past MAX_BUCKETS cached buckets the mirror starts over.
import type { Candidate } from '../near-dup.js';
import { BUCKET_READ } from '../near-dup.js';

/** ~64 small objects per bucket: a few MB at most. */
const MAX_BUCKETS = 4096;
/** Fingerprint data strings (~1 KB each). */
const MAX_DATA = 8192;

interface Cached {
  /** Members, newest first; `at` = expires_ms (the row's own order key). */
  members: Candidate[];
  /** The clock the rows were read with: members with at <= readMs were already left out. */
  readMs: number;
}

export class CandidateCache {
  private readonly buckets = new Map<string, Cached>();
  private readonly data = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  private version: number | undefined;

  /** Call at the start of every batch with `PRAGMA data_version`: another writer drops the mirror. */
  sync(dataVersion: number): void {
    if (this.version !== dataVersion) this.clear();
    this.version = dataVersion;
  }

  clear(): void {
    this.buckets.clear();
    this.data.clear();
  }

  /** Live members of `bucket` as the query would return them, or undefined when not cached for this clock. */
  members(bucket: string, nowMs: number): Candidate[] | undefined {
    const c = this.buckets.get(bucket);
    if (!c || nowMs < c.readMs) return undefined;
    const m = c.members;
    if (!m.length || m[m.length - 1].at > nowMs) return m;
    let n = m.length;
    while (n > 0 && m[n - 1].at <= nowMs) n--;
    return m.slice(0, n);
  }

  /** Stores the rows a query returned (already newest first, at most BUCKET_READ). */
  put(bucket: string, members: Candidate[], nowMs: number): void {
    if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
    this.buckets.set(bucket, { members, readMs: nowMs });
  }

  /** Our own insert of (bucket, expires, id): placed where the query would place it, list trimmed to BUCKET_READ. */
  add(bucket: string, id: string, expiresMs: number): void {
    const c = this.buckets.get(bucket);
    if (!c) return;
    const m = c.members;
    let i = 0;
    while (i < m.length && (m[i].at > expiresMs || (m[i].at === expiresMs && m[i].id > id))) i++;
    if (i < m.length && m[i].at === expiresMs && m[i].id === id) return;
    if (i >= BUCKET_READ) return;
    const next = m.slice();
    next.splice(i, 0, { id, at: expiresMs });
    if (next.length > BUCKET_READ) next.length = BUCKET_READ;
    c.members = next;
  }

  /**
   * One string per alert id across buckets: the ranking counts members by id, and a Map finds a
   * string it already holds fastest (rows read from SQLite are new strings every time).
   */
  intern(id: string): string {
    const held = this.ids.get(id);
    if (held !== undefined) return held;
    if (this.ids.size >= MAX_DATA) this.ids.clear();
    this.ids.set(id, id);
    return id;
  }

  getData(id: string): string | undefined {
    return this.data.get(id);
  }

  /** Fingerprint data never changes for an alert id while its rows live (an alert is indexed once). */
  putData(id: string, data: string): void {
    if (this.data.size >= MAX_DATA) this.data.clear();
    this.data.set(id, data);
  }
}
