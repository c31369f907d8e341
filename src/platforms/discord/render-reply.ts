// Platform-neutral command Reply → Discord message body (embeds, optional "More results" button).
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIEmbed,
  type APIComponentInMessageActionRow,
} from 'discord-api-types/v10';
import { displayGist } from '../../pipeline/gist.js';
import type { Reply } from '../../commands/types.js';
import { joinLines } from './render-alert.js';
import { LIMITS, fitEmbeds } from './limits.js';
import { plainText, safeText, safeUrl, truncate } from './text.js';

export const NO_MENTIONS = { parse: [] as never[] };

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Mentions off (`parse: []`), except the one role of a routes[].mention on its alerts. */
  allowed_mentions: { parse: never[]; roles?: string[] };
  flags?: number;
}

/** custom_id prefix of the "More results" button; the rest is the command text of the next page. */
export const MORE_PREFIX = 'talent:more:';

export function moreButton(nextPage: string | undefined): DiscordMessage['components'] {
  const id = nextPage ? `${MORE_PREFIX}${nextPage}` : '';
  if (!nextPage || id.length > 100) return undefined;
  return [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'More results', custom_id: id }] }];
}

function searchEmbed(r: Extract<Reply, { type: 'search' }>): APIEmbed {
  const f = r.filters;
  const filters = [
    f.firms?.length ? `firm: ${f.firms.join(', ')}` : '',
    f.topics?.length ? `topic: ${f.topics.join(', ')}` : '',
    f.since ? `since: ${f.since}` : '',
    f.lang ? `lang: ${f.lang}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const shown = r.hits.length ? `${r.offset + 1}–${r.offset + r.hits.length} of ${r.total}` : `no matches`;
  return {
    title: truncate(`Search: ${safeText(r.query) || 'latest'}`, LIMITS.title),
    description: r.hits.length ? undefined : `No alerts match "${safeText(r.query)}". Try fewer words or a wider since:.`,
    color: 0x5865f2,
    fields: r.hits.slice(0, 10).map((h, i) => {
      const a = h.alert;
      const url = safeUrl(a.link);
      const meta = `${a.published.slice(0, 10)} · ${safeText(a.source)}${url ? ` · [link](${url})` : ''}`;
      const gist = displayGist(a);
      return {
        name: truncate(`${r.offset + i + 1}. ${safeText(a.title) || 'Untitled'}`, LIMITS.fieldName),
        value: truncate(`${gist ? `*${safeText(gist)}*\n` : ''}${meta}\n${safeText(h.snippet)}`, LIMITS.fieldValue),
      };
    }),
    footer: { text: truncate(plainText([shown, filters].filter(Boolean).join(' · ')), LIMITS.footer) },
  };
}

function textEmbed(r: Extract<Reply, { type: 'text' }>): APIEmbed {
  return {
    title: r.title ? truncate(safeText(r.title), LIMITS.title) : undefined,
    description: joinLines(r.lines.map(safeText), LIMITS.description) || '\u200b',
    color: 0x99aab5,
  };
}

function errorEmbed(r: Extract<Reply, { type: 'error' }>): APIEmbed {
  const parts = [safeText(r.message)];
  if (r.suggestions?.length) parts.push(`Did you mean: ${r.suggestions.map(safeText).join(', ')}?`);
  if (r.usage) parts.push(`Usage: \`${r.usage.replace(/`/g, "'")}\``);
  return { description: truncate(parts.join('\n'), LIMITS.description), color: 0xed4245 };
}

/** On Discord the channel-changing subcommands are `/talent-admin …`: say so in help, usage and refusals. */
export function discordCommandText(text: string): string {
  return text.replace(/\/talent (subscribe|unsubscribe|digest)\b/g, '/talent-admin $1');
}

function forDiscord(reply: Reply): Reply {
  if (reply.type === 'text') return { ...reply, lines: reply.lines.map(discordCommandText) };
  if (reply.type === 'error') return { ...reply, message: discordCommandText(reply.message), usage: reply.usage && discordCommandText(reply.usage) };
  return reply;
}

/** Renders a Reply; `ephemeral` sets the flag (only meaningful in interaction responses). */
export function renderReply(original: Reply): DiscordMessage {
  const reply = forDiscord(original);
  const embed = reply.type === 'search' ? searchEmbed(reply) : reply.type === 'text' ? textEmbed(reply) : errorEmbed(reply);
  const msg: DiscordMessage = { embeds: fitEmbeds([embed]), allowed_mentions: NO_MENTIONS };
  if (reply.type === 'search') msg.components = moreButton(reply.nextPage);
  if (reply.ephemeral) msg.flags = MessageFlags.Ephemeral;
  return msg;
}
