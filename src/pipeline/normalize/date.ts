// Feed dates → ISO 8601. Missing or unparseable dates become the fetch time; a date further
// in the future than a small clock skew is clamped to the fetch time (and the caller told).
//
// Zones: an explicit offset or zone in the string wins. A date without one is read in the
// source's time zone (`sources[].timezone`, IANA), else Asia/Shanghai for Chinese sources,
// else UTC. "CST" is China Standard Time (UTC+8) on a Chinese or Asia/Shanghai source and
// US Central elsewhere (what Date.parse assumes).

const NO_ZONE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
// 2026年10月31日 10:00, 2026年10月31日10时05分, 2026年10月31日 下午3:05 (时 and 点 both say the hour).
const ZH_DATE =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:(上午|下午|晚上|凌晨|中午)?\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?:\s*[:：]?\s*(\d{1,2})\s*秒?)?)?\s*(?:\(?(?:北京时间|CST|GMT\+0?8(?::?00)?|UTC\+0?8(?::?00)?)\)?)?$/i;
const BEIJING = /北京时间|\bBeijing time\b/i;
/** The default clock skew tolerated before a future date is clamped. */
export const FUTURE_SKEW_MS = 10 * 60_000;

export interface DateOptions {
  /** IANA zone of the source (validated in the config schema). */
  timeZone?: string;
  /** The item's language; `zh` reads CST and zoneless dates as China time. */
  lang?: string;
  /** Called when a date was clamped or could not be read (the caller logs it). */
  onAdjust?: (note: { raw: string; reason: 'future' | 'unparseable'; parsed?: string }) => void;
  skewMs?: number;
}

const SHANGHAI = 'Asia/Shanghai';

/** Offset of `zone` from UTC at instant `t`, in ms (positive east of Greenwich). */
function zoneOffset(t: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** Wall-clock time in `zone` → epoch ms (two passes settle DST edges). */
export function wallTimeToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  if (zone === 'UTC') return guess;
  let t = guess - zoneOffset(guess, zone);
  t = guess - zoneOffset(t, zone);
  return t;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function chinaContext(o: DateOptions): boolean {
  return o.timeZone === SHANGHAI || o.timeZone === 'Asia/Chongqing' || o.timeZone === 'PRC' || (!o.timeZone && !!o.lang?.toLowerCase().startsWith('zh'));
}

function parse(s: string, o: DateOptions): number {
  const china = chinaContext(o);
  const zone = o.timeZone ?? (china ? SHANGHAI : 'UTC');
  if (/^\d{9,13}$/.test(s)) return s.length > 11 ? Number(s) : Number(s) * 1000; // Unix epoch (s or ms)
  let m = NO_ZONE.exec(s);
  if (m) return wallTimeToEpoch(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), zone);
  m = ZH_DATE.exec(s);
  if (m) {
    let h = +(m[5] ?? 0);
    if (m[4] && /下午|晚上/.test(m[4]) && h < 12) h += 12;
    if (m[4] === '凌晨' && h === 12) h = 0;
    // A written Beijing/CST/GMT+8 marker means China time whatever the source says.
    const z = /北京时间|CST|\+0?8/i.test(s) ? SHANGHAI : zone;
    return wallTimeToEpoch(+m[1], +m[2], +m[3], h, +(m[6] ?? 0), +(m[7] ?? 0), z);
  }
  let text = s.replace(/\b(UT)\b/, 'GMT');
  if (BEIJING.test(text)) text = text.replace(BEIJING, '+0800');
  if (china && /\bCST\b/.test(text)) text = text.replace(/\bCST\b/, '+0800');
  return Date.parse(text);
}

export function toIsoDate(raw: string | undefined, fetchedAt: Date, opts: DateOptions = {}): string {
  const s = raw?.trim();
  if (!s) return fetchedAt.toISOString();
  const t = parse(s, opts);
  if (Number.isNaN(t) || t < Date.UTC(1990, 0, 1)) {
    opts.onAdjust?.({ raw: s, reason: 'unparseable' });
    return fetchedAt.toISOString();
  }
  if (t > fetchedAt.getTime() + (opts.skewMs ?? FUTURE_SKEW_MS)) {
    opts.onAdjust?.({ raw: s, reason: 'future', parsed: new Date(t).toISOString() });
    return fetchedAt.toISOString();
  }
  return new Date(t).toISOString();
}
