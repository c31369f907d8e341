// Cluster over TLS, as the bot is configured: REDIS_CLUSTER with REDIS_TLS=true and REDIS_TLS_CA
// (a private CA made by the test). 3 primaries speaking TLS only; the store works across them
// and a CA that did not sign the nodes' certificates is refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import { readEnv } from '../../../src/config/env.js';
import { StoreUnavailableError } from '../../../src/store/store.js';
import { uniquePrefix } from '../../support/redis.js';
import { batch, entry, item } from '../../contract/store-contract-fixtures.js';
import { describeWith, hasOpenssl, hasRedisCli, hasRedisServer, redisHasTls, startCluster, type ClusterDeployment } from './servers.js';

describeWith([
  [hasRedisServer, 'redis-server'],
  [redisHasTls, 'redis-server built with TLS'],
  [hasRedisCli, 'redis-cli'],
  [hasOpenssl, 'openssl'],
])('redis cluster over TLS', () => {
  let cluster: ClusterDeployment;
  beforeAll(async () => {
    cluster = await startCluster(3, 0, { tls: true });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  const env = (ca: string) => readEnv({ REDIS_CLUSTER: cluster.ports.map((p) => `127.0.0.1:${p}`).join(','), REDIS_TLS: 'true', REDIS_TLS_CA: ca }).redis!;

  it('ingests, searches and claims through TLS connections to every node', async () => {
    const store = await RedisStore.connect({ connection: env(cluster.caFile!), prefix: uniquePrefix('clustertls') });
    try {
      expect(store.connection).toMatchObject({ mode: 'cluster', tls: true });
      const out = await store.ingest(
        batch([entry(item('t1', { title: 'Moonshot AI hires a Google DeepMind researcher' }), { targets: [{ platform: 'slack', channel: 'C1' }] })]),
      );
      expect(out[0].status).toBe('new');
      expect((await store.search({ text: 'moonshot', limit: 5 })).hits.map((h) => h.alert.id)).toEqual(['t1']);
      expect(await store.claimDeliveries('w', 10, 60_000)).toHaveLength(1);
      // Single-key state lands on other nodes, over TLS as well.
      for (let i = 0; i < 10; i++) expect(await store.claimOnce(`k${i}`, 60)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses nodes whose certificate does not chain to REDIS_TLS_CA', async () => {
    const err = await RedisStore.connect({ connection: env(cluster.otherCaFile!), connectTimeoutMs: 3000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
  });
});
