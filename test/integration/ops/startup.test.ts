// Start-up failures end `run` with a non-zero code and one clear line (real bin); readiness is
// never green before the bot polls.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { consoleBot, rss } from '../../support/cli.js';
import { freePort } from '../redis/helpers.js';
import { makeSigner } from '../discord/helpers.js';
import { createApp } from '../../../src/main.js';
import { runBot } from '../../../src/run-bot.js';
import { readEnv } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/log.js';

const BIN = join(process.cwd(), 'dist/cli.js');

/** Runs the bin until it exits (or 30 s), recording /healthz answers meanwhile. */
async function runBin(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string; healthy: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'run'], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let healthy = 0;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Generous: on a loaded 2-core CI machine starting the bin alone can take many seconds.
  const timer = setTimeout(() => child.kill('SIGKILL'), 75_000);
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (r?.status === 200) healthy++;
    await new Promise((res) => setTimeout(res, 50));
  }
  clearTimeout(timer);
  return { code: await exited, stderr, healthy };
}

describe('start-up', { timeout: 90_000 }, () => {
  let feeds: FeedServer;
  let cfg: ReturnType<typeof consoleBot>;
  beforeAll(async () => {
    if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    feeds = await startFeedServer();
    feeds.set('/f.xml', { body: rss([{ title: 'Quiet day', description: 'Nothing.', link: 'https://x.example/1', guid: '1', pubDate: new Date() }]) });
    cfg = consoleBot(`  - name: f\n    url: ${feeds.url('/f.xml')}`);
  });
  afterAll(async () => {
    await feeds.close();
  });

  it('a wrong SLACK_BOT_TOKEN (invalid_auth) ends run with exit 1 and one line, never healthy', async () => {
    const slack = await new FakeSlackApi().start();
    try {
      const r = await runBin({
        TALENT_CONFIG: cfg.configPath,
        DATA_DIR: cfg.dataDir,
        SLACK_BOT_TOKEN: 'xoxb-wrong',
        SLACK_SIGNING_SECRET: 's',
        SLACK_API_URL: slack.url,
      });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^talent-radar run: .*invalid_auth/);
      expect(r.healthy).toBe(0);
    } finally {
      await slack.stop();
    }
  });

  it('a DISCORD_TOKEN Discord rejects ends run with exit 1', async () => {
    const discord = await new FakeDiscordApi().start();
    try {
      const r = await runBin({
        TALENT_CONFIG: cfg.configPath,
        DATA_DIR: cfg.dataDir,
        DISCORD_TOKEN: 'wrong',
        DISCORD_APPLICATION_ID: '775799577604522054',
        DISCORD_PUBLIC_KEY: makeSigner().publicKeyHex,
        DISCORD_API_URL: discord.baseUrl,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^talent-radar run: \[DISCORD_UNAUTHORIZED\] .*DISCORD_TOKEN/m);
      expect(r.healthy).toBe(0);
    } finally {
      await discord.stop();
    }
  });

  it('an unreachable Redis at start: a few tries, then exit 1 with one clear line', async () => {
    const r = await runBin({ TALENT_CONFIG: cfg.configPath, DATA_DIR: cfg.dataDir, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^talent-radar run: \[STORE_UNAVAILABLE\] .*cannot connect to redis/m);
  });

  it('a bad config ends run with exit 78', async () => {
    const bad = consoleBot(`  - name: f\n    url: not a url`);
    const r = await runBin({ TALENT_CONFIG: bad.configPath, DATA_DIR: bad.dataDir });
    expect(r.code).toBe(78);
  });

  it('is not ready before polling starts, and ready once it does', async () => {
    const env = readEnv({ TALENT_CONFIG: cfg.configPath, DATA_DIR: `${cfg.dataDir}-ready` });
    const app = await createApp({ env, config: loadConfig(env.configPath), log: silentLogger(), platforms: false });
    expect(await app.ready()).toMatchObject({ ok: false, store: true, polling: false });
    const handle = await runBot(app, { port: 0, host: '127.0.0.1', signals: false });
    try {
      expect(await app.ready()).toMatchObject({ ok: true, store: true, polling: true });
      const res = await fetch(`http://127.0.0.1:${handle.port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, polling: true });
    } finally {
      await handle.shutdown('test');
    }
  });
});
