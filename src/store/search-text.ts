// Text helpers shared by both store backends, so search behaves the same on SQLite and Redis:
// one tokenizer for indexing and for queries (English words with light stemming; Chinese and
// Japanese runs as overlapping character bigrams plus single characters) and a query parser.
// Filter tags are in filter-tags.ts. The ranking formula and snippets are in search-rank.ts, which builds on these.

const CJK_CLASS = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const SPLIT_CJK = new RegExp(`[${CJK_CLASS}]+|[^${CJK_CLASS}]+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK_CLASS}]`, 'u');
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;

/** Dropped from queries (not from the index) unless nothing else is left. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from has have in is it its of on or s that the to was were will with who what which'.split(' '),
);

/** Light English stemming: plurals only, so "researchers" finds "researcher". */
export function stem(word: string): string {
  const n = word.length;
  // Every rule drops a final "s": "ies" → "y", "sses" → "ss", else "s" unless after s, u or i.
  if (n <= 3 || word.charCodeAt(n - 1) !== 115) return word;
  const prev = word.charCodeAt(n - 2);
  if (prev === 101 && n > 4 && word.charCodeAt(n - 3) === 105) return `${word.slice(0, -3)}y`;
  if (prev === 101 && word.charCodeAt(n - 3) === 115 && word.charCodeAt(n - 4) === 115) return word.slice(0, -2);
  return prev === 115 || prev === 117 || prev === 105 ? word : word.slice(0, -1);
}

/** Splits text into runs: `{ cjk, text }`, Latin-like runs lowercased. */
function runs(text: string): Array<{ cjk: boolean; text: string }> {
  const out: Array<{ cjk: boolean; text: string }> = [];
  // Fast path for plain ASCII (most English feeds): no normalization, no CJK.
  if (ASCII.test(text)) {
    for (const word of text.toLowerCase().match(ASCII_WORD) ?? []) out.push({ cjk: false, text: word });
    return out;
  }
  for (const word of text.toLowerCase().normalize('NFKC').match(WORD_RUN) ?? []) {
    for (const part of word.match(SPLIT_CJK) ?? []) out.push({ cjk: IS_CJK.test(part), text: part });
  }
  return out;
}

/** Bigrams of a CJK run in order, or the run itself when it is one character. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Tokens to index: stems, then per CJK run its bigrams (consecutive, for phrases) and its single characters. */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  if (ASCII.test(text)) {
    // Plain ASCII (most English feeds): the [a-z0-9]+ runs of the lowercased text, found by hand.
    const lower = text.toLowerCase();
    const n = lower.length;
    for (let i = 0; i < n; i++) {
      if (!asciiWordChar(lower.charCodeAt(i))) continue;
      let j = i + 1;
      while (j < n && asciiWordChar(lower.charCodeAt(j))) j++;
      out.push(stem(lower.slice(i, j)));
      i = j;
    }
    return out;
  }
  for (const r of runs(text)) {
    if (!r.cjk) {
      out.push(stem(r.text));
      continue;
    }
    // A CJK run is all BMP characters (CJK_CLASS): one UTF-16 unit each.
    const t = r.text;
    for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
    for (let i = 0; i < t.length; i++) out.push(t[i]);
  }
  return out;
}

function asciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Index text for a full-text engine that splits on spaces. */
export function indexText(text: string): string {
  return indexTokens(text).join(' ');
}

export interface ParsedQuery {
  /** Every group must match; a group's tokens must be adjacent (a phrase). */
  groups: string[][];
  /** Groups that must not match (`-word`). */
  exclude: string[][];
  /** Lowercased words and CJK runs, for snippets and title bonuses. */
  needles: string[];
}

/** Plain words (AND), "quoted phrases", -excluded words; Chinese runs become bigram phrases. */
export function parseQuery(text: string): ParsedQuery {
  const groups: string[][] = [];
  const exclude: string[][] = [];
  const needles: string[] = [];
  const stopped: string[][] = [];
  for (const m of text.matchAll(/(-?)"([^"]*)"|(-?)(\S+)/g)) {
    const quoted = m[2] !== undefined;
    const negate = (quoted ? m[1] : m[3]) === '-';
    const body = quoted ? m[2] : m[4];
    const parts = runs(body);
    if (!parts.length) continue;
    if (quoted) {
      const phrase = parts.flatMap((r) => (r.cjk ? bigrams(r.text) : [stem(r.text)]));
      (negate ? exclude : groups).push(phrase);
      if (!negate) needles.push(...parts.map((r) => (r.cjk ? r.text : stem(r.text))));
      continue;
    }
    for (const r of parts) {
      const group = r.cjk ? bigrams(r.text) : [stem(r.text)];
      if (negate) exclude.push(group);
      else if (!r.cjk && STOPWORDS.has(r.text)) stopped.push(group);
      else {
        groups.push(group);
        needles.push(r.cjk ? r.text : stem(r.text));
      }
    }
  }
  if (!groups.length && stopped.length) {
    groups.push(...stopped);
    needles.push(...stopped.map((g) => g[0]));
  }
  return { groups, exclude, needles };
}
