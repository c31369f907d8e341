// Person names across scripts: "王可馨", "Wang Kexin" and "Kexin Wang" all normalize to "kexin wang".
import { pinyin } from 'pinyin-pro';
import { isCjk } from './fold.js';

const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '慕容',
  '令狐',
  '皇甫',
  '尉迟',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '公孙',
  '端木',
  '独孤',
  '南宫',
  '西门',
]);
const cache = new Map<string, string>();
const CACHE_MAX = 5000;
const NON_LETTER = /[^a-z\s]+/g;
const SPACES = /\s+/;
const DIACRITICS = /[\u0300-\u036f]/g;
const HONORIFIC = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame']);

function romanizeChinese(name: string): string[] {
  const surnameLen = name.length >= 3 && COMPOUND_SURNAMES.has(name.slice(0, 2)) ? 2 : 1;
  // 吕 is written Lu (or Lü) in English coverage: ü keys as u, as a Latin "Lü" does once its diacritic goes.
  const syl = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).map((s) => s.replace(/ü/g, 'u'));
  return [syl.slice(0, surnameLen).join(''), syl.slice(surnameLen).join('')].filter(Boolean);
}

/**
 * Script-independent key for a person's name: romanized, lower case, tokens sorted, so word order
 * (family name first or last) and hyphens do not matter. Empty string when nothing usable remains.
 */
export function personKey(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const trimmed = name.trim();
  let tokens: string[];
  let cjk = 0;
  for (let i = 0; i < trimmed.length; i++) if (isCjk(trimmed.charCodeAt(i))) cjk++;
  if (cjk >= 2 && cjk === trimmed.replace(/[\s·・]/g, '').length) tokens = romanizeChinese(trimmed.replace(/[\s·・]/g, ''));
  else {
    const plain = trimmed.normalize('NFD').replace(DIACRITICS, '').toLowerCase().replace(/-/g, '').replace(NON_LETTER, ' ');
    tokens = plain.split(SPACES).filter((t) => t.length > 0);
    // Honorifics and titles are not the name ("Mr Rizal Pratama", "Dr. Chen Wei").
    if (tokens.length > 2 || (tokens.length === 2 && !HONORIFIC.has(tokens[1]))) tokens = tokens.filter((t, i) => i > 0 || !HONORIFIC.has(t));
  }
  const key = tokens.sort().join(' ');
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(name, key);
  return key;
}

/** Romanization of one CJK character (first reading), cached; used to meet English proper nouns. */
const charCache = new Map<number, string>();
export function charPinyin(code: number): string {
  let s = charCache.get(code);
  if (s === undefined) {
    s = pinyin(String.fromCharCode(code), { toneType: 'none', type: 'array' })[0] ?? '';
    s = s.replace('ü', 'v');
    if (charCache.size < 20000) charCache.set(code, s);
  }
  return s;
}
