// Text folding shared by exact keys and fingerprints: width, case, a cheap traditional→simplified
// map for characters common in tech news, punctuation to spaces.

const TRAD = '們個來時為說對會機電腦軟體網際開發動產業與後實現國際數據據導測試範獲聘領團隊經濟訊號擊標準應用務員職體營運權報導陸華騰訊螞蟻寶從預訓練模語聯盟轉離總裁輔導擴億萬顧問學術廣場長專項補貼門關發佈佈資計劃雙邊兩頭條區塊鏈財閱讀據點選單線務'
  ;
const SIMP = '们个来时为说对会机电脑软体网际开发动产业与后实现国际数据据导测试范获聘领团队经济讯号击标准应用务员职体营运权报导陆华腾讯蚂蚁宝从预训练模语联盟转离总裁辅导扩亿万顾问学术广场长专项补贴门关发布布资计划双边两头条区块链财阅读据点选单线务';

const T2S = new Map<number, string>();
const NEEDS_FOLD = new RegExp(`[\\uff01-\\uff5e\\u3000${TRAD}]`);
for (let i = 0; i < TRAD.length && i < SIMP.length; i++) T2S.set(TRAD.charCodeAt(i), SIMP[i]);

/** Full-width ASCII → half-width, ideographic space → space, traditional → simplified (common subset). Keeps case. */
export function foldChars(s: string): string {
  if (!NEEDS_FOLD.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += T2S.get(c) ?? s[i];
  }
  return out;
}

/** foldChars, lower case. */
export function foldText(s: string): string {
  return foldChars(s).toLowerCase();
}

const PUNCT = /[^\p{L}\p{N}]+/gu;

/** Folded text with every run of punctuation/whitespace collapsed to one space. */
export function foldForKey(s: string): string {
  return foldText(s).replace(PUNCT, ' ').trim();
}

export function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** Share of CJK characters among letters: > 0.3 counts as Chinese text. */
export function cjkShare(s: string): number {
  let cjk = 0;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isCjk(c)) {
      cjk++;
      letters++;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
  }
  return letters === 0 ? 0 : cjk / letters;
}
