// The Slack side of the bot: a Bolt app receiving /talent over HTTP (our route, our verifier) or
// Socket Mode, and a SlackPoster for the delivery worker. main.ts builds it once.
import { App, SocketModeReceiver } from '@slack/bolt';
import type { CommandRequest, Reply } from '../../commands/types.js';
import type { FeedbackRequest } from '../../commands/feedback.js';
import type { Assessment } from '../../types.js';
import type { Poster } from '../../delivery/poster.js';
import type { HttpServer } from '../../http/server.js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import { createAdminCheck } from './admin.js';
import { createSlackClient, webClientOptions } from './client.js';
import { toPlatformError } from './errors.js';
import { registerListeners } from './listeners.js';
import { slackLogger } from './logger.js';
import { slackMetrics } from './metrics.js';
import { SlackPoster } from './poster.js';
import { RouteReceiver } from './receiver.js';
import { createSlackVerifier } from './verify.js';

export const EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl: string;
  http: HttpServer;
  handleCommand: (req: CommandRequest) => Promise<Reply>;
  handleFeedback?: (req: FeedbackRequest) => Promise<Reply>;
  /** The user group an alert pings in a channel (routes[].mention), if any. */
  mentionFor?: (channel: string, assessment: Assessment) => string | undefined;
  /** routes[].folds per channel: `thread` replies under the alert instead of editing it. */
  foldsFor?: (channel: string) => 'edit' | 'thread';
  admins: string[];
  log: Logger;
  metrics?: Metrics;
  /** Milliseconds since the epoch (signature window, admin cache). */
  now?: () => number;
  /** Shared replay check across replicas (see verify.ts); in-memory only when absent. */
  seen?: (signature: string) => Promise<boolean>;
  /** For Web API calls, response_url answers and uploads. */
  fetch?: typeof fetch;
  /** The slash command name; default: any (the app declares only /talent). */
  command?: string | RegExp;
}

export interface SlackApp {
  poster: Poster;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class SlackConfigError extends Error {
  readonly code = 'SLACK_CONFIG';
  constructor(message: string) {
    super(`slack: ${message}`);
    this.name = 'SlackConfigError';
  }
}

export async function createSlackApp(opts: SlackAppOptions): Promise<SlackApp> {
  const { log, botToken } = opts;
  if (!opts.appToken && !opts.signingSecret) {
    throw new SlackConfigError(
      'set SLACK_SIGNING_SECRET (Basic Information > App Credentials) to receive /talent over HTTP, or SLACK_APP_TOKEN for Socket Mode',
    );
  }
  const client = createSlackClient({ botToken, apiUrl: opts.apiUrl, log, fetch: opts.fetch });
  const poster = new SlackPoster({ client, log, fetch: opts.fetch, mentionFor: opts.mentionFor, foldsFor: opts.foldsFor });
  const clientOptions = webClientOptions({ apiUrl: opts.apiUrl, log, fetch: opts.fetch });
  const logger = slackLogger(log);
  const metrics = slackMetrics(opts.metrics);

  let identity: { botId?: string; botUserId?: string; teamId?: string } | undefined;
  const whoAmI = async () => {
    const r = await client.auth.test();
    identity = { botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id };
    return identity;
  };
  // Our own authorize: one auth.test (at start), no per-event calls; events still work if it failed.
  const authorize = async () => ({ botToken, ...(identity ?? (await whoAmI().catch(() => ({})))) });

  let receiver: SocketModeReceiver | RouteReceiver;
  if (opts.appToken) {
    receiver = new SocketModeReceiver({ appToken: opts.appToken, logger, installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } } });
  } else {
    const verify = createSlackVerifier({ signingSecret: opts.signingSecret!, now: opts.now, seen: opts.seen });
    const route = new RouteReceiver({ verify, log, metrics });
    opts.http.route('POST', EVENTS_PATH, route.handle);
    receiver = route;
  }
  const app = new App({ authorize, receiver, socketMode: !!opts.appToken, logger, clientOptions, convoStore: false });
  app.error(async (err) => void log.error({ err }, 'slack listener failed'));
  registerListeners(app, {
    command: opts.command ?? /^\/./,
    handleCommand: opts.handleCommand,
    handleFeedback: opts.handleFeedback,
    isAdmin: createAdminCheck({ client, admins: opts.admins, log, now: opts.now }),
    openDm: async (user) => {
      const r = await client.conversations.open({ users: user });
      if (!r.channel?.id) throw new Error('slack: conversations.open returned no channel');
      return r.channel.id;
    },
    log,
    metrics,
  });

  return {
    poster,
    async start() {
      try {
        const me = await whoAmI();
        log.info({ bot: me.botUserId, team: me.teamId, mode: opts.appToken ? 'socket' : 'http' }, 'slack connected');
      } catch (err) {
        const e = toPlatformError(err, 'auth.test');
        if (e.kind === 'permanent') throw new SlackConfigError(e.message);
        log.warn({ err: e }, 'slack auth.test failed; will retry on the first event');
      }
      if (opts.appToken) await app.start();
    },
    async stop() {
      if (opts.appToken) await app.stop();
    },
  };
}
