// A wiped Redis (no persistence, restarted) is noticed through the store epoch key and said
// loudly once per wipe; with AOF on, a restart keeps the epoch and says nothing.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { RedisStore } from '../../../src/store/redis/index.js';
import { freePort, hasRedisServer, startRedisServer, stopChild } from './helpers.js';
import { consoleBot, runCli } from '../../support/cli.js';

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

(hasRedisServer ? describe : describe.skip)('redis store epoch (private redis-server)', () => {
  let server: ChildProcess | undefined;
  let store: RedisStore | undefined;
  afterEach(async () => {
    await store?.close();
    await stopChild(server);
  });

  const connect = async (port: number) => {
    const out = new PassThrough();
    let log = '';
    out.on('data', (d) => (log += d));
    store = await RedisStore.connect({ url: `redis://127.0.0.1:${port}`, log: createLogger('info', out), connectTimeoutMs: 1000, commandTimeoutMs: 1000 });
    return { wipes: () => log.split('\n').filter((l) => l.includes('"STORE_WIPED"')).length };
  };
  const restart = async (port: number, extra: string[] = []) => {
    await stopChild(server, 'SIGKILL');
    server = await startRedisServer(port, extra);
    await until(() => store!.ping());
  };

  it('says so once per wipe when Redis comes back empty', async () => {
    const port = await freePort();
    server = await startRedisServer(port);
    const { wipes } = await connect(port);
    const first = store!.epoch!.current;
    expect(first).toBeTruthy();
    expect(await store!.epoch!.check()).toBe(false);

    await restart(port);
    await until(async () => expect(wipes()).toBe(1));
    // The check that logged the wipe may still be claiming the new epoch: once it has, checks are
    // quiet again (said once, not on every check).
    await until(async () => expect(await store!.epoch!.check()).toBe(false));
    expect(wipes()).toBe(1);
    expect(store!.epoch!.current).not.toBe(first);

    await restart(port);
    await until(async () => expect(wipes()).toBe(2));
  });

  it('says nothing when Redis restarts with its data (AOF on)', async () => {
    const port = await freePort();
    const aof = ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', mkdtempSync(join(tmpdir(), 'tr-aof-'))];
    server = await startRedisServer(port, aof);
    const { wipes } = await connect(port);
    const first = store!.epoch!.current;
    await restart(port, aof);
    expect(await store!.epoch!.check()).toBe(false);
    expect(store!.epoch!.current).toBe(first);
    expect(wipes()).toBe(0);
  });
  it('doctor warns when Redis persistence is off, and reads INFO when CONFIG is disabled', async () => {
    const cfg = consoleBot('  - name: f\n    url: https://feeds.example/f.xml');
    const port = await freePort();
    server = await startRedisServer(port);
    const off = await runCli(['doctor', '--offline'], { ...cfg.env, REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(off.stdout).toMatch(/^! redis persistence — AOF is off, no persistence: a restart loses everything.*appendonly yes/m);
    expect(off.code).toBe(0); // a warning, not a failure

    await stopChild(server);
    server = await startRedisServer(port, ['--appendonly', 'yes', '--dir', mkdtempSync(join(tmpdir(), 'tr-aof-')), '--rename-command', 'CONFIG', '']);
    const on = await runCli(['doctor', '--offline'], { ...cfg.env, REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(on.stdout).toMatch(/^✓ redis persistence — AOF on \(appendonly yes, read with INFO\)/m);
  });
});
