// The real bin with Slack and Discord configured (local fakes) and Redis (a private redis-server):
// the public port serves only Slack, Discord and the probes; the status page and /metrics are on
// the ops port behind STATUS_TOKEN; with Redis stopped /livez stays 200 and /readyz turns 503.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, hasRedisServer, startRedisServer, stopChild } from '../redis/helpers.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { makeSigner, postInteraction } from '../discord/helpers.js';
import { computeSignature } from '../../../src/platforms/slack/verify.js';
import { tempConfig } from '../../support/cli.js';

const BIN = join(process.cwd(), 'dist/cli.js');
const TOKEN = 'ops-token-0123456789abcdef';

async function waitFor(fn: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await fn().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!hasRedisServer)('the public port of a running bot', () => {
  let slack: FakeSlackApi;
  let discord: FakeDiscordApi;
  let redis: ChildProcess | undefined;
  let bot: ChildProcess | undefined;
  let pub: string;
  let ops: string;
  const log: string[] = [];
  const signer = makeSigner();
  const status = async (url: string, init?: RequestInit) => (await fetch(url, init)).status;

  beforeAll(async () => {
    if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    slack = await new FakeSlackApi().start();
    discord = await new FakeDiscordApi().start();
    const redisPort = await freePort();
    redis = await startRedisServer(redisPort);
    const cfg = tempConfig(`
routes:
  - platform: slack
    channel: C0PUBLIC
schedule:
  tick: "0 0 1 1 *"
`);
    const port = await freePort();
    const opsPort = await freePort();
    pub = `http://127.0.0.1:${port}`;
    ops = `http://127.0.0.1:${opsPort}`;
    bot = spawn(process.execPath, [BIN, 'run'], {
      env: {
        PATH: process.env.PATH,
        TALENT_CONFIG: cfg.configPath,
        REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
        PORT: String(port),
        OPS_PORT: String(opsPort),
        STATUS_TOKEN: TOKEN,
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: 'public-port-secret',
        SLACK_API_URL: slack.url,
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: '775799577604522054',
        DISCORD_PUBLIC_KEY: signer.publicKeyHex,
        DISCORD_API_URL: discord.baseUrl,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
    bot.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    await waitFor(async () => (await status(`${pub}/readyz`)) === 200, `the bot to be ready\n${log.join('')}`);
  }, 60_000);

  afterAll(async () => {
    await stopChild(bot, 'SIGTERM');
    await stopChild(redis);
    await slack?.stop();
    await discord?.stop();
  });

  it('answers 404 or 401 for the status page, its search and /metrics', async () => {
    for (const path of ['/', `/?q=${encodeURIComponent('researcher page:1000 limit:100')}`, '/metrics', '/status', '/favicon.ico']) {
      expect([401, 404], path).toContain(await status(`${pub}${path}`));
    }
    expect(await status(`${pub}/livez`)).toBe(200);
    expect(await status(`${pub}/readyz`)).toBe(200);
    expect(await status(`${pub}/healthz`)).toBe(200);
  });

  it('serves Slack and Discord there', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const body = 'ssl_check=1&token=x';
    const res = await fetch(`${pub}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': computeSignature('public-port-secret', ts, body),
      },
      body,
    });
    expect(res.status).toBe(200);
    const ping = JSON.stringify({ type: 1, id: 'p1', application_id: '775799577604522054', token: 't' });
    expect(await postInteraction(pub, ping, { 'x-signature-ed25519': signer.sign(ts, ping), 'x-signature-timestamp': ts })).toEqual({
      status: 200,
      json: { type: 1 },
    });
  });

  it('serves the status page and /metrics on the ops port, with the bearer token only', async () => {
    expect(await status(`${ops}/metrics`)).toBe(401);
    expect(await status(`${ops}/`)).toBe(401);
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const metrics = await fetch(`${ops}/metrics`, auth);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('talent_radar_outbox_depth');
    const page = await fetch(`${ops}/?q=researcher`, auth);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>talent-radar</title>');
  });

  it('with Redis stopped: /livez stays 200, /readyz turns 503', async () => {
    await stopChild(redis);
    await waitFor(async () => (await status(`${pub}/readyz`)) === 503, '/readyz to report the outage');
    expect(await status(`${pub}/livez`)).toBe(200);
    expect(await status(`${pub}/healthz`)).toBe(503);
    expect(bot!.exitCode).toBeNull();
  }, 40_000);
});
