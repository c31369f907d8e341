// One delivery, start to finish: content → spacing → record the attempt → (after an earlier
// attempt: look for the message it may have posted) → post or edit → acknowledge. Failures
// become a retry, a 429 wait or a dead letter; see attempts.ts for how tries are counted.
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { ArchiveStore, OutboxStore } from '../store/store.js';
import type { Delivery } from '../types.js';
import { alsoTotal } from '../types.js';
import { backoffDelay, countedAttempts, hardCeiling, nextState, retryOf, storedRetry, type RetryState } from './attempts.js';
import { resolveContent, UndeliverableError } from './content.js';
import { PlatformError, type DeliveryContent, type Poster } from './poster.js';

export type Outcome = 'delivered' | 'retried' | 'dead' | 'handed_back';

export interface DeliverContext {
  store: OutboxStore & ArchiveStore;
  log: Logger;
  metrics: Metrics;
  consumer: string;
  maxAttempts: number;
  now: () => Date;
  random: () => number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Called right before a request to the platform, so spacing counts from it. */
  sent: () => void;
  /** Marks the channel blocked after a 429. */
  block: (untilMs: number) => void;
}

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

export async function deliverOne(c: DeliverContext, d: Delivery, poster: Poster): Promise<Outcome> {
  let content: DeliveryContent;
  try {
    content = await resolveContent(c.store, d);
  } catch (err) {
    if (err instanceof UndeliverableError) return dead(c, d, err.message);
    throw err;
  }
  const state = retryOf(d);
  const recorded = await c.store.recordAttempt(d.id, c.consumer);
  let messageId: string;
  try {
    if (d.attempts > 0 && d.kind !== 'update') {
      const found = await findExisting(c.store, d, poster);
      if (found) {
        await c.store.completeDelivery(d, found, c.now());
        c.metrics.deliveries.inc({ platform: d.platform, status: 'recovered' });
        c.log.info({ delivery: d.id, messageId: found }, 'an earlier attempt had already posted this; acknowledged without posting again');
        return 'delivered';
      }
    }
    if (countedAttempts(recorded - 1, state) >= c.maxAttempts)
      return dead(c, d, `no outcome after ${recorded - 1} attempts (the worker was lost during each); last error: ${d.lastError || 'none'}`);
    const timer = c.metrics.deliverySeconds.startTimer({ platform: d.platform });
    c.sent();
    messageId = await send(c, d, poster, content);
    timer();
  } catch (err) {
    return failure(c, d, err, recorded, state);
  }
  try {
    await c.store.completeDelivery(d, messageId, c.now());
  } catch (err) {
    // Posted but not acknowledged: the lease runs out and the next attempt finds the message.
    c.log.error({ err, delivery: d.id, messageId }, 'posted but could not acknowledge; recovery will find the message instead of posting again');
    return 'handed_back';
  }
  c.metrics.deliveries.inc({ platform: d.platform, status: messageId ? 'ok' : 'skipped' });
  if (content.kind === 'alert') await foldLateDuplicates(c, d, poster, messageId, alsoTotal(content.alert));
  return 'delivered';
}

async function findExisting(store: OutboxStore, d: Delivery, poster: Poster): Promise<string | null> {
  if (d.kind === 'alert' && d.alertId) {
    const rec = await store.getPosted(d.alertId, d.platform, d.channel);
    if (rec) return rec.messageId;
  }
  return poster.findPosted(d);
}

/** Posts, or for 'update' edits the alert's original message in this channel ('' when there is none). */
async function send(c: DeliverContext, d: Delivery, poster: Poster, content: DeliveryContent): Promise<string> {
  if (d.kind !== 'update') return (await poster.post(d, content)).messageId;
  const original = await c.store.getPosted(d.alertId!, d.platform, d.channel);
  if (!original) {
    c.log.info({ delivery: d.id }, 'no posted message to update in this channel; nothing to do');
    return '';
  }
  await poster.update(d, original.messageId, content);
  return original.messageId;
}

/** A duplicate folded in while the post was on its way finds no posted record to update: edit now. */
async function foldLateDuplicates(c: DeliverContext, d: Delivery, poster: Poster, messageId: string, shown: number): Promise<void> {
  try {
    const fresh = await c.store.getAlert(d.alertId!);
    if (!fresh || alsoTotal(fresh) <= shown) return;
    c.sent();
    await poster.update(d, messageId, { kind: 'update', alert: fresh });
  } catch (err) {
    c.log.warn({ err, delivery: d.id }, 'could not add late "also reported by" to the posted message');
  }
}

async function failure(c: DeliverContext, d: Delivery, err: unknown, recorded: number, prev: RetryState): Promise<Outcome> {
  const kind = err instanceof PlatformError ? err.kind : 'transient';
  const msg = errText(err);
  if (kind === 'permanent') return dead(c, d, msg);
  const state = nextState(prev, kind === 'rate_limited');
  const counted = countedAttempts(recorded, state);
  if (counted >= c.maxAttempts || recorded >= hardCeiling(c.maxAttempts)) return dead(c, d, `gave up after ${counted} attempts (${recorded} tries): ${msg}`);
  const now = c.now().getTime();
  const retryAfter = err instanceof PlatformError ? err.retryAfterMs : undefined;
  const waitMs =
    kind === 'rate_limited' && retryAfter !== undefined
      ? retryAfter
      : backoffDelay(counted, { baseMs: c.backoffBaseMs, maxMs: c.backoffMaxMs, random: c.random });
  if (kind === 'rate_limited') c.block(now + waitMs);
  await c.store.retryDelivery(d.id, new Date(now + waitMs), msg, storedRetry(state));
  c.metrics.deliveries.inc({ platform: d.platform, status: kind === 'rate_limited' ? 'rate_limited' : 'retry' });
  c.log.warn({ delivery: d.id, kind, attempt: counted, waitMs, error: msg }, 'delivery failed; will retry');
  return 'retried';
}

async function dead(c: DeliverContext, d: Delivery, message: string): Promise<Outcome> {
  await c.store.deadLetter(d.id, message);
  c.metrics.deliveries.inc({ platform: d.platform, status: 'dead' });
  c.log.error({ delivery: d.id, platform: d.platform, channel: d.channel, error: message }, 'delivery dead-lettered');
  return 'dead';
}
