// The alert archive: rows in `alerts`, search text in `alerts_fts` (same rowid, newest first).
import type { Database, Statement } from 'better-sqlite3';
import type { Alert, AlsoReported } from '../../types.js';
import { indexText } from '../search-text.js';
import { ALSO_KEEP } from '../also.js';
import { bodyIndexText, tagIndexText } from './migrations.js';
import { alertFromRow, ms, type AlertRow } from './rows.js';
import { TermTags } from './term-tags.js';
import { publicationDay, timeTags } from './time-tags.js';

const RID_SPREAD = 1024;
/** Keeps rid inside the safe-integer range (publication dates from 1970 to ~2223). */
const MAX_MS = 8e12;

/**
 * First rid for an alert published at `publishedMs`. Rids run backwards in time, so ascending
 * rowid order (FTS5's fast direction) is newest first.
 */
export function ridBase(publishedMs: number): number {
  const t = Number.isFinite(publishedMs) ? Math.min(MAX_MS, Math.max(0, Math.floor(publishedMs))) : 0;
  return (MAX_MS - t) * RID_SPREAD;
}

/** Largest rid of alerts published at or after `publishedMs` (the bound for `since`). */
export function ridCeil(publishedMs: number): number {
  return ridBase(publishedMs) + RID_SPREAD - 1;
}

export class AlertRepo {
  private readonly s: Record<string, Statement>;
  private readonly terms: TermTags;

  constructor(private readonly db: Database) {
    this.terms = new TermTags(db);
    this.s = {
      maxRid: db.prepare('SELECT max(rid) AS m FROM alerts WHERE rid BETWEEN ? AND ?').pluck(),
      insert:
        db.prepare(`INSERT INTO alerts (rid, id, source, guid, title, summary, link, lang, published, published_ms, fetched_at, assessment, also, score, archived_at, archived_ms)
        VALUES (@rid, @id, @source, @guid, @title, @summary, @link, @lang, @published, @published_ms, @fetched_at, @assessment, @also, @score, @archived_at, @archived_ms)`),
      fts: db.prepare('INSERT INTO alerts_fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)'),
      exists: db.prepare('SELECT 1 FROM alerts WHERE id = ?').pluck(),
      get: db.prepare('SELECT * FROM alerts WHERE id = ?'),
      byRid: db.prepare('SELECT * FROM alerts WHERE rid = ?'),
      origin: db.prepare('SELECT source, link, also_n FROM alerts WHERE id = ?'),
      reporter: db.prepare('INSERT OR IGNORE INTO also_seen (alert_id, reporter) VALUES (?, ?)'),
      count: db.prepare('UPDATE alerts SET also_n = also_n + 1 WHERE id = ? RETURNING also_n').pluck(),
      listed: db.prepare('SELECT also FROM alerts WHERE id = ?').pluck(),
      setAlso: db.prepare('UPDATE alerts SET also = ? WHERE id = ?'),
      purgeAlso: db.prepare('DELETE FROM also_seen WHERE alert_id IN (SELECT id FROM alerts WHERE archived_ms < ?)'),
      latest: db.prepare('SELECT * FROM alerts ORDER BY archived_ms DESC, rid DESC LIMIT ?'),
      between: db.prepare('SELECT * FROM alerts WHERE archived_ms >= ? AND archived_ms < ? ORDER BY archived_ms DESC, rid DESC LIMIT ?'),
      total: db.prepare('SELECT count(*) FROM alerts').pluck(),
      purgedPage: db.prepare(`SELECT rid, archived_ms, published_ms, title, summary, lang, assessment FROM alerts
        WHERE archived_ms < ? AND (archived_ms, rid) > (?, ?) ORDER BY archived_ms, rid LIMIT 500`),
      purgeFts: db.prepare('DELETE FROM alerts_fts WHERE rowid IN (SELECT rid FROM alerts WHERE archived_ms < ?)'),
      purgePosted: db.prepare('DELETE FROM posted WHERE alert_id IN (SELECT id FROM alerts WHERE archived_ms < ?)'),
      purge: db.prepare('DELETE FROM alerts WHERE archived_ms < ?'),
    };
  }

  exists(id: string): boolean {
    return this.s.exists.get(id) !== undefined;
  }

  /**
   * A free rid in the alert's millisecond slot; when 1024 alerts share that millisecond (date-only
   * feeds, items stamped with the fetch time), the next slots are used, as if published a
   * millisecond earlier, so an insert never collides.
   */
  private freeRid(base: number): number {
    for (let slot = base; ; slot += RID_SPREAD) {
      const max = this.s.maxRid.get(slot, slot + RID_SPREAD - 1) as number | null;
      if (max === null) return slot;
      if (max < slot + RID_SPREAD - 1) return max + 1;
    }
  }

  /** Runs `fn` (inside the caller's transaction) with the search word counts of its inserts written once at the end. */
  batch<T>(fn: () => T): T {
    return this.terms.batch(fn);
  }

  /** Archives an alert and indexes it for search. */
  insert(alert: Alert): void {
    const publishedMs = ms(alert.published, Date.parse(alert.archivedAt));
    const rid = this.freeRid(ridBase(publishedMs));
    const assessment = JSON.stringify(alert.assessment);
    this.s.insert.run({
      rid,
      id: alert.id,
      source: alert.source,
      guid: alert.guid ?? null,
      title: alert.title,
      summary: alert.summary,
      link: alert.link,
      lang: alert.lang,
      published: alert.published,
      published_ms: publishedMs,
      fetched_at: alert.fetchedAt,
      assessment,
      also: JSON.stringify(alert.alsoReportedBy),
      score: alert.assessment.score,
      archived_at: alert.archivedAt,
      archived_ms: Date.parse(alert.archivedAt),
    });
    // The assessment object itself, not its JSON read back: the same fields either way.
    const title = indexText(alert.title);
    const body = bodyIndexText(alert.summary, alert.assessment);
    const tags = tagIndexText(alert.assessment, alert.lang);
    const day = publicationDay(publishedMs);
    this.s.fts.run(rid, title, body, `${tags} ${timeTags(day)}`);
    this.terms.add(title, body, tags, day);
  }

  /**
   * Records a retelling unless that source+link is already known: O(1) (a keyed row and a counter;
   * the listed reports are capped at ALSO_KEEP). Returns the new count, or 0 when nothing changed or
   * there is no such alert.
   */
  appendAlso(id: string, report: AlsoReported): number {
    const row = this.s.origin.get(id) as { source: string; link: string; also_n: number } | undefined;
    if (!row) return 0;
    if (row.source === report.source && row.link === report.link) return 0;
    if (this.s.reporter.run(id, `${report.source}\u0001${report.link}`).changes === 0) return 0;
    const count = this.s.count.get(id) as number;
    if (count <= ALSO_KEEP) {
      const also = JSON.parse(this.s.listed.get(id) as string) as AlsoReported[];
      also.push(report);
      this.s.setAlso.run(JSON.stringify(also), id);
    }
    return count;
  }

  get(id: string): Alert | null {
    const row = this.s.get.get(id) as AlertRow | undefined;
    return row ? alertFromRow(row) : null;
  }

  getByRid(rid: number): Alert | null {
    const row = this.s.byRid.get(rid) as AlertRow | undefined;
    return row ? alertFromRow(row) : null;
  }

  latest(limit: number): Alert[] {
    return (this.s.latest.all(limit) as AlertRow[]).map(alertFromRow);
  }

  between(sinceMs: number, untilMs: number, limit: number): Alert[] {
    return (this.s.between.all(sinceMs, untilMs, limit) as AlertRow[]).map(alertFromRow);
  }

  count(): number {
    return this.s.total.get() as number;
  }

  purgeOlderThan(archivedBeforeMs: number): void {
    // Uncount the purged alerts' words and tags first, from their rows (paged: no open iterator while writing).
    type Row = { rid: number; archived_ms: number; published_ms: number; title: string; summary: string; lang: string; assessment: string };
    for (let at = Number.MIN_SAFE_INTEGER, rid = Number.MIN_SAFE_INTEGER; ;) {
      const rows = this.s.purgedPage.all(archivedBeforeMs, at, rid) as Row[];
      if (!rows.length) break;
      this.terms.batch(() => {
        for (const r of rows) {
          this.terms.remove(indexText(r.title), bodyIndexText(r.summary, r.assessment), tagIndexText(r.assessment, r.lang), publicationDay(r.published_ms));
        }
      });
      ({ archived_ms: at, rid } = rows[rows.length - 1]);
    }
    this.s.purgeFts.run(archivedBeforeMs);
    this.s.purgePosted.run(archivedBeforeMs);
    this.s.purgeAlso.run(archivedBeforeMs);
    this.s.purge.run(archivedBeforeMs);
  }
}
