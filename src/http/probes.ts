// Probes on the public port. /livez: the process is up and its event loop turns (a liveness
// probe restarting pods during a Redis outage helps nobody: the bot recovers by itself).
// /readyz (and /healthz, its alias for Docker's HEALTHCHECK): can this replica do its work now,
// as told by the readiness function the caller passes (by default: the store answers).
import type { HttpServer } from './server.js';
import { sendJson } from './server.js';

export interface Readiness {
  ok: boolean;
  /** Short, non-secret reasons, e.g. `{ store: 'down' }`. */
  [detail: string]: unknown;
}

export type ReadinessCheck = () => Promise<Readiness>;

export function mountProbes(http: HttpServer, ready: ReadinessCheck): void {
  const startedAt = Date.now();
  http.route('GET', '/livez', (_req, res) => sendJson(res, 200, { ok: true, uptimeSec: Math.round((Date.now() - startedAt) / 1000) }));
  const readyz: Parameters<HttpServer['route']>[2] = async (_req, res) => {
    const r = await ready().catch((err: unknown) => ({ ok: false, error: (err as Error).message }));
    sendJson(res, r.ok ? 200 : 503, r);
  };
  http.route('GET', '/readyz', readyz);
  http.route('GET', '/healthz', readyz);
}
