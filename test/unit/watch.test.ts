// Watches match one alert like archive search would find it: words and phrases in the title or
// body, -exclusions, any-of firm/topic filters, language, names in either script.
import { describe, expect, it } from 'vitest';
import { alertText, watchMatches, watchTargets, type Watchable } from '../../src/pipeline/watch.js';
import { routeWithChat } from '../../src/pipeline/chat-routing.js';
import type { Watch, WatchFilter } from '../../src/store/chat.js';

const en: Watchable = {
  title: 'OpenAI researcher Jane Doe joins DeepSeek amid H-1B visa worries',
  summary: 'The chief scientist left after a visa delay.',
  lang: 'en',
  assessment: {
    relevant: true,
    summary: 'Jane Doe moved from OpenAI to DeepSeek.',
    firms: ['OpenAI', 'DeepSeek'],
    topics: ['talent'],
    moves: [{ person: 'Jane Doe', from: 'OpenAI', to: 'DeepSeek' }],
  },
};
const zh: Watchable = {
  title: '前百度文心大模型研究员王可馨加盟智谱',
  summary: '智谱宣布，原百度研究员王可馨正式加盟。',
  lang: 'zh',
  assessment: {
    relevant: true,
    summary: 'Wang Kexin moved from Baidu to Zhipu AI.',
    firms: ['Baidu', 'Zhipu AI'],
    topics: ['talent'],
    moves: [{ person: '王可馨', from: 'Baidu', to: 'Zhipu AI' }],
  },
};
const f = (text: string, o: Partial<WatchFilter> = {}): WatchFilter => ({ text, firms: [], topics: [], ...o });
const matches = (q: WatchFilter, a: Watchable) => watchMatches(q, alertText(a));

describe('watchMatches', () => {
  it('needs every word, anywhere in the title or body, case-insensitive, plurals folded', () => {
    expect(matches(f('jane deepseek'), en)).toBe(true);
    expect(matches(f('visa scientists'), en)).toBe(true);
    expect(matches(f('jane anthropic'), en)).toBe(false);
  });
  it('matches quoted phrases as adjacent words only', () => {
    expect(matches(f('"chief scientist"'), en)).toBe(true);
    expect(matches(f('"scientist chief"'), en)).toBe(false);
    expect(matches(f('"H-1B"'), en)).toBe(true);
  });
  it('drops alerts with an -excluded word', () => {
    expect(matches(f('deepseek -visa'), en)).toBe(false);
    expect(matches(f('deepseek -anthropic'), en)).toBe(true);
  });
  it('applies firm, topic and language filters (any-of), alone or with words', () => {
    expect(matches(f('', { firms: ['DeepSeek'] }), en)).toBe(true);
    expect(matches(f('', { firms: ['Anthropic', 'deepseek'] }), en)).toBe(true);
    expect(matches(f('jane', { firms: ['Anthropic'] }), en)).toBe(false);
    expect(matches(f('', { topics: ['superapp'] }), en)).toBe(false);
    expect(matches(f('jane', { lang: 'zh' }), en)).toBe(false);
    expect(matches(f('', {}), en)).toBe(false);
  });
  it('finds people by name in Chinese and in the English move summary', () => {
    expect(matches(f('王可馨'), zh)).toBe(true);
    expect(matches(f('"Wang Kexin"'), zh)).toBe(true);
    expect(matches(f('王可'), zh)).toBe(true);
    expect(matches(f('王小明'), zh)).toBe(false);
    expect(matches(f('"Zhipu AI"', { lang: 'zh' }), zh)).toBe(true);
  });
});

describe('watchTargets and routeWithChat', () => {
  const w = (id: string, filter: WatchFilter, o: Partial<Watch> = {}): Watch => ({
    id,
    platform: 'slack',
    channel: `C${id}`,
    query: filter.text,
    filter,
    from: 'C0',
    createdBy: 'U1',
    createdAt: '2026-11-30T00:00:00Z',
    ...o,
  });
  it('adds each matching watch once, keeps routed targets, never for irrelevant items', () => {
    const watches = [w('1', f('jane')), w('2', f('anthropic')), w('3', f('deepseek'), { channel: 'CR' })];
    expect(watchTargets(en, watches)).toEqual([
      { platform: 'slack', channel: 'C1' },
      { platform: 'slack', channel: 'CR' },
    ]);
    expect(watchTargets({ ...en, assessment: { ...en.assessment, relevant: false } }, watches)).toEqual([]);
    const routed = routeWithChat({ ...en, source: 'wire' }, [{ platform: 'slack', channel: 'CR' }], { watches, mutes: [] });
    expect(routed).toEqual([
      { platform: 'slack', channel: 'CR' },
      { platform: 'slack', channel: 'C1' },
    ]);
  });
});
