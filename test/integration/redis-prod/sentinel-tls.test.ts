// Sentinel over TLS, as the bot is configured: REDIS_SENTINELS + REDIS_SENTINEL_NAME with
// REDIS_TLS=true and REDIS_TLS_CA. A TLS-only primary and a TLS-only sentinel; the client asks
// the sentinel over TLS and connects to the primary it names over TLS, certificates verified.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import { readEnv } from '../../../src/config/env.js';
import { uniquePrefix } from '../../support/redis.js';
import { batch, entry, item } from '../../contract/store-contract-fixtures.js';
import { consoleBot, runCli } from '../../support/cli.js';
import { describeWith, hasOpenssl, hasRedisServer, redisHasTls, startTlsSentinel, type TlsSentinelDeployment } from './servers.js';

describeWith([
  [hasRedisServer, 'redis-server'],
  [redisHasTls, 'redis-server built with TLS'],
  [hasOpenssl, 'openssl'],
])('redis sentinel over TLS', () => {
  let d: TlsSentinelDeployment;
  beforeAll(async () => {
    d = await startTlsSentinel();
  }, 60_000);
  afterAll(async () => {
    await d?.stop();
  });
  // No replica here: REDIS_WAIT_REPLICAS=0 (the default of 1 would hold every claim).
  const vars = () => ({
    REDIS_SENTINELS: `127.0.0.1:${d.sentinelPort}`,
    REDIS_SENTINEL_NAME: d.name,
    REDIS_TLS: 'true',
    REDIS_TLS_CA: d.caFile,
    REDIS_WAIT_REPLICAS: '0',
  });

  it('connects through the sentinel to the primary it names, both over verified TLS', async () => {
    const store = await RedisStore.connect({ connection: readEnv(vars()).redis!, prefix: uniquePrefix('sentineltls') });
    try {
      expect(store.connection).toMatchObject({ mode: 'sentinel', tls: true });
      const out = await store.ingest(batch([entry(item('s1'), { targets: [{ platform: 'slack', channel: 'C1' }] })]));
      expect(out[0].status).toBe('new');
      expect(await store.claimDeliveries('w', 10, 60_000)).toHaveLength(1);
    } finally {
      await store.close();
    }
    const bot = consoleBot('  - name: wire\n    url: http://127.0.0.1:9/feed.xml');
    const r = await runCli(['doctor', '--offline'], { ...bot.env, ...vars() });
    expect(r.stdout).toMatch(/✓ redis mode — sentinel over TLS \(master "trtls" via 127\.0\.0\.1:\d+\)/);
    expect(r.stdout).toContain(`✓ sentinel 127.0.0.1:${d.sentinelPort} — primary 127.0.0.1:${d.primaryPort}`);
    expect(r.code, r.stdout).toBe(0);
  });
});
