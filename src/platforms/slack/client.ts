// The one WebClient per process: our API base, no hidden retries (the outbox worker retries,
// honouring Retry-After), and a timeout so a hung connection becomes a transient failure.
import { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { slackLogger } from './logger.js';

export type WebClient = webApi.WebClient;

export interface SlackClientOptions {
  botToken: string;
  /** SLACK_API_URL, e.g. https://slack.com/api/ */
  apiUrl: string;
  log: Logger;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function normalizeApiUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function webClientOptions(opts: Omit<SlackClientOptions, 'botToken'>): webApi.WebClientOptions {
  return {
    slackApiUrl: normalizeApiUrl(opts.apiUrl),
    logger: slackLogger(opts.log),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: opts.timeoutMs ?? 15_000,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  };
}

export function createSlackClient(opts: SlackClientOptions): WebClient {
  return new webApi.WebClient(opts.botToken, webClientOptions(opts));
}
