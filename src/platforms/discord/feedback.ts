// The feedback buttons under every Discord alert and their custom ids:
// `talent:fb:<action>:<ref>` within Discord's 100 characters (long alert ids become `#hash`,
// remembered by the poster in the store's cache before the post).
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord-api-types/v10';
import { feedbackRef, MUTE_DAYS, type FeedbackActionName } from '../../feedback/ref.js';

export const FEEDBACK_PREFIX = 'talent:fb:';
/** 100 − `talent:fb:not_relevant:`. */
export const MAX_REF = 100 - `${FEEDBACK_PREFIX}not_relevant:`.length;

export const feedbackId = (action: FeedbackActionName, alertId: string): string => `${FEEDBACK_PREFIX}${action}:${feedbackRef(alertId, MAX_REF)}`;

export function feedbackRow(alertId: string): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Not relevant', custom_id: feedbackId('not_relevant', alertId) },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `Mute source ${MUTE_DAYS} d`, custom_id: feedbackId('mute', alertId) },
    ],
  };
}

/** `{ action, ref }` from a custom id, or null when it is not a well-formed feedback id. */
export function parseFeedbackId(customId: string): { action: string; ref: string } | null {
  if (!customId.startsWith(FEEDBACK_PREFIX)) return null;
  const rest = customId.slice(FEEDBACK_PREFIX.length);
  const i = rest.indexOf(':');
  if (i <= 0 || i === rest.length - 1) return null;
  return { action: rest.slice(0, i), ref: rest.slice(i + 1) };
}
