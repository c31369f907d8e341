// The one place that wires everything: config → store → relevance → pipeline → delivery →
// platforms → HTTP server → scheduler. Everything else takes what it needs as parameters.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Env } from './config/env.js';
import { ConfigError, type LoadedConfig } from './config/load.js';
import { createLogger, type Logger } from './log.js';
import { Metrics } from './metrics.js';
import { openStoreRetrying } from './store/open.js';
import type { Knowledge } from './knowledge/index.js';
import { loadKnowledgeFor } from './knowledge/for-config.js';
import { createFetchAgent, fetchFeed } from './sources/fetcher.js';
import { sourceUrlProblem } from './sources/ssrf.js';
import { parseFeed } from './sources/parse.js';
import { createCommandHandler } from './commands/index.js';
import { createFeedbackHandler } from './commands/feedback.js';
import { refCacheKey } from './feedback/ref.js';
import { mentionLookup } from './pipeline/mention.js';
import { foldLookup } from './pipeline/folds.js';
import { createDeliveryWorker } from './delivery/worker.js';
import { ConsolePoster } from './delivery/console.js';
import { noticeSourceHealth, noticeTarget } from './delivery/notices.js';
import type { Poster } from './delivery/poster.js';
import { HttpServer } from './http/server.js';
import type { Platform } from './types.js';
import { cacheSubscriptions } from './pipeline/subscriptions.js';
import { probeFeed } from './sources/probe.js';
import { cacheChatRouting } from './pipeline/chat-routing.js';
import { toSourceConfig } from './commands/sources-add.js';
import { pollAll } from './pipeline/poll-all.js';
import { buildPollDeps } from './pipeline/poll-deps.js';
import type { App } from './app.js';

export type { App, Readiness } from './app.js';

export interface AppOptions {
  env: Env;
  config: LoadedConfig;
  log?: Logger;
  /** Where the console poster prints alerts. */
  consoleOut?: NodeJS.WritableStream;
  /** Replica id, unique per process. */
  owner?: string;
  now?: () => Date;
  /** False for one-shot commands that never talk to Slack or Discord (search, sources, doctor). */
  platforms?: boolean;
  /** Tries to open the store (with backoff) before giving up; default 1. `run` waits a little for a store that is starting. */
  storeAttempts?: number;
}

/** Checks config facts that need the firm list: route firms must be canonical (or aliases). */
function checkRoutes(config: LoadedConfig, knowledge: Knowledge): void {
  const problems: string[] = [];
  config.routes.forEach((r, i) =>
    (r.firms ?? []).forEach((f, j) => {
      const canon = knowledge.canonicalFirm(f);
      if (!canon) {
        const dym = knowledge.suggestFirms(f, 3);
        problems.push(
          `routes[${i}].firms[${j}]: unknown firm "${f}"${dym.length ? `; did you mean ${dym.join(', ')}?` : ''} (see talent-radar's config/firms.yml)`,
        );
      } else r.firms![j] = canon;
    }),
  );
  config.routes.forEach((r, i) =>
    (r.mention?.when.firms ?? []).forEach((f, j) => {
      const canon = knowledge.canonicalFirm(f);
      if (!canon) problems.push(`routes[${i}].mention.when.firms[${j}]: unknown firm "${f}" (use a name from config/firms.yml)`);
      else r.mention!.when.firms![j] = canon;
    }),
  );
  config.sources.forEach((s, i) =>
    s.firms.forEach((f, j) => {
      const canon = knowledge.canonicalFirm(f);
      if (!canon) problems.push(`sources[${i}].firms[${j}]: unknown firm "${f}" (use a name from config/firms.yml)`);
      else s.firms[j] = canon;
    }),
  );
  // The SSRF guard on every feed URL the config gives, before the first poll (the fetcher checks again at connect).
  config.sources.forEach((s, i) => {
    const why = sourceUrlProblem(s.url, config.fetch.allowPrivateAddresses, { allowCredentials: true });
    if (why) problems.push(`sources[${i}].url: ${why}`);
  });
  if (problems.length) throw new ConfigError(config.file, problems);
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { env, config } = opts;
  const log = opts.log ?? createLogger(env.logLevel);
  const metrics = new Metrics({ defaultMetrics: true });
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const knowledge = loadKnowledgeFor(config);
  checkRoutes(config, knowledge);
  const store = await openStoreRetrying({ redisUrl: env.redisUrl, redis: env.redis, dataDir: env.dataDir, log }, opts.storeAttempts ?? 1);

  const subsCache = cacheSubscriptions(store);
  const subscriptions = subsCache.get;
  const chatRouting = cacheChatRouting(store);

  // One keep-alive agent for every poll (and every feed added from chat); the SSRF guard runs on each connect.
  const fetchAgent = createFetchAgent({ allowPrivateAddresses: config.fetch.allowPrivateAddresses, timeoutMs: config.fetch.timeout });
  const pollDeps = buildPollDeps(config, {
    store,
    knowledge,
    owner,
    log,
    metrics,
    agent: fetchAgent,
    llm: env.llm,
    subscriptions,
    chat: chatRouting.get,
    onSourceHealth: async (source, event, error) => {
      await noticeSourceHealth({ store, target: noticeTarget(config), source, event, error });
    },
    now: opts.now,
  });
  const settings = pollDeps.settings;
  const commandDeps = {
    store,
    config,
    knowledge,
    admins: config.admins,
    metrics,
    log: log.child({ mod: 'commands' }),
    onSubscriptionsChanged: subsCache.invalidate,
    onChatRoutingChanged: chatRouting.invalidate,
    probeFeed: (url: string) => probeFeed(url, { fetchFeed, parseFeed, fetch: settings.fetch }),
  };
  const handleCommand = createCommandHandler(commandDeps);
  const handleFeedback = createFeedbackHandler(commandDeps);
  const http = new HttpServer(log.child({ mod: 'http' }));
  const posters: Partial<Record<Platform, Poster>> = {};
  if (config.routes.some((r) => r.platform === 'console')) posters.console = new ConsolePoster({ out: opts.consoleOut ?? process.stdout });
  const mentionFor = mentionLookup(config.routes);
  const foldsFor = foldLookup(config.routes);
  const starters: Array<() => Promise<void>> = [];
  const stoppers: Array<() => Promise<void>> = [];
  if (env.slack && opts.platforms !== false) {
    const { createSlackApp } = await import('./platforms/slack/app.js');
    const slack = await createSlackApp({
      ...env.slack,
      http,
      handleCommand,
      handleFeedback,
      mentionFor: (channel: string, a: Parameters<typeof mentionFor>[2]) => mentionFor('slack', channel, a),
      foldsFor: (channel: string) => foldsFor('slack', channel),
      admins: config.admins.slack,
      log: log.child({ mod: 'slack' }),
      metrics,
      // Replay guard shared by every replica: a signature is accepted once within the window.
      seen: async (signature) => !(await store.claimOnce(`slack:sig:${signature}`, 660)),
    });
    posters.slack = slack.poster;
    starters.push(() => slack.start());
    stoppers.push(() => slack.stop());
  }
  if (env.discord && opts.platforms !== false) {
    const { createDiscordApp } = await import('./platforms/discord/app.js');
    const discord = await createDiscordApp({
      ...env.discord,
      http,
      handleCommand,
      handleFeedback,
      rememberRef: (hash: string, id: string) => store.cacheSet(refCacheKey(hash), id, Math.round(config.retention.alertDays * 86400)),
      mentionFor: (channel: string, a: Parameters<typeof mentionFor>[2]) => mentionFor('discord', channel, a),
      foldsFor: (channel: string) => foldsFor('discord', channel),
      admins: config.admins.discord,
      knowledge,
      log: log.child({ mod: 'discord' }),
      metrics,
      // The same replay guard as Slack's, shared by every replica through the store.
      seen: async (signature) => !(await store.claimOnce(`discord:sig:${signature}`, 660)),
    });
    posters.discord = discord.poster;
    starters.push(() => discord.start());
    stoppers.push(() => discord.stop());
  }

  const worker = createDeliveryWorker({
    store,
    posters,
    log: log.child({ mod: 'delivery' }),
    metrics,
    consumer: owner,
    maxAttempts: config.delivery.maxAttempts,
    perChannelIntervalMs: config.delivery.perChannelInterval,
    leaseMs: config.delivery.lease,
    concurrency: config.delivery.concurrency,
    now: opts.now,
  });

  let polling = false;
  const app: App = {
    config,
    env,
    log,
    metrics,
    store,
    knowledge,
    http,
    posters,
    handleCommand,
    pollDeps,
    worker,
    // Config sources plus those added from chat, read each cycle so every replica polls a new one from its next tick.
    pollCycle: async (force) => {
      const chat = await store.listChatSources().catch(() => []);
      const sources = [...config.sources, ...chat.filter((c) => !config.sources.some((s) => s.name === c.name)).map(toSourceConfig)];
      return pollAll(sources, pollDeps, { force, concurrency: config.fetch.concurrency, perHost: config.fetch.perHostConcurrency });
    },
    async drainOutbox(maxRounds = 50) {
      let total = 0;
      for (let i = 0; i < maxRounds; i++) {
        const r = await worker.runOnce();
        total += r.delivered;
        if (r.delivered + r.retried + r.dead === 0) break;
      }
      return total;
    },
    markPolling: () => void (polling = true),
    async ready(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`the store did not answer within ${timeoutMs} ms`)), timeoutMs)),
      );
      try {
        await Promise.race([store.ping(), late]);
        return { ok: polling, store: true, polling, ...(polling ? {} : { error: 'not polling yet' }) };
      } catch (err) {
        return { ok: false, store: false, polling, error: (err as Error).message };
      } finally {
        clearTimeout(timer);
      }
    },
    platformsStarted: async () => {
      for (const s of starters) await s();
    },
    async close() {
      for (const s of stoppers) await s().catch((err) => log.warn({ err }, 'platform stop failed'));
      await http.close();
      await fetchAgent.close().catch(() => {});
      await store.close();
    },
  };
  return app;
}
