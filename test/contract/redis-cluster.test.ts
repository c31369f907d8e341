// The store contract on a private 3-primary Redis Cluster (redis-server --cluster-enabled, joined
// with redis-cli --cluster create): every script and pipeline must stay in the one hash-tag slot.
// Skipped with a console line when redis-server/redis-cli are missing; required with CI=true.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RedisStore } from '../../src/store/redis/index.js';
import { uniquePrefix } from '../support/redis.js';
import { describeWith, hasRedisCli, hasRedisServer, startCluster, type ClusterDeployment } from '../integration/redis-prod/servers.js';
import { runStoreContract } from './store-contract.js';
import { batch, entry, item } from './store-contract-fixtures.js';
import { consoleBot, runCli } from '../support/cli.js';

describeWith([
  [hasRedisServer, 'redis-server'],
  [hasRedisCli, 'redis-cli'],
])('redis cluster (3 primaries)', () => {
  let cluster: ClusterDeployment;
  beforeAll(async () => {
    cluster = await startCluster(3);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  const open = (prefix = uniquePrefix('cluster')) =>
    RedisStore.connect({
      connection: { mode: 'cluster', nodes: cluster.ports.map((port) => ({ host: '127.0.0.1', port })), tls: false, waitReplicas: 0 },
      prefix,
    });

  runStoreContract('redis cluster', () => open());

  it('keeps the tagged data on the one primary that owns the tag slot, and spreads once/cache keys', async () => {
    const store = await open();
    try {
      const e = entry(item('c1', { title: 'OpenAI researcher joins Moonshot' }), { targets: [{ platform: 'slack', channel: 'C1' }] });
      expect((await store.ingest(batch([e])))[0].status).toBe('new');
      for (let i = 0; i < 20; i++) await store.claimOnce(`k${i}`, 60);
      const counts: Array<{ tagged: number; once: number }> = [];
      for (const port of cluster.ports) {
        const r = new Redis({ port, host: '127.0.0.1', protocol: 2 });
        const keys = await r.keys(`${store.keys.prefix}*`);
        r.disconnect();
        counts.push({
          tagged: keys.filter((k) => k.startsWith(store.keys.base)).length,
          once: keys.filter((k) => k.startsWith(`${store.keys.prefix}once:`)).length,
        });
      }
      expect(counts.filter((c) => c.tagged > 0)).toHaveLength(1);
      expect(counts.filter((c) => c.once > 0).length).toBeGreaterThan(1);
      expect(store.connection?.mode).toBe('cluster');
    } finally {
      await store.close();
    }
  });

  it('doctor says it is a cluster, all slots covered, and where the tagged data lives', async () => {
    const bot = consoleBot('  - name: wire\n    url: http://127.0.0.1:9/feed.xml');
    const r = await runCli(['doctor', '--offline'], { ...bot.env, REDIS_CLUSTER: cluster.ports.map((p) => `127.0.0.1:${p}`).join(',') });
    expect(r.stdout).toMatch(/✓ redis mode — cluster \(seed 127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/✓ cluster state — cluster_state:ok, 3 nodes, 3 primaries/);
    expect(r.stdout).toMatch(/✓ cluster slots — 16384 of 16384 slots ok/);
    expect(r.stdout).toMatch(/✓ cluster tag slot — the store's data \(hash tag \{tr\}\) is in slot \d+ on 127\.0\.0\.1:\d+, 0 replica\(s\)/);
    expect(r.code, r.stdout).toBe(0);
  });
});
