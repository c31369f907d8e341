// Discord, wired: REST client, poster, and commands over HTTP (DISCORD_PUBLIC_KEY set) or the gateway.
import type { REST } from '@discordjs/rest';
import type { CommandRequest, Reply } from '../../commands/types.js';
import type { Poster } from '../../delivery/poster.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import type { FirmKnowledge } from './autocomplete.js';
import { attachGateway, createGatewayClient, type GatewayClientLike } from './gateway.js';
import { mountInteractions } from './interactions.js';
import { DiscordPoster } from './poster.js';
import { createResponder } from './respond.js';
import { createRest, type RestOptions } from './rest.js';
import { createInteractionVerifier } from './verify.js';

export interface DiscordAppOptions {
  token: string;
  applicationId?: string;
  /** Set: commands over HTTP at /discord/interactions. Unset: through the gateway. */
  publicKey?: string;
  apiUrl: string;
  http: HttpServer;
  handleCommand: (req: CommandRequest) => Promise<Reply>;
  admins: string[];
  knowledge: FirmKnowledge;
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
  const poster = new DiscordPoster({ rest, log: o.log, metrics: o.metrics });
  const responder = createResponder({ rest, handleCommand: o.handleCommand, admins: o.admins, knowledge: o.knowledge, log: o.log, metrics: o.metrics, deferAfterMs: o.deferAfterMs });
  if (o.publicKey) {
    const verifier = createInteractionVerifier({ publicKeyHex: o.publicKey, now: o.now, toleranceSec: o.signatureToleranceSec });
    mountInteractions(o.http, { verifier, responder, log: o.log, metrics: o.metrics, applicationId: o.applicationId, seen: o.seen, toleranceSec: o.signatureToleranceSec, now: o.now });
  }
  let client: GatewayClientLike | undefined;
  return {
    poster,
    rest,
    async start() {
      if (o.publicKey || client) return;
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
