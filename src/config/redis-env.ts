// The REDIS_* part of the environment: which Redis deployment to connect to and how. One of three
// forms (a single server by URL, Sentinel, Cluster); every malformed value is a problem with a
// remedy, reported together with the rest of the environment by readEnv.
import { existsSync, statSync } from 'node:fs';

export interface HostPort {
  host: string;
  port: number;
}

interface Common {
  /** TLS to the data nodes (and to the sentinels in sentinel mode), certificates verified. */
  tls: boolean;
  /** PEM file with the CA that signed the servers' certificates (private CA); default: the system CAs. */
  caFile?: string;
  username?: string;
  password?: string;
  /**
   * Replicas that must hold a write before the outbox acts on it (`WAIT n`); 0 = do not wait.
   * Default 1 with Sentinel (a failover must not lose a claim), else 0.
   */
  waitReplicas: number;
}

export type RedisConnection =
  | (Common & { mode: 'standalone'; url: string })
  | (Common & { mode: 'sentinel'; sentinels: HostPort[]; name: string; sentinelUsername?: string; sentinelPassword?: string; db: number })
  | (Common & { mode: 'cluster'; nodes: HostPort[] });

export type RedisMode = RedisConnection['mode'];

const trimmed = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/** `host:port,host:port` (IPv6 as `[::1]:26379`); problems are pushed with the variable's name. */
export function parseHostPorts(name: string, value: string, problems: string[]): HostPort[] {
  const out: HostPort[] = [];
  for (const part of value.split(',').map((p) => p.trim())) {
    if (!part) continue;
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]/]+)):(\d{1,5})$/.exec(part);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port < 1 || port > 65535) {
      problems.push(`${name}: "${part}" is not host:port (e.g. ${name === 'REDIS_SENTINELS' ? '10.0.0.5:26379' : '10.0.0.5:6379'}; IPv6 as [::1]:6379)`);
      continue;
    }
    out.push({ host: m[1] ?? m[2], port });
  }
  if (!out.length && !problems.some((p) => p.startsWith(`${name}:`))) problems.push(`${name}: give at least one host:port, comma-separated`);
  return out;
}

function flag(name: string, v: string | undefined, problems: string[]): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  problems.push(`${name}: "${v}" is not a boolean; write true or false`);
  return undefined;
}

/** Reads the REDIS_* variables. `redis` is undefined when none selects Redis (embedded store). */
export function readRedisEnv(env: NodeJS.ProcessEnv): { redis?: RedisConnection; problems: string[] } {
  const problems: string[] = [];
  const url = trimmed(env.REDIS_URL);
  const sentinels = trimmed(env.REDIS_SENTINELS);
  const name = trimmed(env.REDIS_SENTINEL_NAME);
  const cluster = trimmed(env.REDIS_CLUSTER);
  const caFile = trimmed(env.REDIS_TLS_CA);
  const tlsFlag = flag('REDIS_TLS', trimmed(env.REDIS_TLS), problems);
  const username = trimmed(env.REDIS_USERNAME);
  const password = trimmed(env.REDIS_PASSWORD);
  const waitRaw = trimmed(env.REDIS_WAIT_REPLICAS);

  if (sentinels && cluster) problems.push('REDIS_SENTINELS and REDIS_CLUSTER: set one of them (Sentinel or Cluster), not both');
  if ((sentinels || cluster) && url) {
    problems.push(
      `REDIS_URL: names one server; with ${sentinels ? 'REDIS_SENTINELS' : 'REDIS_CLUSTER'} unset it and give the data nodes' credentials in REDIS_PASSWORD (and REDIS_USERNAME), TLS with REDIS_TLS=true`,
    );
  }
  if (name && !sentinels) problems.push('REDIS_SENTINEL_NAME: also set REDIS_SENTINELS (host:port of each sentinel)');
  if (sentinels && !name) problems.push('REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the master group name from sentinel.conf, e.g. mymaster)');
  if (trimmed(env.REDIS_SENTINEL_PASSWORD) && !sentinels) problems.push('REDIS_SENTINEL_PASSWORD: only used with REDIS_SENTINELS');
  if (url && (username || password)) problems.push('REDIS_USERNAME/REDIS_PASSWORD: put the credentials in REDIS_URL (redis://user:password@host:port) instead');
  if (url && tlsFlag !== undefined) problems.push('REDIS_TLS: with REDIS_URL the scheme decides (rediss:// is TLS); unset REDIS_TLS');

  let parsedUrl: URL | undefined;
  if (url) {
    // An unparseable URL is reported by the schema in env.ts.
    if (URL.canParse(url)) {
      parsedUrl = new URL(url);
      if (parsedUrl.protocol !== 'redis:' && parsedUrl.protocol !== 'rediss:')
        problems.push(`REDIS_URL: scheme "${parsedUrl.protocol}" is not redis: or rediss:`);
    }
  }
  const tls = parsedUrl ? parsedUrl.protocol === 'rediss:' : tlsFlag === true;
  if (caFile) {
    if (!tls) problems.push('REDIS_TLS_CA: only used over TLS; use a rediss:// REDIS_URL (or REDIS_TLS=true with Sentinel/Cluster)');
    else if (!existsSync(caFile) || !statSync(caFile).isFile())
      problems.push(`REDIS_TLS_CA: "${caFile}" is not a readable file (a PEM with the CA certificate)`);
  }
  let waitReplicas: number | undefined;
  if (waitRaw !== undefined) {
    if (!/^\d{1,2}$/.test(waitRaw)) problems.push(`REDIS_WAIT_REPLICAS: "${waitRaw}" is not a number of replicas (0 turns the wait off)`);
    else waitReplicas = Number(waitRaw);
  }
  let db = 0;
  const dbRaw = trimmed(env.REDIS_DB);
  if (dbRaw !== undefined) {
    if (!sentinels) problems.push('REDIS_DB: only used with REDIS_SENTINELS (with REDIS_URL write /<db> at its end; Cluster has only db 0)');
    else if (!/^\d{1,2}$/.test(dbRaw)) problems.push(`REDIS_DB: "${dbRaw}" is not a database number`);
    else db = Number(dbRaw);
  }
  const common = { tls, caFile, username, password };
  let redis: RedisConnection | undefined;
  if (sentinels) {
    redis = {
      ...common,
      mode: 'sentinel',
      sentinels: parseHostPorts('REDIS_SENTINELS', sentinels, problems),
      name: name ?? '',
      sentinelUsername: trimmed(env.REDIS_SENTINEL_USERNAME),
      sentinelPassword: trimmed(env.REDIS_SENTINEL_PASSWORD),
      db,
      waitReplicas: waitReplicas ?? 1,
    };
  } else if (cluster) {
    redis = { ...common, mode: 'cluster', nodes: parseHostPorts('REDIS_CLUSTER', cluster, problems), waitReplicas: waitReplicas ?? 0 };
  } else if (url) {
    redis = { ...common, mode: 'standalone', url, waitReplicas: waitReplicas ?? 0 };
  } else {
    for (const v of ['REDIS_TLS', 'REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_WAIT_REPLICAS'] as const) {
      if (trimmed(env[v]) !== undefined) problems.push(`${v}: set REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER too (or unset it)`);
    }
  }
  return { redis: problems.length ? undefined : redis, problems };
}

/** How the mode reads in logs and in `doctor`: standalone, standalone over TLS, sentinel, cluster. */
export function describeRedis(c: RedisConnection): string {
  const tls = c.tls ? ' over TLS' : '';
  if (c.mode === 'standalone') return `standalone${tls} (${redactUrl(c.url)})`;
  if (c.mode === 'sentinel') return `sentinel${tls} (master "${c.name}" via ${c.sentinels.map((s) => `${s.host}:${s.port}`).join(', ')})`;
  return `cluster${tls} (seed ${c.nodes.map((s) => `${s.host}:${s.port}`).join(', ')})`;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
