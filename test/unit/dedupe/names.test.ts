import { describe, expect, it } from 'vitest';
import { personKey } from '../../../src/pipeline/dedupe/index.js';
import { parseZhNumeral, chineseNumbers, englishNumbers } from '../../../src/pipeline/dedupe/numbers.js';

describe('personKey', () => {
  it('meets Chinese names and their pinyin in either order', () => {
    expect(personKey('林书瑶')).toBe(personKey('Lin Shuyao'));
    expect(personKey('林书瑶')).toBe(personKey('Shuyao Lin'));
    expect(personKey('欧阳明远')).toBe(personKey('Mingyuan Ouyang'));
    expect(personKey('林书瑶')).not.toBe(personKey('林书遥'.replace('遥', '涵')));
  });

  it('ignores case, hyphens and diacritics in Latin names', () => {
    expect(personKey('José Álvarez-Ruiz')).toBe(personKey('jose alvarezruiz'));
    expect(personKey('Kim Min-jun')).toBe(personKey('Minjun Kim'));
    expect(personKey('Ada Brenner')).not.toBe(personKey('Ada Brennan'));
  });
});

describe('numbers', () => {
  const en = (t: string) => {
    const s = new Set<string>();
    englishNumbers(t, s);
    return [...s];
  };
  const zh = (t: string) => {
    const s = new Set<string>();
    chineseNumbers(t, s);
    return [...s];
  };
  it('normalizes English and Chinese amounts to the same values', () => {
    expect(en('a $2.5 billion fund')).toEqual(['2500000000']);
    expect(zh('设立25亿元基金')).toEqual(['2500000000']);
    expect(en('hiring 800 engineers')).toEqual(['800']);
    expect(zh('招募八百名工程师')).toEqual(['800']);
    expect(en('up 12 percent')).toEqual(['p12']);
    expect(zh('增长两成')).toEqual(['p20']);
  });
  it('drops years, tiny counts and numerals inside words', () => {
    expect(en('in 2026 one of 1 firms, the X1 model')).toEqual([]);
    expect(zh('千问模型，一站式服务，2027届')).toEqual([]);
    expect(parseZhNumeral('一千二百')).toBe(1200);
    expect(parseZhNumeral('三万')).toBe(30000);
  });
});
