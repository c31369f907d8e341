// What a client can make the HTTP servers hold before it is authenticated: oversized bodies are
// refused from Content-Length, dribbled bodies are cut, the ops routes want the bearer token.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { HttpServer, readBody, sendJson } from '../../../src/http/server.js';
import { requireToken } from '../../../src/http/ops.js';
import { mountProbes } from '../../../src/http/probes.js';

/** Sends raw bytes and returns what the server answered before closing (or after `ms`). */
function raw(port: number, chunks: string[], gapMs: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < chunks.length && !s.destroyed) s.write(chunks[i++]);
    }, gapMs);
    s.on('data', (d) => (got += d.toString()));
    s.on('close', () => {
      clearInterval(timer);
      resolve(got);
    });
    s.on('error', () => undefined);
  });
}

describe('HttpServer limits', () => {
  const http = new HttpServer(silentLogger());
  let port: number;
  let ready = true;
  beforeAll(async () => {
    http.route('POST', '/echo', async (req, res) => {
      const body = await readBody(req, 1024, { timeoutMs: 300 });
      sendJson(res, 200, { bytes: body.length });
    });
    http.route(
      'GET',
      '/secret',
      requireToken('s3cret-token-0123456789', (_req, res) => sendJson(res, 200, { ok: true })),
    );
    mountProbes(http, async () => ({ ok: ready }));
    port = await http.listen(0, '127.0.0.1');
  });
  afterAll(() => http.close());

  it('reads a small body', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: 'hello' });
    expect(await res.json()).toEqual({ bytes: 5 });
  });

  it('refuses a body whose Content-Length is over the cap before reading it', async () => {
    const answer = await raw(port, ['POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n'], 10);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });

  it('refuses a chunked body that grows over the cap', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      body: new ReadableStream({
        start: (c) => {
          c.enqueue(new TextEncoder().encode('x'.repeat(4096)));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('cuts a dribbled body instead of holding it', async () => {
    const chunks = ['POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n', ...Array.from({ length: 400 }, () => 'a')];
    const answer = await raw(port, chunks, 20);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('wants the bearer token on guarded routes', async () => {
    const url = `http://127.0.0.1:${port}/secret`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer s3cret-token-0123456789' } })).status).toBe(200);
  });

  it('/livez stays 200 while /readyz and /healthz follow readiness', async () => {
    ready = false;
    expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  });
});

describe('HttpServer socket limits', () => {
  it('closes a connection that sends nothing, and one that dribbles its headers', async () => {
    const http = new HttpServer(silentLogger(), { headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 400 });
    http.route('GET', '/x', (_req, res) => sendJson(res, 200, {}));
    const port = await http.listen(0, '127.0.0.1');
    try {
      // Resolves only when the server closes the socket (raw() waits for 'close').
      const idle = await raw(port, [], 50);
      expect(idle).not.toMatch(/^HTTP\/1\.1 200/);
      const dribble = await raw(port, ['GET /x HTTP/1.1\r\n', ...Array.from({ length: 200 }, () => 'X-A: b\r\n')], 30);
      expect(dribble).not.toMatch(/^HTTP\/1\.1 200/);
    } finally {
      await http.close();
    }
  });
});
