// Attempt accounting and backoff for the outbox worker.
//
// Every try is recorded in the store before posting (crash safety), so a 429 also bumps the
// stored attempt count. A run of consecutive 429s ("a streak") should count once against
// maxAttempts, not once per 429: the worker keeps the streak length and the number of
// forgiven attempts in the delivery's own `retry` field (lastError is only the message), which
// both store backends keep and hand back on claim, so the rule holds across replicas and restarts.
import type { Delivery, RetryState } from '../types.js';

export type { RetryState };

const NONE: RetryState = { streak: 0, forgiven: 0 };

/** The retry state a claimed delivery carries (none: no 429 streak so far). */
export function retryOf(d: Pick<Delivery, 'retry'>): RetryState {
  return d.retry ?? NONE;
}

/** What the store keeps: nothing when there is no streak and nothing forgiven. */
export function storedRetry(state: RetryState): RetryState | undefined {
  return state.streak > 0 || state.forgiven > 0 ? state : undefined;
}

/** State after one more failure; `rateLimited` for a 429. */
export function nextState(prev: RetryState, rateLimited: boolean): RetryState {
  if (!rateLimited) return { streak: 0, forgiven: prev.forgiven };
  return { streak: prev.streak + 1, forgiven: prev.forgiven + (prev.streak > 0 ? 1 : 0) };
}

/** Attempts that count against maxAttempts. */
export function countedAttempts(recorded: number, state: RetryState): number {
  return Math.max(0, recorded - state.forgiven);
}

/**
 * Hard ceiling on recorded attempts, 429s included, so a channel that answers 429 for ever
 * still ends in the dead letters instead of cycling through the outbox indefinitely.
 */
export function hardCeiling(maxAttempts: number): number {
  return maxAttempts * 10;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

/** Exponential backoff with jitter: base·2^(n-1), capped, scaled into [50%, 100%]. */
export function backoffDelay(counted: number, o: BackoffOptions): number {
  const exp = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, counted - 1));
  return Math.round(exp * (0.5 + 0.5 * o.random()));
}
