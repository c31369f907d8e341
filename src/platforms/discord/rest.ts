// One @discordjs/rest client per process, configured so its queue waits out short per-route and global
// rate limits itself but hands long ones back to the outbox (which reschedules instead of blocking a worker).
import { DiscordAPIError, HTTPError, REST, RateLimitError } from '@discordjs/rest';
import { PlatformError } from '../../delivery/poster.js';

export interface RestOptions {
  token: string;
  /** Base without version, e.g. https://discord.com/api (DISCORD_API_URL). */
  apiUrl: string;
  /** Rate limits longer than this are surfaced as PlatformError('rate_limited'); shorter ones are waited out. Default 5 s. */
  maxRateLimitWaitMs?: number;
  /** Immediate retries of 5xx and timeouts inside the REST client. Default 1 (the outbox retries with backoff). */
  retries?: number;
  /** Request timeout. Default 15 s. */
  timeoutMs?: number;
  /** Discord's global limit is 50 requests per second per bot. */
  globalRequestsPerSecond?: number;
}

export function createRest(opts: RestOptions): REST {
  const maxWait = opts.maxRateLimitWaitMs ?? 5_000;
  return new REST({
    api: opts.apiUrl.replace(/\/+$/, ''),
    version: '10',
    retries: opts.retries ?? 1,
    timeout: opts.timeoutMs ?? 15_000,
    globalRequestsPerSecond: opts.globalRequestsPerSecond ?? 50,
    offset: 50,
    rejectOnRateLimit: (d) => Math.max(d.retryAfter, d.timeToReset, d.sublimitTimeout) > maxWait,
  }).setToken(opts.token);
}

const PERMANENT_CODES: Record<number, string> = {
  10003: 'Unknown Channel: check the channel id in your routes (right-click the channel → Copy Channel ID)',
  10004: 'Unknown Guild: the bot is not in that server; invite it with the URL in docs/discord.md',
  10008: 'Unknown Message: the message was deleted',
  50001: 'Missing Access: give the bot View Channel and Send Messages in that channel',
  50013: 'Missing Permissions: give the bot Send Messages, Embed Links, Attach Files and Read Message History there',
  50035: 'Invalid Form Body: the message was rejected as malformed (please report this as a bug)',
};

/** Maps anything @discordjs/rest throws onto PlatformError with a kind the outbox acts on. */
export function toPlatformError(err: unknown, what: string): PlatformError {
  if (err instanceof PlatformError) return err;
  if (err instanceof RateLimitError) {
    const wait = Math.max(err.retryAfter, err.timeToReset, err.sublimitTimeout, 1);
    return new PlatformError('discord', 'rate_limited', `${what}: rate limited${err.global ? ' (global)' : ''} for ${wait} ms on ${err.route}`, wait, {
      cause: err,
      code: err.global ? 'DISCORD_GLOBAL_RATE_LIMITED' : 'DISCORD_RATE_LIMITED',
    });
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : 0;
    if (err.status === 401)
      return new PlatformError(
        'discord',
        'permanent',
        `${what}: 401 Unauthorized: DISCORD_TOKEN is wrong or was reset; copy the bot token again (Developer Portal → Bot)`,
        undefined,
        { cause: err, code: 'DISCORD_UNAUTHORIZED' },
      );
    if (err.status === 429) return new PlatformError('discord', 'rate_limited', `${what}: rate limited`, 1_000, { cause: err, code: 'DISCORD_RATE_LIMITED' });
    if (err.status === 408) return new PlatformError('discord', 'transient', `${what}: request timeout`, undefined, { cause: err, code: 'DISCORD_TRANSIENT' });
    const remedy = PERMANENT_CODES[code] ?? err.message;
    return new PlatformError('discord', 'permanent', `${what}: ${err.status} ${remedy} (code ${code})`, undefined, {
      cause: err,
      code: code ? `DISCORD_${code}` : `DISCORD_HTTP_${err.status}`,
    });
  }
  if (err instanceof HTTPError) {
    const kind = err.status >= 500 ? 'transient' : 'permanent';
    return new PlatformError('discord', kind, `${what}: HTTP ${err.status} from Discord${kind === 'transient' ? '; will retry' : ''}`, undefined, {
      cause: err,
      code: `DISCORD_HTTP_${err.status}`,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  // After one 401 @discordjs/rest forgets the token and fails every later request locally.
  if (/Expected token to be set/i.test(message))
    return new PlatformError(
      'discord',
      'permanent',
      `${what}: DISCORD_TOKEN was refused by Discord earlier; copy the bot token again (Developer Portal → Bot) and restart`,
      undefined,
      { cause: err, code: 'DISCORD_UNAUTHORIZED' },
    );
  return new PlatformError('discord', 'transient', `${what}: network error (${message}); will retry`, undefined, { cause: err, code: 'DISCORD_NETWORK' });
}
