// A Bolt Receiver mounted on our one HttpServer: raw body → signature check → parse → ack → app.processEvent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { readBody, sendJson, sendText } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { SlackMetrics } from './metrics.js';
import { SlackGuardUnavailableError, SlackVerifyError, type SignedRequest } from './verify.js';

/** Shown to whoever ran a command while the store was unreachable (ephemeral, within Slack's 3 s). */
export const OUTAGE_APOLOGY = 'Sorry, talent-radar cannot reach its store right now. Please try again in a minute.';

export interface RouteReceiverOptions {
  verify: (req: SignedRequest) => Promise<void>;
  log: Logger;
  /** Safety net: acknowledge with an empty 200 if no listener did within this time (Slack waits 3 s). */
  ackTimeoutMs?: number;
  maxBodyBytes?: number;
  metrics?: SlackMetrics;
}

export class BadSlackBodyError extends Error {
  readonly code = 'SLACK_BAD_BODY';
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Slash commands and interactivity come form-encoded (interactivity as a JSON `payload` field); events as JSON. */
export function parseSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  try {
    if (contentType?.includes('application/json')) {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as Record<string, unknown>;
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (typeof form.payload === 'string') {
      const payload: unknown = JSON.parse(form.payload);
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('payload is not an object');
      return payload as Record<string, unknown>;
    }
    return form;
  } catch (err) {
    throw new BadSlackBodyError(`request body is not valid Slack form/JSON data: ${(err as Error).message}`);
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v !== '';
/** Interactivity payload types that always carry the user who acted. */
const INTERACTIVE = new Set(['block_actions', 'block_suggestion', 'shortcut', 'message_action', 'view_submission', 'view_closed', 'interactive_message']);

/**
 * The fields our listeners and Bolt rely on, checked before dispatch: a validly signed but
 * malformed payload is the sender's mistake (400 and a log line), never our 500.
 */
export function slackBodyProblem(body: Record<string, unknown>): string | undefined {
  if (body.ssl_check || body.type === 'url_verification') return undefined;
  if ('command' in body) {
    if (!isStr(body.command)) return 'command is not a string';
    if (!isStr(body.user_id) || !isStr(body.channel_id)) return 'command without user_id or channel_id';
    if (body.text !== undefined && typeof body.text !== 'string') return 'command text is not a string';
    return undefined;
  }
  if (typeof body.type !== 'string') return 'no type';
  if (INTERACTIVE.has(body.type)) {
    if (!isObj(body.user) || !isStr(body.user.id)) return `${body.type} without user.id`;
    if (body.type === 'block_actions' && (!Array.isArray(body.actions) || !body.actions.every((a) => isObj(a) && typeof a.action_id === 'string')))
      return 'block_actions without an actions array';
    if (body.channel !== undefined && body.channel !== null && !isObj(body.channel)) return 'channel is not an object';
    return undefined;
  }
  if (body.type === 'event_callback' && (!isObj(body.event) || typeof body.event.type !== 'string')) return 'event_callback without an event';
  return undefined;
}

export class RouteReceiver implements Receiver {
  private app?: App;
  constructor(private readonly opts: RouteReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    // Pre-auth cap: slash commands are ~1 KB, interactivity payloads with their message tens of KB.
    const raw = await readBody(req, this.opts.maxBodyBytes ?? 128 * 1024);
    try {
      await this.opts.verify({ timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature'), body: raw });
    } catch (err) {
      if (err instanceof SlackGuardUnavailableError) return this.apologize(raw, req, res, err);
      if (!(err instanceof SlackVerifyError)) throw err;
      this.opts.log.warn({ code: err.code }, 'rejected a Slack request');
      this.opts.metrics?.request(`rejected_${err.code.replace(/^SLACK_/, '').toLowerCase()}`);
      sendJson(res, 401, { error: err.code });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(raw.toString('utf8'), header(req, 'content-type'));
    } catch (err) {
      this.opts.log.warn({ code: (err as BadSlackBodyError).code, problem: (err as Error).message }, 'refused a signed Slack request: malformed body');
      this.opts.metrics?.request('bad_body');
      sendJson(res, 400, { error: (err as BadSlackBodyError).code });
      return;
    }
    const problem = slackBodyProblem(body);
    if (problem) {
      this.opts.log.warn({ code: 'SLACK_BAD_BODY', problem }, 'refused a signed Slack request: malformed payload');
      this.opts.metrics?.request('bad_body');
      sendJson(res, 400, { error: 'SLACK_BAD_BODY' });
      return;
    }
    this.opts.metrics?.request('ok');
    if (body.ssl_check) return sendText(res, 200, '');
    if (body.type === 'url_verification') return sendText(res, 200, String(body.challenge ?? ''));
    if (!this.app) return sendJson(res, 503, { error: 'slack app not ready' });
    await this.dispatch(this.app, body, req, res, started);
  };

  /** Genuine request, store unreachable: a polite 200 now (ephemeral text for commands), never a 500. */
  private apologize(raw: Buffer, req: IncomingMessage, res: ServerResponse, err: Error): void {
    this.opts.log.warn({ code: 'SLACK_GUARD_UNAVAILABLE' }, `answered with an apology: ${err.message}`);
    this.opts.metrics?.request('store_unavailable');
    let body: Record<string, unknown> = {};
    try {
      body = parseSlackBody(raw.toString('utf8'), header(req, 'content-type'));
    } catch {
      // An unreadable body gets the empty acknowledgement below.
    }
    if (body.type === 'url_verification') return sendText(res, 200, String(body.challenge ?? ''));
    if (body.command) return sendJson(res, 200, { response_type: 'ephemeral', text: OUTAGE_APOLOGY });
    sendText(res, 200, '');
  }

  private async dispatch(app: App, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, started: number): Promise<void> {
    let acked = false;
    const kind = body.command ? 'command' : String(body.type ?? 'unknown');
    const ack: ReceiverEvent['ack'] = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      clearTimeout(timer);
      this.opts.metrics?.acked(kind, (performance.now() - started) / 1000);
      if (response === undefined || response === '') sendText(res, 200, '');
      else if (typeof response === 'string') sendText(res, 200, response);
      else sendJson(res, 200, response);
    };
    const timer = setTimeout(() => {
      if (acked) return;
      this.opts.log.warn({ type: body.type ?? body.command }, 'no ack in time; acknowledging empty');
      void ack();
    }, this.opts.ackTimeoutMs ?? 2500);
    const retry = header(req, 'x-slack-retry-num');
    try {
      await app.processEvent({ body, ack, retryNum: retry ? Number(retry) : undefined, retryReason: header(req, 'x-slack-retry-reason') });
      await ack();
    } catch (err) {
      clearTimeout(timer);
      this.opts.log.error({ err }, 'slack event processing failed');
      if (!acked) {
        acked = true;
        // A command still gets a polite answer; anything else a 500 so Slack retries it.
        if (body.command) sendJson(res, 200, { response_type: 'ephemeral', text: 'Sorry, something went wrong on our side. Please try again in a minute.' });
        else sendJson(res, 500, { error: 'internal error' });
      }
    }
  }
}
