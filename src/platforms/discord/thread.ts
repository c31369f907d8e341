// A late retelling as a reply to the alert's message (routes[].folds: thread) instead of an edit:
// a message reference, so the discussion stays under the alert. Mentions off.
import type { AlsoReported } from '../../types.js';
import { NO_MENTIONS, type DiscordMessage } from './render-reply.js';
import { LIMITS } from './limits.js';
import { safeText, safeUrl, truncate } from './text.js';

export function renderRetelling(
  also: AlsoReported[],
  replyTo: string,
): DiscordMessage & { message_reference: { message_id: string; fail_if_not_exists: false } } {
  const lines = also.slice(0, 15).map((a) => {
    const url = safeUrl(a.link);
    const name = safeText(a.source) || 'source';
    return `${url ? `[${name}](${url})` : name}: ${safeText(a.title)}`;
  });
  if (also.length > 15) lines.push(`…and ${also.length - 15} more`);
  return {
    embeds: [
      {
        title: also.length === 1 ? 'Also reported by' : `Also reported by ${also.length} sources`,
        description: truncate(lines.join('\n'), LIMITS.description),
        color: 0x99aab5,
      },
    ],
    allowed_mentions: NO_MENTIONS,
    message_reference: { message_id: replyTo, fail_if_not_exists: false },
  };
}
