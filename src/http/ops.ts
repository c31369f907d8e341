// The ops server (OPS_PORT on OPS_HOST, loopback by default): the status page with its archive
// search, /metrics and a detailed /healthz. Never on the public port; STATUS_TOKEN, when set,
// is required as `Authorization: Bearer <token>` on every route here.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { App } from '../app.js';
import type { Readiness } from './probes.js';
import { HttpServer, sendJson, sendText, type Handler } from './server.js';
import { mountStatusPage } from './status-page.js';

export interface Health {
  ok: boolean;
  /** False until the bot has started polling (start-up, or a start that failed). */
  polling: boolean;
  store: { backend: string; ok: boolean; error?: string };
  platforms: Record<string, 'configured'>;
  outbox?: { pending: number; inFlight: number; dead: number };
  sources: { total: number; failing: number; disabled: number };
}

/** Outbox gauge labels, the same the delivery worker sets (one series per state, no camelCase twin). */
const OUTBOX_STATE = { pending: 'pending', inFlight: 'in_flight', dead: 'dead' } as const;

/** What the ops server reads of the running bot. */
export type OpsApp = Pick<App, 'config' | 'store' | 'posters' | 'metrics' | 'log' | 'ready' | 'handleCommand'>;

export async function health(app: Pick<OpsApp, 'config' | 'store' | 'posters' | 'metrics' | 'ready'>): Promise<Health> {
  const platforms = Object.fromEntries(Object.keys(app.posters).map((p) => [p, 'configured' as const]));
  const result: Health = {
    ok: true,
    polling: false,
    store: { backend: app.store.kind, ok: true },
    platforms,
    sources: { total: app.config.sources.length, failing: 0, disabled: 0 },
  };
  // Ready only when the store answers (within a bound: a frozen store must not hang the probe) and polling runs.
  const readiness = await app.ready();
  result.polling = readiness.polling;
  try {
    if (!readiness.store) throw new Error(readiness.error);
    const [outbox, states] = await Promise.all([app.store.outboxStats(), app.store.getSourceStates()]);
    result.outbox = outbox;
    result.sources.failing = states.filter((s) => s.consecutiveFailures > 0 && !s.disabled).length;
    result.sources.disabled = states.filter((s) => s.disabled).length;
    app.metrics.storeUp.set(1);
    for (const [state, label] of Object.entries(OUTBOX_STATE)) app.metrics.outboxDepth.set({ state: label }, outbox[state as keyof typeof OUTBOX_STATE]);
    result.ok = readiness.ok;
  } catch (err) {
    app.metrics.storeUp.set(0);
    result.ok = false;
    result.store = { backend: app.store.kind, ok: false, error: (err as Error).message };
  }
  return result;
}

/** The default readiness: the store answers a ping within `timeoutMs`. Says nothing private. */
export function storeReadiness(app: Pick<App, 'store' | 'posters'>, timeoutMs = 2_000): () => Promise<Readiness> {
  return async () => {
    const platforms = Object.fromEntries(Object.keys(app.posters).map((p) => [p, 'configured']));
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      app.store.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    return { ok, store: { backend: app.store.kind, ok }, platforms };
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Wraps a handler so it runs only with `Authorization: Bearer <token>` (when a token is set). */
export function requireToken(token: string | undefined, handler: Handler): Handler {
  if (!token) return handler;
  const want = digest(token);
  return (req: IncomingMessage, res, url) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m || !timingSafeEqual(digest(m[1]), want)) {
      sendJson(res, 401, { error: 'unauthorized: send Authorization: Bearer <STATUS_TOKEN>' }, { 'www-authenticate': 'Bearer realm="talent-radar ops"' });
      return;
    }
    return handler(req, res, url);
  };
}

/** Builds the ops server's routes (not listening yet). */
export function createOpsServer(app: OpsApp, opts: { token?: string } = {}): HttpServer {
  const ops = new HttpServer(app.log.child({ mod: 'ops-http' }));
  const guard = (h: Handler) => requireToken(opts.token, h);
  ops.route(
    'GET',
    '/healthz',
    guard(async (_req, res) => {
      const h = await health(app);
      sendJson(res, h.ok ? 200 : 503, h);
    }),
  );
  ops.route(
    'GET',
    '/metrics',
    guard(async (_req, res) => {
      await health(app).catch(() => undefined); // refresh gauges
      sendText(res, 200, await app.metrics.registry.metrics(), app.metrics.registry.contentType);
    }),
  );
  mountStatusPage(app, ops, guard);
  return ops;
}
