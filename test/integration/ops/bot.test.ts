// The running bot end to end: a local feed → pipeline → Slack (fake API) and the status page,
// /healthz, /metrics, digests with the chart, and a clean shutdown.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { readEnv } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { createApp, type App } from '../../../src/main.js';
import { runBot, type RunHandle } from '../../../src/run-bot.js';
import { sendDigests } from '../../../src/digest/scheduler.js';
import { silentLogger } from '../../../src/log.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { rss, tempConfig } from '../../support/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium (see .ci/run)`);
if (!haveChromium) console.warn('[talent-radar tests] /usr/bin/chromium not found: skipping the status page browser test');

const TITLE = 'Google DeepMind researcher Priya Raman joins Anthropic to lead interpretability';

async function waitFor<T>(fn: () => T | Promise<T>, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the running bot', () => {
  let feeds: FeedServer;
  let slack: FakeSlackApi;
  let app: App;
  let handle: RunHandle;
  let base: string;
  let opsBase: string;

  beforeAll(async () => {
    feeds = await startFeedServer();
    slack = await new FakeSlackApi().start();
    feeds.set('/wire.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss([
        {
          title: TITLE,
          description:
            'Priya Raman, a senior research scientist at Google DeepMind, has left to join Anthropic, where she will lead a new interpretability team, the company said.',
          link: 'https://wire.example/raman-anthropic',
          guid: 'r1',
          pubDate: new Date(Date.now() - 3600_000),
        },
      ]),
    });
    const cfg = tempConfig(`
sources:
  - name: wire
    url: ${feeds.url('/wire.xml')}
    backfill: 5
routes:
  - platform: slack
    channel: C0TALENT
    topics: [talent]
    digest: weekly
fetch:
  allowPrivateAddresses: true
schedule:
  tick: "0 0 1 1 *"
delivery:
  perChannelInterval: 10ms
`);
    const env = readEnv({
      TALENT_CONFIG: cfg.configPath,
      DATA_DIR: cfg.dataDir,
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.url,
    });
    app = await createApp({ env, config: loadConfig(env.configPath), log: silentLogger() });
    handle = await runBot(app, { port: 0, host: '127.0.0.1', opsPort: 0, signals: false });
    base = `http://127.0.0.1:${handle.port}`;
    opsBase = `http://127.0.0.1:${handle.opsPort}`;
  });

  afterAll(async () => {
    await handle?.shutdown('test over');
    await slack?.stop();
    await feeds?.close();
  });

  it('polls at start and posts the routed alert to Slack once', async () => {
    const posted = (await waitFor(() => slack.messages.find((m) => m.channel === 'C0TALENT'), 'the Slack post'))!;
    expect(JSON.stringify(posted.blocks)).toContain('Priya Raman');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports health and metrics', async () => {
    const h = await fetch(`${base}/healthz`);
    expect(h.status).toBe(200);
    const body = (await h.json()) as { ok: boolean; store: { backend: string; ok: boolean }; platforms: Record<string, string> };
    expect(body).toMatchObject({ ok: true, store: { backend: 'sqlite', ok: true } });
    expect(body.platforms.slack).toBe('configured');
    const m = await (await fetch(`${opsBase}/metrics`)).text();
    expect(m).toMatch(/talent_radar_polls_total\{outcome="ok"\} 1/);
    expect(m).toMatch(/talent_radar_deliveries_total\{platform="slack",status="ok"\} 1/);
    expect(m).toContain('talent_radar_fetch_duration_seconds_bucket');
    expect(m).toContain('talent_radar_outbox_depth');
    // One outbox gauge: the worker's snake_case states, no camelCase twin.
    expect(m).toMatch(/talent_radar_outbox_depth\{state="in_flight"\}/);
    expect(m).not.toContain('state="inFlight"');
  });

  it('keeps the status page and /metrics off the public port', async () => {
    for (const path of ['/', `/?q=${encodeURIComponent('researcher page:1000 limit:100')}`, '/metrics', '/status', '/index.html']) {
      const res = await fetch(`${base}${path}`);
      expect([401, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('talent-radar</title>');
    }
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${opsBase}/metrics`)).status).toBe(200);
  });

  it('caps paging on the status page search', async () => {
    const html = await (await fetch(`${opsBase}/?q=${encodeURIComponent('researcher page:1000 limit:100')}`)).text();
    expect(html).toContain('the status page takes 1 to');
    expect(html).toContain('0 match(es)');
    const ok = await (await fetch(`${opsBase}/?q=${encodeURIComponent('interpretability limit:5 page:1')}`)).text();
    expect(ok).toContain('1 match(es)');
  });

  it.skipIf(!haveChromium)('shows the alert on the status page, and its search finds it (screenshot kept)', async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      const page = await browser.newPage();
      await page.goto(`${opsBase}/`);
      await expect(page.title()).resolves.toBe('talent-radar');
      expect(await page.locator('.alert a').first().textContent()).toBe(TITLE);
      expect(await page.locator('td.ok').count()).toBe(1);
      await page.fill('input[name=q]', 'interpretability Anthropic');
      await Promise.all([page.waitForURL(/\?q=/), page.click('button[type=submit]')]);
      const results = page.locator('#results .alert a');
      expect(await results.count()).toBe(1);
      expect(await results.first().textContent()).toBe(TITLE);
      mkdirSync('test-artifacts', { recursive: true });
      await page.screenshot({ path: 'test-artifacts/status-page.png', fullPage: true });
    } finally {
      await browser?.close();
    }
  });

  it('escapes feed text on the status page', async () => {
    const html = await (await fetch(`${opsBase}/?q=${encodeURIComponent('<script>alert(1)</script>')}`)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('sends a weekly digest with the talent-flow chart once, even when asked twice', async () => {
    const now = new Date();
    expect(await sendDigests(app, 'weekly', now)).toBe(1);
    expect(await sendDigests(app, 'weekly', now)).toBe(0); // another replica, same period
    await app.drainOutbox();
    const digest = (await waitFor(() => slack.messages.find((m) => JSON.stringify(m.blocks ?? m.text).includes('digest')), 'the digest post'))!;
    expect(JSON.stringify(digest.blocks)).toContain('Google');
    await waitFor(() => slack.callsTo('files.completeUploadExternal').length === 1, 'the chart upload');
    const png = [...slack.uploads.values()][0];
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('answers 503 on /healthz and /readyz when the store is down, 200 on /livez', async () => {
    const other = await createApp({ env: app.env, config: app.config, log: silentLogger(), platforms: false });
    const h2 = await runBot(other, { port: 0, host: '127.0.0.1', opsPort: 0, signals: false });
    await other.store.close();
    const res = await fetch(`http://127.0.0.1:${h2.port}/healthz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { store: { ok: boolean } }).store.ok).toBe(false);
    expect((await fetch(`http://127.0.0.1:${h2.port}/readyz`)).status).toBe(503);
    expect((await fetch(`http://127.0.0.1:${h2.port}/livez`)).status).toBe(200);
    await h2.shutdown('test').catch(() => {});
  });
});
