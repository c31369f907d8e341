// Plain data in and out of Redis strings. Alerts are stored as a JSON doc plus a separately
// appended "also reported by" JSON array, so a duplicate never rewrites the whole document.
import type { Alert, Delivery, RetryState } from '../../types.js';
import { decodeAlso } from '../also.js';

export function encodeAlertDoc(alert: Alert): string {
  const { alsoReportedBy: _also, ...doc } = alert;
  return JSON.stringify(doc);
}

export function decodeAlert(doc: string, also: string | null | undefined): Alert {
  return withAlso(JSON.parse(doc) as AlertDoc, also);
}

/** An alert as its doc holds it: everything but the "also reported by" list. */
export type AlertDoc = Omit<Alert, 'alsoReportedBy'>;

/** The alert from its parsed doc and its appended "also reported by" array. */
export function withAlso(doc: AlertDoc, also: string | null | undefined): Alert {
  const { reports, count } = decodeAlso(also);
  const alert: Alert = { ...doc, alsoReportedBy: reports };
  if (count > reports.length) alert.alsoCount = count;
  return alert;
}

/** Flat [doc, also, doc, also...] from a script into alerts. */
export function decodeAlertPairs(flat: string[], from = 0): Alert[] {
  const out: Alert[] = [];
  for (let i = from; i + 1 < flat.length; i += 2) out.push(decodeAlert(flat[i], flat[i + 1]));
  return out;
}

/** The immutable part of a delivery, as the enqueue script stores it. */
export function deliveryDoc(d: Delivery): Record<string, unknown> {
  const doc: Record<string, unknown> = { id: d.id, kind: d.kind, platform: d.platform, channel: d.channel, attempts: d.attempts ?? 0, createdAt: d.createdAt };
  if (d.alertId !== undefined) doc.alertId = d.alertId;
  if (d.body !== undefined) doc.body = d.body;
  if (d.notBefore !== undefined) doc.notBefore = d.notBefore;
  if (d.lastError !== undefined) doc.lastError = d.lastError;
  if (d.retry !== undefined) doc.retry = d.retry;
  return doc;
}

/** A delivery's retry state as its hash field: `streak:forgiven`, '' for none. */
export function encodeRetry(r: RetryState | undefined): string {
  return r && (r.streak > 0 || r.forgiven > 0) ? `${r.streak}:${r.forgiven}` : '';
}

/** Before the `retry` field, the state was a prefix of lastError; read it from deliveries written then. */
const LEGACY_RETRY = /^\[429 streak=(\d+) forgiven=(\d+)\] ?/;

export function decodeDelivery(json: string, attempts: string, notBefore: string, lastError: string, retry = ''): Delivery {
  const d = JSON.parse(json) as Delivery;
  const out: Delivery = { ...d, attempts: Number(attempts) || 0 };
  if (notBefore) out.notBefore = notBefore;
  if (lastError) out.lastError = lastError;
  const legacy = lastError ? LEGACY_RETRY.exec(lastError) : null;
  if (legacy) {
    out.lastError = lastError.slice(legacy[0].length);
    if (!retry) retry = `${legacy[1]}:${legacy[2]}`;
  }
  const [streak, forgiven] = retry.split(':').map(Number);
  if (retry && (streak! > 0 || forgiven! > 0)) out.retry = { streak: streak!, forgiven: forgiven! };
  return out;
}

export function ms(iso: string | Date | undefined, fallback: number): number {
  if (iso === undefined) return fallback;
  const t = iso instanceof Date ? iso.getTime() : Date.parse(iso);
  return Number.isFinite(t) ? t : fallback;
}
