// Orchestrates the 10,000-feed poll cycle: a feed-host process, then two poller processes on
// the same store: the first populates ETags (all 200s), the server changes every 20th feed,
// the second (measured, fresh process so its peak RSS is its own) sees ~95% 304s.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PollChildArgs, PollChildResult } from './poll-child.js';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

function runChild(args: PollChildArgs): Promise<PollChildResult> {
  return new Promise((resolve, reject) => {
    const prof = process.env.BENCH_CPU_PROF_DIR;
    const child = fork(here('./poll-child.js'), [JSON.stringify(args)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), ...(process.env.BENCH_POLL_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    });
    let result: PollChildResult | undefined;
    child.on('message', (m) => (result = m as PollChildResult));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`poll child exited with code ${code} and no result`))));
  });
}

function startHost(items: number): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(here('./feed-host.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_FEED_ITEMS: process.env.BENCH_FEED_ITEMS ?? String(items) },
    });
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`feed host exited with code ${code}`)));
  });
}

export interface PollCycleResult {
  feeds: number;
  hosts: number;
  backend: 'sqlite' | 'redis';
  sharedAgent: boolean;
  first: PollChildResult;
  measured: PollChildResult;
  served: { ok: number; notModified: number; other: number };
}

export async function runPollCycle(opts: {
  feeds: number;
  hosts: number;
  backend: 'sqlite' | 'redis';
  redisUrl: string;
  itemsPerFeed?: number;
  changeEvery?: number;
  sharedAgent?: boolean;
}): Promise<PollCycleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tr-bench-poll-'));
  const host = await startHost(opts.itemsPerFeed ?? 5);
  const prefix = `bench-poll-${process.pid}-${Date.now()}:`;
  const args: PollChildArgs = {
    sharedAgent: opts.sharedAgent ?? true,
    port: host.port,
    feeds: opts.feeds,
    hosts: opts.hosts,
    backend: opts.backend,
    dbFile: join(dir, 'bench.db'),
    redisUrl: opts.redisUrl,
    prefix,
  };
  const ctl = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${host.port}${path}`, { method }).then((r) => r.json());
  try {
    const first = await runChild(args);
    await ctl('/_stats');
    await ctl(`/_bump?every=${opts.changeEvery ?? 20}&feeds=${opts.feeds}`, 'POST');
    const measured = await runChild(args);
    const served = (await ctl('/_stats')) as PollCycleResult['served'];
    return { feeds: opts.feeds, hosts: opts.hosts, backend: opts.backend, sharedAgent: args.sharedAgent, first, measured, served };
  } finally {
    host.child.disconnect();
    host.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    if (opts.backend === 'redis') {
      const { Redis } = await import('ioredis');
      const { deletePrefix } = await import('./util.js');
      const r = new Redis(opts.redisUrl);
      await deletePrefix(r, prefix.replace(/:$/, ''));
      r.disconnect();
    }
  }
}
