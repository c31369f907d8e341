import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { LIMITS, embedChars, fitEmbeds, renderAlertEmbed, renderContent, renderDigest, renderReply } from '../../../src/platforms/discord/render.js';
import { escapeMarkdown, neutraliseMentions, safeText, truncate } from '../../../src/platforms/discord/text.js';
import { sampleAlert } from './helpers.js';

function assertWithinLimits(embeds: APIEmbed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(embedChars(embeds)).toBeLessThanOrEqual(LIMITS.total);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    if (e.url) expect(e.url).toMatch(/^https?:\/\//);
  }
}

const allText = (e: APIEmbed) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n');

describe('alert embed', () => {
  it('has a linked title, summary, firms, topics, move with direction, footer with source and time', () => {
    const e = renderAlertEmbed(sampleAlert(), 'ref:0123456789');
    expect(e.title).toBe('OpenAI researcher joins DeepSeek');
    expect(e.url).toBe('https://example.com/story?id=1');
    expect(e.description).toContain('moved from OpenAI to DeepSeek');
    expect(e.fields!.map((f) => f.name)).toEqual(['Firms', 'Topics', 'Move']);
    expect(e.fields![2]!.value).toBe('Jane Doe: OpenAI → DeepSeek (research scientist) · US→CN');
    expect(e.footer!.text).toBe('Reuters Tech · ref:0123456789');
    expect(e.timestamp).toBe('2026-11-28T10:00:00.000Z');
  });

  it('neutralises mass mentions and escapes markdown from feed text', () => {
    const hostile = '@everyone @here <@123456789> <@!42> <@&987> **bold** [click](https://evil.example) `code` ||spoiler|| # heading';
    const e = renderAlertEmbed(sampleAlert({ title: hostile, source: '@everyone feed' }, { summary: hostile, firms: ['<@&1>'] }));
    const text = allText(e);
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toMatch(/<@[!&]?\d/);
    expect(text).not.toMatch(/(^|[^\\])\*\*bold/);
    expect(text).not.toMatch(/(^|[^\\])\[click\]/);
    expect(e.description).toContain('\\*\\*bold\\*\\*');
    expect(e.footer!.text).toContain('@\u200beveryone');
  });

  it('drops a non-http link instead of failing the message', () => {
    expect(renderAlertEmbed(sampleAlert({ link: 'javascript:alert(1)' })).url).toBeUndefined();
    expect(renderAlertEmbed(sampleAlert({ link: 'not a url' })).url).toBeUndefined();
  });

  it('stays within every limit, including the 6000 total, for huge hostile input', () => {
    const huge = ('@everyone **x** ' + '漢字😀'.repeat(3) + ' _y_ ').repeat(5000);
    const alert = sampleAlert(
      {
        title: huge,
        summary: huge,
        source: huge,
        alsoReportedBy: Array.from({ length: 300 }, (_, i) => ({
          source: `${huge.slice(0, 500)}${i}`,
          link: `https://x.example/${i}`,
          title: huge,
          at: '2026-01-01',
        })),
      },
      {
        summary: huge,
        firms: Array.from({ length: 500 }, (_, i) => `Firm ${i} ${huge.slice(0, 50)}`),
        moves: Array.from({ length: 200 }, () => ({ person: huge, from: huge, to: huge, role: huge, direction: huge })),
      },
    );
    const e = renderAlertEmbed(alert, 'ref:abcdef0123');
    assertWithinLimits([e]);
    expect(e.footer!.text.endsWith('ref:abcdef0123')).toBe(true);
    expect(allText(e)).not.toMatch(/@everyone/);
    expect(e.title!.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair when truncating', () => {
    const t = truncate('a' + '😀'.repeat(300), 256);
    expect(t.length).toBeLessThanOrEqual(256);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(t)).toBe(false);
  });
});

describe('random input (seeded)', () => {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = ['a', ' ', '@everyone', '<@&1>', '*', '_', '`', '\\', '\n', '漢', '😀', '\u0000', '[x](y)', '#', '>', '-'];
  const text = (max: number) => Array.from({ length: Math.floor(rnd() * max) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  it('200 random alerts all render within every limit', () => {
    for (let i = 0; i < 200; i++) {
      const n = (m: number) => Math.floor(rnd() * m);
      const alert = sampleAlert(
        {
          title: text(3000),
          summary: text(6000),
          source: text(300),
          link: rnd() < 0.5 ? 'https://x.example/' + text(50) : text(20),
          alsoReportedBy: Array.from({ length: n(40) }, () => ({ source: text(200), link: 'https://y.example/', title: text(100), at: '' })),
        },
        {
          summary: text(6000),
          firms: Array.from({ length: n(60) }, () => text(80)),
          moves: Array.from({ length: n(30) }, () => ({
            person: text(100),
            from: text(100),
            to: text(100),
            role: rnd() < 0.5 ? text(60) : undefined,
            direction: rnd() < 0.5 ? text(10) : undefined,
          })),
        },
      );
      const e = renderAlertEmbed(alert, 'ref:0000000000');
      assertWithinLimits([e]);
      expect(allText(e)).not.toMatch(/@everyone|<@&1>/);
    }
  });
});

describe('fitEmbeds', () => {
  it('brings ten maximal embeds under 6000 in total', () => {
    const big: APIEmbed = {
      title: 't'.repeat(400),
      description: 'd'.repeat(5000),
      footer: { text: 'f'.repeat(100) },
      fields: Array.from({ length: 30 }, () => ({ name: 'n'.repeat(300), value: 'v'.repeat(2000) })),
    };
    const out = fitEmbeds(Array.from({ length: 12 }, () => structuredClone(big)));
    assertWithinLimits(out);
    expect(out.length).toBeGreaterThan(0);
  });
  it('leaves small embeds untouched', () => {
    const e: APIEmbed = { title: 'a', description: 'b', fields: [{ name: 'c', value: 'd' }] };
    expect(fitEmbeds([e])).toEqual([e]);
  });
});

describe('text helpers', () => {
  it('escapes markdown and neutralises mentions', () => {
    expect(escapeMarkdown('*a* _b_ ~c~ `d` |e| [f](g)')).toBe('\\*a\\* \\_b\\_ \\~c\\~ \\`d\\` \\|e\\| \\[f\\]\\(g\\)');
    expect(escapeMarkdown('# h\n> q\n- l')).toBe('\\# h\n\\> q\n\\- l');
    expect(neutraliseMentions('@everyone <@&1> <@!2> <@3>')).toBe('@\u200beveryone <@\u200b&1> <@\u200b!2> <@\u200b3>');
    expect(safeText('a\u0000b')).toBe('a b');
  });
});

describe('replies, notices and digests', () => {
  it('renders a search reply with fields, a More button and the ephemeral flag', () => {
    const m = renderReply({
      type: 'search',
      ephemeral: true,
      query: 'openai',
      total: 25,
      offset: 0,
      hits: [{ alert: sampleAlert(), score: 1, snippet: 'snippet @here' }],
      nextPage: 'search openai offset:10',
      filters: { firms: ['OpenAI'] },
    });
    expect(m.flags).toBe(64);
    expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(m.embeds[0]!.fields![0]!.name).toBe('1. OpenAI researcher joins DeepSeek');
    expect(m.embeds[0]!.fields![0]!.value).toContain('@\u200bhere');
    expect((m.components![0] as any).components[0].custom_id).toBe('talent:more:search openai offset:10');
    expect(
      renderReply({ type: 'search', ephemeral: true, query: 'x', total: 0, offset: 0, hits: [], filters: {}, nextPage: 'x'.repeat(200) }).components,
    ).toBeUndefined();
  });
  it('renders errors with suggestions and usage, and text replies with huge line lists within limits', () => {
    const e = renderReply({
      type: 'error',
      ephemeral: true,
      message: 'Unknown firm "@everyone"',
      suggestions: ['OpenAI'],
      usage: '/talent subscribe <firm|topic>',
    });
    expect(e.embeds[0]!.description).toContain('Did you mean: OpenAI?');
    expect(e.embeds[0]!.description).not.toContain('@everyone');
    const t = renderReply({ type: 'text', ephemeral: false, title: 'Firms', lines: Array.from({ length: 5000 }, (_, i) => `firm ${i}`) });
    assertWithinLimits(t.embeds);
    expect(t.flags).toBeUndefined();
    expect(t.embeds[0]!.description).toMatch(/…and \d+ more$/);
  });
  it('renders notices and digests within limits with mentions off', () => {
    const n = renderContent({ kind: 'notice', text: 'Source @everyone disabled after 10 failures' }, 'ref:1');
    expect(n.allowed_mentions).toEqual({ parse: [] });
    expect(n.embeds[0]!.description).not.toContain('@everyone');
    const alerts = Array.from({ length: 400 }, (_, i) => sampleAlert({ id: String(i), title: `Story ${i} ${'long '.repeat(100)}` }));
    const d = renderDigest({
      title: 'Weekly',
      period: 'weekly',
      sections: Array.from({ length: 12 }, (_, i) => ({ heading: `S${i}`, alerts })),
      flows: Array.from({ length: 50 }, (_, i) => ({ from: `A${i}`, to: `B${i}`, count: i })),
    });
    assertWithinLimits(d.embeds);
    expect(d.files).toBeUndefined();
  });
});
