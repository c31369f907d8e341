// POST /discord/interactions on the shared HttpServer: signature and freshness checked on the raw
// body before anything is parsed (401 otherwise), then the shared responder answers.
import type { IncomingMessage } from 'node:http';
import type { APIInteraction } from 'discord-api-types/v10';
import { readBody, sendJson, type HttpServer } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import { fromApiInteraction } from './interaction-input.js';
import type { Responder } from './respond.js';
import type { InteractionVerifier } from './verify.js';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface InteractionsRouteOptions {
  verifier: InteractionVerifier;
  responder: Responder;
  log: Logger;
  metrics?: Metrics;
  /** Used when a payload lacks application_id (Discord always sends it; documentation examples do not). */
  applicationId?: string;
  /** Interactions are small (a few KB; a button press carries its message). Default 64 KiB, checked before the signature. */
  maxBodyBytes?: number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isInteraction(x: unknown): x is APIInteraction {
  if (!x || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  if (typeof o.type !== 'number') return false;
  return o.type === 1 || (typeof o.id === 'string' && typeof o.token === 'string');
}

export function mountInteractions(http: HttpServer, o: InteractionsRouteOptions): void {
  http.route('POST', INTERACTIONS_PATH, async (req, res) => {
    const body = await readBody(req, o.maxBodyBytes ?? 64 * 1024);
    const problem = o.verifier({ signature: header(req, 'x-signature-ed25519'), timestamp: header(req, 'x-signature-timestamp'), body });
    if (problem) {
      o.log.warn({ problem }, 'discord interaction refused: signature check failed');
      o.metrics?.commands.inc({ platform: 'discord', subcommand: 'none', outcome: `unauthorized_${problem}` });
      sendJson(res, 401, { error: 'invalid request signature' });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      payload = undefined;
    }
    if (!isInteraction(payload)) {
      sendJson(res, 400, { error: 'not a Discord interaction' });
      return;
    }
    const input = fromApiInteraction(payload);
    if (!input.applicationId) input.applicationId = o.applicationId ?? '';
    await o.responder.handle(input, async (response) => sendJson(res, 200, response));
  });
}
