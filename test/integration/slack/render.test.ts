// Hostile feed text rendered within Block Kit limits, with every mention form defused.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/commands/types.js';
import type { DigestPayload } from '../../../src/delivery/poster.js';
import { alert } from './alert-fixture.js';
import { renderAlert } from '../../../src/platforms/slack/render-alert.js';
import { renderDigest, renderNotice } from '../../../src/platforms/slack/render-digest.js';
import { renderReply } from '../../../src/platforms/slack/render-reply.js';
import type { Block, SlackMessage } from '../../../src/platforms/slack/blocks.js';

const HOSTILE =
  'Hi <!channel> <!here> <!everyone> <@U123ABC> <!subteam^S0614TZR7|@team> <#C999|general> @channel @here @everyone ＠here <script>alert(1)</script> <https://evil.example|click> *bold* & more';

/** Every text a Slack client would parse, with the structural limits checked on the way. */
function checkLimits(msg: SlackMessage): string {
  expect(msg.blocks.length).toBeLessThanOrEqual(50);
  expect(msg.text.length).toBeLessThanOrEqual(3000);
  const texts: string[] = [msg.text];
  const walk = (b: Block): void => {
    const t = b.text as { type: string; text: string } | undefined;
    if (b.type === 'header') expect(t!.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'section') expect(t!.text.length).toBeLessThanOrEqual(3000);
    if (b.type === 'button') {
      expect(t!.text.length).toBeLessThanOrEqual(75);
      if (b.url) expect(String(b.url).length).toBeLessThanOrEqual(3000);
      if (b.value) expect(String(b.value).length).toBeLessThanOrEqual(2000);
    }
    if (b.type === 'context') {
      const els = b.elements as Block[];
      expect(els.length).toBeGreaterThan(0);
      expect(els.length).toBeLessThanOrEqual(10);
      els.forEach((e) => (expect(String(e.text).length).toBeLessThanOrEqual(3000), texts.push(String(e.text))));
    }
    if (t) texts.push(t.text);
    for (const e of (b.elements as Block[] | undefined) ?? []) if (b.type !== 'context') walk(e);
  };
  msg.blocks.forEach(walk);
  return texts.join('\n');
}

function expectDefused(all: string): void {
  for (const bad of ['<!channel>', '<!here>', '<!everyone>', '<@U123ABC>', '<!subteam^', '<#C999', '<script>', '<https://evil.example|click>']) {
    expect(all).not.toContain(bad);
  }
  expect(all).not.toMatch(/[@＠](channel|here|everyone)\b/);
  expect(all).not.toMatch(/!(channel|here|everyone)\b/);
}

describe('renderAlert', () => {
  it('has header, context, summary, move line, link button and unfurls off', () => {
    const msg = renderAlert(alert());
    expect(msg).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(msg.blocks.map((b) => b.type)).toEqual(['header', 'context', 'section', 'section', 'actions']);
    const all = checkLimits(msg);
    expect(all).toContain('*Jane Doe*: OpenAI → DeepSeek (research scientist)');
    expect(all).toContain('US→CN');
    expect(all).toContain('Firms: OpenAI, DeepSeek');
    expect(all).toContain('<!date^1795860000^');
    expect((msg.blocks[4]!.elements as Block[])[0]).toMatchObject({ type: 'button', url: 'https://example.com/story?a=1&b=2' });
  });

  it('adds "also reported by" links when duplicates came in', () => {
    const msg = renderAlert(alert({ alsoReportedBy: [{ source: 'scmp-tech', link: 'https://scmp.example/x', title: 'Same', at: '2026-11-28T11:00:00Z' }] }));
    expect(checkLimits(msg)).toContain('*Also reported by:* <https://scmp.example/x|scmp-tech>');
  });

  it('escapes and defuses hostile feed text everywhere', () => {
    const msg = renderAlert(
      alert({
        title: HOSTILE,
        source: HOSTILE,
        summary: HOSTILE,
        link: 'javascript:alert(1)',
        alsoReportedBy: [{ source: HOSTILE, link: 'https://x.example/a|b>c', title: HOSTILE, at: '' }],
        assessment: {
          ...alert().assessment,
          summary: HOSTILE,
          firms: [HOSTILE],
          moves: [{ person: HOSTILE, from: HOSTILE, to: HOSTILE, role: HOSTILE, direction: HOSTILE }],
        },
      }),
    );
    const all = checkLimits(msg);
    expectDefused(all);
    expect(all).toContain('&lt;script&gt;');
    expect(all).toContain('&amp; more');
    expect(msg.blocks.some((b) => b.type === 'actions')).toBe(false); // javascript: link dropped
    expect(all).toContain('<https://x.example/a%7Cb%3Ec|');
  });

  it('stays within limits for 50 KB titles, summaries, 500 moves and 1000 duplicates', () => {
    const big = '&<>'.repeat(17_000) + ' 😀'.repeat(1000);
    const many = Array.from({ length: 500 }, (_, i) => ({ person: big, from: `F${i}`, to: big, role: big }));
    const dups = Array.from({ length: 1000 }, (_, i) => ({ source: big, link: `https://d${i}.example/${'x'.repeat(2900)}`, title: big, at: '' }));
    const msg = renderAlert(
      alert({
        title: big,
        summary: big,
        link: `https://e.example/${'y'.repeat(5000)}`,
        alsoReportedBy: dups,
        assessment: { ...alert().assessment, summary: big, firms: Array(300).fill(big), moves: many },
      }),
    );
    const all = checkLimits(msg);
    expect(all).not.toMatch(/&(a|am|l|g|lt|gt|amp)?…/); // never cut inside an entity
    expect(all).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // nor inside a surrogate pair
    expect(all).toContain('more');
  });
});

describe('renderReply', () => {
  const hit = (i: number, title = `Story ${i}`) => ({ alert: alert({ id: `a${i}`, title }), score: 1, snippet: `snippet ${i} <@U1>` });

  it('renders search hits with a More results button carrying the next page', () => {
    const r: Reply = {
      type: 'search',
      ephemeral: true,
      query: 'openai',
      total: 25,
      offset: 0,
      hits: Array.from({ length: 10 }, (_, i) => hit(i)),
      nextPage: 'search openai offset:10',
      filters: { firms: ['OpenAI'], since: '7d' },
    };
    const msg = renderReply(r);
    expect(msg.response_type).toBe('ephemeral');
    const all = checkLimits(msg);
    expect(all).toContain('1. *<https://example.com/story?a=1&b=2|Story 0>*');
    expect(all).toContain('firm: OpenAI');
    expectDefused(all);
    const more = msg.blocks.at(-1)!;
    expect((more.elements as Block[])[0]).toMatchObject({ action_id: 'talent_more', value: 'search openai offset:10' });
  });

  it('keeps a huge search reply, text reply and error reply within limits', () => {
    const search: Reply = {
      type: 'search',
      ephemeral: false,
      query: HOSTILE,
      total: 999,
      offset: 0,
      hits: Array.from({ length: 100 }, (_, i) => hit(i, HOSTILE.repeat(300))),
      nextPage: 'x'.repeat(5000),
      filters: {},
    };
    expectDefused(checkLimits(renderReply(search)));
    const text: Reply = { type: 'text', ephemeral: true, title: HOSTILE, lines: Array.from({ length: 2000 }, () => HOSTILE) };
    const t = renderReply(text);
    expectDefused(checkLimits(t));
    expect(t.response_type).toBe('ephemeral');
    const err: Reply = {
      type: 'error',
      ephemeral: true,
      message: HOSTILE.repeat(500),
      usage: '/talent subscribe <firm|topic>',
      suggestions: ['OpenAI', 'Open <!here>'],
    };
    const e = checkLimits(renderReply(err));
    expectDefused(e);
    expect(e).toContain('/talent subscribe &lt;firm|topic&gt;');
  });
});

describe('digests and notices', () => {
  it('renders sections and the flows table within limits', () => {
    const d: DigestPayload = {
      title: 'Weekly talent radar',
      period: 'weekly',
      sections: Array.from({ length: 40 }, (_, i) => ({
        heading: `Topic ${i} ${HOSTILE}`,
        alerts: Array.from({ length: 30 }, (_, j) => alert({ id: `${i}-${j}`, title: HOSTILE })),
      })),
      flows: Array.from({ length: 100 }, (_, i) => ({ from: `Firm<${i}>`, to: 'DeepSeek', direction: 'US→CN', count: i })),
    };
    const msg = renderDigest(d);
    const all = checkLimits(msg);
    expectDefused(all);
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Weekly talent radar' } });
    const small = checkLimits(renderDigest({ ...d, sections: d.sections.slice(0, 1), flows: d.flows.slice(0, 2) }));
    expect(small).toContain('Talent flows');
    expect(small).toContain('Firm&lt;1&gt; → DeepSeek');
  });

  it('renders a notice with feed text defused', () => {
    expectDefused(checkLimits(renderNotice(`Source ${HOSTILE} was disabled after 5 failures`)));
  });
});
