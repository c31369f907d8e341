// The classifier's fast paths must give what the plain versions give: fold and toSimplified by table
// against the per-character definitions, the Aho–Corasick automaton against a naive search, the
// literal-word gates against their patterns, plainText's shortcut against its regex passes.
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../../src/knowledge/aho.js';
import { fold, isSpace, isWordChar, toSimplified } from '../../../src/knowledge/fold.js';
import { has, words } from '../../../src/pipeline/classify/gate.js';
import { plainText } from '../../../src/pipeline/summarize.js';

/** fold() as specified: one UTF-16 unit at a time, traditional → simplified else lower case when that keeps the length. */
function foldRef(text: string): string {
  let out = '';
  for (const c of text.split('')) {
    const s = toSimplified(c);
    if (s !== c) out += s;
    else {
      const l = c.toLowerCase();
      out += l.length === 1 ? l : c;
    }
  }
  return out;
}

function rand(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fold', () => {
  it('lower-cases each character on its own, whatever the letters around it', () => {
    for (const s of ['ΟΔΟΣ', 'ΑΣ Β', 'İstanbul', '𐐀𐐁 AB', '騰訊 ABC Σ', 'é É À Ç 騰訊', 'x\u0130y', '\ud800a', 'a\udc00', 'ǅ Dž ẞ', 'KELVIN \u212a'])
      expect(fold(s)).toBe(foldRef(s));
  });

  it('matches the per-character definition on random mixed text', () => {
    const r = rand(7);
    const pick = () => {
      const x = r();
      if (x < 0.3) return Math.floor(r() * 128);
      if (x < 0.6) return 0x80 + Math.floor(r() * 0x600);
      if (x < 0.9) return 0x4e00 + Math.floor(r() * 0x5000);
      return Math.floor(r() * 0x10000);
    };
    for (let k = 0; k < 20_000; k++) {
      const s = String.fromCharCode(...Array.from({ length: 1 + Math.floor(r() * 14) }, pick));
      expect(fold(s)).toBe(foldRef(s));
    }
  });

  it('keeps length and maps traditional to simplified', () => {
    expect(fold('騰訊與阿里巴巴爭奪AI人才')).toBe('腾讯与阿里巴巴争夺ai人才');
    expect(toSimplified('騰訊 AI')).toBe('腾讯 AI');
    expect(toSimplified('plain text')).toBe('plain text');
  });
});

describe('isSpace', () => {
  it('is exactly the \\s of a regular expression', () => {
    for (let c = 0; c < 0x10000; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) expect(c.toString(16)).toBe('a \\s mismatch');
  });
});

describe('AhoCorasick', () => {
  const naive = (terms: string[], text: string) => {
    const out: string[] = [];
    for (let end = 1; end <= text.length; end++)
      terms.forEach((t, i) => {
        const prefix = t.length > 1 && t.endsWith('*');
        const w = prefix ? t.slice(0, -1) : t;
        const start = end - w.length;
        if (start < 0 || text.slice(start, end) !== w) return;
        if (isWordChar(w[0]) && isWordChar(text[start - 1])) return;
        if (!prefix && isWordChar(w[w.length - 1]) && isWordChar(text[end])) return;
        out.push(`${start}-${end}:${i}`);
      });
    return out;
  };

  it('finds what a naive search finds, in Latin and Chinese, with word boundaries and prefix terms', () => {
    const terms = ['ai', 'openai', 'poach*', 'he', 'hers', 'his', 'she', '人才', '挖角', '腾讯', '讯飞', '大模型', '模型', 'ai人才', 'a', 'ab', 'bc', 'abc'];
    const ac = new AhoCorasick<number>();
    terms.forEach((t, i) => ac.add(t, i));
    ac.build();
    const r = rand(3);
    const alphabet = 'abcdehirsopn .-ai人才挖角腾讯飞大模型x';
    for (let k = 0; k < 3000; k++) {
      const text = Array.from({ length: Math.floor(r() * 30) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
      const hits = ac.scan(text).map((h) => `${h.start}-${h.end}:${h.payload}`);
      // The automaton lists hits by end, then longest first: compare as sets per end.
      expect(hits.sort()).toEqual(naive(terms, text).sort());
    }
  });

  it('without word boundaries finds terms inside words', () => {
    const ac = new AhoCorasick<number>({ wordBoundaries: false });
    ac.add('hir', 0);
    ac.build();
    expect(ac.scan('hiring chirps').map((h) => h.start)).toEqual([0, 8]);
  });
});

describe('gates', () => {
  it('are open when the folded text holds a word, in any case or script form', () => {
    const g = words('denie', '腾讯', 'talks');
    expect(has(fold('He DENIES it'), g)).toBe(true);
    expect(has(fold('騰訊否认'), g)).toBe(true);
    expect(has(fold('in TALKS with'), g)).toBe(true);
    expect(has(fold('nothing here'), g)).toBe(false);
  });
});

describe('plainText', () => {
  it('returns text that is already plain as it is, and cleans the rest as before', () => {
    expect(plainText('Already plain text.')).toBe('Already plain text.');
    expect(plainText(' lead space')).toBe('lead space');
    expect(plainText('two  spaces\u00a0and nbsp ')).toBe('two spaces and nbsp');
    expect(plainText('a <b>bold</b> &amp; tag')).toBe('a bold & tag');
    expect(plainText('')).toBe('');
  });
});
