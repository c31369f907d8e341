// Discord, wired: REST client, poster, and commands over HTTP (DISCORD_PUBLIC_KEY set) or the gateway.
import type { REST } from '@discordjs/rest';
import type { CommandRequest, Reply } from '../../commands/types.js';
import type { FeedbackRequest } from '../../commands/feedback.js';
import type { Assessment } from '../../types.js';
import type { Poster } from '../../delivery/poster.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import type { AutocompleteKnowledge } from './autocomplete.js';
import { attachGateway, createGatewayClient, type GatewayClientLike } from './gateway.js';
import { mountInteractions } from './interactions.js';
import { DiscordPoster } from './poster.js';
import { createResponder } from './respond.js';
import { createRest, toPlatformError, type RestOptions } from './rest.js';
import { createInteractionVerifier } from './verify.js';

export interface DiscordAppOptions {
  token: string;
  applicationId?: string;
  /** Set: commands over HTTP at /discord/interactions. Unset: through the gateway. */
  publicKey?: string;
  apiUrl: string;
  http: HttpServer;
  handleCommand: (req: CommandRequest) => Promise<Reply>;
  handleFeedback?: (req: FeedbackRequest) => Promise<Reply>;
  /** Remembers long alert ids behind feedback buttons (the store's cache). */
  rememberRef?: (hash: string, alertId: string) => Promise<void>;
  /** The role an alert pings in a channel (routes[].mention), if any. */
  mentionFor?: (channel: string, assessment: Assessment) => string | undefined;
  /** routes[].folds per channel: `thread` replies under the alert instead of editing it. */
  foldsFor?: (channel: string) => 'edit' | 'thread';
  admins: string[];
  knowledge: AutocompleteKnowledge;
  log: Logger;
  metrics?: Metrics;
  now?: () => Date;
  /** Tuning and test seams. */
  rest?: REST;
  restOptions?: Omit<RestOptions, 'token' | 'apiUrl'>;
  deferAfterMs?: number;
  signatureToleranceSec?: number;
  /** Shared replay check (through the store), as for Slack: true when the signature was seen before. */
  seen?: (signature: string) => Promise<boolean>;
  gatewayClient?: (apiUrl: string) => Promise<GatewayClientLike>;
}

export interface DiscordApp {
  poster: Poster;
  rest: REST;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when pending interaction follow-ups are done (tests, shutdown). */
  idle(): Promise<void>;
}

export async function createDiscordApp(o: DiscordAppOptions): Promise<DiscordApp> {
  const rest = o.rest ?? createRest({ token: o.token, apiUrl: o.apiUrl, ...o.restOptions });
  const poster = new DiscordPoster({ rest, log: o.log, metrics: o.metrics, rememberRef: o.rememberRef, mentionFor: o.mentionFor, foldsFor: o.foldsFor });
  const responder = createResponder({
    rest,
    handleCommand: o.handleCommand,
    handleFeedback: o.handleFeedback,
    admins: o.admins,
    knowledge: o.knowledge,
    log: o.log,
    metrics: o.metrics,
    deferAfterMs: o.deferAfterMs,
  });
  if (o.publicKey) {
    const verifier = createInteractionVerifier({ publicKeyHex: o.publicKey, now: o.now, toleranceSec: o.signatureToleranceSec });
    mountInteractions(o.http, {
      verifier,
      responder,
      log: o.log,
      metrics: o.metrics,
      applicationId: o.applicationId,
      seen: o.seen,
      toleranceSec: o.signatureToleranceSec,
      now: o.now,
    });
  }
  let client: GatewayClientLike | undefined;
  return {
    poster,
    rest,
    async start() {
      if (o.publicKey) return checkToken(rest, o.log);
      if (client) return;
      client = await (o.gatewayClient ?? createGatewayClient)(o.apiUrl);
      attachGateway(client, { rest, responder, log: o.log });
      await client.login(o.token);
      o.log.info('discord: commands through the gateway (set DISCORD_PUBLIC_KEY to receive them over HTTP instead)');
    },
    async stop() {
      await responder.idle();
      await client?.destroy();
      client = undefined;
    },
    idle: () => responder.idle(),
  };
}

/**
 * Over HTTP nothing else would use the token before the first alert: ask who we are at start, so
 * a rejected DISCORD_TOKEN stops the bot at once (other failures only warn; posting retries).
 */
async function checkToken(rest: REST, log: Logger): Promise<void> {
  try {
    await rest.get('/users/@me');
  } catch (err) {
    const e = toPlatformError(err, 'GET /users/@me');
    if (e.code === 'DISCORD_UNAUTHORIZED') throw e;
    log.warn({ err: e.message }, 'discord: could not check the token at start; posting will retry');
  }
}
