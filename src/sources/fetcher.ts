// Fetches one feed: conditional GET, manual redirects (each hop re-checked by the SSRF guard),
// one deadline over connect + headers + body, a byte cap while streaming, decoded text out.
// By default a fresh undici Agent per call, destroyed at the end, so no socket outlives the call.
// A poller fetching thousands of feeds passes one shared agent (createFetchAgent) instead: one
// connection pool per host with keep-alive, no handshake and no agent teardown per poll.
import { packageVersion } from '../package-root.js';
import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { decodeBody } from './charset.js';
import { readCapped } from './body.js';
import { FetchError } from './errors.js';
import { assertHostAllowed, guardedLookup } from './ssrf.js';

export interface FetchOptions {
  etag?: string;
  lastModified?: string;
  /** Whole-request deadline: connect, headers and body. Default 15000. */
  timeoutMs?: number;
  /** Cap on the body, on the wire and after decompression. Default 5 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Default `talent-radar/<version> (+https://github.com/talent-radar/talent-radar)`. */
  userAgent?: string;
  /** Let loopback/private/link-local/metadata addresses through. Default false. */
  allowPrivateAddresses?: boolean;
  /** Exact IP addresses let through although private (e.g. one intranet feed host). */
  allowAddresses?: readonly string[];
  signal?: AbortSignal;
  /** DNS resolver (dns.lookup signature); tests map names to 127.0.0.1 with it. */
  lookup?: LookupFunction;
  /**
   * A shared agent from createFetchAgent(), built with the same allowPrivateAddresses /
   * allowAddresses / lookup / timeoutMs; reused across calls and never closed here (the owner
   * closes it at shutdown). Absent: a private agent per call.
   */
  agent?: Agent;
}

export type FetchAgentOptions = Pick<FetchOptions, 'allowPrivateAddresses' | 'allowAddresses' | 'lookup' | 'timeoutMs'> & {
  /** Idle keep-alive per socket; default 4000 ms. */
  keepAliveMs?: number;
};

function buildAgent(opts: FetchAgentOptions, keepAliveMs: number): Agent {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Agent({
    connect: {
      lookup: guardedLookup({ allowPrivateAddresses: opts.allowPrivateAddresses ?? false, allowAddresses: opts.allowAddresses, lookup: opts.lookup }),
      timeout: timeoutMs,
    },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: keepAliveMs,
    pipelining: keepAliveMs > 1 ? 1 : 0,
  });
}

/** One agent for many fetchFeed calls (pass it as `agent`); the SSRF guard runs on every connect. Close it with `agent.close()`. */
export function createFetchAgent(opts: FetchAgentOptions = {}): Agent {
  return buildAgent(opts, opts.keepAliveMs ?? 4000);
}

export type FetchResult =
  | { status: 'not_modified'; finalUrl: string }
  | { status: 'ok'; text: string; finalUrl: string; etag?: string; lastModified?: string; contentType?: string; bytes: number; charset: string };

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

export function defaultUserAgent(): string {
  let version = '0.0.0';
  try {
    version = packageVersion();
  } catch {
    // dist layouts without package.json keep the placeholder
  }
  return `talent-radar/${version} (+https://github.com/talent-radar/talent-radar)`;
}

/** Drops a body we will not read; undici reports the abort as an error nobody needs. */
function discard(body: { on(e: 'error', f: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => {});
  body.destroy();
}

/** Reads a small body to its end so a shared agent can keep the socket; big or broken bodies are dropped. */
async function drain(body: { dump?: (o: { limit: number }) => Promise<void>; on(e: 'error', f: () => void): unknown; destroy(): unknown }): Promise<void> {
  if (!body.dump) return discard(body);
  await body.dump({ limit: 64 * 1024 }).catch(() => discard(body));
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function statusError(url: string, status: number): FetchError {
  const remedy =
    status === 404 || status === 410
      ? 'the feed is gone: check the URL or remove the source'
      : status === 401 || status === 403
        ? 'the server refuses us: the feed may need a login, or it blocks bots'
        : status === 429
          ? 'rate limited: poll this source less often (raise its interval)'
          : status >= 500
            ? 'the server is failing: it is retried with backoff'
            : 'check the URL in a browser';
  return new FetchError('HTTP_STATUS', `${url} answered HTTP ${status}; ${remedy}`, url, status);
}

function parseUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchError('BAD_URL', `"${raw}" is not a valid URL; fix the source's url`, raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('BAD_URL', `${url.href}: only http and https are fetched; fix the source's url`, url.href);
  }
  url.hash = '';
  return url;
}

export async function fetchFeed(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const allowPrivate = opts.allowPrivateAddresses ?? false;
  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(
        new FetchError(
          'TIMEOUT',
          `${url}: no complete answer within ${timeoutMs} ms; the server is slow or unreachable (raise fetch.timeout if it is just slow)`,
          url,
        ),
      ),
    timeoutMs,
  );
  const signal = opts.signal ? AbortSignal.any([deadline.signal, opts.signal]) : deadline.signal;
  const agent = opts.agent ?? buildAgent(opts, 1);
  try {
    return await follow(parseUrl(url), opts, { maxBytes, maxRedirects, allowPrivate, agent, signal });
  } catch (err) {
    throw mapError(err, url, deadline.signal, opts.signal);
  } finally {
    clearTimeout(timer);
    if (!opts.agent) agent.destroy().catch(() => {});
  }
}

interface Ctx {
  maxBytes: number;
  maxRedirects: number;
  allowPrivate: boolean;
  agent: Agent;
  signal: AbortSignal;
}

async function follow(start: URL, opts: FetchOptions, ctx: Ctx): Promise<FetchResult> {
  const visited = new Set<string>();
  let current = start;
  for (let hop = 0; ; hop++) {
    assertHostAllowed(current, ctx.allowPrivate, opts.allowAddresses);
    visited.add(current.href);
    const headers: Record<string, string> = {
      'user-agent': opts.userAgent ?? defaultUserAgent(),
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    const res = await request(current, { method: 'GET', headers, dispatcher: ctx.agent, signal: ctx.signal });
    const h = res.headers;
    if (REDIRECTS.has(res.statusCode) && header(h, 'location')) {
      await drain(res.body);
      const next = parseUrl(header(h, 'location')!, current.href);
      if (visited.has(next.href))
        throw new FetchError(
          'REDIRECT_LOOP',
          `${start.href} redirects in a loop (${current.href} → ${next.href}); point the source at the final feed URL`,
          start.href,
        );
      if (hop >= ctx.maxRedirects)
        throw new FetchError(
          'TOO_MANY_REDIRECTS',
          `${start.href} redirected more than ${ctx.maxRedirects} times; point the source at the final feed URL`,
          start.href,
        );
      current = next;
      continue;
    }
    if (res.statusCode === 304) {
      await drain(res.body);
      return { status: 'not_modified', finalUrl: current.href };
    }
    if (res.statusCode < 200 || res.statusCode > 299) {
      discard(res.body);
      throw statusError(current.href, res.statusCode);
    }
    const length = Number(header(h, 'content-length'));
    if (Number.isFinite(length) && length > ctx.maxBytes) {
      discard(res.body);
      throw new FetchError(
        'TOO_LARGE',
        `${current.href}: Content-Length ${length} is over the ${ctx.maxBytes}-byte cap; raise fetch.maxBytes if this feed is really that big`,
        current.href,
      );
    }
    const bytes = await readCapped(res.body, header(h, 'content-encoding'), ctx.maxBytes, current.href);
    const contentType = header(h, 'content-type');
    const { text, charset } = decodeBody(bytes, contentType);
    return {
      status: 'ok',
      text,
      finalUrl: current.href,
      etag: header(h, 'etag'),
      lastModified: header(h, 'last-modified'),
      contentType,
      bytes: bytes.length,
      charset,
    };
  }
}

function findFetchError(err: unknown): FetchError | undefined {
  for (let e = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) if (e instanceof FetchError) return e;
  return undefined;
}

function mapError(err: unknown, url: string, deadline: AbortSignal, outer?: AbortSignal): FetchError {
  const own = findFetchError(err);
  if (own && own.code !== 'TIMEOUT') return own;
  if (deadline.aborted) return deadline.reason as FetchError;
  if (outer?.aborted) return new FetchError('ABORTED', `${url}: fetch aborted (shutting down)`, url, undefined, { cause: err });
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code ?? '';
  const msg = (err as Error).message;
  if (/TIMEOUT/.test(code)) return new FetchError('TIMEOUT', `${url}: timed out (${msg}); the server is slow or unreachable`, url, undefined, { cause: err });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return new FetchError('DNS', `${url}: the host name does not resolve (${code}); check the URL's spelling or the machine's DNS`, url, undefined, {
      cause: err,
    });
  }
  return new FetchError('NETWORK', `${url}: ${msg}${code ? ` (${code})` : ''}; the server may be down, it is retried with backoff`, url, undefined, {
    cause: err,
  });
}
