// A shared fetch agent (createFetchAgent): connections are reused across polls, the SSRF guard
// still runs on connect, and a timed-out request still closes its socket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from 'undici';
import { FetchError } from '../../../src/sources/errors.js';
import { createFetchAgent, fetchFeed } from '../../../src/sources/fetcher.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';

const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Hello</title><link>https://example.com/a</link></item></channel></rss>';

let s: FeedServer;
let agent: Agent | undefined;
beforeEach(async () => {
  s = await startFeedServer();
});
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  await s.close();
});

describe('fetchFeed with a shared agent', () => {
  it('reuses one connection for sequential polls of a host, with conditional GETs', async () => {
    s.set('/a.xml', { body: RSS, etag: '"v1"' });
    agent = createFetchAgent({ allowPrivateAddresses: true, timeoutMs: 5000 });
    const first = await fetchFeed(s.url('/a.xml'), { allowPrivateAddresses: true, agent });
    expect(first.status).toBe('ok');
    const etag = first.status === 'ok' ? first.etag : undefined;
    for (let i = 0; i < 4; i++) expect((await fetchFeed(s.url('/a.xml'), { allowPrivateAddresses: true, agent, etag })).status).toBe('not_modified');
    expect(s.requests.length).toBe(5);
    // Reused, not one per request (the pool may open a second one while the first is finishing).
    expect(s.connections.opened).toBeLessThanOrEqual(2);
  });

  it('keeps the private-address guard of the agent', async () => {
    s.set('/a.xml', { body: RSS });
    agent = createFetchAgent({ allowPrivateAddresses: false, timeoutMs: 5000 });
    const err = await fetchFeed(s.url('/a.xml'), { agent }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FetchError);
    expect(s.requests.length).toBe(0);
  });

  it('still closes the socket of a request that times out', async () => {
    s.set('/drip', { drip: { everyMs: 50 } });
    agent = createFetchAgent({ allowPrivateAddresses: true, timeoutMs: 5000 });
    const err = await fetchFeed(s.url('/drip'), { allowPrivateAddresses: true, agent, timeoutMs: 300 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as FetchError).code).toBe('TIMEOUT');
    await s.allClosed(3000);
    expect(s.connections.closed).toBe(s.connections.opened);
  });
});
