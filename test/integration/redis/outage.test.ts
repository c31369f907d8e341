// Redis outages against a private redis-server child: a frozen server (SIGSTOP) times commands
// out, a killed one refuses them at once; both surface as StoreUnavailableError, nothing is
// half-written, and the same RedisStore works again once the server is back on the same port.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import { StoreUnavailableError, type IngestBatch } from '../../../src/store/store.js';
import { freePort, hasRedisServer, startRedisServer, stopChild } from './helpers.js';

const now = new Date();

function batch(id: string): IngestBatch {
  const item = {
    id,
    source: 'wire',
    title: `Researcher ${id} joins startup`,
    summary: 'A move.',
    link: `https://wire.example/${id}`,
    lang: 'en',
    published: now.toISOString(),
    fetchedAt: now.toISOString(),
  };
  return {
    entries: [
      {
        item,
        assessment: { relevant: true, topics: ['talent'], score: 0.9, firms: [], moves: [], why: [], summary: item.title },
        keys: [`url:${id}`],
        fingerprint: { buckets: [`b:${id}`], data: id },
        archive: true,
        targets: [{ platform: 'console', channel: 'out' }],
      },
    ],
    matcher: () => false,
    retentionSec: 3600,
    now,
    sourceState: { name: 'wire', url: 'https://wire.example/rss', consecutiveFailures: 0, initialized: true, disabled: false },
  };
}

async function until(fn: () => Promise<unknown>, tries = 100): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await fn();
      return;
    } catch (err) {
      if (i >= tries) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

if (!hasRedisServer) console.warn('[talent-radar tests] redis-server binary not found: skipping the Redis outage test');

(hasRedisServer ? describe : describe.skip)('redis outage (private redis-server)', () => {
  let server: ChildProcess | undefined;
  let store: RedisStore | undefined;
  afterEach(async () => {
    server?.kill('SIGCONT');
    await store?.close();
    await stopChild(server);
  });

  it('connect fails with StoreUnavailableError when nothing listens', async () => {
    const port = await freePort();
    await expect(RedisStore.connect({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 500 })).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('rejects fast while frozen or down, writes nothing half, and recovers without a restart', async () => {
    const port = await freePort();
    server = await startRedisServer(port);
    store = await RedisStore.connect({ url: `redis://127.0.0.1:${port}`, prefix: 'outage:', commandTimeoutMs: 400, connectTimeoutMs: 1000 });
    expect((await store.ingest(batch('a')))[0].status).toBe('new');

    // Frozen: commands time out. The poll is retried later and finds whole state either way.
    server.kill('SIGSTOP');
    await expect(store.ingest(batch('b'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    server.kill('SIGCONT');
    await until(() => store!.ping());
    const retried = await store.ingest(batch('b'));
    expect(['new', 'seen']).toContain(retried[0].status);
    expect(await store.getAlert('b')).toMatchObject({ id: 'b', alsoReportedBy: [] });
    expect(await store.countAlerts()).toBe(2);
    expect(await store.outboxStats()).toEqual({ pending: 2, inFlight: 0, dead: 0 });
    expect((await store.search({ text: 'researcher b', limit: 5 })).hits.map((h) => h.alert.id)).toEqual(['b']);

    // Down: every method rejects at once with the typed error.
    await stopChild(server, 'SIGKILL');
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ingest(batch('c'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.leaseSource('wire', 'me', 1000)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.claimDeliveries('w', 10, 1000)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

    // Back on the same port (empty: no persistence): the same instance works again.
    server = await startRedisServer(port);
    await until(() => store!.ping());
    expect(await store.leaseSource('wire', 'me', 10_000)).toEqual({ state: null });
    expect((await store.ingest(batch('c')))[0].status).toBe('new');
    const claimed = await store.claimDeliveries('w', 10, 30_000);
    expect(claimed.map((d) => d.id)).toEqual(['alert:console:out:c']);
    await store.completeDelivery(claimed[0], 'm1');
    expect(await store.outboxStats()).toEqual({ pending: 0, inFlight: 0, dead: 0 });
  }, 30_000);
});
