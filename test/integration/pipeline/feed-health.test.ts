// A feed URL that starts serving an empty body or an HTML page is failing, not quiet: it backs off
// and, once disabled, the admins' channel (notices.channel) is told once; alert channels are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { createApp, type App } from '../../../src/main.js';
import { silentLogger } from '../../../src/log.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { tempConfig } from '../../support/cli.js';

describe('feed health', () => {
  let feeds: FeedServer;
  let app: App;
  beforeAll(async () => {
    feeds = await startFeedServer();
    feeds.set('/empty.xml', { headers: { 'content-type': 'application/rss+xml' }, body: '' });
    feeds.set('/page.xml', {
      headers: { 'content-type': 'text/html' },
      body: '<!doctype html><html><head><title>We moved</title></head><body><p>Our new site</p></body></html>',
    });
    feeds.set('/quiet.xml', { headers: { 'content-type': 'application/rss+xml' }, body: '<rss version="2.0"><channel><title>Quiet</title></channel></rss>' });
    const cfg = tempConfig(`
sources:
  - name: empty
    url: ${feeds.url('/empty.xml')}
  - name: page
    url: ${feeds.url('/page.xml')}
  - name: quiet
    url: ${feeds.url('/quiet.xml')}
routes:
  - platform: console
    channel: alerts
  - platform: console
    channel: more-alerts
notices:
  channel: { platform: console, channel: admins }
fetch:
  allowPrivateAddresses: true
schedule:
  failuresBeforeDisable: 2
`);
    const env = readEnv({ TALENT_CONFIG: cfg.configPath, DATA_DIR: cfg.dataDir });
    app = await createApp({ env, config: loadConfig(env.configPath), log: silentLogger(), platforms: false });
  });
  afterAll(async () => {
    await app?.close();
    await feeds?.close();
  });

  it('backs off an empty body and a non-feed page, keeps a quiet feed healthy, and tells the admins once', async () => {
    await app.pollCycle(true);
    let states = new Map((await app.store.getSourceStates()).map((s) => [s.name, s]));
    expect(states.get('empty')).toMatchObject({ consecutiveFailures: 1, lastErrorCode: 'EMPTY' });
    expect(states.get('page')).toMatchObject({ consecutiveFailures: 1, lastErrorCode: 'NOT_A_FEED' });
    expect(states.get('quiet')).toMatchObject({ consecutiveFailures: 0 });
    expect(Date.parse(states.get('page')!.nextPollAt!)).toBeGreaterThan(Date.now());
    await app.pollCycle(true);
    await app.pollCycle(true);
    states = new Map((await app.store.getSourceStates()).map((s) => [s.name, s]));
    expect(states.get('empty')!.disabled).toBe(true);
    expect(states.get('page')!.disabled).toBe(true);
    expect(states.get('quiet')!.disabled).toBe(false);
    const notices = (await app.store.claimDeliveries('test', 100, 60_000)).filter((d) => d.kind === 'notice');
    expect(notices.map((d) => `${d.platform}:${d.channel}`).sort()).toEqual(['console:admins', 'console:admins']);
    expect(notices.map((d) => String(d.body)).join('\n')).toMatch(/Feed "page" was disabled/);
  });
});
