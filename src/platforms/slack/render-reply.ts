// A platform-neutral command Reply as a response_url payload (ephemeral or in_channel).
import type { Reply } from '../../commands/types.js';
import { displayGist } from '../../pipeline/gist.js';
import type { SearchHit } from '../../store/store.js';
import { actions, button, context, divider, header, LIMITS, message, section, type Block, type SlackMessage } from './blocks.js';
import { chunkLines, cut, link, mrkdwn, plain } from './text.js';

export const MORE_ACTION = 'talent_more';
const MAX_HITS = 15;

export interface SlackReply extends SlackMessage {
  response_type: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}

function hitBlock(hit: SearchHit, n: number): Block {
  const a = hit.alert;
  const date = a.published.slice(0, 10);
  const lines = [`${n}. *${link(a.link, a.title, 300)}*`];
  const gist = displayGist(a);
  if (gist) lines.push(`_${mrkdwn(gist, 300)}_`);
  lines.push(`${mrkdwn(date, 10)} · ${mrkdwn(a.source, 100)}`);
  if (hit.snippet.trim()) lines.push(mrkdwn(hit.snippet, 600));
  return section(lines.join('\n'));
}

function searchBlocks(r: Extract<Reply, { type: 'search' }>): { text: string; blocks: Block[] } {
  const title = `${r.total} match${r.total === 1 ? '' : 'es'} for "${r.query}"`;
  if (r.hits.length === 0) return { text: mrkdwn(`No alerts match "${r.query}".`, 500), blocks: [section(mrkdwn(`No alerts match "${r.query}".`, 1000))] };
  const f = r.filters;
  const filters = [
    f.firms?.length ? `firm: ${f.firms.join(', ')}` : '',
    f.topics?.length ? `topic: ${f.topics.join(', ')}` : '',
    f.since ? `since: ${f.since}` : '',
    f.lang ? `lang: ${f.lang}` : '',
  ].filter(Boolean);
  const blocks: Block[] = [header(plain(title, LIMITS.header))];
  const shown = r.hits.slice(0, MAX_HITS);
  blocks.push(context([`Showing ${r.offset + 1}–${r.offset + shown.length} of ${r.total}`, ...filters.map((x) => mrkdwn(x, 200))]));
  shown.forEach((h, i) => blocks.push(hitBlock(h, r.offset + i + 1)));
  if (r.nextPage && r.nextPage.length <= LIMITS.buttonValue) {
    blocks.push(divider(), actions([button('More results', MORE_ACTION, { value: r.nextPage })]));
  }
  return { text: mrkdwn(title, 500), blocks };
}

function textBlocks(r: Extract<Reply, { type: 'text' }>): { text: string; blocks: Block[] } {
  const blocks: Block[] = r.title ? [header(plain(r.title, LIMITS.header))] : [];
  const escaped = r.lines.map((l) => mrkdwn(l, LIMITS.sectionText));
  for (const chunk of chunkLines(escaped, LIMITS.sectionText)) blocks.push(section(chunk));
  if (blocks.length > LIMITS.blocks) blocks.splice(LIMITS.blocks - 1, Infinity, context(['…output cut to fit one Slack message']));
  const text = mrkdwn([r.title, ...r.lines.slice(0, 100)].filter(Boolean).join('\n'), LIMITS.fallback);
  return { text: text || ' ', blocks };
}

function errorBlocks(r: Extract<Reply, { type: 'error' }>): { text: string; blocks: Block[] } {
  const blocks: Block[] = [section(`:warning: ${mrkdwn(r.message, 2500)}`)];
  if (r.suggestions?.length) blocks.push(section(`Did you mean: ${mrkdwn(r.suggestions.slice(0, 10).join(', '), 1000)}?`));
  if (r.usage) blocks.push(section(`Usage:\n\`\`\`${mrkdwn(r.usage, 2800)}\`\`\``));
  return { text: mrkdwn(r.message, 500), blocks };
}

export function renderReply(reply: Reply): SlackReply {
  const { text, blocks } = reply.type === 'search' ? searchBlocks(reply) : reply.type === 'text' ? textBlocks(reply) : errorBlocks(reply);
  return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...message(cut(text, LIMITS.fallback), blocks) };
}
