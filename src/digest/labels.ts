// Chart labels for names in Chinese, Japanese or Korean: the firm knowledge's English name beside
// them where it has one ("百度 (Baidu)"), else pinyin for an all-Chinese name, so a reader who
// does not read the script can still tell the firms apart.
import { pinyin } from 'pinyin-pro';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN = /[A-Za-z]/;
/** Han characters only (with the separators names use); kana or Hangul get no pinyin. */
const HAN_ONLY = /^[\p{Script=Han}\s·・]+$/u;

/** Looks an organisation name or alias up in the firm knowledge (Knowledge.knownOrg). */
export type OrgLookup = (nameOrAlias: string) => string | undefined;

/** Pinyin grouped two syllables a word (most Chinese words are two characters): 字节跳动 → "Zijie Tiaodong". */
export function romanize(han: string): string {
  const words: string[] = [];
  for (const run of han.split(/[\s·・]+/).filter(Boolean)) {
    const syl = pinyin(run, { toneType: 'none', type: 'array' });
    const groups: string[][] = [];
    for (let i = 0; i < syl.length; i += 2) groups.push(syl.slice(i, i + 2));
    const last = groups.at(-1);
    if (groups.length > 1 && last?.length === 1) groups[groups.length - 2]!.push(...groups.pop()!);
    for (const g of groups) {
      const w = g.join('');
      words.push(w.charAt(0).toUpperCase() + w.slice(1));
    }
  }
  return words.join(' ');
}

/** The label a chart shows for a firm or organisation name. */
export function chartLabel(name: string, knownOrg?: OrgLookup): string {
  if (!CJK.test(name) || LATIN.test(name)) return name;
  const known = knownOrg?.(name);
  if (known && known !== name && LATIN.test(known)) return `${name} (${known})`;
  return HAN_ONLY.test(name) ? `${name} (${romanize(name)})` : name;
}
