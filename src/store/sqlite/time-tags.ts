// Publication-time tokens in the FTS5 `tags` column, so a `since` query can end its scan near the
// bound. FTS5 only notices a rowid bound after finding the next match past it, so a conjunction
// with no match in the archive used to cost a walk over the whole doclists even with `since: 3d`.
// Each alert carries three block tokens of its UTC publication day: `dw<day/8>`, `dm<day/64>`,
// `dy<day/512>`; a `since` query ANDs an OR of the blocks that cover the days from the bound's
// 8-day block to the newest archived day (at most 7 + 7 + a few tokens), and the AND runs out of
// postings soon after the bound (at most 7 days past it). The rows in range are the same with or
// without the tokens: the scan still stops at the first rowid past the bound.
const DAY_MS = 86_400_000;
/** Same clamp as ridBase (alerts.ts): publication dates from 1970 to ~2223. */
const MAX_MS = 8e12;
/** Block sizes in days, largest first, each a multiple of the next. */
const LEVELS: ReadonlyArray<readonly [prefix: string, days: number]> = [
  ['dy', 512],
  ['dm', 64],
  ['dw', 8],
];

/** The finest block (`dw`): term_tags counts per block of this many days. */
export const BLOCK_DAYS = 8;

/** The finest block a day falls in, and its token. */
export const blockOf = (day: number) => Math.floor(day / BLOCK_DAYS);
export const blockToken = (block: number) => `dw${block}`;

/** UTC day of a publication time, clamped like the rid. */
export function publicationDay(publishedMs: number): number {
  const t = Number.isFinite(publishedMs) ? Math.min(MAX_MS, Math.max(0, Math.floor(publishedMs))) : 0;
  return Math.floor(t / DAY_MS);
}

/** The time tokens an alert published on `day` carries. */
export function timeTags(day: number): string {
  return LEVELS.map(([p, size]) => `${p}${Math.floor(day / size)}`).join(' ');
}

/** Block tokens that together cover every day from `fromDay` to `toDay` (and at most 7 days before). */
export function timeCover(fromDay: number, toDay: number): string[] {
  const out: string[] = [];
  const step = LEVELS[LEVELS.length - 1][1];
  for (let day = Math.floor(fromDay / step) * step; day <= toDay;) {
    const [p, size] = LEVELS.find(([, s]) => day % s === 0)!;
    out.push(`${p}${day / size}`);
    day += size;
  }
  return out;
}
