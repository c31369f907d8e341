// The whole app (createApp) as one replica: its HttpServer with the signed Slack and Discord
// endpoints, the fake Slack and Discord APIs, a feed server, and the store chosen by backend
// (SQLite in a temp DATA_DIR, or a private redis-server). Commands go in signed; alerts come out
// through the real pipeline, outbox and posters.
import type { ChildProcess } from 'node:child_process';
import { readEnv } from '../../../src/config/env.js';
import { loadConfig } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/log.js';
import { createApp, type App } from '../../../src/main.js';
import { computeSignature } from '../../../src/platforms/slack/verify.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { rss, tempConfig, type FeedItem } from '../../support/cli.js';
import { freePort, startRedisServer, stopChild } from '../redis/helpers.js';
import { APP_ID, makeSigner, postInteraction } from '../discord/helpers.js';
import type { Backend } from './harness.js';

export const SLACK_SECRET = 'bot-signing-secret';

const FIRST = ['Avery', 'Bruno', 'Chiara', 'Dara', 'Elif', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam'];
const LAST = ['Lindqvist', 'Costa', 'Okafor', 'Sahin', 'Haddad', 'Ito', 'Brandt', 'Moreau', 'Berg', 'Patel', 'Walsh', 'Rosen'];

/** A talent-move story the shipped classifier finds relevant; a different person for every n. */
export function moveStory(n: number, o: { from?: string; to?: string; who?: string; extra?: string; source?: string } = {}): FeedItem {
  const who = o.who ?? `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
  const from = o.from ?? 'OpenAI';
  const to = o.to ?? 'Meta';
  return {
    title: `${from} AI researcher ${who} leaves to join ${to}`,
    description: `${who}, a machine learning researcher at ${from}, has left the company to join ${to}, people familiar with the move said.${o.extra ? ` ${o.extra}` : ''}`,
    link: `https://${o.source ?? 'wire'}.example/story-${n}`,
    guid: `${o.source ?? 'wire'}-${n}`,
    pubDate: new Date(Date.now() - 60_000),
  };
}

export interface BotHarness {
  app: App;
  /** The environment the app was made from (for the CLI against the same store). */
  env: Record<string, string>;
  base: string;
  slackApi: FakeSlackApi;
  discordApi: FakeDiscordApi;
  feeds: FeedServer;
  /** Items served at /<source>.xml (newest first). */
  feed(source: string): FeedItem[];
  publish(source: string, ...items: FeedItem[]): void;
  /** One forced poll cycle, then the outbox drained. */
  tick(): Promise<void>;
  slash(text: string, user?: string, channel?: string): Promise<any>;
  /** A signed Slack interactivity payload (block_actions); resolves with the HTTP status. */
  slackAction(payload: unknown): Promise<number>;
  discord(payload: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export async function startBot(backend: Backend, yaml: string, sources: string[] = ['wire'], opts: { configTail?: string } = {}): Promise<BotHarness> {
  const slackApi = await new FakeSlackApi().start();
  const discordApi = await new FakeDiscordApi().start();
  const feeds = await startFeedServer();
  const items = new Map<string, FeedItem[]>(sources.map((s) => [s, []]));
  const serve = (s: string) => feeds.set(`/${s}.xml`, { headers: { 'content-type': 'application/rss+xml' }, body: rss(items.get(s)!, `${s} news`) });
  sources.forEach(serve);
  let redis: ChildProcess | undefined;
  let redisUrl: string | undefined;
  if (backend === 'redis') {
    const port = await freePort();
    redis = await startRedisServer(port);
    redisUrl = `redis://127.0.0.1:${port}`;
  }
  const srcYaml = sources.map((s) => `  - name: ${s}\n    url: ${feeds.url(`/${s}.xml`)}\n`).join('');
  const cfg = tempConfig(
    `sources:\n${srcYaml}${yaml}\nfetch:\n  allowPrivateAddresses: true\nschedule:\n  tick: "0 0 1 1 *"\ndelivery:\n  perChannelInterval: 1ms\n${opts.configTail ?? ''}`,
  );
  const signer = makeSigner();
  const rawEnv: Record<string, string> = {
    TALENT_CONFIG: cfg.configPath,
    DATA_DIR: cfg.dataDir,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    SLACK_BOT_TOKEN: slackApi.token,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: slackApi.url,
    DISCORD_TOKEN: discordApi.token,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_API_URL: discordApi.baseUrl,
  };
  const env = readEnv(rawEnv);
  const app = await createApp({ env, config: loadConfig(env.configPath), log: silentLogger() });
  await app.platformsStarted();
  const base = `http://127.0.0.1:${await app.http.listen(0, '127.0.0.1')}`;
  let seq = 0;

  const signedSlack = async (body: string, type: string) => {
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': type, 'x-slack-request-timestamp': ts, 'x-slack-signature': computeSignature(SLACK_SECRET, ts, body) },
      body,
    });
    await res.text();
    return res.status;
  };

  return {
    app,
    env: rawEnv,
    base,
    slackApi,
    discordApi,
    feeds,
    feed: (s) => items.get(s)!,
    publish(s, ...more) {
      items.get(s)!.unshift(...more);
      serve(s);
    },
    async tick() {
      await app.pollCycle(true);
      await app.drainOutbox();
    },
    async slash(text, user = 'U1', channel = 'C1') {
      const n = slackApi.responses.length + 1;
      const body = new URLSearchParams({
        token: 'legacy',
        team_id: 'T1',
        channel_id: channel,
        user_id: user,
        user_name: user,
        command: '/talent',
        text,
        response_url: slackApi.responseUrl(`c${++seq}`),
        trigger_id: '1.2.3',
      }).toString();
      const status = await signedSlack(body, 'application/x-www-form-urlencoded');
      if (status !== 200) throw new Error(`slack endpoint answered ${status}`);
      await slackApi.waitForResponses(n, 10_000);
      return slackApi.responses[n - 1]!.body;
    },
    slackAction: (payload) => signedSlack(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded'),
    async discord(payload) {
      const body = JSON.stringify(payload);
      const ts = String(Math.floor(Date.now() / 1000));
      return postInteraction(base, body, { 'x-signature-ed25519': signer.sign(ts, body), 'x-signature-timestamp': ts });
    },
    async close() {
      await app.close();
      await Promise.all([slackApi.stop(), discordApi.stop(), feeds.close()]);
      await stopChild(redis);
    },
  };
}
