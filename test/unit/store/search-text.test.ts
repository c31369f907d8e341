// Tokenizer, query parser, ranking and snippets shared by both store backends.
import { describe, expect, it } from 'vitest';
import { makeSnippet, rankScore } from '../../../src/store/search-rank.js';
import { bigrams, indexTokens, parseQuery, stem } from '../../../src/store/search-text.js';

// The tokenizer as it was before its hand-written fast paths: both indexes hold tokens it made, so
// the new one must give exactly the same tokens for any text.
function referenceTokens(text: string): string[] {
  const refStem = (w: string) =>
    w.length <= 3
      ? w
      : w.endsWith('ies') && w.length > 4
        ? `${w.slice(0, -3)}y`
        : w.endsWith('sses')
          ? w.slice(0, -2)
          : w.endsWith('s') && !/(ss|us|is)$/.test(w)
            ? w.slice(0, -1)
            : w;
  const cjk = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
  const runs: Array<{ cjk: boolean; text: string }> = [];
  if (/^[\x00-\x7f]*$/.test(text)) for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) runs.push({ cjk: false, text: w });
  else
    for (const w of text
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])
      for (const part of w.match(new RegExp(`[${cjk}]+|[^${cjk}]+`, 'gu')) ?? []) runs.push({ cjk: new RegExp(`^[${cjk}]`, 'u').test(part), text: part });
  const out: string[] = [];
  for (const r of runs) {
    if (!r.cjk) out.push(refStem(r.text));
    else {
      const chars = [...r.text];
      if (chars.length > 1) for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      out.push(...chars);
    }
  }
  return out;
}

describe('search text', () => {
  it('tokenizes any text exactly as the reference tokenizer', () => {
    let seed = 5;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    // Pieces that exercise every rule: plural endings, digits, punctuation, case, CJK and kana,
    // full-width forms NFKC folds, accents, astral characters, ASCII control characters.
    const pieces = [
      'ies',
      'sses',
      'ss',
      'us',
      'is',
      's',
      'es',
      'ties',
      'Companies',
      'CLASSES',
      'bus',
      'AI',
      '3',
      '2026',
      ' ',
      ' ',
      '-',
      '’',
      ',',
      '\n',
      '\t',
      '加盟',
      '百度',
      '研究员',
      'の',
      'カタカナ',
      'ＡＩ',
      'Ｓ',
      'café',
      'Ärzte',
      'İ',
      '😀',
      '𠀋',
      '\u0000',
      'x',
      'q',
      'researchers',
      'e',
      'i',
      'u',
      'Ａｉｅｓ',
      ...['・', '゛', 'ー', '\uD83D', '\uDE00', '\u0301', '가', '〇', 'Ⅻ', '\u9ffd', '\uFA6E', 'ǅ', 'ﬁ', '①'],
    ];
    for (let n = 0; n < 5000; n++) {
      const len = 1 + Math.floor(rnd() * 8);
      let text = '';
      for (let k = 0; k < len; k++) text += pieces[Math.floor(rnd() * pieces.length)];
      expect(indexTokens(text), JSON.stringify(text)).toEqual(referenceTokens(text));
    }
    // Every BMP character, alone and between a Latin letter and a CJK one.
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`a${ch}加${ch}s`, `${ch}${ch}`])
        if (indexTokens(text).join('|') !== referenceTokens(text).join('|')) expect(indexTokens(text), `U+${c.toString(16)}`).toEqual(referenceTokens(text));
    }
    for (const w of ['ties', 'dies', 'kisses', 'sses', 'asses', 'bus', 'bias', 'cats', 'xies', 'ss', 'is', 'eies'])
      expect(stem(w)).toBe(referenceTokens(w)[0] ?? w);
  });

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
