// Tokenizer, query parser, ranking and snippets shared by both store backends.
import { describe, expect, it } from 'vitest';
import { makeSnippet, rankScore } from '../../../src/store/search-rank.js';
import { bigrams, indexTokens, parseQuery, stem } from '../../../src/store/search-text.js';

describe('search text', () => {
  it('indexes English words lowercased with plural stemming', () => {
    expect(indexTokens('ByteDance hires 3 Researchers, companies’ AI-leads')).toEqual(['bytedance', 'hire', '3', 'researcher', 'company', 'ai', 'lead']);
    expect(stem('class')).toBe('class');
    expect(stem('status')).toBe('status');
  });

  it('indexes Chinese runs as bigrams followed by single characters', () => {
    expect(bigrams('加盟智谱')).toEqual(['加盟', '盟智', '智谱']);
    expect(indexTokens('百度AI研究员')).toEqual(['百度', '百', '度', 'ai', '研究', '究员', '研', '究', '员']);
  });

  it('parses words, phrases, exclusions and Chinese runs', () => {
    expect(parseQuery('the ByteDance researchers')).toEqual({ groups: [['bytedance'], ['researcher']], exclude: [], needles: ['bytedance', 'researcher'] });
    expect(parseQuery('"Google DeepMind" -rumor 智谱')).toEqual({
      groups: [['google', 'deepmind'], ['智谱']],
      exclude: [['rumor']],
      needles: ['google', 'deepmind', '智谱'],
    });
    expect(parseQuery('百度研究员').groups).toEqual([['百度', '度研', '研究', '究员']]);
    expect(parseQuery('the').groups).toEqual([['the']]);
    expect(parseQuery('  !!! ').groups).toEqual([]);
  });

  it('ranks title matches above summary matches, with only a small lift for recency', () => {
    const q = parseQuery('bytedance researcher');
    const now = Date.parse('2026-06-01T00:00:00Z');
    const title = rankScore(q, { title: 'ByteDance hires researcher', summary: '', publishedMs: now - 30 * 86_400_000, alertScore: 0.2 }, now);
    const body = rankScore(q, { title: 'Funding roundup', summary: 'A ByteDance researcher left.', publishedMs: now, alertScore: 1 }, now);
    expect(title).toBeGreaterThan(body);
  });

  it('makes plain snippets around the first match', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(20)}Then ByteDance hired a researcher from OpenAI. ${'More filler text here. '.repeat(20)}`;
    const s = makeSnippet(text, ['bytedance'], 120);
    expect(s.length).toBeLessThanOrEqual(120);
    expect(s).toContain('ByteDance');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(makeSnippet('short text', ['x'], 120)).toBe('short text');
    expect(makeSnippet('前百度研究员加盟智谱'.repeat(30), ['智谱'], 40)).toContain('智谱');
  });
});
