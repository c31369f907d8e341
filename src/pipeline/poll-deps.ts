// The one way the bot (src/main.ts) and the bench's poll child build what a poll cycle needs
// from a config: poll settings, classifier and assessor, near-dup matcher, fetcher and parser.
// The caller brings the I/O it owns (store, fetch agent, logger, metrics) and the optional hooks.
import type { Agent } from 'undici';
import type { Config } from '../config/schema.js';
import type { Knowledge } from '../knowledge/index.js';
import type { LlmClient, LlmSettings } from '../llm/index.js';
import { createAssessor } from '../llm/index.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { fetchFeed } from '../sources/fetcher.js';
import { parseFeed } from '../sources/parse.js';
import type { Store } from '../store/store.js';
import { createClassifier } from './classify/index.js';
import { createMatcher } from './dedupe/index.js';
import type { PollDeps, PollSettings } from './poll.js';
import { cacheSubscriptions } from './subscriptions.js';

/** The poll settings a config gives, with the shared fetch agent (when there is one). */
export function pollSettings(config: Config, agent?: Agent): PollSettings {
  return {
    defaultIntervalMs: config.schedule.defaultInterval,
    maxAgeHours: config.schedule.maxAgeHours,
    maxBackoffMs: config.schedule.maxBackoff,
    failuresBeforeDisable: config.schedule.failuresBeforeDisable,
    retentionSec: Math.round(config.retention.dedupeDays * 86400),
    fetch: {
      timeoutMs: config.fetch.timeout,
      maxBytes: config.fetch.maxBytes,
      maxRedirects: config.fetch.maxRedirects,
      userAgent: config.fetch.userAgent,
      allowPrivateAddresses: config.fetch.allowPrivateAddresses,
      agent,
    },
  };
}

export interface PollDepsOptions {
  store: Store;
  knowledge: Knowledge;
  /** Replica id (leases name it). */
  owner: string;
  /** Root logger; the assessor logs as mod=llm, the poller as mod=poll. */
  log: Logger;
  metrics: Metrics;
  /** The shared keep-alive fetch agent; absent: a connection per fetch. */
  agent?: Agent;
  /** The optional model for borderline items (Env.llm); absent: rules only. */
  llm?: LlmClient | LlmSettings;
  /** Subscriptions made from chat; default: read from the store through a cache. */
  subscriptions?: PollDeps['subscriptions'];
  chat?: PollDeps['chat'];
  onSourceHealth?: PollDeps['onSourceHealth'];
  now?: () => Date;
}

export function buildPollDeps(config: Config, opts: PollDepsOptions): PollDeps {
  const { store, log } = opts;
  const classifier = createClassifier(opts.knowledge, { threshold: config.classify.threshold });
  const assessor = createAssessor({ classifier, llm: opts.llm, cache: store, log: log.child({ mod: 'llm' }), config: config.llm });
  return {
    store,
    assessor,
    matcher: createMatcher(),
    fetchFeed,
    parseFeed,
    routes: config.routes,
    subscriptions: opts.subscriptions ?? cacheSubscriptions(store).get,
    chat: opts.chat,
    onSourceHealth: opts.onSourceHealth,
    settings: pollSettings(config, opts.agent),
    owner: opts.owner,
    log: log.child({ mod: 'poll' }),
    metrics: opts.metrics,
    now: opts.now,
  };
}
