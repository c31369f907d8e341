// A local fake of the Slack Web API on 127.0.0.1: records every call, keeps posted messages
// (with metadata) per channel, serves users.info, the external upload flow and response_urls,
// and fails on demand (429 with Retry-After, 5xx, or `ok: false` errors).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  body: Record<string, any>;
  headers: IncomingMessage['headers'];
}

export interface FakeMessage {
  ts: string;
  channel: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  edited?: boolean;
  /** Set for a reply in a thread: the parent's ts. */
  thread_ts?: string;
}

export interface Failure {
  status?: number;
  retryAfter?: number;
  /** Slack `error` string for an `ok: false` answer with HTTP 200. */
  error?: string;
  times?: number;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** WebClient sends form data with objects as JSON strings; decode those back. */
function decode(raw: string, type: string | undefined): Record<string, any> {
  if (type?.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v)
      ? (() => {
          try {
            return JSON.parse(v);
          } catch {
            return v;
          }
        })()
      : v;
  }
  return out;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly responses: Array<{ id: string; body: any }> = [];
  readonly uploads = new Map<string, Buffer>();
  readonly admins = new Set<string>();
  /** Users conversations.open refuses (as for a user who cannot be messaged). */
  readonly noDm = new Set<string>();
  readonly owners = new Set<string>();
  private failures = new Map<string, Failure[]>();
  private server?: Server;
  private seq = 0;
  port = 0;

  /** Socket Mode: what apps.connections.open hands out (set by the test to a FakeSlackSocket url). */
  socketUrl = '';

  constructor(
    readonly token = 'xoxb-test',
    readonly appToken = 'xapp-test',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }
  /** The next call(s) to `method` fail as described. */
  failNext(method: string, f: Failure): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < (f.times ?? 1); i++) list.push(f);
    this.failures.set(method, list);
  }
  /** Resolves once `n` response_url answers arrived (each test's clock is the event loop, not a timer). */
  async waitForResponses(n: number, maxMs = 5000): Promise<void> {
    for (let waited = 0; this.responses.length < n; waited += 10) {
      if (waited > maxMs) throw new Error(`only ${this.responses.length} of ${n} response_url answers arrived`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    await new Promise<void>((r) => {
      s.close(() => r());
      s.closeAllConnections();
    });
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/upload/')) {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      this.uploads.set(path.slice(8), Buffer.concat(chunks));
      this.calls.push({ method: 'upload', body: { fileId: path.slice(8) }, headers: req.headers });
      return void res.writeHead(200).end('OK - upload');
    }
    const raw = await readAll(req);
    if (path.startsWith('/response/')) {
      this.responses.push({ id: path.slice(10), body: JSON.parse(raw) });
      return this.send(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, '');
    const body = decode(raw, req.headers['content-type']);
    this.calls.push({ method, body, headers: req.headers });
    const fail = this.failures.get(method)?.shift();
    if (fail?.retryAfter !== undefined || fail?.status === 429)
      return this.send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fail.retryAfter ?? 1) });
    if (fail?.status) return this.send(res, fail.status, { ok: false, error: 'server_error' });
    if (fail?.error) return this.send(res, 200, { ok: false, error: fail.error });
    const expected = method === 'apps.connections.open' ? this.appToken : this.token;
    if (req.headers.authorization !== `Bearer ${expected}`) return this.send(res, 200, { ok: false, error: 'invalid_auth' });
    this.send(res, 200, this.answer(method, body));
  }

  private answer(method: string, body: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'socket_mode_not_set_up_in_fake' };
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'talent-radar' };
      case 'chat.postMessage': {
        // Real Slack ts: seconds of the post time (findPosted asks for messages newer than a delivery).
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
        if (body.thread_ts && !this.messages.some((m) => m.channel === body.channel && m.ts === body.thread_ts))
          return { ok: false, error: 'thread_not_found' };
        this.messages.push({
          ts,
          channel: body.channel,
          text: body.text,
          blocks: body.blocks,
          metadata: body.metadata,
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
        });
        return { ok: true, channel: body.channel, ts };
      }
      case 'chat.update': {
        const m = this.messages.find((x) => x.channel === body.channel && x.ts === body.ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        Object.assign(m, { text: body.text, blocks: body.blocks, edited: true });
        return { ok: true, channel: body.channel, ts: body.ts };
      }
      case 'users.info': {
        const id = String(body.user);
        return { ok: true, user: { id, is_admin: this.admins.has(id), is_owner: this.owners.has(id), is_primary_owner: false } };
      }
      case 'conversations.history': {
        const all = this.messages.filter((m) => m.channel === body.channel && (!body.oldest || Number(m.ts) >= Number(body.oldest))).reverse();
        const start = Number(body.cursor ?? 0);
        const limit = Number(body.limit ?? 100);
        const page = all.slice(start, start + limit).map((m) => ({
          type: 'message',
          ts: m.ts,
          text: m.text,
          ...(body.include_all_metadata === 'true' || body.include_all_metadata === true ? { metadata: m.metadata } : {}),
        }));
        const more = start + limit < all.length;
        return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(start + limit) : '' } };
      }
      case 'conversations.replies': {
        const parent = this.messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        const withMeta = body.include_all_metadata === 'true' || body.include_all_metadata === true;
        const all = [parent, ...this.messages.filter((m) => m.channel === body.channel && m.thread_ts === body.ts)];
        return {
          ok: true,
          messages: all.map((m) => ({
            type: 'message',
            ts: m.ts,
            thread_ts: m.thread_ts ?? m.ts,
            text: m.text,
            ...(withMeta ? { metadata: m.metadata } : {}),
          })),
          has_more: false,
        };
      }
      case 'conversations.open': {
        // One DM channel per user, as Slack does: D + the user id.
        const users = String(body.users ?? '');
        if (!users || users.includes(',')) return { ok: false, error: 'not_enough_users' };
        if (this.noDm.has(users)) return { ok: false, error: 'cannot_dm_bot' };
        return { ok: true, channel: { id: `D${users}` } };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${++this.seq}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (body.files ?? []).map((f: { id: string }) => ({ id: f.id })) };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
