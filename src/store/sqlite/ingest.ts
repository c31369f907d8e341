// The claim, per entry in order inside one transaction: seen → exact duplicate → near duplicate → new.
// Keys map to (owner, root): owner is the item that claimed the key, root the story it belongs to.
import type { Database, Statement } from 'better-sqlite3';
import type { Delivery } from '../../types.js';
import type { Fingerprint, IngestBatch, IngestEntry, IngestOutcome, NearDupMatcher } from '../store.js';
import { BUCKET_READ, pickOriginal, type Candidate } from '../near-dup.js';
import { alsoReport, alsoUpdates } from '../also.js';
import type { AlertRepo } from './alerts.js';
import { CandidateCache } from './candidates.js';
import type { OutboxRepo } from './outbox.js';
import { alertDeliveryId, updateDeliveryId } from '../../delivery/ids.js';

interface KeyRow {
  owner: string;
  root: string;
  expires_ms: number;
}

export class Ingestor {
  private readonly s: Record<string, Statement>;
  /** Bucket members and fingerprint data already read (see candidates.ts). */
  readonly candidates = new CandidateCache();

  constructor(
    private readonly db: Database,
    private readonly alerts: AlertRepo,
    private readonly outbox: OutboxRepo,
  ) {
    this.s = {
      key: db.prepare('SELECT owner, root, expires_ms FROM seen_keys WHERE key = ?'),
      claim: db.prepare(`INSERT INTO seen_keys (key, owner, root, expires_ms) VALUES (?, ?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, root = excluded.root, expires_ms = excluded.expires_ms`),
      members: db.prepare(`SELECT alert_id, expires_ms FROM buckets WHERE bucket = ? AND expires_ms > ? ORDER BY expires_ms DESC LIMIT ${BUCKET_READ}`).raw(),
      fingerprint: db.prepare('SELECT data FROM fingerprints WHERE alert_id = ? AND expires_ms > ?').pluck(),
      bucket: db.prepare('INSERT OR IGNORE INTO buckets (bucket, expires_ms, alert_id) VALUES (?, ?, ?)'),
      putFingerprint: db.prepare('INSERT OR REPLACE INTO fingerprints (alert_id, data, expires_ms) VALUES (?, ?, ?)'),
      // Prepared once: db.pragma() compiles the statement on every call.
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
    };
  }

  /** Runs inside the caller's transaction. */
  run(batch: IngestBatch, now: Date): IngestOutcome[] {
    const nowMs = now.getTime();
    if (batch.entries.some((e) => e.fingerprint)) this.candidates.sync(this.s.dataVersion.get() as number);
    const expires = nowMs + batch.retentionSec * 1000;
    try {
      return this.alerts.batch(() => batch.entries.map((e) => this.one(e, batch.matcher, now, nowMs, expires)));
    } catch (err) {
      // The transaction rolls back: so must the mirror of what it wrote and read.
      this.candidates.clear();
      throw err;
    }
  }

  private one(e: IngestEntry, matcher: NearDupMatcher, now: Date, nowMs: number, expires: number): IngestOutcome {
    const id = e.item.id;
    const free: string[] = [];
    let ownRoot: string | undefined;
    let dupRoot: string | undefined;
    for (const key of new Set(e.keys)) {
      const row = this.s.key.get(key) as KeyRow | undefined;
      if (!row || row.expires_ms <= nowMs) free.push(key);
      else if (row.owner === id) ownRoot ??= row.root;
      else dupRoot ??= row.root;
    }
    if (ownRoot !== undefined || this.alerts.exists(id)) {
      this.claim(free, id, ownRoot ?? id, expires);
      return { id, status: 'seen', enqueued: 0 };
    }
    if (dupRoot === undefined && e.fingerprint) dupRoot = this.nearDuplicate(e.fingerprint, id, matcher, nowMs);
    if (dupRoot !== undefined) {
      this.claim(free, id, dupRoot, expires);
      return { id, status: 'duplicate', duplicateOf: dupRoot, enqueued: this.attach(dupRoot, e, now) };
    }
    this.claim(free, id, id, expires);
    if (!e.archive) return { id, status: 'new', enqueued: 0 };
    this.alerts.insert({ ...e.item, assessment: e.assessment, alsoReportedBy: [], archivedAt: now.toISOString() });
    if (e.fingerprint) this.index(e.fingerprint, id, expires);
    let enqueued = 0;
    for (const t of e.targets) {
      const d: Delivery = {
        id: alertDeliveryId(t.platform, t.channel, id),
        kind: 'alert',
        platform: t.platform,
        channel: t.channel,
        alertId: id,
        attempts: 0,
        createdAt: now.toISOString(),
      };
      enqueued += this.outbox.insert(d, nowMs);
    }
    return { id, status: 'new', enqueued };
  }

  private claim(keys: string[], owner: string, root: string, expires: number): void {
    for (const k of keys) this.s.claim.run(k, owner, root, expires);
  }

  /** The decision is store/near-dup.ts; this reads bucket members and their fingerprints. */
  private nearDuplicate(fp: Fingerprint, id: string, matcher: NearDupMatcher, nowMs: number): string | undefined {
    const cache = this.candidates;
    const membersOf = (bucket: string): Candidate[] => {
      const hit = cache.members(bucket, nowMs);
      if (hit) return hit;
      const rows = (this.s.members.all(bucket, nowMs) as Array<[string, number]>).map(([cand, expires]) => ({ id: cache.intern(cand), at: expires }));
      cache.put(bucket, rows, nowMs);
      return rows;
    };
    // The same string for the same alert: the matcher's parse cache then finds it without rehashing.
    const dataOf = (c: Candidate): string | undefined => {
      let data = cache.getData(c.id);
      if (data === undefined) {
        data = this.s.fingerprint.get(c.id, nowMs) as string | undefined;
        if (data !== undefined) cache.putData(c.id, data);
      }
      return data;
    };
    return pickOriginal(fp, id, membersOf, matcher, dataOf);
  }

  private index(fp: Fingerprint, id: string, expires: number): void {
    for (const b of new Set(fp.buckets)) {
      this.s.bucket.run(b, expires, id);
      this.candidates.add(b, id, expires);
    }
    this.s.putFingerprint.run(id, fp.data, expires);
    this.candidates.putData(id, fp.data);
  }

  /** Records the duplicate on the original; updates go to channels where the original was posted. */
  private attach(root: string, e: IngestEntry, now: Date): number {
    const length = this.alerts.appendAlso(root, alsoReport(e.item));
    if (!alsoUpdates(length)) return 0;
    let enqueued = 0;
    for (const p of this.outbox.postedChannels(root)) {
      const d: Delivery = {
        id: updateDeliveryId(p.platform, p.channel, root, length),
        kind: 'update',
        platform: p.platform,
        channel: p.channel,
        alertId: root,
        attempts: 0,
        createdAt: now.toISOString(),
      };
      enqueued += this.outbox.insert(d, now.getTime());
    }
    return enqueued;
  }
}
