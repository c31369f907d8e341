// Operational endpoints on the one HTTP server: /healthz, /metrics and the status page.
import type { App } from '../main.js';
import { sendJson, sendText } from './server.js';
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

export async function health(app: App): Promise<Health> {
  const platforms = Object.fromEntries(Object.keys(app.posters).map((p) => [p, 'configured' as const]));
  const result: Health = { ok: true, polling: false, store: { backend: app.store.kind, ok: true }, platforms, sources: { total: app.config.sources.length, failing: 0, disabled: 0 } };
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
    for (const [state, n] of Object.entries(outbox)) app.metrics.outboxDepth.set({ state }, n);
    result.ok = readiness.ok;
  } catch (err) {
    app.metrics.storeUp.set(0);
    result.ok = false;
    result.store = { backend: app.store.kind, ok: false, error: (err as Error).message };
  }
  return result;
}

export function mountOps(app: App): void {
  app.http.route('GET', '/healthz', async (_req, res) => {
    const h = await health(app);
    sendJson(res, h.ok ? 200 : 503, h);
  });
  app.http.route('GET', '/metrics', async (_req, res) => {
    await health(app).catch(() => undefined); // refresh gauges
    sendText(res, 200, await app.metrics.registry.metrics(), app.metrics.registry.contentType);
  });
  mountStatusPage(app);
}
