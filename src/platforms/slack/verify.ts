// Slack request signing: HMAC-SHA256 over `v0:timestamp:body`, a timestamp window checked in
// BOTH directions (Bolt only rejects the past) and a replay guard for the life of the window.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SlackVerifyCode = 'SLACK_SIGNATURE_MISSING' | 'SLACK_SIGNATURE_INVALID' | 'SLACK_TIMESTAMP_OUT_OF_WINDOW' | 'SLACK_REPLAY';

/**
 * The request is genuine but the shared replay guard (the store) did not answer in time: the
 * receiver answers with a short apology instead of waiting past Slack's 3 s or failing with a 500.
 */
export class SlackGuardUnavailableError extends Error {
  readonly code = 'SLACK_GUARD_UNAVAILABLE';
  constructor(message: string, options?: ErrorOptions) {
    super(`slack: ${message}`, options);
    this.name = 'SlackGuardUnavailableError';
  }
}

export class SlackVerifyError extends Error {
  readonly status = 401;
  constructor(
    readonly code: SlackVerifyCode,
    message: string,
  ) {
    super(`slack: ${message}`);
    this.name = 'SlackVerifyError';
  }
}

export interface VerifyOptions {
  signingSecret: string;
  /** Milliseconds since the epoch; injectable so tests can use Slack's documented example. */
  now?: () => number;
  /** Allowed clock difference either way, seconds. Slack's rule is five minutes. */
  toleranceSec?: number;
  /**
   * Shared replay check across replicas: resolves true when the signature was seen before
   * (e.g. `async (s) => !(await store.claimOnce('slack:sig:' + s, 600))`).
   */
  seen?: (signature: string) => Promise<boolean>;
  /** How long `seen` may take before the request is answered with an apology; default 1000 ms. */
  seenTimeoutMs?: number;
}

export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  body: string | Buffer;
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function computeSignature(signingSecret: string, timestamp: string, body: string | Buffer): string {
  const mac = createHmac('sha256', signingSecret);
  mac.update(`v0:${timestamp}:`);
  mac.update(body);
  return `v0=${mac.digest('hex')}`;
}

/** Returns a verifier that throws SlackVerifyError (HTTP 401) or resolves when the request is genuine and fresh. */
export function createSlackVerifier(opts: VerifyOptions): (req: SignedRequest) => Promise<void> {
  const now = opts.now ?? Date.now;
  const tolerance = opts.toleranceSec ?? 300;
  const recent = new Map<string, number>();

  const forget = (atMs: number): void => {
    for (const [sig, until] of recent) if (until <= atMs) recent.delete(sig);
  };

  return async ({ timestamp, signature, body }) => {
    if (!timestamp || !signature) {
      throw new SlackVerifyError('SLACK_SIGNATURE_MISSING', 'request has no X-Slack-Request-Timestamp / X-Slack-Signature headers');
    }
    if (!/^\d{1,12}$/.test(timestamp)) throw new SlackVerifyError('SLACK_TIMESTAMP_OUT_OF_WINDOW', 'timestamp is not a number');
    const nowMs = now();
    const ts = Number(timestamp);
    if (Math.abs(nowMs / 1000 - ts) > tolerance) {
      throw new SlackVerifyError(
        'SLACK_TIMESTAMP_OUT_OF_WINDOW',
        `request timestamp is more than ${tolerance}s away from our clock (check the server's time sync)`,
      );
    }
    const expected = Buffer.from(computeSignature(opts.signingSecret, timestamp, body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new SlackVerifyError('SLACK_SIGNATURE_INVALID', "signature mismatch (is SLACK_SIGNING_SECRET the one on the app's Basic Information page?)");
    }
    forget(nowMs);
    if (recent.has(signature)) throw new SlackVerifyError('SLACK_REPLAY', 'request was already received (replay)');
    // After ts + tolerance the timestamp check rejects it anyway, so that is as long as we must remember.
    recent.set(signature, (ts + tolerance) * 1000 + 1000);
    if (opts.seen && (await boundedSeen(opts.seen, signature, opts.seenTimeoutMs ?? 1000))) {
      throw new SlackVerifyError('SLACK_REPLAY', 'request was already received by a replica (replay)');
    }
  };
}

/** The shared replay check, or SlackGuardUnavailableError when it fails or hangs (store outage). */
async function boundedSeen(seen: (signature: string) => Promise<boolean>, signature: string, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SlackGuardUnavailableError(`replay guard did not answer within ${timeoutMs} ms (is the store reachable?)`)), timeoutMs);
  });
  try {
    return await Promise.race([seen(signature), late]);
  } catch (err) {
    if (err instanceof SlackGuardUnavailableError) throw err;
    throw new SlackGuardUnavailableError(`replay guard failed: ${(err as Error).message}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
