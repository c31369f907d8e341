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
  /**
   * Shared replay check across replicas (through the store): resolves true when the signature was
   * seen before. A per-process memory is kept as well, so a lone replica refuses replays without it.
   */
  seen?: (signature: string) => Promise<boolean>;
  /** Accepted clock difference of the verifier, so replays are remembered as long as they could pass. Default 300 s. */
  toleranceSec?: number;
  now?: () => Date;
  /** Interactions are small (a few KB; a button press carries its message). Default 64 KiB, checked before the signature. */
  maxBodyBytes?: number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v !== '';

function optionsProblem(options: unknown, depth = 0): string | undefined {
  if (options === undefined) return undefined;
  if (!Array.isArray(options)) return 'options is not an array';
  if (depth > 3) return 'options nested too deep';
  for (const o of options) {
    if (!isObj(o) || typeof o.name !== 'string' || typeof o.type !== 'number') return 'an option without name or type';
    if (o.value !== undefined && o.value !== null && !['string', 'number', 'boolean'].includes(typeof o.value))
      return `option ${o.name}: value is not a scalar`;
    const nested = optionsProblem(o.options, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * What the responder relies on, checked after the signature: a validly signed but malformed
 * interaction is answered 400 with a log line, never a 500.
 */
export function interactionProblem(x: unknown): string | undefined {
  if (!isObj(x)) return 'not a JSON object';
  if (typeof x.type !== 'number') return 'no numeric type';
  if (x.type === 1) return undefined; // PING
  if (!isId(x.id) || !isId(x.token)) return 'no id or token';
  if (x.member !== undefined && x.member !== null) {
    if (!isObj(x.member) || !isObj(x.member.user) || !isId(x.member.user.id)) return 'member without user.id';
    if (x.member.permissions !== undefined && typeof x.member.permissions !== 'string') return 'member.permissions is not a string';
  } else if (!isObj(x.user) || !isId(x.user.id)) return 'neither member.user nor user';
  if (x.channel !== undefined && x.channel !== null && (!isObj(x.channel) || (x.channel.id !== undefined && typeof x.channel.id !== 'string')))
    return 'channel is not an object';
  if (x.channel_id !== undefined && typeof x.channel_id !== 'string') return 'channel_id is not a string';
  if (x.guild_id !== undefined && typeof x.guild_id !== 'string') return 'guild_id is not a string';
  if (x.application_id !== undefined && typeof x.application_id !== 'string') return 'application_id is not a string';
  if (x.data !== undefined && x.data !== null) {
    if (!isObj(x.data)) return 'data is not an object';
    if (x.data.name !== undefined && typeof x.data.name !== 'string') return 'data.name is not a string';
    if (x.data.custom_id !== undefined && typeof x.data.custom_id !== 'string') return 'data.custom_id is not a string';
    const p = optionsProblem(x.data.options);
    if (p) return p;
  }
  return undefined;
}

export function mountInteractions(http: HttpServer, o: InteractionsRouteOptions): void {
  // Signatures accepted in this process (lower-cased hex), until their timestamp is out of the window anyway.
  const recent = new Map<string, number>();
  const tolerance = o.toleranceSec ?? 300;
  const now = o.now ?? (() => new Date());
  const refuse = (res: Parameters<typeof sendJson>[0], status: number, outcome: string, problem: string) => {
    o.log.warn({ problem }, `discord interaction refused: ${problem}`);
    o.metrics?.commands.inc({ platform: 'discord', subcommand: 'none', outcome });
    sendJson(res, status, { error: status === 401 ? 'invalid request signature' : 'not a valid Discord interaction' });
  };
  http.route('POST', INTERACTIONS_PATH, async (req, res) => {
    const body = await readBody(req, o.maxBodyBytes ?? 64 * 1024);
    const signature = header(req, 'x-signature-ed25519');
    const timestamp = header(req, 'x-signature-timestamp');
    const problem = o.verifier({ signature, timestamp, body });
    if (problem) return refuse(res, 401, `unauthorized_${problem}`, `signature check failed (${problem})`);
    const sig = signature!.toLowerCase();
    const nowMs = now().getTime();
    for (const [k, until] of recent) if (until < nowMs) recent.delete(k);
    if (recent.has(sig)) return refuse(res, 401, 'unauthorized_replay', 'replay (already received)');
    recent.set(sig, (Number(timestamp) + tolerance) * 1000 + 1000);
    if (o.seen && (await o.seen(sig))) return refuse(res, 401, 'unauthorized_replay', 'replay (already received by a replica)');
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      payload = undefined;
    }
    const bad = interactionProblem(payload);
    if (bad) return refuse(res, 400, 'bad_payload', `malformed payload (${bad})`);
    const input = fromApiInteraction(payload as APIInteraction);
    if (!input.applicationId) input.applicationId = o.applicationId ?? '';
    await o.responder.handle(input, async (response) => sendJson(res, 200, response));
  });
}
