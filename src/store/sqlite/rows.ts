// Row shapes and their mapping to the port's plain data.
import type { Alert, AlsoReported, Assessment, Delivery, DeliveryKind, Platform } from '../../types.js';

export interface AlertRow {
  rid: number;
  id: string;
  source: string;
  guid: string | null;
  title: string;
  summary: string;
  link: string;
  lang: string;
  published: string;
  published_ms: number;
  fetched_at: string;
  assessment: string;
  also: string;
  also_n?: number;
  score: number;
  archived_at: string;
  archived_ms: number;
}

export function alertFromRow(r: AlertRow): Alert {
  const alert: Alert = {
    id: r.id,
    source: r.source,
    title: r.title,
    summary: r.summary,
    link: r.link,
    lang: r.lang,
    published: r.published,
    fetchedAt: r.fetched_at,
    assessment: JSON.parse(r.assessment) as Assessment,
    alsoReportedBy: JSON.parse(r.also) as AlsoReported[],
    archivedAt: r.archived_at,
  };
  if (r.guid !== null) alert.guid = r.guid;
  if (r.also_n !== undefined && r.also_n > alert.alsoReportedBy.length) alert.alsoCount = r.also_n;
  return alert;
}

export interface OutboxRow {
  seq: number;
  id: string;
  kind: DeliveryKind;
  platform: Platform;
  channel: string;
  alert_id: string | null;
  body: string | null;
  attempts: number;
  not_before_ms: number;
  created_at: string;
  lease_owner: string | null;
  lease_until_ms: number;
  state: 'pending' | 'done' | 'dead';
  last_error: string | null;
  retry_streak: number;
  retry_forgiven: number;
}

export function deliveryFromRow(r: OutboxRow): Delivery {
  const d: Delivery = { id: r.id, kind: r.kind, platform: r.platform, channel: r.channel, attempts: r.attempts, createdAt: r.created_at };
  if (r.alert_id !== null) d.alertId = r.alert_id;
  if (r.body !== null) d.body = r.body;
  if (r.not_before_ms > 0) d.notBefore = new Date(r.not_before_ms).toISOString();
  if (r.last_error !== null) d.lastError = r.last_error;
  if (r.retry_streak > 0 || r.retry_forgiven > 0) d.retry = { streak: r.retry_streak, forgiven: r.retry_forgiven };
  return d;
}

/** Milliseconds of an ISO time, or `fallback` when it does not parse. */
export function ms(iso: string | undefined, fallback: number): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : fallback;
}
