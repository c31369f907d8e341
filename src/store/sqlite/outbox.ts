// The outbox: deliveries with a state (pending | done | dead), leased to one consumer at a time.
// A lease that runs out (crashed consumer) makes the row claimable again.
import type { Database, Statement } from 'better-sqlite3';
import type { Delivery, Platform, RetryState } from '../../types.js';
import type { OutboxStats, PostedRecord } from '../store.js';
import { deliveryFromRow, ms, type OutboxRow } from './rows.js';

/** Finished rows are kept this long after completion, so a late re-enqueue of the same id stays a no-op. */
const DONE_KEEP_MS = 14 * 86_400_000;

export class OutboxRepo {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      insert:
        db.prepare(`INSERT OR IGNORE INTO outbox (id, kind, platform, channel, alert_id, body, attempts, not_before_ms, created_at, last_error, retry_streak, retry_forgiven, updated_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      due: db.prepare(`SELECT * FROM outbox WHERE state = 'pending' AND not_before_ms <= @now AND lease_until_ms <= @now
        ORDER BY not_before_ms, seq LIMIT @max`),
      lease: db.prepare('UPDATE outbox SET lease_owner = ?, lease_until_ms = ? WHERE seq = ?'),
      attempt: db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ? RETURNING attempts').pluck(),
      done: db.prepare(`UPDATE outbox SET state = 'done', lease_owner = NULL, lease_until_ms = 0, updated_ms = ? WHERE id = ?`),
      posted: db.prepare('INSERT OR REPLACE INTO posted (alert_id, platform, channel, message_id, posted_at) VALUES (?, ?, ?, ?, ?)'),
      retry: db.prepare(
        `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until_ms = 0, not_before_ms = ?, last_error = ?, retry_streak = ?, retry_forgiven = ?, updated_ms = ? WHERE id = ?`,
      ),
      dead: db.prepare(`UPDATE outbox SET state = 'dead', lease_owner = NULL, lease_until_ms = 0, last_error = ?, updated_ms = ? WHERE id = ?`),
      getPosted: db.prepare('SELECT * FROM posted WHERE alert_id = ? AND platform = ? AND channel = ?'),
      listPosted: db.prepare('SELECT * FROM posted WHERE alert_id = ? ORDER BY posted_at, platform, channel'),
      postedChannels: db.prepare('SELECT platform, channel FROM posted WHERE alert_id = ?'),
      stats: db.prepare(`SELECT
          count(*) FILTER (WHERE state = 'pending' AND lease_until_ms <= @now) AS pending,
          count(*) FILTER (WHERE state = 'pending' AND lease_until_ms > @now) AS inFlight,
          count(*) FILTER (WHERE state = 'dead') AS dead
        FROM outbox WHERE state IN ('pending', 'dead')`),
      deadList: db.prepare(`SELECT * FROM outbox WHERE state = 'dead' ORDER BY updated_ms DESC, seq DESC LIMIT ?`),
      purge: db.prepare(`DELETE FROM outbox WHERE state = 'done' AND updated_ms < ?`),
    };
  }

  /** Inserts what is not there yet; returns how many were new. Call inside a transaction for batches. */
  insert(d: Delivery, nowMs: number): number {
    return this.s.insert.run(
      d.id,
      d.kind,
      d.platform,
      d.channel,
      d.alertId ?? null,
      d.body ?? null,
      d.attempts ?? 0,
      ms(d.notBefore, 0),
      d.createdAt,
      d.lastError ?? null,
      d.retry?.streak ?? 0,
      d.retry?.forgiven ?? 0,
      nowMs,
    ).changes;
  }

  claim(consumer: string, max: number, leaseMs: number, nowMs: number): Delivery[] {
    const rows = this.s.due.all({ now: nowMs, max: Math.max(0, Math.floor(max)) }) as OutboxRow[];
    for (const r of rows) this.s.lease.run(consumer, nowMs + leaseMs, r.seq);
    return rows.map(deliveryFromRow);
  }

  recordAttempt(id: string): number {
    return (this.s.attempt.get(id) as number | undefined) ?? 0;
  }

  complete(d: Delivery, messageId: string, now: Date): void {
    this.s.done.run(now.getTime(), d.id);
    if (d.kind === 'alert' && d.alertId) this.s.posted.run(d.alertId, d.platform, d.channel, messageId, now.toISOString());
  }

  retry(id: string, notBefore: Date, error: string, retry: RetryState | undefined, nowMs: number): void {
    this.s.retry.run(notBefore.getTime(), error, retry?.streak ?? 0, retry?.forgiven ?? 0, nowMs, id);
  }

  deadLetter(id: string, error: string, nowMs: number): void {
    this.s.dead.run(error, nowMs, id);
  }

  getPosted(alertId: string, platform: Platform, channel: string): PostedRecord | null {
    const r = this.s.getPosted.get(alertId, platform, channel) as PostedRow | undefined;
    return r ? postedFromRow(r) : null;
  }

  listPosted(alertId: string): PostedRecord[] {
    return (this.s.listPosted.all(alertId) as PostedRow[]).map(postedFromRow);
  }

  postedChannels(alertId: string): Array<{ platform: Platform; channel: string }> {
    return this.s.postedChannels.all(alertId) as Array<{ platform: Platform; channel: string }>;
  }

  stats(nowMs: number): OutboxStats {
    return this.s.stats.get({ now: nowMs }) as OutboxStats;
  }

  deadLetters(limit: number): Array<Delivery & { error: string }> {
    return (this.s.deadList.all(limit) as OutboxRow[]).map((r) => ({ ...deliveryFromRow(r), error: r.last_error ?? '' }));
  }

  purge(nowMs: number): void {
    this.s.purge.run(nowMs - DONE_KEEP_MS);
  }
}

interface PostedRow {
  alert_id: string;
  platform: Platform;
  channel: string;
  message_id: string;
  posted_at: string;
}

function postedFromRow(r: PostedRow): PostedRecord {
  return { alertId: r.alert_id, platform: r.platform, channel: r.channel, messageId: r.message_id, postedAt: r.posted_at };
}
