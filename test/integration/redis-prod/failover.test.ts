// Sentinel failover under load: a primary + replica watched by 3 sentinels (private servers on
// free loopback ports), two real bot processes (`node dist/cli.js run`) polling 4 feeds and
// posting to two Slack channels of the fake Slack API. Data nodes and sentinels have passwords
// (REDIS_PASSWORD, REDIS_SENTINEL_PASSWORD). 200 new stories are published and
// `SENTINEL FAILOVER` is asked for mid-burst: every story ends up posted exactly once in each
// channel, and each bot logs the switch of primary once.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/index.js';
import { readEnv } from '../../../src/config/env.js';
import { freePort, stopChild } from '../redis/helpers.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { rss, runCli, tempConfig, type FeedItem } from '../../support/cli.js';
import { describeWith, failover, hasRedisServer, startSentinels, type SentinelDeployment } from './servers.js';
import { MOVES, personNamer, sleep, waitFor } from '../../support/burst.js';

const BIN = join(process.cwd(), 'dist/cli.js');
const SOURCES = ['f0', 'f1', 'f2', 'f3'];
const CHANNELS = ['C0FAILA', 'C0FAILB'];
const STORIES = 200;
const FIRST = ['Avery', 'Bruno', 'Chiara', 'Dara', 'Elif', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam', 'Mona', 'Nils', 'Oona', 'Pavel'];
const LAST = [
  'Lindqvist',
  'Costa',
  'Okafor',
  'Sahin',
  'Haddad',
  'Ito',
  'Brandt',
  'Moreau',
  'Berg',
  'Patel',
  'Walsh',
  'Rosen',
  'Novak',
  'Quinn',
  'Sato',
  'Varga',
];
const person = personNamer(FIRST, LAST);

describeWith([[hasRedisServer, 'redis-server']])('sentinel failover with two bot processes', () => {
  let redis: SentinelDeployment;
  let feeds: FeedServer;
  let slack: FakeSlackApi;
  let env: NodeJS.ProcessEnv;
  const bots: Array<{ child: ChildProcess; port: number; log: string[] }> = [];
  const published = new Map<string, FeedItem[]>(SOURCES.map((s) => [s, []]));
  let n = 0;

  function publish(count: number): string[] {
    const titles: string[] = [];
    for (let i = 0; i < count; i++) {
      const s = SOURCES[i % SOURCES.length];
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
    for (const s of SOURCES) feeds.set(`/${s}.xml`, { headers: { 'content-type': 'application/rss+xml' }, body: rss(published.get(s)!) });
    return titles;
  }

  const posts = () => slack.callsTo('chat.postMessage').map((c) => ({ channel: String(c.body.channel), text: String(c.body.text ?? '') }));
  const countPosted = (title: string, channel: string) => posts().filter((p) => p.channel === channel && p.text.includes(title)).length;
  const healthz = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => ({ status: 0 }))).status;

  beforeAll(async () => {
    if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    redis = await startSentinels();
    feeds = await startFeedServer();
    slack = await new FakeSlackApi().start();
    publish(SOURCES.length); // the backlog every source has before the bots start: recorded as seen, not posted
    const cfg = tempConfig(`
sources:
${SOURCES.map((s) => `  - name: ${s}\n    url: ${feeds.url(`/${s}.xml`)}\n    interval: 2s`).join('\n')}
routes:
${CHANNELS.map((c) => `  - platform: slack\n    channel: ${c}`).join('\n')}
fetch:
  allowPrivateAddresses: true
  timeout: 2s
schedule:
  tick: "* * * * * *"
delivery:
  perChannelInterval: 5ms
  lease: 4s
`);
    env = {
      ...process.env,
      TALENT_CONFIG: cfg.configPath,
      REDIS_URL: '',
      REDIS_SENTINELS: redis.sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
      REDIS_SENTINEL_NAME: redis.name,
      REDIS_SENTINEL_PASSWORD: redis.sentinelPassword,
      REDIS_PASSWORD: redis.password,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 'failover-secret',
      SLACK_API_URL: slack.url,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const log: string[] = [];
      const child = spawn(process.execPath, [BIN, 'run'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
      child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
      bots.push({ child, port, log });
    }
    await waitFor(async () => (await Promise.all(bots.map((b) => healthz(b.port)))).every((s) => s === 200), 'two healthy bots');
    const probe = await RedisStore.connect({ connection: readEnv(env).redis! });
    await waitFor(async () => (await probe.getSourceStates()).filter((s) => s.initialized).length === SOURCES.length, 'the first poll of every source');
    await probe.close();
  }, 60_000);

  afterAll(async () => {
    // Kept as test artifacts: what each bot logged.
    mkdirSync('test-artifacts', { recursive: true });
    bots.forEach((b, i) => writeFileSync(`test-artifacts/failover-bot-${i}.log`, b.log.join('')));
    await Promise.all(bots.map((b) => stopChild(b.child, 'SIGKILL')));
    await slack?.stop();
    await feeds?.close();
    await redis?.stop();
  });

  it('doctor says sentinel mode, every sentinel answers and they agree on the primary', async () => {
    const r = await runCli(['doctor', '--offline'], {
      TALENT_CONFIG: env.TALENT_CONFIG,
      REDIS_SENTINELS: env.REDIS_SENTINELS,
      REDIS_SENTINEL_NAME: env.REDIS_SENTINEL_NAME,
      REDIS_SENTINEL_PASSWORD: env.REDIS_SENTINEL_PASSWORD,
      REDIS_PASSWORD: env.REDIS_PASSWORD,
      SLACK_BOT_TOKEN: 'xoxb-doctor',
      SLACK_SIGNING_SECRET: 's',
    });
    const primary = await redis.primary();
    expect(r.stdout).toMatch(/✓ redis mode — sentinel \(master "trmaster" via 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+\)/);
    for (const p of redis.sentinelPorts) expect(r.stdout).toContain(`✓ sentinel 127.0.0.1:${p} — primary ${primary}; OK 3 usable Sentinels`);
    expect(r.stdout).toContain(`✓ sentinels agree — primary ${primary}; the bot writes to ${primary}`);
    expect(r.stdout).toContain('✓ redis replicas — 1 connected replica(s); REDIS_WAIT_REPLICAS=1');
    expect(r.code, r.stdout).toBe(0);
  });

  it('posts each of 200 stories exactly once per channel across a SENTINEL FAILOVER mid-burst', async () => {
    expect(posts()).toHaveLength(0); // the backlog was recorded, not posted
    const before = await redis.primary();
    const titles = publish(STORIES);
    // Mid-burst: some posts are out, most are still to be polled, claimed or posted.
    await waitFor(() => posts().length >= 40, 'the first posts');
    const t0 = Date.now();
    const after = await failover(redis);
    console.log(`[failover] new primary ${after} after ${Date.now() - t0} ms; ${posts().length} posts so far`);
    expect(after).not.toBe(before);
    const postedEverywhere = () => titles.every((t) => CHANNELS.every((c) => countPosted(t, c) >= 1));
    await waitFor(postedEverywhere, 'every story posted in both channels', 45_000);
    console.log(`[failover] all posted ${Date.now() - t0} ms after the failover was asked for`);
    // How long each bot's deliveries paused (claims wait for a replica: the old primary rejoining).
    for (const b of bots) {
      const at = (msg: string) =>
        b.log
          .join('')
          .split('\n')
          .filter((l) => l.includes(msg))
          .map((l) => Date.parse((JSON.parse(l) as { time: string }).time));
      const [paused] = at('delivery paused');
      const [again] = at('delivery rounds work again');
      if (paused && again) console.log(`[failover] bot on ${b.port}: deliveries paused ${again - paused} ms`);
    }
    await sleep(3000); // more ticks and delivery rounds on both bots: nothing may come twice
    const missing: string[] = [];
    const twice: string[] = [];
    for (const t of titles) {
      for (const c of CHANNELS) {
        const k = countPosted(t, c);
        if (k === 0) missing.push(`${c} ${t}`);
        if (k > 1) twice.push(`${c} ${t} ×${k}`);
      }
    }
    const history = slack.callsTo('conversations.history').length;
    console.log(`[failover] ${posts().length} posts, ${history} history look-ups (recovery of unacknowledged posts); twice: ${twice.length}`);
    expect(missing).toEqual([]);
    expect(twice).toEqual([]);
    expect(posts()).toHaveLength(STORIES * CHANNELS.length);
    // Both bots are still up and each said once that the primary moved.
    for (const b of bots) {
      expect(b.child.exitCode).toBeNull();
      const switches = b.log
        .join('')
        .split('\n')
        .filter((l) => l.includes('primary switched'));
      expect(switches, `bot on ${b.port}`).toHaveLength(1);
      expect(switches[0]).toContain(after);
    }
  }, 90_000);

  it('each bot exits on SIGTERM (the sentinel subscriptions of the failover detector are closed too)', async () => {
    const exits = bots.map(
      (b) =>
        new Promise<string>((resolve) =>
          b.child.exitCode !== null ? resolve(`exited ${b.child.exitCode}`) : b.child.once('exit', (code, sig) => resolve(`exited ${code ?? sig}`)),
        ),
    );
    for (const b of bots) b.child.kill('SIGTERM');
    const outcome = await Promise.race([Promise.all(exits), sleep(15_000).then(() => ['still running after 15 s'])]);
    expect(outcome).toEqual(bots.map(() => 'exited 0'));
  }, 30_000);
});
