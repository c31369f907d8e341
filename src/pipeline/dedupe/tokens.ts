// Tokenization for near-duplicate features: English content-word stems, Chinese character bigrams,
// bilingual concepts, and romanized proper nouns (capitalized English words; pinyin of Chinese windows).
import { EN_CONCEPT, ZH_CONCEPT } from './glossary.js';
import { fnv1a, tokenHash } from './hash.js';
import { charPinyin } from './names.js';
import { isCjk } from './fold.js';

const STOP = new Set(
  (
    'a an the and or but of in on at to for from by with as is are was were be been being has have had it its this that these those ' +
    'he she they them his her their we our you your i not no so than then there here who whom which what when where why how ' +
    'will would can could may might should must do does did said says say according people familiar matter person ' +
    'also just more most some any all both each other into over after before about up out new latest first last year years ' +
    'month months week weeks day days now still while since until only very much many such own one two three four five ' +
    'per via amid against across under within without like already yet again another including based ' +
    // Words in nearly every story of the beat: they say nothing about which event it is.
    'ai artificial intelligence generative genai app apps tech technology company companies firm firms giant giants industry business'
  ).split(' '),
);

/** Second halves of compounds that describe the first ("Doubao-powered"), whose concept then counts. */
const PART_SUFFIX = new Set(['powered', 'based', 'backed', 'led', 'driven', 'enabled', 'branded', 'owned', 'made', 'built', 'run', 'native', 'first', 'style']);

export interface TokenSink {
  /** Lexical tokens (hashed): English stems, Latin words inside Chinese text, Chinese bigrams. */
  words: Set<number>;
  concepts: Set<string>;
  /** Romanized proper nouns (hashed), to meet across scripts. */
  proper: Set<number>;
  /** Words not to count as lexical tokens (the item's firm names: firms are compared on their own). */
  skip?: Set<string>;
  /**
   * How many words and proper nouns the caller keeps (the first ones, in order of insertion): once a
   * set holds that many, further tokens for it are not computed, as they could never be kept.
   */
  maxWords?: number;
  maxProper?: number;
}

export function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

/** One Latin word (original case) into the sink. */
function latinWord(lower: string, capitalized: boolean, sink: TokenSink): void {
  if (lower.length < 2) return;
  // "US" (capitalized; "us" is a pronoun) is the country.
  if (capitalized && lower === 'us') {
    sink.concepts.add('usa');
    return;
  }
  // A capitalized short or common word may be a name (He, An, Ma): kept as a proper noun only.
  if (STOP.has(lower)) {
    if (capitalized) sink.proper.add(tokenHash(lower));
    return;
  }
  const s = stem(lower);
  const concept = EN_CONCEPT.get(lower) ?? (s !== lower ? EN_CONCEPT.get(s) : undefined);
  // Concept words count through their concept (once, in both languages), not again as words.
  if (concept) sink.concepts.add(concept);
  else if (!(sink.words.size >= (sink.maxWords ?? Infinity)) && !sink.skip?.has(s)) sink.words.add(tokenHash(s));
  if (capitalized && !(sink.proper.size >= (sink.maxProper ?? Infinity))) sink.proper.add(tokenHash(s === lower ? s : lower));
}

function bigram(a: number, b: number): number {
  let h = 0x3c6ef372;
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  return h & 0x3fffffff;
}

/** Pinyin windows only for the first characters of a text: names and products come early. */
const romanizeLimit = 40;

/**
 * Bigrams in nearly every Chinese story of the beat (announcements, launches, "AI", "users"): like
 * English stop words they say nothing about which event a story covers.
 */
const ZH_STOP = new Set(
  '宣布 表示 称， 发布 推出 上线 正式 已经 目前 将在 可以 能够 通过 进行 支持 用户 功能 服务 平台 公司 集团 智能 人工 工智 大模 模型 一句 句话 直接 自动 首批 部分 开放 基于 相关 方面 此前 近日 日前 今年 去年 未来 记者 消息 报道 获悉 了解 据悉 其中 以及 并且 同时 成为 一个 一步 这是 认为 分析 业内 人士 表明 显示 希望 计划 负责 相关 工作 技术 科技 产品 应用 团队'.split(
    ' ',
  ),
);

/** ZH_STOP as numbers (first code unit × 65536 + second), read without slicing the text. */
const ZH_STOP_CODES = new Set<number>();
for (const w of ZH_STOP) if (w.length === 2) ZH_STOP_CODES.add(w.charCodeAt(0) * 65536 + w.charCodeAt(1));
/** 1 for the code units a Chinese glossary term starts with: the others skip the ZH_CONCEPT lookup. */
const ZH_FIRST = new Uint8Array(65536);
for (const code of ZH_CONCEPT.keys()) ZH_FIRST[code] = 1;

/** The pinyin of a run's first characters, reused by the windows that overlap (charPinyin, one lookup each). */
const runPinyin: string[] = [];

function chineseRun(text: string, start: number, end: number, sink: TokenSink, romanize: boolean): void {
  // Characters inside a glossary term count through its concept, not again as words (as in English).
  let coveredTo = start;
  // Pinyin is needed for positions below romanizeLimit + 3 (the four-character windows).
  const pyEnd = romanize && end - start > 1 && sink.proper.size < (sink.maxProper ?? Infinity) ? Math.min(end, romanizeLimit + 3) : start;
  for (let i = start; i < pyEnd; i++) runPinyin[i - start] = charPinyin(text.charCodeAt(i));
  const maxWords = sink.maxWords ?? Infinity;
  const maxProper = sink.maxProper ?? Infinity;
  let c = text.charCodeAt(start);
  for (let i = start; i < end; i++) {
    const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (i >= coveredTo && ZH_FIRST[c] === 1) {
      const list = ZH_CONCEPT.get(c);
      // (Inside a longer term no shorter one starts: 微信支付 holds no 支付.)
      if (list)
        for (const [term, id] of list)
          if (text.startsWith(term, i)) {
            sink.concepts.add(id);
            coveredTo = Math.max(coveredTo, i + term.length);
            // The longest term at a position is the word: 支付宝 (Alipay) is no 支付 (payment), 创业公司
            // (a startup) no 创业 (founding), 印度尼西亚 (Indonesia) no 印度 (India).
            break;
          }
    }
    if (i + 1 < end && i + 2 > coveredTo && sink.words.size < maxWords && !ZH_STOP_CODES.has(c * 65536 + next)) sink.words.add(bigram(c, next));
    // (A full set of proper nouns takes no more: the windows are not computed.)
    if (romanize && i + 1 < end && i < romanizeLimit && sink.proper.size < maxProper) {
      // FNV-1a is streaming: hashing "a" then continuing with "b" equals hashing "ab".
      const k = i - start;
      const ab = fnv1a(runPinyin[k + 1], fnv1a(runPinyin[k]));
      sink.proper.add(ab & 0x3fffffff);
      if (i + 2 < end && sink.proper.size < maxProper) {
        const abc = fnv1a(runPinyin[k + 2], ab);
        sink.proper.add(abc & 0x3fffffff);
        // Four-character names: compound surnames (欧阳思远) and transliterations.
        if (i + 3 < end && sink.proper.size < maxProper) sink.proper.add(fnv1a(runPinyin[k + 3], abc) & 0x3fffffff);
      }
    }
    c = next;
  }
}

/** Tokenizes mixed English/Chinese text (already width-folded). `romanize` adds pinyin windows of Chinese runs. */
export function tokenize(text: string, sink: TokenSink, romanize: boolean): void {
  let i = 0;
  const n = text.length;
  // Lower-cased once; word characters are ASCII, so indices line up (checked: a few Unicode letters change length).
  const folded = text.toLowerCase();
  const aligned = folded.length === n;
  const lowerText = aligned ? folded : text;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isCjk(c)) {
      let j = i + 1;
      while (j < n && isCjk(text.charCodeAt(j))) j++;
      chineseRun(text, i, j, sink, romanize);
      i = j;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      let j = i + 1;
      let word = '';
      let from = i;
      let parts: string[] | undefined;
      // Hyphenated and apostrophe'd words join: "mini-program" → "miniprogram", "Taobao's" → "taobao".
      for (;;) {
        while (j < n) {
          const d = text.charCodeAt(j);
          if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57)) j++;
          else break;
        }
        word += lowerText.slice(from, j);
        const sep = text.charCodeAt(j);
        const next = text.charCodeAt(j + 1);
        const nextIsAlnum = (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || (next >= 48 && next <= 57);
        if (sep === 45 && nextIsAlnum) {
          (parts ??= []).push(lowerText.slice(from, j));
          from = j + 1;
          j += 2;
        } else if ((sep === 39 || sep === 0x2019) && (next === 115 || next === 83)) {
          j += 2;
          break;
        } else break;
      }
      const lower = aligned ? word : word.toLowerCase();
      latinWord(lower, c >= 65 && c <= 90, sink);
      // "Doubao-powered", "Grok-based": the compound names what powers it.
      if (parts && aligned && PART_SUFFIX.has(lowerText.slice(from, j))) {
        for (const part of parts) {
          const concept = EN_CONCEPT.get(part);
          if (concept) sink.concepts.add(concept);
        }
      }
      i = j;
    } else i++;
  }
}
