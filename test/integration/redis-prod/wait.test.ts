// REDIS_WAIT_REPLICAS: claims and attempts are acted on only once a replica holds them (WAIT in
// the same pipeline). Without a replica a claim fails as StoreUnavailableError (the worker
// retries; the lease keeps it safe); with one it works. Private primary and replica servers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import { StoreUnavailableError } from '../../../src/store/store.js';
import { freePort, startRedisServer, stopChild } from '../redis/helpers.js';
import { batch, entry, item } from '../../contract/store-contract-fixtures.js';
import { describeWith, hasRedisServer, spawnRedis } from './servers.js';

describeWith([[hasRedisServer, 'redis-server']])('REDIS_WAIT_REPLICAS', () => {
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tr-redis-wait-'));
  afterAll(async () => {
    await Promise.all(children.map((c) => stopChild(c)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a claim no replica confirmed is refused; once a replica is in sync, claims and attempts go through', async () => {
    const port = await freePort();
    children.push(await startRedisServer(port));
    const url = `redis://127.0.0.1:${port}`;
    const store = await RedisStore.connect({ connection: { mode: 'standalone', url, tls: false, waitReplicas: 1 }, prefix: 'wait:', commandTimeoutMs: 1000 });
    try {
      await store.ingest(batch([entry(item('w1'), { targets: [{ platform: 'slack', channel: 'C1' }] })]));
      const refused = await store.claimDeliveries('c1', 10, 60_000).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreUnavailableError);
      expect(String((refused as Error).message)).toMatch(/not confirmed by 1 replica\(s\) within 600 ms \(0 did\)/);
      await expect(store.recordAttempt('alert:slack:C1:w1', 'c1')).rejects.toThrow(/not confirmed/);
      // Writes without a WAIT (ingest, reads) are not held up.
      expect(await store.countAlerts()).toBe(1);

      const replicaPort = await freePort();
      children.push(
        await spawnRedis(
          ['--port', String(replicaPort), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--replicaof', '127.0.0.1', String(port)],
          /MASTER <-> REPLICA sync: Finished/,
        ),
      );
      const replica = new Redis({ port: replicaPort, host: '127.0.0.1', protocol: 2 });
      // The refused claim did happen on the primary (WAIT only says whether a replica has it): it
      // is leased to c1, so c1 does not get it twice, and it is on the replica now.
      const [d] = await store.claimDeliveries('c2', 10, 60_000, new Date(Date.now() + 120_000));
      expect(d).toMatchObject({ id: 'alert:slack:C1:w1' });
      expect(await store.recordAttempt(d.id, 'c2')).toBeGreaterThanOrEqual(1);
      expect(await replica.hget(store.keys.delivery(d.id), 'consumer')).toBe('c2');
      replica.disconnect();
    } finally {
      await store.close();
    }
  });
});
