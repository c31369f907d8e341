// A local fake of the Discord REST API (v10) on 127.0.0.1: records messages, edits, command
// registration and interaction callbacks / webhook follow-ups; answers route or global 429s and 5xx on demand.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  files: Array<{ field: string; name: string; type: string; size: number }>;
  /** Arrival time (ms since epoch). */
  at: number;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  content?: string;
  embeds: any[];
  components?: any[];
  nonce?: string;
  allowed_mentions?: unknown;
  /** A reply: the message it answers. */
  message_reference?: { message_id: string };
  attachments: Array<{ id: string; filename: string; size: number }>;
  edits: number;
}

export interface Fault {
  status: number;
  /** Seconds; sent as Retry-After and (for 429) retry_after in the body. */
  retryAfter?: number;
  global?: boolean;
  code?: number;
  /** Only requests whose `METHOD /path` (without /api/v10) matches. */
  match?: RegExp;
}

export class FakeDiscordApi {
  readonly requests: RecordedRequest[] = [];
  readonly messages: FakeMessage[] = [];
  readonly commands = new Map<string, any[]>();
  readonly channels = new Set<string>(['111111111111111111', '222222222222222222']);
  readonly forbidden = new Set<string>();
  /** recipient user id → DM channel id, made by POST /users/@me/channels. */
  readonly dmChannels = new Map<string, string>();
  /** Recipients whose DMs are closed (403, code 50007). */
  readonly noDm = new Set<string>();
  /** Real Discord does not return nonces when listing channel messages; tests can switch them on. */
  returnNonces = false;
  token = 'test-bot-token';
  private faults: Fault[] = [];
  private seq = 1000n;
  private server?: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
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

  /** Queue faults for the next matching requests (one fault each). */
  fail(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  find(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private nextId(): string {
    this.seq += 1n;
    return (1234567890123456789n + this.seq).toString();
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset-after': '1',
      'x-ratelimit-bucket': 'fakebucket',
      ...headers,
    });
    res.end(text);
  }

  private async readBody(req: IncomingMessage): Promise<{ body: any; files: RecordedRequest['files'] }> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const files: RecordedRequest['files'] = [];
      let body: any = {};
      for (const [field, v] of form.entries()) {
        if (typeof v === 'string') {
          if (field === 'payload_json') body = JSON.parse(v);
        } else files.push({ field, name: v.name, type: v.type, size: v.size });
      }
      return { body, files };
    }
    return { body: raw.length ? JSON.parse(raw.toString('utf8')) : undefined, files: [] };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const method = req.method ?? 'GET';
    const at = Date.now();
    const { body, files } = await this.readBody(req);
    this.requests.push({ method, path: `${path}${url.search}`, headers: req.headers, body, files, at });
    const fi = this.faults.findIndex((f) => !f.match || f.match.test(`${method} ${path}`));
    if (fi >= 0) {
      const [f] = this.faults.splice(fi, 1);
      const h: Record<string, string> = {};
      if (f!.retryAfter !== undefined) h['retry-after'] = String(f!.retryAfter);
      if (f!.status === 429) {
        if (f!.global) h['x-ratelimit-global'] = 'true';
        else Object.assign(h, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(f!.retryAfter ?? 1), 'x-ratelimit-scope': 'user' });
        return this.send(res, 429, { message: 'You are being rate limited.', retry_after: f!.retryAfter ?? 1, global: !!f!.global }, h);
      }
      return this.send(res, f!.status, { message: 'fault', code: f!.code ?? 0 }, h);
    }
    const webhook = path.startsWith('/webhooks/') || path.startsWith('/interactions/');
    if (!webhook && req.headers.authorization !== `Bot ${this.token}`) return this.send(res, 401, { message: '401: Unauthorized', code: 0 });
    return this.route(method, path, url, body, files, res);
  }

  private route(method: string, path: string, url: URL, body: any, files: RecordedRequest['files'], res: ServerResponse): void {
    let m: RegExpMatchArray | null;
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      const channel = m[1]!;
      if (this.forbidden.has(channel)) return this.send(res, 403, { message: 'Missing Access', code: 50001 });
      if (!this.channels.has(channel)) return this.send(res, 404, { message: 'Unknown Channel', code: 10003 });
      if (method === 'GET') {
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const list = this.messages
          .filter((x) => x.channel_id === channel)
          .slice(-limit)
          .reverse();
        return this.send(
          res,
          200,
          list.map(({ nonce, edits: _e, ...rest }) => (this.returnNonces ? { ...rest, nonce } : rest)),
        );
      }
      if (body?.enforce_nonce && body.nonce) {
        const dup = this.messages.find((x) => x.channel_id === channel && x.nonce === body.nonce);
        if (dup) return this.send(res, 200, dup);
      }
      const ref = body?.message_reference?.message_id;
      if (ref && body.message_reference.fail_if_not_exists !== false && !this.messages.some((x) => x.channel_id === channel && x.id === ref))
        return this.send(res, 400, { message: 'Invalid Form Body', code: 50035 });
      const msg: FakeMessage = {
        id: this.nextId(),
        channel_id: channel,
        content: body?.content,
        embeds: body?.embeds ?? [],
        components: body?.components,
        nonce: body?.nonce,
        allowed_mentions: body?.allowed_mentions,
        ...(ref ? { message_reference: { message_id: String(ref) } } : {}),
        attachments: files.map((f, i) => ({ id: String(i), filename: f.name, size: f.size })),
        edits: 0,
      };
      this.messages.push(msg);
      return this.send(res, 200, msg);
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && method === 'PATCH') {
      const msg = this.messages.find((x) => x.channel_id === m![1] && x.id === m![2]);
      if (!msg) return this.send(res, 404, { message: 'Unknown Message', code: 10008 });
      Object.assign(msg, {
        embeds: body?.embeds ?? msg.embeds,
        content: body?.content ?? msg.content,
        allowed_mentions: body?.allowed_mentions,
        edits: msg.edits + 1,
      });
      return this.send(res, 200, msg);
    }
    if (path === '/users/@me/channels' && method === 'POST') {
      // A DM channel per recipient, stable, and postable like any channel.
      const recipient = String(body?.recipient_id ?? '');
      if (!/^\d+$/.test(recipient)) return this.send(res, 400, { message: 'Invalid Form Body', code: 50035 });
      if (this.noDm.has(recipient)) return this.send(res, 403, { message: 'Cannot send messages to this user', code: 50007 });
      const id = this.dmChannels.get(recipient) ?? this.nextId();
      this.dmChannels.set(recipient, id);
      this.channels.add(id);
      return this.send(res, 200, { id, type: 1, recipients: [{ id: recipient }] });
    }
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/)) && method === 'PUT') {
      const key = m[2] ? `guild:${m[2]}` : 'global';
      const list = (body as any[]).map((c) => ({ ...c, id: this.nextId(), application_id: m![1] }));
      this.commands.set(key, list);
      return this.send(res, 200, list);
    }
    if (path === '/users/@me' && method === 'GET') return this.send(res, 200, { id: '775799577604522054', username: 'talent-radar', bot: true });
    if (path.match(/^\/interactions\/\d+\/[^/]+\/callback$/) && method === 'POST') return this.send(res, 204, undefined);
    if (path.match(/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) {
      if (method === 'DELETE') return this.send(res, 204, undefined);
      return this.send(res, 200, { id: this.nextId(), ...body });
    }
    if (path.match(/^\/webhooks\/\d+\/[^/]+$/) && method === 'POST') return this.send(res, 200, { id: this.nextId(), ...body });
    return this.send(res, 404, { message: '404: Not Found', code: 0 });
  }
}

/** Polls `check` until it returns a truthy value (no timing assertion: only a generous give-up). */
export async function waitFor<T>(check: () => T | undefined | null | false, what = 'condition', giveUpMs = 10_000): Promise<T> {
  const until = Date.now() + giveUpMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
