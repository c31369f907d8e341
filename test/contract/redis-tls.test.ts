// The store contract over TLS: a private redis-server with only a TLS port, its certificate
// signed by a CA the test makes with openssl and hands over as REDIS_TLS_CA. Verification is on:
// an unrelated CA (or none: the system CAs) is refused. Skipped with a console line when
// redis-server (with TLS) or openssl is missing; required with CI=true.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis/index.js';
import { readEnv } from '../../src/config/env.js';
import { StoreUnavailableError } from '../../src/store/store.js';
import { uniquePrefix } from '../support/redis.js';
import { describeWith, hasOpenssl, hasRedisServer, redisHasTls, startTls, type TlsDeployment } from '../integration/redis-prod/servers.js';
import { runStoreContract } from './store-contract.js';
import { consoleBot, runCli } from '../support/cli.js';

describeWith([
  [hasRedisServer, 'redis-server'],
  [redisHasTls, 'redis-server built with TLS'],
  [hasOpenssl, 'openssl'],
])('redis over TLS', () => {
  let tls: TlsDeployment;
  beforeAll(async () => {
    tls = await startTls();
  }, 60_000);
  afterAll(async () => {
    await tls?.stop();
  });
  // As the bot builds it: REDIS_URL=rediss://… and REDIS_TLS_CA through readEnv.
  const connection = (ca: string | undefined, host = '127.0.0.1') =>
    readEnv({ REDIS_URL: `rediss://${host}:${tls.port}/0`, ...(ca ? { REDIS_TLS_CA: ca } : {}) }).redis!;

  runStoreContract('redis over TLS', () => RedisStore.connect({ connection: connection(tls.caFile), prefix: uniquePrefix('tls') }));

  it('verifies the server certificate: by IP and by host name with the right CA, refused with another CA or none', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const ok = await RedisStore.connect({ connection: connection(tls.caFile, host), prefix: uniquePrefix('tls') });
      await ok.ping();
      expect(ok.connection).toMatchObject({ mode: 'standalone', tls: true });
      await ok.close();
    }
    for (const ca of [tls.otherCaFile, undefined]) {
      const err = await RedisStore.connect({ connection: connection(ca), connectTimeoutMs: 2000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(String((err as Error).message)).toMatch(/certificate|self.signed|verify/i);
    }
  });

  it('a plain redis:// URL to the TLS port does not connect', async () => {
    const err = await RedisStore.connect({ url: `redis://127.0.0.1:${tls.port}`, connectTimeoutMs: 1000, commandTimeoutMs: 1000 }).then(
      async (s) => {
        try {
          await s.ping();
          return null;
        } catch (e) {
          return e;
        } finally {
          await s.close();
        }
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreUnavailableError);
  });

  it('doctor says standalone over TLS with the certificate verified against REDIS_TLS_CA', async () => {
    const bot = consoleBot('  - name: wire\n    url: http://127.0.0.1:9/feed.xml');
    const r = await runCli(['doctor', '--offline'], { ...bot.env, REDIS_URL: `rediss://127.0.0.1:${tls.port}`, REDIS_TLS_CA: tls.caFile });
    expect(r.stdout).toMatch(/✓ redis mode — standalone over TLS \(rediss:\/\/127\.0\.0\.1:\d+\)/);
    expect(r.stdout).toMatch(/✓ redis TLS — TLSv1\.[23], certificate verified against REDIS_TLS_CA/);
    expect(r.code, r.stdout).toBe(0);
  });
});
