// The long-running bot: HTTP server, platforms, delivery worker and the node-cron scheduler,
// with a clean shutdown on SIGTERM/SIGINT that stops polling and hands back in-flight deliveries.
import cron from 'node-cron';
import type { App } from './main.js';
import { createOpsServer, storeReadiness } from './http/ops.js';
import { mountProbes, type ReadinessCheck } from './http/probes.js';

export interface RunHandle {
  port: number;
  /** Port of the ops server (status page, /metrics), undefined when it could not listen. */
  opsPort?: number;
  /** Resolves when the bot has shut down. */
  done: Promise<void>;
  shutdown(reason?: string): Promise<void>;
}

export interface RunOptions {
  port: number;
  signals?: boolean;
  host?: string;
  /** Ops server; default app.env.opsPort / opsHost (9464 on 127.0.0.1). */
  opsPort?: number;
  opsHost?: string;
  /** What /readyz and /healthz report; default: the store answers a ping. */
  ready?: ReadinessCheck;
}

export async function runBot(app: App, opts: RunOptions): Promise<RunHandle> {
  const { log, config } = app;
  mountProbes(app.http, opts.ready ?? storeReadiness(app));
  const port = await app.http.listen(opts.port, opts.host);
  log.info({ port }, `listening on :${port} (${app.http.routeKeys().map((k) => k.split(' ')[1]).join(', ')})`);
  const ops = createOpsServer(app, { token: app.env.statusToken });
  const opsHost = opts.opsHost ?? app.env.opsHost ?? '127.0.0.1';
  const wantedOpsPort = opts.opsPort ?? app.env.opsPort ?? 9464;
  if (!app.env.statusToken && !/^(127\.|::1$|localhost$)/.test(opsHost)) {
    log.warn({ opsHost }, 'the ops server (status page with archive search, /metrics) listens beyond loopback without STATUS_TOKEN; set one');
  }
  // The ops server is for people and Prometheus; the bot keeps serving Slack and Discord without it.
  const opsPort = await ops.listen(wantedOpsPort, opsHost).then(
    (p) => {
      log.info({ opsPort: p, opsHost }, `ops server on ${opsHost}:${p} (status page /, /metrics${app.env.statusToken ? ', bearer token required' : ''})`);
      return p;
    },
    (err: NodeJS.ErrnoException) => {
      log.error({ code: 'OPS_LISTEN_FAILED', err: err.message }, `ops server could not listen on ${opsHost}:${wantedOpsPort}; status page and /metrics are off (set OPS_PORT to a free port)`);
      return undefined;
    },
  );
  await app.platformsStarted();
  app.worker.start();

  let polling: Promise<unknown> | undefined;
  const tick = () => {
    if (polling) return; // the previous cycle is still running: skip, the next tick catches up
    polling = app
      .pollCycle(false)
      .then((r) => {
        if (r.ok + r.errors + r.notModified > 0) {
          log.info({ ok: r.ok, notModified: r.notModified, errors: r.errors, items: r.items, fresh: r.fresh, duplicates: r.duplicates, enqueued: r.delivered, ms: r.durationMs }, 'poll cycle');
        }
      })
      .catch((err) => log.error({ err }, 'poll cycle failed'))
      .finally(() => (polling = undefined));
  };
  const tasks = [
    cron.schedule(config.schedule.tick, tick, { timezone: config.schedule.timezone, name: 'poll' }),
    cron.schedule('17 3 * * *', () => void app.store.purge(new Date(), config.retention.alertDays).catch((err) => log.warn({ err }, 'purge failed')), {
      timezone: config.schedule.timezone,
      name: 'purge',
    }),
  ];
  const digests = await import('./digest/scheduler.js').then((m) => m.scheduleDigests(app)).catch((err) => {
    log.warn({ err }, 'digests not scheduled');
    return { stop: async () => {} };
  });
  tick(); // first cycle at start, not a minute later

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown') => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down: polling stopped, finishing in-flight deliveries');
      for (const t of tasks) await t.stop();
      await digests.stop();
      await polling?.catch(() => {});
      await app.worker.stop();
      await ops.close();
      await app.close();
      log.info('bye');
      resolveDone();
    })();
    return stopping;
  };
  if (opts.signals !== false) {
    const onSignal = (sig: NodeJS.Signals) => void shutdown(sig);
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { port, opsPort, done, shutdown };
}
