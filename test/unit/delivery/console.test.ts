import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsolePoster } from '../../../src/delivery/console.js';
import type { Alert, Delivery } from '../../../src/types.js';

const alert: Alert = {
  id: 'wire:1',
  source: 'wire',
  title: 'Top researcher leaves OpenAI for Moonshot AI',
  summary: 'A senior researcher who led reasoning work at OpenAI has joined Moonshot AI in Beijing as chief scientist, the company said on Monday.',
  link: 'https://news.example/1',
  lang: 'en',
  published: '2026-11-20T09:30:00Z',
  fetchedAt: '2026-11-20T09:31:00Z',
  archivedAt: '2026-11-20T09:31:00Z',
  assessment: {
    relevant: true,
    topics: ['talent'],
    score: 0.9,
    firms: ['OpenAI', 'Moonshot AI'],
    moves: [{ person: 'Jane Doe', from: 'OpenAI', to: 'Moonshot AI', role: 'chief scientist', direction: 'US→CN' }],
    why: [],
    summary: 'A senior OpenAI researcher joined Moonshot AI as chief scientist.',
  },
  alsoReportedBy: [{ source: 'other', link: 'https://other.example/x', title: 'same', at: '2026-11-20T10:00:00Z' }],
};
const d: Delivery = {
  id: 'alert:console:console:wire:1',
  kind: 'alert',
  platform: 'console',
  channel: 'console',
  alertId: 'wire:1',
  attempts: 0,
  createdAt: '2026-11-20T09:31:00Z',
};

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  let s = '';
  out.on('data', (c) => (s += String(c)));
  return { out, text: () => s };
}

describe('ConsolePoster', () => {
  it('prints title, source, time, topics, firms, the move line, summary, link and also-reported-by, without colour off a TTY', async () => {
    const { out, text } = capture();
    const p = new ConsolePoster({ out, env: {} });
    const { messageId } = await p.post(d, { kind: 'alert', alert });
    const t = text();
    expect(t).toContain('Top researcher leaves OpenAI for Moonshot AI');
    expect(t).toContain('wire · 2026-11-20 09:30 UTC · talent · OpenAI, Moonshot AI');
    expect(t).toContain('Jane Doe: OpenAI → Moonshot AI (chief scientist) US→CN');
    expect(t).toContain('A senior OpenAI researcher joined Moonshot AI as chief scientist.');
    expect(t).toContain('https://news.example/1');
    expect(t).toContain('also reported by: other (https://other.example/x)');
    expect(t).not.toContain('\u001b[');
    expect(await p.findPosted(d)).toBe(messageId);
  });

  it('colours a TTY unless NO_COLOR is set, and strips terminal escapes from feed text', async () => {
    const a = capture();
    Object.assign(a.out, { isTTY: true });
    await new ConsolePoster({ out: a.out, env: {} }).post(d, { kind: 'alert', alert: { ...alert, title: 'evil\u001b[2Jtitle' } });
    expect(a.text()).toContain('\u001b[1m');
    expect(a.text()).not.toContain('\u001b[2J');
    const b = capture();
    Object.assign(b.out, { isTTY: true });
    await new ConsolePoster({ out: b.out, env: { NO_COLOR: '1' } }).post(d, { kind: 'alert', alert });
    expect(b.text()).not.toContain('\u001b[');
  });

  it('prints the English gist under a Chinese headline, and "+N more" past the listed retellings', async () => {
    const { out, text } = capture();
    const zh: Alert = {
      ...alert,
      title: '前百度研究员王可馨加盟智谱',
      lang: 'zh',
      alsoCount: 14,
      assessment: { ...alert.assessment, firms: ['Baidu', 'Zhipu AI'], gist: 'Wang Kexin moves from Baidu to Zhipu AI.' },
    };
    await new ConsolePoster({ out, color: false }).post(d, { kind: 'alert', alert: zh });
    const lines = text().split('\n');
    expect(lines[1]).toBe('  Wang Kexin moves from Baidu to Zhipu AI.');
    expect(text()).toContain('also reported by: other (https://other.example/x) +13 more');
  });

  it('prints notices, edits and digests', async () => {
    const { out, text } = capture();
    const p = new ConsolePoster({ out, color: false });
    await p.post({ ...d, kind: 'notice' }, { kind: 'notice', text: 'Feed "x" is working again' });
    await p.update(d, 'console-1', { kind: 'update', alert });
    await p.post(
      { ...d, kind: 'digest' },
      {
        kind: 'digest',
        digest: { title: 'Daily digest', period: 'daily', sections: [{ heading: 'AI talent', alerts: [alert] }], flows: [{ from: 'US', to: 'CN', count: 2 }] },
      },
    );
    expect(text()).toContain('⚠ Feed "x" is working again');
    expect(text()).toContain('(update to console-1)');
    expect(text()).toContain('AI talent (1)');
    expect(text()).toContain('US → CN ×2');
    expect(await p.findPosted({ ...d, id: 'unknown' })).toBeNull();
  });
});
