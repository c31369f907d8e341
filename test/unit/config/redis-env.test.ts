// REDIS_* parsing: the three connection forms, and a clear problem for every malformed value.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from '../../../src/config/env.js';
import { describeRedis } from '../../../src/config/redis-env.js';

const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    readEnv(env);
    return [];
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    return err.problems;
  }
};

describe('REDIS_* environment', () => {
  it('no Redis variable: the embedded store', () => {
    expect(readEnv({}).redis).toBeUndefined();
  });

  it('REDIS_URL: standalone, TLS by the rediss scheme, with a private CA file', () => {
    expect(readEnv({ REDIS_URL: 'redis://127.0.0.1:6379/0' }).redis).toEqual({
      mode: 'standalone',
      url: 'redis://127.0.0.1:6379/0',
      tls: false,
      waitReplicas: 0,
    });
    const ca = join(mkdtempSync(join(tmpdir(), 'tr-env-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    const e = readEnv({ REDIS_URL: 'rediss://u:secret@redis.example:6380/2', REDIS_TLS_CA: ca });
    expect(e.redis).toMatchObject({ mode: 'standalone', tls: true, caFile: ca });
    expect(describeRedis(e.redis!)).toBe('standalone over TLS (rediss://***@redis.example:6380/2)');
  });

  it('REDIS_SENTINELS with REDIS_SENTINEL_NAME, passwords, and a WAIT of one replica by default', () => {
    const e = readEnv({
      REDIS_SENTINELS: '10.0.0.5:26379, [::1]:26380,sentinel-c:26381',
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_SENTINEL_PASSWORD: 'sp',
      REDIS_PASSWORD: 'dp',
      REDIS_DB: '3',
    });
    expect(e.redis).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: '10.0.0.5', port: 26379 },
        { host: '::1', port: 26380 },
        { host: 'sentinel-c', port: 26381 },
      ],
      name: 'mymaster',
      sentinelPassword: 'sp',
      password: 'dp',
      db: 3,
      tls: false,
      waitReplicas: 1,
    });
    expect(readEnv({ REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'm', REDIS_WAIT_REPLICAS: '0' }).redis).toMatchObject({ waitReplicas: 0 });
  });

  it('REDIS_CLUSTER: seed nodes, TLS by REDIS_TLS', () => {
    expect(readEnv({ REDIS_CLUSTER: 'n1:7000,n2:7001', REDIS_TLS: 'true', REDIS_PASSWORD: 'p' }).redis).toEqual({
      mode: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
      ],
      tls: true,
      password: 'p',
      waitReplicas: 0,
    });
  });

  it('says what is wrong with each malformed value, all at once', () => {
    expect(problems({ REDIS_SENTINELS: 'a:1,b', REDIS_SENTINEL_NAME: 'm' })).toEqual([expect.stringMatching(/^REDIS_SENTINELS: "b" is not host:port/)]);
    expect(problems({ REDIS_CLUSTER: 'n1:99999' })).toEqual([expect.stringMatching(/^REDIS_CLUSTER: "n1:99999" is not host:port/)]);
    expect(problems({ REDIS_CLUSTER: ' , ' })).toEqual([expect.stringMatching(/at least one host:port/)]);
    expect(problems({ REDIS_SENTINELS: 'a:1' })).toEqual([expect.stringMatching(/^REDIS_SENTINEL_NAME: required/)]);
    expect(problems({ REDIS_SENTINEL_NAME: 'm' })).toEqual([expect.stringMatching(/also set REDIS_SENTINELS/)]);
    expect(problems({ REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'm', REDIS_CLUSTER: 'b:2' })).toEqual([expect.stringMatching(/not both/)]);
    expect(problems({ REDIS_URL: 'redis://h:1', REDIS_CLUSTER: 'b:2' })).toEqual([expect.stringMatching(/^REDIS_URL: names one server/)]);
    expect(problems({ REDIS_URL: 'http://h:1' })).toEqual([expect.stringMatching(/scheme "http:"/)]);
    expect(problems({ REDIS_URL: 'redis://h:1', REDIS_TLS_CA: '/nope.pem' })).toEqual([expect.stringMatching(/^REDIS_TLS_CA: only used over TLS/)]);
    expect(problems({ REDIS_URL: 'rediss://h:1', REDIS_TLS_CA: '/nope.pem' })).toEqual([expect.stringMatching(/"\/nope.pem" is not a readable file/)]);
    expect(problems({ REDIS_CLUSTER: 'b:2', REDIS_TLS: 'maybe' })).toEqual([expect.stringMatching(/^REDIS_TLS: "maybe" is not a boolean/)]);
    expect(problems({ REDIS_CLUSTER: 'b:2', REDIS_WAIT_REPLICAS: 'all' })).toEqual([expect.stringMatching(/^REDIS_WAIT_REPLICAS/)]);
    expect(problems({ REDIS_PASSWORD: 'x' })).toEqual([expect.stringMatching(/^REDIS_PASSWORD: set REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER/)]);
    // With the schema's own problems (PORT), in one report.
    expect(problems({ PORT: 'eighty', REDIS_CLUSTER: 'x' })).toHaveLength(2);
  });
});
