// Salient numbers in English and Chinese text, normalized to plain values so "5 million yuan",
// "500万元" and "$5m" meet. Percentages are kept apart ("p30"). Years and tiny counts are dropped.

// Not inside a code such as H-1B or O-1.
const EN_NUM = /(?<![a-z0-9.,]|[a-z]-)(\d[\d,]*(?:\.\d+)?)(?:\s|-)?(percent|per cent|%|million|billion|trillion|thousand|bn|mn|tn|m|b|k)?(?![a-z0-9])/gi;
const ZH_NUM = /(?<![A-Za-z0-9.])(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)(多|余)?(%|万|亿|千|成|倍)?/g;
const DIGIT = /\d/;
const COUNTER = /[人名个位家元款座台次项城]/;
const ZH_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ZH_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses 三百, 一千二百, 十五, 千 (= 1000), 5万 style numerals; NaN when not a numeral. */
export function parseZhNumeral(s: string): number {
  if (/^\d/.test(s)) return Number(s);
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in ZH_DIGIT) digit = ZH_DIGIT[ch];
    else if (ch in ZH_UNIT) {
      section += (digit < 0 ? 1 : digit) * ZH_UNIT[ch];
      digit = -1;
    } else if (ch === '万' || ch === '亿') {
      section += digit < 0 ? 0 : digit;
      total += (section || 1) * (ch === '万' ? 1e4 : 1e8);
      section = 0;
      digit = -1;
    } else return NaN;
  }
  return total + section + (digit < 0 ? 0 : digit);
}

function keep(v: number, unit: string | undefined): string | null {
  if (!Number.isFinite(v) || v <= 0) return null;
  if (unit === 'p') return `p${Math.round(v)}`;
  if (!unit && Number.isInteger(v) && v >= 1900 && v <= 2100) return null;
  if (v < 2) return null;
  return String(Math.round(v * 1000) / 1000);
}

const EN_MULT: Record<string, number> = { million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12, thousand: 1e3, k: 1e3 };

/** Counts written as words ("three researchers", "a trio", "a dozen engineers"). */
// Not a compound ("nine-figure", "three-year"): those are no head count.
const EN_COUNT = /\b(three|four|five|six|seven|eight|nine|ten|eleven|twelve|trio|quartet|dozen)\b(?!-)/gi;
const EN_COUNT_VALUE: Record<string, number> = {
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  trio: 3,
  quartet: 4,
  dozen: 12,
};

export function englishNumbers(text: string, out: Set<string>): void {
  EN_COUNT.lastIndex = 0;
  for (let m = EN_COUNT.exec(text); m; m = EN_COUNT.exec(text)) out.add(String(EN_COUNT_VALUE[m[1].toLowerCase()]));
  EN_NUM.lastIndex = 0;
  for (let m = EN_NUM.exec(text); m; m = EN_NUM.exec(text)) {
    const raw = m[1].replace(/,/g, '');
    const unit = m[2]?.toLowerCase();
    let v = Number(raw);
    if (unit === '%' || unit === 'percent' || unit === 'per cent') {
      const k = keep(v, 'p');
      if (k) out.add(k);
      continue;
    }
    if (unit && EN_MULT[unit]) v *= EN_MULT[unit];
    const k = keep(v, unit);
    if (k) out.add(k);
  }
}

/** Chinese text: digits and Chinese numerals with 万/亿/千/成/% units (English units too, e.g. "$410 million"). */
export function chineseNumbers(text: string, out: Set<string>): void {
  ZH_NUM.lastIndex = 0;
  for (let m = ZH_NUM.exec(text); m; m = ZH_NUM.exec(text)) {
    const unit = m[3];
    let v = parseZhNumeral(m[1]);
    // Chinese numerals inside words (一站式, 千问, 万物) are not quantities: require a unit or counter after them.
    if (!DIGIT.test(m[1]) && !unit && !COUNTER.test(text[m.index + m[0].length] ?? '')) continue;
    if (unit === '%') {
      const k = keep(v, 'p');
      if (k) out.add(k);
      continue;
    }
    if (unit === '成') {
      const k = keep(v * 10, 'p');
      if (k) out.add(k);
      continue;
    }
    if (unit === '万') v *= 1e4;
    else if (unit === '亿') v *= 1e8;
    else if (unit === '千') v *= 1e3;
    else if (unit === '倍') continue;
    const k = keep(v, unit);
    if (k) out.add(k);
  }
}
