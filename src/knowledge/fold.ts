// Text folding shared by every matcher: lower case and traditional → simplified Chinese,
// one UTF-16 unit in, one out, so offsets in the folded text are offsets in the original.

// Pairs of traditional/simplified characters common in firm names and in the talent and
// super-app vocabulary. Extend by appending pairs: "TS" where T is traditional, S simplified.
const PAIRS =
  '節节躍跃動动騰腾訊讯螞蚂蟻蚁寶宝團团華华為为譜谱萬万階阶東东訊讯湯汤網网義义問问雲云億亿' +
  '飛飞衝冲資资際际時时實实驗验學学術术體体員员負负責责職职離离轉转聘聘們们來来開开發发' +
  '準准營营銷销費费貨货幣币錢钱買买賣卖點点單单優优惠惠與与過过還还這这個个對对說说' +
  '長长門门問问題题應应級级務务業业產产場场區区號号據据碼码數数庫库遷迁移移頭头條条' +
  '聞闻報报導导記记錄录後后從从經经濟济國国際际歐欧亞亚達达遜逊軟软蘋苹偉伟輝辉臉脸書书' +
  '傳传統统專专屬属總总裁裁監监師师設设計计機机器器習习電电腦脑視视覺觉語语聲声訓训練练' +
  '擴扩張张搶抢奪夺爭争競竞聯联創创辦办齊齐鬥斗寫写讀读錄录頻频鏈链戶户註注冊册醫医藥药' +
  '購购買买網网紅红選选秀秀綜综藝艺團团賽赛轉转會会員员隊队鳥鸟遷迁徙徙獵猎盜盗象象' +
  '鴻鸿蒙蒙盤盘騎骑馬马餓饿麼么剪剪個个訂订幫帮間间綫线線线連连區区貝贝殼壳孫孙趙赵劉刘陳陈' +
  '楊杨黃黄吳吴鄭郑謝谢韓韩馮冯鄧邓許许蕭萧蔣蒋葉叶閻阎鍾钟譚谭鄒邹龔龚嚴严歸归籌筹屆届' +
  '補补貼贴薪薪酬酬獎奖勵励資资紐纽約约滬沪廣广圳圳灣湾臺台塊块鐵铁軍军陸陆氣气無无線线';

const MAP: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = Array.from(PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) if (chars[i] !== chars[i + 1]) m.set(chars[i], chars[i + 1]);
  return m;
})();

/** Folds one character; keeps length so offsets survive. */
function foldChar(c: string): string {
  const s = MAP.get(c);
  if (s) return s;
  const l = c.toLowerCase();
  return l.length === c.length ? l : c;
}

/** foldChar for every UTF-16 code unit, built on first use. */
let FOLD: Uint16Array | undefined;
function foldTable(): Uint16Array {
  if (FOLD) return FOLD;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c < 128 ? (c >= 65 && c <= 90 ? c + 32 : c) : foldChar(String.fromCharCode(c)).charCodeAt(0);
  return (FOLD = t);
}

/** Lower-cases and maps traditional Chinese to simplified, preserving length. */
export function fold(text: string): string {
  // Fast path: lower-casing ASCII keeps length; only non-ASCII characters need the map.
  const len = text.length;
  let i = 0;
  while (i < len && text.charCodeAt(i) < 128) i++;
  if (i === len) return text.toLowerCase();
  // Whole-string lower-casing lower-cases each character on its own too, except for İ (two units),
  // Σ (final sigma depends on the letters around it) and the letters beyond the BMP (per unit, fold
  // leaves surrogates alone). Without those, fold is lower-casing then simplifying (MAP's characters are caseless).
  for (let j = i; j < len; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x130 || c === 0x3a3 || (c >= 0xd800 && c <= 0xdfff)) return foldUnits(text);
  }
  return toSimplified(text.toLowerCase());
}

/** fold() one code unit at a time. */
function foldUnits(text: string): string {
  const len = text.length;
  const t = foldTable();
  const codes = new Uint16Array(len);
  for (let j = 0; j < len; j++) codes[j] = t[text.charCodeAt(j)];
  let out = '';
  for (let j = 0; j < len; j += 4096) out += String.fromCharCode.apply(null, codes.subarray(j, Math.min(len, j + 4096)) as unknown as number[]);
  return out;
}

/** Traditional → simplified by code unit (0: not a traditional character MAP knows). */
const SIMPLIFIED: Uint16Array = (() => {
  const t = new Uint16Array(0x10000);
  for (const [from, to] of MAP) t[from.charCodeAt(0)] = to.charCodeAt(0);
  return t;
})();
/** The code units MAP folds, one bit each (a small table for the scan that usually finds none). */
const TRADITIONAL_BITS: Uint32Array = (() => {
  const b = new Uint32Array(0x10000 >>> 5);
  for (const from of MAP.keys()) b[from.charCodeAt(0) >>> 5] |= 1 << (from.charCodeAt(0) & 31);
  return b;
})();

/** Maps traditional Chinese to simplified, keeping case and length (for pattern rules on Chinese). */
export function toSimplified(text: string): string {
  // MAP's characters are all single code units: mapping code units maps characters, and a surrogate is never one.
  const len = text.length;
  let i = 0;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 && (TRADITIONAL_BITS[c >>> 5] & (1 << (c & 31))) !== 0) break;
  }
  if (i === len) return text;
  const codes = new Uint16Array(len);
  for (let j = 0; j < len; j++) {
    const c = text.charCodeAt(j);
    codes[j] = SIMPLIFIED[c] || c;
  }
  let out = '';
  for (let j = 0; j < len; j += 4096) out += String.fromCharCode.apply(null, codes.subarray(j, Math.min(len, j + 4096)) as unknown as number[]);
  return out;
}

/** True for the characters that make up a Latin word (a boundary check for English terms). */
export function isWordChar(c: string | undefined): boolean {
  if (!c) return false;
  return isWordCode(c.charCodeAt(0));
}

/** isWordChar on a code unit (NaN, past either end of a string, is not one). */
export function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f);
}

export function isCjk(c: string | undefined): boolean {
  if (!c) return false;
  const code = c.charCodeAt(0);
  return code >= 0x3400 && code <= 0x9fff;
}

/** `\s` of a regular expression (WhiteSpace and LineTerminator: what trim() removes too). */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
