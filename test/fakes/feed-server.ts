// A real feed server on 127.0.0.1 (random port) for tests. It records every request and can
// serve fixed bodies, ETag/Last-Modified with 304, redirects and loops, a slow drip, an
// endless body, gzip/deflate/br, any status and headers.
//
//   const s = await startFeedServer();
//   s.set('/a.xml', { body: xml, headers: { 'content-type': 'application/rss+xml' }, etag: '"v1"' });
//   await fetchFeed(s.url('/a.xml'), { allowPrivateAddresses: true });
//   s.requests[0].headers['user-agent']; await s.close();
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';

export interface FeedRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent as ETag; a request with a matching If-None-Match gets 304. */
  etag?: string;
  /** Sent as Last-Modified; a request with the same If-Modified-Since gets 304. */
  lastModified?: string;
  /** Answer with this Location (relative paths allowed) and `status` (default 302). */
  redirect?: string;
  /** Compress `body` and set Content-Encoding. 'deflate-raw' sends raw deflate labelled deflate. */
  encoding?: 'gzip' | 'deflate' | 'deflate-raw' | 'br';
  /** Send headers, then `chunk` every `everyMs` ms, never ending (until the client goes away). */
  drip?: { chunk?: string; everyMs: number };
  /** Send headers, then bytes as fast as the client reads, never ending. */
  endless?: boolean;
  /** Wait this long before answering at all. */
  delayMs?: number;
  /** Full control. */
  handler?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Arrival time (ms since epoch). */
  at: number;
}

export interface FeedServer {
  readonly port: number;
  readonly origin: string;
  url(path: string): string;
  set(path: string, route: FeedRoute): void;
  readonly requests: RecordedRequest[];
  /** Connections opened and closed so far. */
  readonly connections: { opened: number; closed: number };
  /** Resolves once every connection opened so far has closed (rejects after `timeoutMs`). */
  allClosed(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function compress(body: Buffer, encoding: NonNullable<FeedRoute['encoding']>): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(body);
  if (encoding === 'deflate') return zlib.deflateSync(body);
  if (encoding === 'deflate-raw') return zlib.deflateRawSync(body);
  return zlib.brotliCompressSync(body);
}

function serve(route: FeedRoute, req: IncomingMessage, res: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  if (route.handler) return route.handler(req, res);
  const headers: Record<string, string> = { ...(route.headers ?? {}) };
  if (route.etag) headers.etag = route.etag;
  if (route.lastModified) headers['last-modified'] = route.lastModified;
  if (route.redirect) {
    res.writeHead(route.status ?? 302, { ...headers, location: route.redirect });
    return void res.end();
  }
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  if ((route.etag && inm === route.etag) || (route.lastModified && !inm && ims === route.lastModified)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  if (route.drip || route.endless) {
    res.writeHead(route.status ?? 200, { 'content-type': 'application/rss+xml', ...headers });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    const chunk = route.drip?.chunk ?? '<item><title>more</title></item>'.repeat(route.endless ? 512 : 1);
    const pump = () => {
      if (res.destroyed) return;
      if (route.endless) {
        while (res.write(chunk));
        res.once('drain', pump);
      } else {
        res.write(chunk);
        const t = setTimeout(pump, route.drip!.everyMs);
        timers.add(t);
      }
    };
    return pump();
  }
  let body = typeof route.body === 'string' ? Buffer.from(route.body) : (route.body ?? Buffer.alloc(0));
  if (route.encoding) {
    body = compress(body, route.encoding);
    headers['content-encoding'] = route.encoding === 'deflate-raw' ? 'deflate' : route.encoding;
  }
  res.writeHead(route.status ?? 200, { 'content-length': String(body.length), ...headers });
  res.end(body);
}

/** `host` defaults to 127.0.0.1; any other loopback address (127.0.0.2 …) works on Linux. */
export async function startFeedServer(opts: { host?: string } = {}): Promise<FeedServer> {
  const host = opts.host ?? '127.0.0.1';
  const routes = new Map<string, FeedRoute>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const connections = { opened: 0, closed: 0 };
  const closeWaiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, at: Date.now() });
    const route = routes.get(path) ?? routes.get(path.split('?')[0]);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('no route');
    }
    if (route.delayMs) {
      const t = setTimeout(() => serve(route, req, res, timers), route.delayMs);
      timers.add(t);
    } else serve(route, req, res, timers);
  });
  server.on('connection', (socket) => {
    connections.opened++;
    sockets.add(socket);
    socket.on('close', () => {
      connections.closed++;
      sockets.delete(socket);
      if (!sockets.size) for (const w of closeWaiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  return {
    port,
    origin,
    url: (path) => origin + path,
    set: (path, route) => void routes.set(path, route),
    requests,
    connections,
    allClosed: (timeoutMs = 5000) =>
      new Promise<void>((resolve, reject) => {
        if (!sockets.size) return resolve();
        const t = setTimeout(() => (closeWaiters.delete(done), reject(new Error(`${sockets.size} connection(s) still open after ${timeoutMs} ms`))), timeoutMs);
        const done = () => (clearTimeout(t), closeWaiters.delete(done), resolve());
        closeWaiters.add(done);
      }),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
