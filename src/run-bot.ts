// The long-running bot: HTTP server, platforms, delivery worker and the node-cron scheduler,
// with a clean shutdown on SIGTERM/SIGINT that stops polling and hands back in-flight deliveries.
import cron from 'node-cron';
import type { App } from './app.js';
import { createOpsServer } from './http/ops.js';
import { mountProbes, type ReadinessCheck } from './http/probes.js';
import { createPollScheduler } from './pipeline/poll-scheduler.js';
import type { PollReport } from './pipeline/poll.js';

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
  /** What /readyz and /healthz report; default: the store answers a ping and polling has started. */
  ready?: ReadinessCheck;
}

export async function runBot(app: App, opts: RunOptions): Promise<RunHandle> {
  const { log, config } = app;
  mountProbes(app.http, opts.ready ?? publicReadiness(app));
  const port = await app.http.listen(opts.port, opts.host);
  log.info(
    { port },
    `listening on :${port} (${app.http
      .routeKeys()
      .map((k) => k.split(' ')[1])
      .join(', ')})`,
  );
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
      log.error(
        { code: 'OPS_LISTEN_FAILED', err: err.message },
        `ops server could not listen on ${opsHost}:${wantedOpsPort}; status page and /metrics are off (set OPS_PORT to a free port)`,
      );
      return undefined;
    },
  );
  try {
    await app.platformsStarted();
  } catch (err) {
    // A bad token (or any start-up failure) ends the process: close what is open, let the CLI exit non-zero.
    await ops.close().catch(() => undefined);
    await app.close().catch(() => undefined);
    throw err;
  }
  app.worker.start();

  // One line per tick once the polls it started are done; a hanging source delays only its own tick's line.
  const scheduler = createPollScheduler(config.sources, app.pollDeps, { concurrency: config.fetch.concurrency, perHost: config.fetch.perHostConcurrency });
  const logCycle = (started: number, reports: PollReport[]) => {
    const count = (o: PollReport['outcome']) => reports.filter((r) => r.outcome === o).length;
    const sum = (k: 'items' | 'fresh' | 'duplicates' | 'delivered') => reports.reduce((n, r) => n + r[k], 0);
    if (count('ok') + count('not_modified') + count('error') === 0) return;
    log.info(
      {
        ok: count('ok'),
        notModified: count('not_modified'),
        errors: count('error'),
        items: sum('items'),
        fresh: sum('fresh'),
        duplicates: sum('duplicates'),
        enqueued: sum('delivered'),
        ms: Date.now() - started,
      },
      'poll cycle',
    );
  };
  const tick = () => {
    const started = Date.now();
    void scheduler
      .tick()
      .then((polls) => Promise.all(polls.values()))
      .then((reports) => logCycle(started, reports))
      .catch((err) => log.error({ err }, 'poll tick failed'));
  };
  const tasks = [
    cron.schedule(config.schedule.tick, tick, { timezone: config.schedule.timezone, name: 'poll' }),
    cron.schedule('17 3 * * *', () => void app.store.purge(new Date(), config.retention.alertDays).catch((err) => log.warn({ err }, 'purge failed')), {
      timezone: config.schedule.timezone,
      name: 'purge',
    }),
  ];
  const digests = await import('./digest/scheduler.js')
    .then((m) => m.scheduleDigests(app))
    .catch((err) => {
      log.warn({ err }, 'digests not scheduled');
      return { stop: async () => {} };
    });
  tick(); // first polls at start, not a minute later
  app.markPolling();

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown') => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down: polling stopped, finishing in-flight deliveries');
      for (const t of tasks) await t.stop();
      await digests.stop();
      await scheduler.idle(10_000); // a hanging fetch is left to its lease: nothing was saved for it
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

/** Readiness for the public port: up or down, polling or not; no error text (it may name internal hosts). */
function publicReadiness(app: App): ReadinessCheck {
  return async () => {
    const r = await app.ready();
    const platforms = Object.fromEntries(Object.keys(app.posters).map((p) => [p, 'configured']));
    return { ok: r.ok, store: { backend: app.store.kind, ok: r.store }, polling: r.polling, platforms };
  };
}
