// When a source is polled: each URL gets a fixed slot inside its interval (from a hash of the
// URL), so many sources with one interval spread out instead of firing together; failures
// back off exponentially with jitter, up to a cap.
import { createHash } from 'node:crypto';

/** Offset in [0, intervalMs) fixed for this URL. */
export function pollSlotMs(url: string, intervalMs: number): number {
  if (intervalMs <= 0) return 0;
  const h = createHash('sha256').update(url).digest();
  return h.readUInt32BE(0) % Math.floor(intervalMs);
}

/** The first slot time strictly after `lastPoll`, at least half an interval later. */
export function nextPollAt(lastPoll: Date, intervalMs: number, url: string): Date {
  if (intervalMs <= 0) return new Date(lastPoll.getTime());
  const slot = pollSlotMs(url, intervalMs);
  const t = lastPoll.getTime();
  let next = Math.floor((t - slot) / intervalMs) * intervalMs + slot + intervalMs;
  // A poll just before its slot (first poll, manual run) should not run again a moment later.
  if (next - t < intervalMs / 2) next += intervalMs;
  return new Date(next);
}

/**
 * Wait before retrying after `consecutiveFailures` (≥1) failures: base·2^(n-1), capped at maxMs,
 * with "equal jitter" (between half and all of it) from `random` in [0, 1).
 */
export function backoffMs(consecutiveFailures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(consecutiveFailures));
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, 40));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** Whether a source whose next poll is `nextPollAt` (ISO, or none yet) is due at `now`. */
export function isDue(nextPollAtIso: string | undefined, now: Date): boolean {
  if (!nextPollAtIso) return true;
  const t = Date.parse(nextPollAtIso);
  return Number.isNaN(t) || t <= now.getTime();
}
