// Slack Web API failures mapped onto the delivery worker's three kinds.
import { webApi } from '@slack/bolt';
import { PlatformError } from '../../delivery/poster.js';

const { ErrorCode } = webApi;
type WebAPIHTTPError = webApi.WebAPIHTTPError;
type WebAPIPlatformError = webApi.WebAPIPlatformError;
type WebAPIRateLimitedError = webApi.WebAPIRateLimitedError;

/** Slack `error` strings worth another try; anything else Slack refuses is permanent. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'rate_limited', 'team_added_to_org']);

const REMEDY: Record<string, string> = {
  channel_not_found: 'check the channel id in config routes (right-click the channel > Copy link) and that the bot can see it',
  not_in_channel: 'invite the bot: /invite @talent-radar in that channel',
  is_archived: 'the channel is archived: unarchive it or change the route',
  invalid_auth: 'SLACK_BOT_TOKEN is wrong: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
  not_authed: 'SLACK_BOT_TOKEN is missing',
  token_revoked: 'the app was uninstalled or the token revoked: reinstall it and update SLACK_BOT_TOKEN',
  account_inactive: 'the app was uninstalled or the token revoked: reinstall it and update SLACK_BOT_TOKEN',
  missing_scope: 'reinstall the app from slack-manifest.yml so it has every scope',
};

export function slackErrorString(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === ErrorCode.PlatformError ? e.data?.error : undefined;
}

export function toPlatformError(err: unknown, method: string): PlatformError {
  if (err instanceof PlatformError) return err;
  const code = (err as { code?: string })?.code;
  if (code === ErrorCode.RateLimitedError) {
    const secs = (err as WebAPIRateLimitedError).retryAfter;
    return new PlatformError('slack', 'rate_limited', `${method} rate limited, retry after ${secs}s`, Math.max(0, secs) * 1000, {
      cause: err,
      code: 'SLACK_RATE_LIMITED',
    });
  }
  if (code === ErrorCode.HTTPError) {
    const status = (err as WebAPIHTTPError).statusCode;
    const kind = status >= 500 || status === 408 ? 'transient' : 'permanent';
    return new PlatformError('slack', kind, `${method} answered HTTP ${status}`, undefined, { cause: err, code: `SLACK_HTTP_${status}` });
  }
  if (code === ErrorCode.PlatformError) {
    const error = (err as WebAPIPlatformError).data?.error ?? 'unknown_error';
    const kind = TRANSIENT.has(error) ? 'transient' : 'permanent';
    const remedy = REMEDY[error] ? ` (${REMEDY[error]})` : '';
    return new PlatformError('slack', kind, `${method} failed: ${error}${remedy}`, undefined, { cause: err, code: `SLACK_${error.toUpperCase()}` });
  }
  // WebAPIRequestError (network, timeout) and anything unexpected: worth a retry.
  const msg = err instanceof Error ? err.message : String(err);
  return new PlatformError('slack', 'transient', `${method} request failed: ${msg}`, undefined, { cause: err, code: 'SLACK_NETWORK' });
}
