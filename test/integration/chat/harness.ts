// One app for the chat tests: the real /talent handler on a real store (SQLite or Redis), behind the
// real signed Slack and Discord endpoints on one HttpServer, against the local fake Slack and Discord
// APIs, with a feed server reached as a "public" host (feeds.example → 127.0.0.1, explicitly allowed).
import type { LookupFunction } from 'node:net';
import { describe } from 'vitest';
import { createCommandHandler, type FirmKnowledge } from '../../../src/commands/index.js';
import type { CommandDeps } from '../../../src/commands/deps.js';
import { configSchema, type Config } from '../../../src/config/schema.js';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { Metrics } from '../../../src/metrics.js';
import { createDiscordApp, type DiscordApp } from '../../../src/platforms/discord/app.js';
import { createSlackApp, type SlackApp } from '../../../src/platforms/slack/app.js';
import { computeSignature } from '../../../src/platforms/slack/verify.js';
import { fetchFeed, type FetchOptions } from '../../../src/sources/fetcher.js';
import { parseFeed } from '../../../src/sources/parse.js';
import { probeFeed } from '../../../src/sources/probe.js';
import { RedisStore } from '../../../src/store/redis/index.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import type { Store } from '../../../src/store/store.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { deletePrefix } from '../redis/helpers.js';
import { redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../../support/redis.js';
import { APP_ID, CHANNEL, commandPayload, makeSigner, postInteraction } from '../discord/helpers.js';

export const SECRET = 'chat-signing-secret';
export const NOW_SEC = 1_800_000_000;
export const SLACK_CHANNEL = 'C1';
export const DISCORD_CHANNEL = CHANNEL;
export const MANAGE_GUILD = String(1 << 5);

const FIRMS: Record<string, string> = {
  openai: 'OpenAI',
  deepseek: 'DeepSeek',
  'moonshot ai': 'Moonshot AI',
  kimi: 'Moonshot AI',
  月之暗面: 'Moonshot AI',
  meta: 'Meta',
};
export const knowledge: FirmKnowledge = {
  canonicalFirm: (n) => FIRMS[n.trim().toLowerCase()],
  suggestFirms: (t) => [...new Set(Object.values(FIRMS))].filter((f) => f.toLowerCase().startsWith(t.slice(0, 2).toLowerCase())),
  firmNames: () => [...new Set(Object.values(FIRMS))],
};

/** fixed names → addresses, everything else unknown. */
export function fakeDns(map: Record<string, string>): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    const address = map[hostname];
    if (!address) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    options.all ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4);
  }) as unknown as LookupFunction;
}

export const PUBLIC_FETCH: FetchOptions = {
  timeoutMs: 3000,
  allowAddresses: ['127.0.0.1'],
  lookup: fakeDns({ 'feeds.example': '127.0.0.1', 'intranet.example': '10.0.0.7' }),
};

export type Backend = 'sqlite' | 'redis';
export const BACKENDS: Backend[] = redisAvailable ? ['sqlite', 'redis'] : ['sqlite'];

export async function openStore(backend: Backend, prefix?: string): Promise<Store> {
  if (backend === 'sqlite') return SqliteStore.open({ file: ':memory:', log: silentLogger() });
  return RedisStore.connect({ url: TEST_REDIS_URL, prefix: prefix ?? uniquePrefix('chat') });
}

export async function dropStore(store: Store): Promise<void> {
  const prefix = store.kind === 'redis' ? (store as RedisStore).keys.prefix : undefined;
  await store.close();
  if (prefix) await deletePrefix(TEST_REDIS_URL, prefix);
}

export interface ChatHarness {
  store: Store;
  slackApi: FakeSlackApi;
  discordApi: FakeDiscordApi;
  feeds: FeedServer;
  http: HttpServer;
  slack: SlackApp;
  discord: DiscordApp;
  base: string;
  config: Config;
  /** A signed `/talent <text>` from Slack; resolves with the response_url answer. */
  slash(text: string, user?: string, channel?: string): Promise<any>;
  /** A signed Discord interaction; resolves with the message shown (direct or deferred follow-up). */
  interact(payload: unknown): Promise<{ type: number; data: any }>;
  command(
    sub: string,
    options?: Array<{ name: string; value: string; type?: number }>,
    extra?: { permissions?: string; userId?: string },
  ): Promise<{ type: number; data: any }>;
  feedUrl(path: string): string;
  close(): Promise<void>;
}

export async function startChat(
  backend: Backend,
  o: { config?: Partial<Record<string, unknown>>; deps?: Partial<CommandDeps>; store?: Store } = {},
): Promise<ChatHarness> {
  const store = o.store ?? (await openStore(backend));
  const config = configSchema.parse({ sources: [{ name: 'wire', url: 'https://wire.example/rss' }], ...(o.config ?? {}) });
  const slackApi = await new FakeSlackApi().start();
  const discordApi = await new FakeDiscordApi().start();
  const feeds = await startFeedServer();
  const http = new HttpServer(silentLogger());
  const handleCommand = createCommandHandler({
    store,
    config,
    knowledge,
    admins: { slack: [], discord: [] },
    log: silentLogger(),
    probeFeed: (url) => probeFeed(url, { fetchFeed, parseFeed, fetch: PUBLIC_FETCH }),
    ...o.deps,
  });
  const metrics = new Metrics();
  const slack = await createSlackApp({
    botToken: slackApi.token,
    signingSecret: SECRET,
    apiUrl: slackApi.url,
    http,
    handleCommand,
    admins: [],
    log: silentLogger(),
    metrics,
    now: () => NOW_SEC * 1000,
  });
  await slack.start();
  const signer = makeSigner();
  const discord = await createDiscordApp({
    token: discordApi.token,
    applicationId: APP_ID,
    publicKey: signer.publicKeyHex,
    apiUrl: discordApi.baseUrl,
    http,
    handleCommand,
    admins: [],
    knowledge,
    log: silentLogger(),
    metrics,
    deferAfterMs: 1500,
  });
  const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  let seq = 0;

  const interact = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const ts = String(Math.floor(Date.now() / 1000));
    const before = discordApi.requests.length;
    const r = await postInteraction(base, body, { 'x-signature-ed25519': signer.sign(ts, body), 'x-signature-timestamp': ts });
    if (r.status !== 200) return { type: -r.status, data: r.json };
    if (r.json.type === 5 || r.json.type === 6) {
      await discord.idle();
      const after = discordApi.requests.slice(before).filter((q) => q.path.startsWith('/webhooks/') && (q.method === 'PATCH' || q.method === 'POST'));
      return { type: r.json.type, data: after.at(-1)?.body };
    }
    return r.json;
  };

  return {
    store,
    slackApi,
    discordApi,
    feeds,
    http,
    slack,
    discord,
    base,
    config,
    async slash(text, user = 'U1', channel = SLACK_CHANNEL) {
      const n = slackApi.responses.length + 1;
      const body = new URLSearchParams({
        token: 'legacy',
        team_id: 'T1',
        channel_id: channel,
        user_id: user,
        user_name: user,
        command: '/talent',
        text,
        response_url: slackApi.responseUrl(`cmd${++seq}`),
        trigger_id: '1.2.3',
      }).toString();
      const ts = String(NOW_SEC - 100 + seq);
      const res = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': ts,
          'x-slack-signature': computeSignature(SECRET, ts, body),
        },
        body,
      });
      if (res.status !== 200) throw new Error(`slack endpoint answered ${res.status}`);
      await slackApi.waitForResponses(n, 10_000);
      return slackApi.responses[n - 1]!.body;
    },
    interact,
    command: (sub, options = [], extra = {}) => interact(commandPayload(sub, options, extra)),
    feedUrl: (path) => `http://feeds.example:${feeds.port}${path}`,
    async close() {
      await discord.stop();
      await slack.stop();
      await http.close();
      await Promise.all([slackApi.stop(), discordApi.stop(), feeds.close()]);
      if (!o.store) await dropStore(store);
    },
  };
}

/** Runs the suite once per backend (Redis skipped with a message when it is not there). */
export function eachBackend(name: string, fn: (backend: Backend) => void): void {
  for (const b of BACKENDS) describe(`${name} (${b})`, () => fn(b));
}

/** Every visible string of a Slack or Discord message, for assertions on what people read. */
export function textOf(msg: unknown): string {
  return JSON.stringify(msg ?? '');
}
