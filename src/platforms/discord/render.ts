// Everything that turns platform-neutral content into Discord messages.
import type { DeliveryContent } from '../../delivery/poster.js';
import { renderAlertEmbed } from './render-alert.js';
import { renderDigest, renderNotice, type OutgoingMessage } from './render-digest.js';
import { NO_MENTIONS } from './render-reply.js';
import { feedbackRow } from './feedback.js';

export { renderAlertEmbed, alertFields } from './render-alert.js';
export { renderReply, moreButton, MORE_PREFIX, NO_MENTIONS, type DiscordMessage } from './render-reply.js';
export { renderDigest, renderNotice, CHART_NAME, type OutgoingMessage, type DiscordFile } from './render-digest.js';
export { fitEmbeds, embedChars, LIMITS } from './limits.js';

/**
 * The message for any delivery content; `marker` lets findPosted recognise it later. `role` (from
 * routes[].mention) pings that role on a new alert only: `allowed_mentions` names just it, and an
 * edit keeps the text without pinging again. Everything else mentions nobody.
 */
export function renderContent(content: DeliveryContent, marker?: string, role?: string): OutgoingMessage {
  switch (content.kind) {
    case 'alert':
    case 'update': {
      const msg: OutgoingMessage = {
        embeds: [renderAlertEmbed(content.alert, marker)],
        components: [feedbackRow(content.alert.id)],
        allowed_mentions: NO_MENTIONS,
      };
      if (role && /^\d+$/.test(role)) {
        msg.content = `<@&${role}>`;
        if (content.kind === 'alert') msg.allowed_mentions = { parse: [], roles: [role] };
      }
      return msg;
    }
    case 'notice':
      return renderNotice(content.text, marker);
    case 'digest':
      return renderDigest(content.digest, marker);
  }
}
