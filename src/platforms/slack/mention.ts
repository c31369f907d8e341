// A user-group mention on a Slack alert (routes[].mention): `<!subteam^ID>` first in the
// notification text and in a section above the alert. Without one, alerts mention nobody.
import { section, type SlackMessage } from './blocks.js';

export function withMention(msg: SlackMessage, groupId: string | undefined): SlackMessage {
  if (!groupId || !/^S[A-Z0-9]+$/.test(groupId)) return msg;
  const tag = `<!subteam^${groupId}>`;
  return { ...msg, text: `${tag} ${msg.text}`, blocks: [section(tag), ...msg.blocks].slice(0, 50) };
}
