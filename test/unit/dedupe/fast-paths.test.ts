// The dedupe fast paths against their plain definitions: base36 against toString(36), shortHash
// against two FNV passes, foldChars and foldForKey against the per-character definition (fuzzed),
// the title key's word count against the split-and-filter definition.
import { describe, expect, it } from 'vitest';
import { cjkShare, foldChars, foldForKey } from '../../../src/pipeline/dedupe/fold.js';
import { base36, fnv1a, shortHash } from '../../../src/pipeline/dedupe/hash.js';
import { titleKeyText } from '../../../src/pipeline/dedupe/keys.js';

/** A small deterministic generator (LCG). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
}

function randomText(next: () => number, alphabet: string[], max: number): string {
  let s = '';
  const n = Math.floor(next() * max);
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

const ALPHABET = [...' \t\n-_.,!?\'"aAzZmq09é，（）　负責業這裡於將中文字科技早报ＡＢ１ｚ'].concat(['\ud83d\ude00', '\ud800']);

// The definitions the fast paths replaced.
const T2S_PROBE = '負責業這裡於將';
const T2S_SIMPLE = '负责业这里于将';
function foldCharsSlow(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const t = T2S_PROBE.indexOf(s[i]);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += t >= 0 ? T2S_SIMPLE[t] : s[i];
  }
  return out;
}
const foldForKeySlow = (s: string) =>
  foldCharsSlow(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('dedupe fast paths', () => {
  it('base36 equals toString(36) over the 32-bit range', () => {
    const next = rng(1);
    const xs = [0, 1, 35, 36, 1295, 1296, 46655, 46656, 1679615, 1679616, 2176782335, 2176782336, 0xffffffff];
    for (let i = 0; i < 20000; i++) xs.push(Math.floor(next() * 2 ** 32) >>> Math.floor(next() * 32));
    for (const x of xs) expect(base36(x)).toBe(x.toString(36));
  });

  it('shortHash is the two FNV passes in base 36', () => {
    const next = rng(2);
    for (let i = 0; i < 2000; i++) {
      const s = randomText(next, ALPHABET, 40);
      expect(shortHash(s)).toBe(fnv1a(s).toString(36) + fnv1a(s, 0x9747b28c).toString(36));
    }
  });

  it('foldChars and foldForKey equal the per-character definition', () => {
    const next = rng(3);
    for (let i = 0; i < 20000; i++) {
      const s = randomText(next, ALPHABET, 16);
      expect(foldChars(s)).toBe(foldCharsSlow(s));
      expect(foldForKey(s)).toBe(foldForKeySlow(s));
    }
  });

  it('the title key counts content words as split and filter did', () => {
    const GENERIC = new Set('daily news the a of and today weekly roundup'.split(' '));
    const words = [
      'daily',
      'news',
      'the',
      'a',
      'of',
      'and',
      'today',
      '12',
      '2026',
      'jan',
      'monday',
      'sept',
      'orbitline',
      'hires',
      'robotics',
      'lead',
      'x1',
      'may',
    ];
    const next = rng(4);
    for (let i = 0; i < 5000; i++) {
      const n = Math.floor(next() * 9);
      const title = Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(next() < 0.5 ? ' ' : ' - ');
      const folded = foldForKey(title);
      const dateish = (w: string) => /^(\d+|jan|sept|may|monday)$/.test(w);
      const content = folded.split(' ').filter((w) => !GENERIC.has(w) && !dateish(w));
      const expected = !folded || cjkShare(folded) > 0.3 ? undefined : content.length >= 4 && folded.length >= 24 ? folded : null;
      if (expected !== undefined) expect(titleKeyText(title)).toBe(expected);
    }
  });
});
