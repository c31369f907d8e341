import { describe, expect, it } from 'vitest';
import { chartLabel, romanize } from '../../../src/digest/labels.js';
import { loadKnowledge } from '../../../src/knowledge/index.js';

describe('chart labels', () => {
  const k = loadKnowledge('config');

  it('puts the firm knowledge English name beside a Chinese one', () => {
    expect(chartLabel('百度', k.knownOrg)).toBe('百度 (Baidu)');
    expect(chartLabel('騰訊', k.knownOrg)).toBe('騰訊 (Tencent)');
    expect(chartLabel('字节跳动', k.knownOrg)).toBe('字节跳动 (ByteDance)');
  });

  it('romanizes an unknown Chinese name in pinyin, two syllables a word', () => {
    expect(chartLabel('蓝色光标', k.knownOrg)).toBe('蓝色光标 (Lanse Guangbiao)');
    expect(chartLabel('百度')).toBe('百度 (Baidu)');
    expect(romanize('小红书')).toBe('Xiaohongshu');
    expect(romanize('深度求索')).toBe('Shendu Qiusuo');
    expect(romanize('李·白')).toBe('Li Bai');
  });

  it('leaves Latin, mixed, Japanese and Korean names as they are unless the knowledge has them', () => {
    expect(chartLabel('OpenAI', k.knownOrg)).toBe('OpenAI');
    expect(chartLabel('百川 AI', k.knownOrg)).toBe('百川 AI');
    expect(chartLabel('ソニー', k.knownOrg)).toBe('ソニー');
    expect(chartLabel('삼성전자', k.knownOrg)).toBe('삼성전자');
    expect(chartLabel('삼성', k.knownOrg)).toBe('삼성 (Samsung)');
  });
});
