// A late retelling as a reply in the alert's thread (routes[].folds: thread) instead of an edit.
import type { AlsoReported } from '../../types.js';
import { context, message, type SlackMessage } from './blocks.js';
import { link, mrkdwn } from './text.js';

export function renderRetelling(also: AlsoReported[]): SlackMessage {
  const lines = also.slice(0, 15).map((a) => `${link(a.link, a.source || 'source', 80)}: ${mrkdwn(a.title, 300)}`);
  const more = also.length > 15 ? ` and ${also.length - 15} more` : '';
  const head = also.length === 1 ? 'Also reported by' : `Also reported by ${also.length} sources`;
  const fallback = `${head}: ${also.map((a) => mrkdwn(a.source, 80)).join(', ')}`;
  return message(fallback, [context([`*${head}*${more}`]), ...lines.map((l) => context([l]))]);
}
