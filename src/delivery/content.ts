// Resolves what a delivery carries from the store: the alert for 'alert' and 'update', the
// body for 'notice' (plain text) and 'digest' (JSON DigestPayload).
import type { ArchiveStore } from '../store/store.js';
import type { Delivery } from '../types.js';
import type { DeliveryContent, DigestPayload } from './poster.js';

/** The delivery can never be delivered (its alert is gone, its body is unreadable): dead-letter it. */
export class UndeliverableError extends Error {
  readonly code = 'DELIVERY_UNDELIVERABLE';
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

export async function resolveContent(store: ArchiveStore, d: Delivery): Promise<DeliveryContent> {
  switch (d.kind) {
    case 'alert':
    case 'update': {
      if (!d.alertId) throw new UndeliverableError(`${d.kind} delivery ${d.id} names no alert`);
      const alert = await store.getAlert(d.alertId);
      if (!alert) throw new UndeliverableError(`alert ${d.alertId} is no longer in the archive (purged by retention?)`);
      return { kind: d.kind, alert };
    }
    case 'notice':
      if (!d.body?.trim()) throw new UndeliverableError(`notice ${d.id} has no text`);
      return { kind: 'notice', text: d.body };
    case 'digest': {
      let digest: DigestPayload;
      try {
        digest = JSON.parse(d.body ?? '') as DigestPayload;
      } catch {
        throw new UndeliverableError(`digest ${d.id} has a body that is not JSON`);
      }
      if (!digest || typeof digest !== 'object' || !Array.isArray(digest.sections)) throw new UndeliverableError(`digest ${d.id} is not a digest payload`);
      return { kind: 'digest', digest };
    }
    default:
      throw new UndeliverableError(`unknown delivery kind "${String((d as Delivery).kind)}"`);
  }
}
