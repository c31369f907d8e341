// The platform-neutral outbox worker: claim due deliveries (leased to this consumer), run
// them per channel one after another (spaced) and different channels in parallel, and
// acknowledge, retry or dead-letter each. See deliver-one.ts for one delivery's life.
import type { Delivery, Platform } from '../types.js';
import { ChannelGate } from './channel-gate.js';
import { deliverOne, type DeliverContext, type Outcome } from './deliver-one.js';
import type { DeliveryWorker, DeliveryWorkerOptions, RunResult } from './worker-options.js';

export type { DeliveryWorker, DeliveryWorkerOptions, RunResult } from './worker-options.js';

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createDeliveryWorker(o: DeliveryWorkerOptions): DeliveryWorker {
  const now = o.now ?? (() => new Date());
  const sleep = o.sleep ?? realSleep;
  const batchSize = o.batchSize ?? Math.max(1, o.concurrency) * 5;
  let stopping = false;
  let wake: () => void = () => undefined;
  let stopped = new Promise<void>((r) => (wake = r));
  const gate = new ChannelGate({ intervalMs: o.perChannelIntervalMs, now: () => now().getTime(), sleep: (ms) => Promise.race([sleep(ms), stopped]) });
  const warnedMissing = new Set<Platform>();
  const active = new Set<Promise<unknown>>();
  let loop: Promise<void> | undefined;

  const handBack = async (d: Delivery, at: number, message?: string): Promise<Outcome> => {
    await o.store.retryDelivery(d.id, new Date(at), message ?? d.lastError ?? '', d.retry);
    return 'handed_back';
  };

  const runOne = async (d: Delivery, key: string, claimedAt: number, ready: () => Promise<void>): Promise<Outcome> => {
    const poster = o.posters[d.platform];
    if (!poster) {
      if (!warnedMissing.has(d.platform)) {
        warnedMissing.add(d.platform);
        o.log.warn(
          { platform: d.platform },
          `no ${d.platform} poster: deliveries to ${d.platform} stay in the outbox until one is configured (set its credentials and restart)`,
        );
      }
      return handBack(d, now().getTime() + (o.missingPosterRetryMs ?? 300_000), `no ${d.platform} poster configured`);
    }
    const blocked = gate.blockedUntil(key);
    if (blocked !== undefined) return handBack(d, blocked);
    if (!stopping) await ready();
    // A lease close to running out may already be someone else's: let them have it cleanly.
    if (stopping || now().getTime() - claimedAt > o.leaseMs * 0.8) return handBack(d, now().getTime());
    const ctx: DeliverContext = {
      store: o.store,
      log: o.log,
      metrics: o.metrics,
      consumer: o.consumer,
      maxAttempts: o.maxAttempts,
      now,
      random: o.random ?? Math.random,
      backoffBaseMs: o.backoffBaseMs ?? 2000,
      backoffMaxMs: o.backoffMaxMs ?? 600_000,
      sent: () => gate.sent(key),
      block: (until) => gate.block(key, until),
    };
    return deliverOne(ctx, d, poster);
  };

  const runChannel = (key: string, queue: Delivery[], claimedAt: number, tally: RunResult): Promise<void> =>
    gate.run(key, async (ready) => {
      for (const d of queue) {
        try {
          const outcome = await runOne(d, key, claimedAt, ready);
          if (outcome !== 'handed_back') tally[outcome]++;
        } catch (err) {
          // Store trouble mid-delivery: the lease runs out and the delivery is taken up again.
          o.log.error({ err, delivery: d.id }, 'delivery interrupted; this worker claims it again once its lease runs out');
        }
      }
    });

  const runOnce = async (): Promise<RunResult> => {
    const claimedAt = now().getTime();
    const batch = await o.store.claimDeliveries(o.consumer, batchSize, o.leaseMs, new Date(claimedAt));
    const groups = new Map<string, Delivery[]>();
    for (const d of batch) {
      const key = `${d.platform}:${d.channel}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    const tally: RunResult = { delivered: 0, retried: 0, dead: 0 };
    const queues = [...groups.entries()];
    const lanes = Array.from({ length: Math.min(Math.max(1, o.concurrency), queues.length) }, async () => {
      for (let q = queues.shift(); q; q = queues.shift()) await runChannel(q[0], q[1], claimedAt, tally);
    });
    await Promise.all(lanes);
    await recordDepth(o);
    return tally;
  };

  const tracked = (): Promise<RunResult> => {
    const p = runOnce();
    active.add(p);
    void p.catch(() => undefined).finally(() => active.delete(p));
    return p;
  };

  return {
    runOnce: tracked,
    start() {
      if (loop) return;
      stopping = false;
      stopped = new Promise<void>((r) => (wake = r));
      loop = (async () => {
        let failingSince = 0;
        while (!stopping) {
          let busy = false;
          try {
            const r = await tracked();
            busy = r.delivered + r.retried + r.dead > 0;
            if (failingSince) o.log.info('delivery rounds work again');
            failingSince = 0;
          } catch (err) {
            // While the store is down this fails every round: say it once, then once a minute.
            const now = Date.now();
            if (!failingSince || now - failingSince >= 60_000) {
              const code = (err as { code?: string }).code;
              if (code === 'STORE_UNAVAILABLE') o.log.error({ code }, `delivery paused: ${(err as Error).message}`);
              else o.log.error({ err }, 'delivery round failed; trying again shortly');
              failingSince = now;
            }
          }
          if (!busy && !stopping) await Promise.race([realSleep(o.idleMs ?? 1000), stopped]);
        }
      })();
    },
    async stop() {
      stopping = true;
      wake();
      await loop;
      await Promise.allSettled([...active]);
      loop = undefined;
      // Usable again (a later runOnce or start) with spacing intact.
      stopping = false;
      stopped = new Promise<void>((r) => (wake = r));
    },
  };
}

async function recordDepth(o: DeliveryWorkerOptions): Promise<void> {
  try {
    const s = await o.store.outboxStats();
    o.metrics.outboxDepth.set({ state: 'pending' }, s.pending);
    o.metrics.outboxDepth.set({ state: 'in_flight' }, s.inFlight);
    o.metrics.outboxDepth.set({ state: 'dead' }, s.dead);
  } catch (err) {
    o.log.warn({ err }, 'could not read outbox depth');
  }
}
