// Three bot processes (the real bin) against one Redis and a local feed server:
// every item delivered once, every source polled once per tick, kill -9 mid-poll loses and
// doubles nothing, and Redis stopped and restarted during the run is survived without a restart.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeRedis } from '../../support/redis.js';
import { RedisStore } from '../../../src/store/redis/index.js';
import { freePort, stopChild } from '../redis/helpers.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { rss, tempConfig, type FeedItem } from '../../support/cli.js';
import { MOVES, personNamer, sleep, waitFor } from '../../support/burst.js';

const BIN = join(process.cwd(), 'dist/cli.js');
const SOURCES = ['s0', 's1', 's2', 's3'];
const person = personNamer();

function redisServer(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/ready to accept connections/i.test(out)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
}

describeRedis('three bot processes against one Redis', () => {
  let feeds: FeedServer;
  let slack: FakeSlackApi;
  let redis: ChildProcess;
  let redisPort: number;
  let redisDir: string;
  const bots: Array<{ child: ChildProcess; port: number; log: string[] }> = [];
  const published = new Map<string, FeedItem[]>(SOURCES.map((s) => [s, []]));
  let n = 0;
  let env: NodeJS.ProcessEnv;

  function publish(perSource: number, route: { delayMs?: number } = {}): string[] {
    const titles: string[] = [];
    for (const s of SOURCES) {
      for (let i = 0; i < perSource; i++) {
        const who = person(n);
        const [from, to] = MOVES[n % MOVES.length];
        const title = `${from} AI researcher ${who} leaves to join ${to}`;
        published.get(s)!.unshift({
          title,
          description: `${who}, a machine learning researcher at ${from}, has left the company to join ${to}, people familiar with the move said.`,
          link: `https://${s}.example/story-${n}`,
          guid: `${s}-${n}`,
          pubDate: new Date(),
        });
        titles.push(title);
        n++;
      }
      feeds.set(`/${s}.xml`, { headers: { 'content-type': 'application/rss+xml' }, body: rss(published.get(s)!), ...route });
    }
    return titles;
  }

  function spawnBot(port: number) {
    const log: string[] = [];
    const child = spawn(process.execPath, [BIN, 'run'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
    bots.push({ child, port, log });
  }

  const postedTitles = () => slack.callsTo('chat.postMessage').map((c) => String(c.body.text ?? ''));
  const countPosted = (title: string) => postedTitles().filter((t) => t.includes(title)).length;
  const healthz = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => ({ status: 0 }))).status;

  beforeAll(async () => {
    if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    feeds = await startFeedServer();
    slack = await new FakeSlackApi().start();
    redisPort = await freePort();
    redisDir = mkdtempSync(join(tmpdir(), 'tr-redis-'));
    redis = await redisServer(redisPort, redisDir);
    publish(1); // the backlog every source has before the bots start: recorded as seen, not delivered
    const cfg = tempConfig(`
sources:
${SOURCES.map((s) => `  - name: ${s}\n    url: ${feeds.url(`/${s}.xml`)}\n    interval: 3s`).join('\n')}
routes:
  - platform: slack
    channel: C0REPLICA
fetch:
  allowPrivateAddresses: true
  timeout: 2s
schedule:
  tick: "* * * * * *"
delivery:
  perChannelInterval: 20ms
  lease: 3s
`);
    env = {
      ...process.env,
      TALENT_CONFIG: cfg.configPath,
      REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 'replica-secret',
      SLACK_API_URL: slack.url,
      OPS_PORT: '0', // three replicas on one host: each ops server on a free port
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    };
    for (let i = 0; i < 3; i++) spawnBot(await freePort());
    await waitFor(async () => (await Promise.all(bots.map((b) => healthz(b.port)))).every((s) => s === 200), 'three healthy bots');
    const probe = await RedisStore.connect({ url: env.REDIS_URL! });
    await waitFor(async () => (await probe.getSourceStates()).filter((s) => s.initialized).length === SOURCES.length, 'the first poll of every source');
    await probe.close();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => stopChild(b.child, 'SIGTERM')));
    // Kept as test artifacts: what each replica logged.
    mkdirSync('test-artifacts', { recursive: true });
    bots.forEach((b, i) => writeFileSync(`test-artifacts/replica-${i}.log`, b.log.join('')));
    await stopChild(redis);
    await slack?.stop();
    await feeds?.close();
  });

  it('delivers every new item exactly once and polls each source once per tick', async () => {
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0); // the backlog was recorded, not posted
    const titles = publish(2);
    await waitFor(() => titles.every((t) => countPosted(t) >= 1), 'every new item posted');
    await sleep(4000); // several more ticks on three replicas
    for (const t of titles) expect(countPosted(t), t).toBe(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(titles.length);
    for (const s of SOURCES) {
      const times = feeds.requests.filter((r) => r.path === `/${s}.xml`).map((r) => r.at);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      expect(Math.min(...gaps), `${s} polled by two replicas in one tick`).toBeGreaterThanOrEqual(1500);
    }
  }, 60_000);

  it('loses and doubles nothing when one bot is killed with SIGKILL in the middle of a poll', async () => {
    const before = feeds.requests.length;
    const titles = publish(2, { delayMs: 1500 }); // slow answers: polls are in flight for 1.5 s
    await waitFor(() => feeds.requests.length > before, 'a poll in flight');
    await sleep(300);
    bots[0].child.kill('SIGKILL');
    await waitFor(() => titles.every((t) => countPosted(t) >= 1), 'every item posted by the survivors', 60_000);
    await sleep(3000);
    for (const t of titles) expect(countPosted(t), t).toBe(1);
  }, 90_000);

  it('keeps running through a Redis outage, says so on /healthz, and recovers without a restart', async () => {
    const alive = bots.filter((b) => b.child.exitCode === null && b.child.signalCode === null);
    expect(alive.length).toBeGreaterThanOrEqual(2);
    spawnSync('redis-cli', ['-p', String(redisPort), 'shutdown', 'save']);
    await waitFor(() => redis.exitCode !== null || redis.signalCode !== null, 'redis to stop', 10_000);
    await waitFor(async () => (await healthz(alive[0].port)) === 503, '/healthz to report the outage', 15_000);
    const titles = publish(2);
    await sleep(3000); // ticks fail while Redis is down; nothing may be lost
    for (const b of alive) expect(b.child.exitCode).toBeNull();
    redis = await redisServer(redisPort, redisDir);
    await waitFor(async () => (await Promise.all(alive.map((b) => healthz(b.port)))).every((s) => s === 200), 'healthy again', 30_000);
    await waitFor(() => titles.every((t) => countPosted(t) >= 1), 'items published during the outage posted', 60_000);
    await sleep(3000);
    for (const t of titles) expect(countPosted(t), t).toBe(1);
    const logs = alive.flatMap((b) => b.log).join('');
    expect(logs).toMatch(/STORE_UNAVAILABLE|store unavailable|store: /i);
  }, 120_000);
});
