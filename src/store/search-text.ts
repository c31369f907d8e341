// Text helpers shared by both store backends, so search behaves the same on SQLite and Redis:
// one tokenizer for indexing and for queries (English words with light stemming; Chinese and
// Japanese runs as overlapping character bigrams plus single characters) and a query parser.
// Filter tags are in filter-tags.ts. The ranking formula and snippets are in search-rank.ts, which builds on these.

const CJK_CLASS = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const ASCII = /^[\x00-\x7f]*$/;

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
  const norm = normalized(text);
  scanRuns(norm, (cjk, from, to) => out.push({ cjk, text: norm.slice(from, to) }));
  return out;
}

/** Lowercased, and NFKC-normalized unless plain ASCII (most English feeds), which NFKC leaves as it is. */
function normalized(text: string): string {
  const lower = text.toLowerCase();
  return ASCII.test(text) ? lower : lower.normalize('NFKC');
}

/**
 * The runs of lowercased, NFKC-normalized text: maximal runs of word characters
 * ([\p{L}\p{N}\p{M}]), each split into its CJK_CLASS and other parts. A table of the BMP says
 * which is which (built on first use); a character outside the BMP is never CJK_CLASS and is
 * looked up by a regex. On ASCII this gives the [a-z0-9]+ runs.
 */
function scanRuns(norm: string, visit: (cjk: boolean, from: number, to: number) => void): void {
  const table = (classes ??= buildClasses());
  const n = norm.length;
  let start = -1;
  let cur = 0;
  for (let i = 0; i < n;) {
    const c = norm.charCodeAt(i);
    let k = table[c];
    let w = 1;
    if (k === SURROGATE) {
      const cp = norm.codePointAt(i)!;
      w = cp > 0xffff ? 2 : 1;
      k = w === 2 && WORD_CHAR.test(String.fromCodePoint(cp)) ? WORD : SEP;
    }
    if (k !== cur) {
      if (cur !== SEP) visit(cur === CJK, start, i);
      start = i;
      cur = k;
    }
    i += w;
  }
  if (cur !== SEP) visit(cur === CJK, start, n);
}

const SEP = 0;
const WORD = 1;
const CJK = 2;
const SURROGATE = 3;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
let classes: Uint8Array | undefined;

function buildClasses(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const cjk = new RegExp(`^[${CJK_CLASS}]$`, 'u');
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) t[c] = SURROGATE;
    else {
      const ch = String.fromCharCode(c);
      if (WORD_CHAR.test(ch)) t[c] = cjk.test(ch) ? CJK : WORD;
    }
  }
  return t;
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
  const norm = normalized(text);
  scanRuns(norm, (cjk, from, to) => {
    if (!cjk) out.push(stem(norm.slice(from, to)));
    else {
      // A CJK run is all BMP characters (CJK_CLASS): one UTF-16 unit each.
      for (let i = from; i + 1 < to; i++) out.push(norm.slice(i, i + 2));
      for (let i = from; i < to; i++) out.push(norm[i]);
    }
  });
  return out;
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
