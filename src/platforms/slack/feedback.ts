// The feedback buttons under every Slack alert ("Not relevant", "Mute source 7 d") and the
// action ids the listener answers. The button value is the alert id (Slack allows 2000 characters).
import { feedbackRef, MUTE_DAYS } from '../../feedback/ref.js';
import { actions, button, type Block, type SlackMessage } from './blocks.js';

export const FEEDBACK_ACTION_PREFIX = 'talent_fb_';
export const FEEDBACK_ACTION_RE = /^talent_fb_/;

export function feedbackBlock(alertId: string): Block {
  const value = feedbackRef(alertId, 1900);
  return actions([
    button('Not relevant', `${FEEDBACK_ACTION_PREFIX}not_relevant`, { value }),
    button(`Mute source ${MUTE_DAYS} d`, `${FEEDBACK_ACTION_PREFIX}mute`, { value }),
  ]);
}

/** The alert message with the feedback buttons last (Slack allows 50 blocks; alerts use far fewer). */
export function withFeedback(msg: SlackMessage, alertId: string): SlackMessage {
  if (!msg.blocks || msg.blocks.length >= 50) return msg;
  return { ...msg, blocks: [...msg.blocks, feedbackBlock(alertId)] };
}
