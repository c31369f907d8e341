// Digests and channel notices → Discord messages. The digest's chart PNG travels as a multipart file
// and is shown as the image of the flows embed (attachment://…).
import type { APIEmbed } from 'discord-api-types/v10';
import { displayGist } from '../../pipeline/gist.js';
import type { DigestPayload } from '../../delivery/poster.js';
import { joinLines } from './render-alert.js';
import { LIMITS, fitEmbeds } from './limits.js';
import { NO_MENTIONS, type DiscordMessage } from './render-reply.js';
import { plainText, safeText, safeUrl, truncate } from './text.js';

export const CHART_NAME = 'talent-flow.png';

export interface DiscordFile {
  name: string;
  data: Buffer;
  contentType?: string;
}

export interface OutgoingMessage extends DiscordMessage {
  files?: DiscordFile[];
}

function flowsTable(flows: DigestPayload['flows']): string {
  const rows = flows
    .slice(0, 20)
    .map(
      (f) =>
        `${truncate(plainText(f.from), 18).padEnd(18)} → ${truncate(plainText(f.to), 18).padEnd(18)} ${String(f.count).padStart(3)}${f.direction ? `  ${plainText(f.direction)}` : ''}`,
    );
  const body = rows.join('\n').replace(/`/g, "'");
  return truncate(`\`\`\`\n${body}\n\`\`\``, LIMITS.description - 20).replace(/…$/, '…\n```');
}

export function renderDigest(d: DigestPayload, marker?: string): OutgoingMessage {
  const embeds: APIEmbed[] = [{ title: truncate(safeText(d.title), LIMITS.title), color: 0xfee75c, footer: marker ? { text: marker } : undefined }];
  for (const s of d.sections.slice(0, 7)) {
    const lines = s.alerts.map((a) => {
      const url = safeUrl(a.link);
      const title = truncate(safeText(a.title) || 'Untitled', 180);
      const gist = displayGist(a);
      return `• ${url ? `[${title}](${url})` : title} — ${safeText(a.source)}${gist ? `\n  *${truncate(safeText(gist), 220)}*` : ''}`;
    });
    embeds.push({
      title: truncate(safeText(s.heading), LIMITS.title),
      description: joinLines(lines, LIMITS.description) || 'Nothing this period.',
      color: 0x5865f2,
    });
  }
  const files: DiscordFile[] = [];
  if (d.flows.length || d.chartPng) {
    const flows: APIEmbed = { title: 'Talent flows', color: 0xeb459e, description: d.flows.length ? flowsTable(d.flows) : undefined };
    if (d.chartPng) {
      files.push({ name: CHART_NAME, data: Buffer.from(d.chartPng, 'base64'), contentType: 'image/png' });
      flows.image = { url: `attachment://${CHART_NAME}` };
    }
    embeds.push(flows);
  }
  return { embeds: fitEmbeds(embeds), allowed_mentions: NO_MENTIONS, files: files.length ? files : undefined };
}

export function renderNotice(text: string, marker?: string): OutgoingMessage {
  return {
    embeds: fitEmbeds([
      { description: truncate(safeText(text), LIMITS.description) || '\u200b', color: 0xfaa61a, footer: marker ? { text: marker } : undefined },
    ]),
    allowed_mentions: NO_MENTIONS,
  };
}
