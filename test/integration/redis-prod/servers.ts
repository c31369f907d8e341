// Private Redis deployments for the production-Redis tests, on 127.0.0.1 free ports with their
// data in temp folders: a TLS listener (certificates made here with openssl), a Cluster (plain or
// TLS, with or without replicas), a primary + replica watched by 3 sentinels, and a TLS sentinel. Each returns a stop() that kills
// every process it started and removes its folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { freePort, hasRedisServer, portFree, stopChild } from '../redis/helpers.js';

export { hasRedisServer };
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
export const hasRedisCli = has('redis-cli', ['--version']);
export const hasOpenssl = has('openssl', ['version']);
/** Debian's redis-server is built with TLS; a build without it rejects the tls-port directive. */
export const redisHasTls =
  hasRedisServer &&
  (() => {
    const r = spawnSync('redis-server', ['--tls-port', '0', '--port', '0', '--no-such-directive', 'x'], { encoding: 'utf8' });
    return /no-such-directive/.test(`${r.stdout}${r.stderr}`);
  })();

/**
 * `describe` that runs when the tools are on the machine; otherwise it says so on the console and
 * skips, except with CI=true, where a missing tool fails the run (.ci/run installs them).
 */
export function describeWith(needs: Array<[boolean, string]>): typeof describe {
  const missing = needs.filter(([ok]) => !ok).map(([, what]) => what);
  if (!missing.length) return describe;
  const msg = `[talent-radar tests] ${missing.join(', ')} not available: skipping the production-Redis suite (install redis-server, redis-tools and openssl; .ci/run does)`;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${msg}`);
  console.warn(msg);
  return describe.skip as typeof describe;
}

export interface Deployment {
  dir: string;
  stop(): Promise<void>;
}

/** Starts redis-server with the args and resolves once its log shows `ready` (a regexp). */
export function spawnRedis(args: string[], ready: RegExp = /ready to accept connections/i, what = 'redis-server'): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not start: ${out}`));
    }, 15_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${out}`));
    });
  });
}

/** A port free on 127.0.0.1 whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 10000 <= 65535 && (await portFree(port + 10000))) return port;
  }
}

const base = (port: number, dir: string) => ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'];

async function until(fn: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await fn().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ask<T>(port: number, fn: (r: Redis) => Promise<T>, opts: { tls?: object; password?: string } = {}): Promise<T> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, protocol: 2, ...opts });
  try {
    await r.connect();
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

// ---- TLS ----

export interface TlsDeployment extends Deployment {
  port: number;
  /** PEM of the private CA that signed the server certificate. */
  caFile: string;
  /** A CA the server certificate does not chain to (verification must refuse it). */
  otherCaFile: string;
}

function openssl(dir: string, args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

/** A CA, a server certificate for 127.0.0.1/localhost signed by it, and an unrelated CA. */
export function makeCerts(dir: string): { ca: string; cert: string; key: string; otherCa: string } {
  const days = ['-days', '2'];
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=talent-radar test CA', ...days]);
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.crt', '-subj', '/CN=some other CA', ...days]);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-extfile',
    'san.ext',
    ...days,
  ]);
  return { ca: join(dir, 'ca.crt'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key'), otherCa: join(dir, 'other.crt') };
}

/** redis-server with only a TLS port (no plain port), client certificates not required. */
export async function startTls(): Promise<TlsDeployment> {
  const dir = mkdtempSync(join(tmpdir(), 'tr-redis-tls-'));
  const certs = makeCerts(dir);
  const port = await freePort();
  const child = await spawnRedis([
    ...base(0, dir),
    '--tls-port',
    String(port),
    '--tls-cert-file',
    certs.cert,
    '--tls-key-file',
    certs.key,
    '--tls-ca-cert-file',
    certs.ca,
    '--tls-auth-clients',
    'no',
  ]);
  return {
    dir,
    port,
    caFile: certs.ca,
    otherCaFile: certs.otherCa,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- Cluster ----

export interface ClusterDeployment extends Deployment {
  ports: number[];
  children: ChildProcess[];
  /** With `tls`: the CA that signed every node's certificate, and one that did not. */
  caFile?: string;
  otherCaFile?: string;
}

/**
 * N primaries (and `replicas` per primary) joined with `redis-cli --cluster create`, every slot
 * covered. With `tls`, nodes listen on TLS only (clients, replication and the cluster bus).
 */
export async function startCluster(primaries = 3, replicas = 0, opts: { tls?: boolean } = {}): Promise<ClusterDeployment> {
  const dir = mkdtempSync(join(tmpdir(), 'tr-redis-cluster-'));
  const certs = opts.tls ? makeCerts(dir) : undefined;
  const tlsArgs = (port: number) =>
    certs
      ? [
          '--port',
          '0',
          '--tls-port',
          String(port),
          '--tls-cluster',
          'yes',
          '--tls-replication',
          'yes',
          '--tls-cert-file',
          certs.cert,
          '--tls-key-file',
          certs.key,
          '--tls-ca-cert-file',
          certs.ca,
          '--tls-auth-clients',
          'no',
        ]
      : [];
  const cliTls = certs ? ['--tls', '--cacert', certs.ca] : [];
  const askOpts = certs ? { tls: { ca: readFileSync(certs.ca) } } : {};
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < primaries * (1 + replicas); i++) {
      const nodeDir = mkdtempSync(join(dir, `n${i}-`));
      // A cluster node also listens on its bus port (port + 10000), which freePort() never checked:
      // both must be free, and another process may take either before redis-server binds it, so a
      // node that cannot bind is started again on other ports.
      for (let attempt = 1; ; attempt++) {
        const port = await freeClusterPort();
        try {
          children.push(
            await spawnRedis([
              ...base(port, nodeDir),
              ...tlsArgs(port),
              '--cluster-enabled',
              'yes',
              '--cluster-config-file',
              join(nodeDir, 'nodes.conf'),
              '--cluster-node-timeout',
              '2000',
            ]),
          );
          ports.push(port);
          break;
        } catch (err) {
          if (attempt >= 5 || !/Address already in use/.test(String(err))) throw err;
        }
      }
    }
    const r = spawnSync(
      'redis-cli',
      [...cliTls, '--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(replicas), '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (r.status !== 0) throw new Error(`redis-cli --cluster create failed: ${r.stdout}${r.stderr}`);
    await until(
      async () => (await Promise.all(ports.map((p) => ask(p, (c) => c.cluster('INFO'), askOpts)))).every((info) => /cluster_state:ok/.test(String(info))),
      'cluster_state:ok on every node',
    );
    if (replicas) {
      // Every replica linked to its primary before a test takes a primary away.
      await until(
        async () =>
          (await Promise.all(ports.map((p) => ask(p, (c) => c.info('replication'), askOpts)))).every(
            (info) => /role:master/.test(info) || /master_link_status:up/.test(info),
          ),
        'replicas in sync',
        30_000,
      );
    }
    return { dir, ports, children, stop, caFile: certs?.ca, otherCaFile: certs?.otherCa };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---- Sentinel ----

export interface SentinelDeployment extends Deployment {
  name: string;
  /** requirepass of the data nodes and of the sentinels. */
  password: string;
  sentinelPassword: string;
  primaryPort: number;
  replicaPort: number;
  sentinelPorts: number[];
  children: ChildProcess[];
  /** host:port of the primary as the first sentinel sees it. */
  primary(): Promise<string>;
}

/**
 * A primary, one replica, and three sentinels (quorum 2) watching them; the data nodes and the
 * sentinels each have a password (so REDIS_PASSWORD and REDIS_SENTINEL_PASSWORD are exercised).
 */
export async function startSentinels(name = 'trmaster'): Promise<SentinelDeployment> {
  const password = 'data-secret';
  const sentinelPassword = 'sentinel-secret';
  const data = { password };
  const sent = { password: sentinelPassword };
  // Both nodes authenticate to whichever is primary (the old primary becomes a replica).
  const auth = ['--requirepass', password, '--masterauth', password];
  const dir = mkdtempSync(join(tmpdir(), 'tr-redis-sentinel-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const primaryPort = await freePort();
    const replicaPort = await freePort();
    children.push(await spawnRedis([...base(primaryPort, mkdtempSync(join(dir, 'primary-'))), ...auth]));
    children.push(await spawnRedis([...base(replicaPort, mkdtempSync(join(dir, 'replica-'))), ...auth, '--replicaof', '127.0.0.1', String(primaryPort)]));
    await until(async () => /master_link_status:up/.test(await ask(replicaPort, (r) => r.info('replication'), data)), 'the replica to sync');
    const sentinelPorts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const sdir = mkdtempSync(join(dir, `sentinel${i}-`));
      const conf = join(sdir, 'sentinel.conf');
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${sdir}`,
          `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 2`,
          `sentinel auth-pass ${name} ${password}`,
          // Clients and the other sentinels authenticate with it.
          `requirepass ${sentinelPassword}`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 10000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      children.push(await spawnRedis([conf, '--sentinel'], /\+monitor master/, `sentinel on ${port}`));
      sentinelPorts.push(port);
    }
    const primary = () => ask(sentinelPorts[0], async (r) => ((await r.call('SENTINEL', 'get-master-addr-by-name', name)) as string[]).join(':'), sent);
    // Every sentinel knows the replica and the other sentinels before a test asks for a failover.
    await until(
      async () =>
        (
          await Promise.all(
            sentinelPorts.map((p) =>
              ask(
                p,
                async (r) => {
                  const m = (await r.call('SENTINEL', 'master', name)) as string[];
                  const f = (k: string) => Number(m[m.indexOf(k) + 1]);
                  return f('num-slaves') >= 1 && f('num-other-sentinels') >= 2;
                },
                sent,
              ),
            ),
          )
        ).every(Boolean),
      'sentinels to discover the replica and each other',
      30_000,
    );
    return { dir, name, password, sentinelPassword, primaryPort, replicaPort, sentinelPorts, children, primary, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `SENTINEL FAILOVER` and wait until the sentinels name the other node and it takes writes. */
export async function failover(d: SentinelDeployment): Promise<string> {
  const before = await d.primary();
  await ask(d.sentinelPorts[0], (r) => r.call('SENTINEL', 'FAILOVER', d.name), { password: d.sentinelPassword });
  let after = before;
  await until(async () => (after = await d.primary()) !== before, 'the sentinels to name a new primary', 30_000);
  const port = Number(after.split(':')[1]);
  await until(
    async () => /role:master/.test(await ask(port, (r) => r.info('replication'), { password: d.password })),
    'the new primary to take writes',
    30_000,
  );
  return after;
}

// ---- Sentinel over TLS ----

export interface TlsSentinelDeployment extends Deployment {
  name: string;
  primaryPort: number;
  sentinelPort: number;
  caFile: string;
}

/** A TLS-only primary and one TLS-only sentinel (quorum 1) that reaches it over TLS. */
export async function startTlsSentinel(name = 'trtls'): Promise<TlsSentinelDeployment> {
  const dir = mkdtempSync(join(tmpdir(), 'tr-redis-tls-sentinel-'));
  const certs = makeCerts(dir);
  const tls = ['tls-cert-file', certs.cert, 'tls-key-file', certs.key, 'tls-ca-cert-file', certs.ca, 'tls-auth-clients', 'no', 'tls-replication', 'yes'];
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const primaryPort = await freePort();
    children.push(
      await spawnRedis([...base(0, mkdtempSync(join(dir, 'primary-'))), '--tls-port', String(primaryPort), ...tls.map((a, i) => (i % 2 ? a : `--${a}`))]),
    );
    const sentinelPort = await freePort();
    const sdir = mkdtempSync(join(dir, 'sentinel-'));
    const conf = join(sdir, 'sentinel.conf');
    const lines = ['port 0', `tls-port ${sentinelPort}`, 'bind 127.0.0.1', `dir ${sdir}`];
    for (let i = 0; i < tls.length; i += 2) lines.push(`${tls[i]} ${tls[i + 1]}`);
    lines.push(`sentinel monitor ${name} 127.0.0.1 ${primaryPort} 1`, '');
    writeFileSync(conf, lines.join('\n'));
    children.push(await spawnRedis([conf, '--sentinel'], /\+monitor master/, `TLS sentinel on ${sentinelPort}`));
    return { dir, name, primaryPort, sentinelPort, caFile: certs.ca, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
