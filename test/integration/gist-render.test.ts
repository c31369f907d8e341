// The English gist under the original headline: Slack and Discord alerts, /talent search
// results (Slack, Discord, CLI), and digests. A gist that only repeats the text is not shown.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/commands/types.js';
import type { DigestPayload } from '../../src/delivery/poster.js';
import { renderReplyText } from '../../src/cli/render-reply.js';
import { renderAlertEmbed, renderDigest as discordDigest, renderReply as discordReply } from '../../src/platforms/discord/render.js';
import { renderAlert } from '../../src/platforms/slack/render-alert.js';
import { renderDigest as slackDigest } from '../../src/platforms/slack/render-digest.js';
import { renderReply as slackReply } from '../../src/platforms/slack/render-reply.js';
import { displayGist } from '../../src/pipeline/gist.js';
import { sampleAlert } from './discord/helpers.js';

const GIST = 'Xu Lanqing moves from Alibaba to Meituan.';
const zh = sampleAlert(
  { title: '淘宝AI负责人徐岚清转投美团', summary: '阿里巴巴淘宝AI负责人徐岚清已离职，转投美团。', lang: 'zh', link: 'https://cn.example/1' },
  {
    firms: ['Alibaba', 'Meituan'],
    moves: [{ person: '徐岚清', personLatin: 'Xu Lanqing', from: 'Alibaba', to: 'Meituan', direction: 'CN→CN' }],
    summary: '阿里巴巴淘宝AI负责人徐岚清已离职，转投美团。',
    gist: GIST,
  },
);
const texts = (blocks: Array<Record<string, unknown>>): string[] => blocks.map((b) => String((b.text as { text?: string } | undefined)?.text ?? ''));

describe('gist display', () => {
  it('is hidden when it repeats the headline or the summary', () => {
    expect(displayGist(zh)).toBe(GIST);
    expect(displayGist(sampleAlert({}, { gist: 'Jane Doe, a research scientist, moved from OpenAI to DeepSeek.' }))).toBeUndefined();
    expect(displayGist(sampleAlert({}, { gist: undefined }))).toBeUndefined();
  });

  it('Slack alert: right under the header; the move line carries the romanized name', () => {
    const msg = renderAlert(zh);
    expect(msg.blocks[0].type).toBe('header');
    expect(texts(msg.blocks)[1]).toBe(`_${GIST}_`);
    expect(texts(msg.blocks).join('\n')).toContain('*徐岚清* (Xu Lanqing): Alibaba → Meituan');
  });

  it('Discord alert: first line of the embed under the title; the move field has the romanized name', () => {
    const e = renderAlertEmbed(zh);
    expect(e.title).toBe('淘宝AI负责人徐岚清转投美团');
    expect(e.description!.split('\n')[0]).toBe(`*${GIST}*`);
    expect(e.fields!.find((f) => f.name === 'Move')!.value).toContain('徐岚清 (Xu Lanqing): Alibaba → Meituan');
  });

  const search: Extract<Reply, { type: 'search' }> = {
    type: 'search',
    ephemeral: true,
    query: 'Meituan',
    total: 1,
    offset: 0,
    hits: [{ alert: zh, score: 1, snippet: '徐岚清已离职' }],
    filters: {},
  };
  it('/talent search results: Slack, Discord and the CLI', () => {
    expect(JSON.stringify(slackReply(search))).toContain(`_${GIST}_`);
    expect(JSON.stringify(discordReply(search))).toContain(`*${GIST}*`);
    expect(renderReplyText(search)).toContain(`\n   ${GIST}\n`);
  });

  it('digests: under each story line on both platforms', () => {
    const d: DigestPayload = { title: 'talent-radar daily digest', period: 'daily', sections: [{ heading: 'AI talent moves', alerts: [zh] }], flows: [] };
    expect(JSON.stringify(slackDigest(d))).toContain(`_${GIST}_`);
    expect(JSON.stringify(discordDigest(d))).toContain(`*${GIST}*`);
  });
});
