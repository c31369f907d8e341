// A small router over node:http, used twice: the public server (Slack events, Discord
// interactions, probes) and the ops server (status page, /metrics). Both cap what a client can
// make us hold before it is authenticated: body size, body time, header time, idle sockets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';

/** How long close() lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 3_000;

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

/** The client sent its body too slowly (a dribbled body is cut, not held for minutes). */
export class BodyTimeoutError extends Error {
  readonly code = 'BODY_TIMEOUT';
}

/** Default time a client gets to send a whole request body. */
export const BODY_TIMEOUT_MS = 5_000;

export interface ReadBodyOptions {
  /** Default BODY_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * Reads a request body fully, refusing more than `maxBytes` (a larger Content-Length is refused
 * before a byte is read) and bodies that take longer than `timeoutMs` to arrive.
 */
export async function readBody(req: IncomingMessage, maxBytes = 1024 * 1024, opts: ReadBodyOptions = {}): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(`request body over ${maxBytes} bytes`);
  const timeoutMs = opts.timeoutMs ?? BODY_TIMEOUT_MS;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err?: Error) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return done(new BodyTooLargeError(`request body over ${maxBytes} bytes`));
      chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = (err: Error) => done(err);
    const onAborted = () => done(new Error('request aborted'));
    const timer = setTimeout(() => done(new BodyTimeoutError(`request body not received within ${timeoutMs} ms`)), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export interface HttpServerOptions {
  /** Time for the request headers. Default 10 s. */
  headersTimeoutMs?: number;
  /** Time for the whole request (headers and body). Default 15 s. */
  requestTimeoutMs?: number;
  /** A socket with no traffic at all is closed after this. Default 20 s. */
  idleTimeoutMs?: number;
  /** Open connections at most; more are refused. Default 1024. */
  maxConnections?: number;
}

export class HttpServer {
  private readonly routes = new Map<string, Handler>();
  private server?: Server;

  constructor(
    private readonly log: Logger,
    private readonly opts: HttpServerOptions = {},
  ) {}

  /** Pre-auth refusals are logged once per code and then as a count every 10 s: a flood must not flood the logs. */
  private readonly refusals = new Map<string, { count: number; since: number }>();
  private logRefusal(code: string, path: string): void {
    const now = Date.now();
    const r = this.refusals.get(code);
    if (r && now - r.since < 10_000) {
      r.count++;
      return;
    }
    this.refusals.set(code, { count: 0, since: now });
    this.log.warn({ code, path, alsoRefusedSinceLastLine: r?.count ?? 0 }, 'request refused before authentication');
  }

  /** Registers `handler` for `METHOD path` (exact path match). */
  route(method: string, path: string, handler: Handler): this {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
    return this;
  }

  /** `METHOD path` of every route, for logs and tests. */
  routeKeys(): string[] {
    return [...this.routes.keys()];
  }

  /** The node request listener, usable without listening (tests, embedding). */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendJson(res, 400, { error: 'bad request' });
      return;
    }
    const handler = this.routes.get(`${req.method} ${url.pathname}`);
    if (!handler) {
      const allowed = [...this.routes.keys()].filter((k) => k.endsWith(` ${url.pathname}`));
      if (allowed.length) sendJson(res, 405, { error: 'method not allowed' }, { allow: allowed.map((k) => k.split(' ')[0]).join(', ') });
      else sendJson(res, 404, { error: 'not found' });
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res, url))
      .catch((err: unknown) => {
        if (err instanceof BodyTooLargeError || err instanceof BodyTimeoutError) {
          this.logRefusal(err.code, url.pathname);
          // Close the connection: whatever the client still sends is not read.
          if (!res.headersSent) sendJson(res, err instanceof BodyTooLargeError ? 413 : 408, { error: err.message }, { connection: 'close' });
          req.socket.destroySoon();
          return;
        }
        this.log.error({ err, path: url.pathname }, 'http handler failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      });
  };

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    const o = this.opts;
    const server = createServer(
      {
        headersTimeout: o.headersTimeoutMs ?? 10_000,
        requestTimeout: o.requestTimeoutMs ?? 15_000,
        // How often Node enforces the two timeouts above (its default is 30 s).
        connectionsCheckingInterval: 1_000,
        maxHeaderSize: 16 * 1024,
        keepAliveTimeout: 5_000,
      },
      this.listener,
    );
    server.setTimeout(o.idleTimeoutMs ?? 20_000, (socket) => socket.destroy());
    server.maxConnections = o.maxConnections ?? 1024;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      // A client that keeps a keep-alive connection busy (a probe every few ms) would hold close()
      // open for ever: in-flight requests get a short grace, then every connection is cut.
      const force = setTimeout(() => s.closeAllConnections(), CLOSE_GRACE_MS);
      s.close(() => {
        clearTimeout(force);
        resolve();
      });
      s.closeIdleConnections();
    });
  }
}
