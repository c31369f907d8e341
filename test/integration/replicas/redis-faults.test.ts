// One bot (the real bin) on Redis with AOF on, a burst of alerts to the fake Slack API, and
// Redis shut down and restarted, or frozen (SIGSTOP), in the middle of the burst: every alert is
// delivered exactly once, without restarting the bot (its own interrupted claims are retaken).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeRedis } from '../../support/redis.js';
import { RedisStore } from '../../../src/store/redis/index.js';
import { freePort, startRedisServer, stopChild } from '../redis/helpers.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { rss, tempConfig, type FeedItem } from '../../support/cli.js';
import { MOVES, personNamer, sleep, waitFor } from '../../support/burst.js';

const BIN = join(process.cwd(), 'dist/cli.js');
const SOURCES = ['f0', 'f1', 'f2'];
const PER_SOURCE = 20;
const person = personNamer();

describeRedis('one bot, Redis faults mid-burst (AOF on)', () => {
  let feeds: FeedServer;
  let slack: FakeSlackApi;
  let redis: ChildProcess | undefined;
  let bot: { child: ChildProcess; port: number; log: string[] } | undefined;
  let aof: string[];
  let redisPort: number;
  let n = 0;
  const published = new Map<string, FeedItem[]>();

  beforeAll(() => {
    if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  });

  afterEach(async () => {
    redis?.kill('SIGCONT');
    if (bot) {
      await stopChild(bot.child, 'SIGTERM');
      mkdirSync('test-artifacts', { recursive: true });
      writeFileSync(`test-artifacts/redis-faults-${n}.log`, bot.log.join(''));
    }
    await stopChild(redis);
    await slack?.stop();
    await feeds?.close();
  });

  function publish(perSource: number): string[] {
    const titles: string[] = [];
    for (const s of SOURCES) {
      const list = published.get(s) ?? [];
      for (let i = 0; i < perSource; i++, n++) {
        const who = person(n);
        const [from, to] = MOVES[n % MOVES.length];
        const title = `${from} AI researcher ${who} leaves to join ${to}`;
        list.unshift({
          title,
          description: `${who}, a machine learning researcher at ${from}, has left the company to join ${to}, people familiar with the move said.`,
          link: `https://${s}.example/story-${n}`,
          guid: `${s}-${n}`,
          pubDate: new Date(),
        });
        titles.push(title);
      }
      published.set(s, list);
      feeds.set(`/${s}.xml`, { headers: { 'content-type': 'application/rss+xml' }, body: rss(list) });
    }
    return titles;
  }

  /** Redis with AOF, a bot that has recorded every source's backlog, then a burst; `fault` runs once some of it is posted. */
  async function burstThrough(fault: () => Promise<void>): Promise<void> {
    n = 0;
    published.clear();
    feeds = await startFeedServer();
    slack = await new FakeSlackApi().start();
    redisPort = await freePort();
    aof = ['--appendonly', 'yes', '--dir', mkdtempSync(join(tmpdir(), 'tr-aof-'))];
    redis = await startRedisServer(redisPort, aof);
    publish(1);
    const cfg = tempConfig(`
sources:
${SOURCES.map((s) => `  - name: ${s}\n    url: ${feeds.url(`/${s}.xml`)}\n    interval: 2s`).join('\n')}
routes:
  - platform: slack
    channel: C0BURST
fetch:
  allowPrivateAddresses: true
  timeout: 2s
schedule:
  tick: "* * * * * *"
delivery:
  perChannelInterval: 120ms
  lease: 3s
`);
    const port = await freePort();
    const env = {
      ...process.env,
      TALENT_CONFIG: cfg.configPath,
      REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: slack.url,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      PORT: String(port),
    };
    const log: string[] = [];
    const child = spawn(process.execPath, [BIN, 'run'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    bot = { child, port, log };
    const probe = await RedisStore.connect({ url: env.REDIS_URL });
    await waitFor(async () => (await probe.getSourceStates()).filter((s) => s.initialized).length === SOURCES.length, 'the first poll of every source', 60_000);
    await probe.close();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);

    const titles = publish(PER_SOURCE);
    const posted = () => slack.callsTo('chat.postMessage').map((c) => String(c.body.text ?? ''));
    await waitFor(() => posted().length >= 10, 'the burst under way', 60_000);
    expect(posted().length).toBeLessThan(titles.length); // mid-burst
    await fault();
    await waitFor(() => titles.every((t) => posted().some((p) => p.includes(t))), 'every alert posted', 90_000);
    await sleep(4000); // more rounds and ticks: nothing may be posted twice
    for (const t of titles) expect(posted().filter((p) => p.includes(t)).length, t).toBe(1);
    expect(posted()).toHaveLength(titles.length);
    expect(child.exitCode).toBeNull(); // never restarted
    expect(log.join('')).not.toMatch(/STORE_WIPED/); // AOF kept the data
  }

  it('Redis shut down and restarted mid-burst: every alert exactly once', async () => {
    await burstThrough(async () => {
      spawnSync('redis-cli', ['-p', String(redisPort), 'shutdown']);
      await waitFor(() => redis!.exitCode !== null || redis!.signalCode !== null, 'redis to stop', 10_000);
      await sleep(5000);
      redis = await startRedisServer(redisPort, aof);
    });
  }, 150_000);

  it('Redis frozen (SIGSTOP) mid-burst: every alert exactly once', async () => {
    await burstThrough(async () => {
      redis!.kill('SIGSTOP');
      await sleep(8000); // longer than the 5 s command timeout and the 3 s delivery lease
      redis!.kill('SIGCONT');
    });
  }, 150_000);
});
