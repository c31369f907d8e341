// `doctor` on the Redis backend: which deployment it connected to, and that deployment's health.
// Sentinel: every sentinel answers and they agree on the primary (the one the client writes to),
// with a quorum. Cluster: cluster_state ok, all 16384 slots covered. Both: enough replicas for
// REDIS_WAIT_REPLICAS, or deliveries would pause.
import { readFileSync } from 'node:fs';
import { Redis, type Cluster } from 'ioredis';
import { describeRedis, type RedisConnection } from '../config/redis-env.js';
import { primaryOf } from '../store/redis/client.js';
import type { RedisStore } from '../store/redis/index.js';

export type RedisCheck = { ok: boolean | 'warn'; label: string; detail?: string };

const field = (info: string, name: string): string | undefined => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();

export async function redisChecks(store: RedisStore): Promise<RedisCheck[]> {
  const c = store.connection;
  if (!c) return [{ ok: true, label: 'redis mode', detail: 'standalone (by URL)' }];
  const out: RedisCheck[] = [{ ok: true, label: 'redis mode', detail: describeRedis(c) }];
  try {
    if (c.mode === 'standalone') out.push(...(await standalone(store, c)));
    else if (c.mode === 'sentinel') out.push(...(await sentinel(store, c)));
    else out.push(...(await cluster(store, c)));
  } catch (err) {
    out.push({ ok: false, label: `redis ${c.mode}`, detail: (err as Error).message });
  }
  return out;
}

async function standalone(store: RedisStore, c: Extract<RedisConnection, { mode: 'standalone' }>): Promise<RedisCheck[]> {
  const out: RedisCheck[] = [];
  if (c.tls) {
    const s = (store.redis as unknown as { stream?: { getProtocol?: () => string | null; authorized?: boolean } }).stream;
    out.push({
      ok: s?.authorized ? true : false,
      label: 'redis TLS',
      detail: `${s?.getProtocol?.() ?? 'TLS'}, certificate verified against ${c.caFile ? `REDIS_TLS_CA ${c.caFile}` : 'the system CAs'}`,
    });
  }
  out.push(await replicas(store.redis, c.waitReplicas));
  return out;
}

async function replicas(node: Redis, wait: number): Promise<RedisCheck> {
  const info = await node.info('replication');
  const n = Number(field(info, 'connected_slaves') ?? 0);
  const detail = `${n} connected replica(s); REDIS_WAIT_REPLICAS=${wait}`;
  if (wait > n) return { ok: 'warn', label: 'redis replicas', detail: `${detail}: deliveries pause until ${wait} replica(s) hold each claim` };
  return { ok: true, label: 'redis replicas', detail };
}

async function sentinel(store: RedisStore, c: Extract<RedisConnection, { mode: 'sentinel' }>): Promise<RedisCheck[]> {
  const out: RedisCheck[] = [];
  const tls = c.tls ? { tls: { rejectUnauthorized: true, ...(c.caFile ? { ca: readFileSync(c.caFile) } : {}) } } : {};
  const answers = await Promise.all(
    c.sentinels.map(async (s) => {
      const r = new Redis({
        host: s.host,
        port: s.port,
        username: c.sentinelUsername,
        password: c.sentinelPassword,
        lazyConnect: true,
        connectTimeout: 2000,
        commandTimeout: 2000,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
        protocol: 2,
        ...tls,
      });
      r.on('error', () => undefined);
      try {
        await r.connect();
        const addr = ((await r.call('SENTINEL', 'get-master-addr-by-name', c.name)) as string[] | null)?.join(':') ?? null;
        const quorum = await (r.call('SENTINEL', 'CKQUORUM', c.name) as Promise<string>).catch((e: Error) => e.message);
        return { at: `${s.host}:${s.port}`, addr, quorum, err: undefined as string | undefined };
      } catch (err) {
        return { at: `${s.host}:${s.port}`, addr: null, quorum: '', err: (err as Error).message };
      } finally {
        r.disconnect();
      }
    }),
  );
  for (const a of answers) {
    out.push(
      a.err
        ? { ok: false, label: `sentinel ${a.at}`, detail: a.err }
        : a.addr
          ? { ok: true, label: `sentinel ${a.at}`, detail: `primary ${a.addr}; ${a.quorum}` }
          : { ok: false, label: `sentinel ${a.at}`, detail: `does not know master "${c.name}" (check REDIS_SENTINEL_NAME)` },
    );
  }
  const named = [...new Set(answers.map((a) => a.addr).filter((x): x is string => !!x))];
  const connected = primaryOf(store.redis, undefined);
  if (named.length > 1)
    out.push({
      ok: false,
      label: 'sentinels agree',
      detail: `they name different primaries: ${named.join(', ')} (a failover in progress, or split sentinels)`,
    });
  else if (named.length === 1)
    out.push({ ok: true, label: 'sentinels agree', detail: `primary ${named[0]}${connected ? `; the bot writes to ${connected}` : ''}` });
  const role = (await store.redis.call('ROLE')) as unknown[];
  out.push(
    role[0] === 'master'
      ? { ok: true, label: 'redis primary', detail: 'the connected node is a primary' }
      : { ok: false, label: 'redis primary', detail: `the connected node is a ${String(role[0])}` },
  );
  out.push(await replicas(store.redis, c.waitReplicas));
  return out;
}

async function cluster(store: RedisStore, c: Extract<RedisConnection, { mode: 'cluster' }>): Promise<RedisCheck[]> {
  const client = store.redis as unknown as Cluster;
  const out: RedisCheck[] = [];
  const info = String(await client.cluster('INFO'));
  const state = field(info, 'cluster_state');
  const assigned = Number(field(info, 'cluster_slots_assigned') ?? 0);
  const okSlots = Number(field(info, 'cluster_slots_ok') ?? 0);
  out.push({
    ok: state === 'ok' ? true : false,
    label: 'cluster state',
    detail: `cluster_state:${state}, ${field(info, 'cluster_known_nodes')} nodes, ${field(info, 'cluster_size')} primaries`,
  });
  out.push({
    ok: assigned === 16384 && okSlots === 16384 ? true : false,
    label: 'cluster slots',
    detail: `${okSlots} of 16384 slots ok (${assigned} assigned)`,
  });
  const slot = Number(await client.cluster('KEYSLOT', store.keys.seq));
  const owner = client.slots[slot] ?? [];
  out.push({
    ok: true,
    label: 'cluster tag slot',
    detail: `the store's data (hash tag ${store.keys.base.slice(store.keys.prefix.length, -1)}) is in slot ${slot} on ${owner[0] ?? '?'}, ${Math.max(0, owner.length - 1)} replica(s)`,
  });
  const primary = client.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === owner[0]);
  if (primary) out.push(await replicas(primary, c.waitReplicas));
  return out;
}
