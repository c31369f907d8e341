// How an alert is named in a feedback button: its id when short enough for the platform's field
// (Discord custom_id: 100 characters in all), else `#` and a hash of the id that the poster
// remembers in the store's cache before posting (`fbref:<hash>` → id).
import { createHash } from 'node:crypto';

export const FEEDBACK_ACTIONS = ['not_relevant', 'mute'] as const;
export type FeedbackActionName = (typeof FEEDBACK_ACTIONS)[number];

/** Days a "Mute source" lasts. */
export const MUTE_DAYS = 7;

export function refHash(alertId: string): string {
  return createHash('sha256').update(alertId).digest('hex').slice(0, 24);
}

/** The alert's reference for a field of at most `max` characters. */
export function feedbackRef(alertId: string, max: number): string {
  return alertId.length <= max && !alertId.startsWith('#') ? alertId : `#${refHash(alertId)}`;
}

export const refCacheKey = (hash: string): string => `fbref:${hash}`;

export function isFeedbackAction(a: string): a is FeedbackActionName {
  return (FEEDBACK_ACTIONS as readonly string[]).includes(a);
}
