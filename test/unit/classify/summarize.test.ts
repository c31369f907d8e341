import { describe, expect, it } from 'vitest';
import { SUMMARY_LIMIT, plainText, sentences, summarize } from '../../../src/pipeline/summarize.js';
import { classify } from './helpers.js';

const long = (n: number) => Array.from({ length: n }, (_, i) => `Filler sentence number ${i} talks about nothing in particular at some length.`).join(' ');

describe('extractive summary', () => {
  it('keeps whole sentences within 280 characters and prefers who/from/to', () => {
    const s = summarize(
      { title: 'A title', summary: `${long(3)} Lena Hoffmann, who worked at OpenAI, has joined Anthropic. ${long(4)}`, lang: 'en' },
      { moves: [{ person: 'Lena Hoffmann', from: 'OpenAI', to: 'Anthropic' }], firms: ['OpenAI', 'Anthropic'] },
    );
    expect(s.length).toBeLessThanOrEqual(SUMMARY_LIMIT.en);
    expect(s).toContain('Lena Hoffmann, who worked at OpenAI, has joined Anthropic.');
    for (const sent of sentences(s)) expect(sent).toMatch(/[.!?]$/);
  });

  it('keeps Chinese within 140 characters, whole sentences', () => {
    const filler = '这是一句用于填充长度的句子，没有任何实际内容，只是为了测试摘要长度限制是否有效。';
    const s = summarize(
      { title: '标题', summary: `${filler}${filler}前百度研究员刘洋已正式加盟智谱。${filler}${filler}`, lang: 'zh' },
      { moves: [{ person: '刘洋', from: 'Baidu', to: 'Zhipu AI' }] },
    );
    expect(s.length).toBeLessThanOrEqual(SUMMARY_LIMIT.zh);
    expect(s).toContain('前百度研究员刘洋已正式加盟智谱。');
    expect(s.endsWith('。')).toBe(true);
  });

  it('strips HTML and entities', () => {
    expect(plainText('<p>Grab &amp; Gojek <b>race</b></p>')).toBe('Grab & Gojek race');
    const a = classify('<b>Grab</b> adds AI assistant', '<p>Grab&#39;s super app now has an <a href="x">AI assistant</a> for riders.</p>');
    expect(a.summary).not.toMatch(/[<>]/);
    expect(a.summary).toContain("Grab's super app");
  });

  it('does not split at abbreviations', () => {
    expect(sentences('Labs in the U.S. hired him. He starts Monday.')).toEqual(['Labs in the U.S. hired him.', 'He starts Monday.']);
  });

  it('falls back to the title or a cut when one sentence is too long', () => {
    const s = summarize({ title: 'Short title', summary: 'word '.repeat(200).trim() + '.', lang: 'en' });
    expect(s).toBe('Short title');
  });
});
