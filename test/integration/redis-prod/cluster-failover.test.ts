// A Cluster primary going away: 3 primaries with a replica each (private servers), a store writing
// through the cluster client. The primary that owns the store's hash-tag slot is killed; its
// replica is promoted, the store works again on the same instance, logs the switch once, and a
// claim leased before the failover is taken over after its lease, with nothing lost.
// REDIS_WAIT_REPLICAS is 0 here: after the kill the promoted node has no replica left, and a
// WAIT of 1 would (by design) hold every claim until one is back (see wait.test.ts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Writable } from 'node:stream';
import { RedisStore } from '../../../src/store/redis/index.js';
import { createLogger } from '../../../src/log.js';
import { uniquePrefix } from '../../support/redis.js';
import { stopChild } from '../redis/helpers.js';
import { batch, entry, item } from '../../contract/store-contract-fixtures.js';
import { describeWith, hasRedisCli, hasRedisServer, startCluster, type ClusterDeployment } from './servers.js';

async function until<T>(fn: () => Promise<T>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describeWith([
  [hasRedisServer, 'redis-server'],
  [hasRedisCli, 'redis-cli'],
])('redis cluster: a primary goes away', () => {
  let cluster: ClusterDeployment;
  beforeAll(async () => {
    cluster = await startCluster(3, 1);
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('the replica takes over the tag slot; the same store works again, logs the switch once, loses nothing', async () => {
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const store = await RedisStore.connect({
      connection: { mode: 'cluster', nodes: cluster.ports.map((port) => ({ host: '127.0.0.1', port })), tls: false, waitReplicas: 0 },
      prefix: uniquePrefix('clusterfo'),
      log,
      commandTimeoutMs: 2000,
    });
    try {
      const targets = [{ platform: 'slack' as const, channel: 'C1' }];
      const first = await store.ingest(batch([entry(item('before-1'), { targets }), entry(item('before-2'), { targets })]));
      expect(first.map((o) => o.status)).toEqual(['new', 'new']);
      // One delivery is claimed before the failover, leased to a consumer that is never seen again,
      // through a store that waits for a replica (WAIT rides in the claim's pipeline, which ioredis
      // sends to the slot's primary).
      const durable = await RedisStore.connect({
        connection: { mode: 'cluster', nodes: [{ host: '127.0.0.1', port: cluster.ports[0] }], tls: false, waitReplicas: 1 },
        prefix: store.keys.prefix,
      });
      const leased = await durable.claimDeliveries('gone', 1, 1500);
      expect(leased).toHaveLength(1);
      await durable.close();

      const probe = new Redis({ port: cluster.ports[0], host: '127.0.0.1', protocol: 2 });
      const slot = Number(await probe.cluster('KEYSLOT', store.keys.seq));
      const owner = ((await probe.cluster('SLOTS')) as unknown as Array<[number, number, [string, number]]>).find(([a, b]) => a <= slot && slot <= b)![2];
      probe.disconnect();
      const idx = cluster.ports.indexOf(owner[1]);
      await stopChild(cluster.children[idx]);

      // Commands fail (StoreUnavailableError) until the replica is promoted, then work again.
      const after = await until(() => store.ingest(batch([entry(item('after-1'), { targets })])));
      expect(after[0].status).toBe('new');
      const claimed = await until(async () => {
        const got = await store.claimDeliveries('alive', 10, 60_000);
        if (got.length < 2) throw new Error(`claimed ${got.length}`);
        return got;
      });
      // The delivery leased to the gone consumer is taken over; the other one and the new one are claimed.
      expect(claimed.map((d) => String(d.alertId)).sort()).toEqual(['after-1', 'before-1', 'before-2']);
      expect(await store.getAlert('before-1')).toMatchObject({ id: 'before-1' });

      const switches = lines.filter((l) => l.includes('primary switched'));
      expect(switches).toHaveLength(1);
      expect(switches[0]).toContain(`127.0.0.1:${owner[1]}`);
    } finally {
      await store.close();
    }
  }, 60_000);
});
