// "Also reported by": the retellings folded into an alert. Bounded on both backends, so a feed with
// thousands of copies of one story costs O(1) per copy: the first ALSO_KEEP reports are kept (what
// the post lists), the rest are only counted ("+N more"), and the posted message is edited for each
// of the first ALSO_KEEP and then once every ALSO_UPDATE_EVERY.
import type { AlsoReported, Item } from '../types.js';

export const ALSO_KEEP = 10;
export const ALSO_UPDATE_EVERY = 25;
const TITLE_MAX = 300;
const LINK_MAX = 2048;

export function alsoReport(item: Pick<Item, 'source' | 'link' | 'title' | 'published'>): AlsoReported {
  return { source: item.source.slice(0, 100), link: item.link.slice(0, LINK_MAX), title: item.title.slice(0, TITLE_MAX), at: item.published };
}

/** Whether the `count`-th retelling edits the posted messages. */
export function alsoUpdates(count: number): boolean {
  return count > 0 && (count <= ALSO_KEEP || count % ALSO_UPDATE_EVERY === 0);
}

/** Redis keeps the list as a JSON array, or `{"n":count,"r":[…]}` once past ALSO_KEEP. */
export function decodeAlso(raw: string | null | undefined): { reports: AlsoReported[]; count: number } {
  const v = JSON.parse(raw || '[]') as AlsoReported[] | { n: number; r: AlsoReported[] };
  return Array.isArray(v) ? { reports: v, count: v.length } : { reports: v.r, count: v.n };
}
