// Builders shared by the store contract sections. Time is near the real clock so backends
// that also set real TTLs (Redis EXPIRE) behave; expiry itself is driven by the batch `now`.
import type { Assessment, Delivery, Item } from '../../src/types.js';
import type { IngestBatch, IngestEntry, NearDupMatcher } from '../../src/store/store.js';

export const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
export const DAY = 86_400_000;

export function at(offsetMs: number): Date {
  return new Date(T0.getTime() + offsetMs);
}

export function item(id: string, o: Partial<Item> = {}): Item {
  return {
    id,
    source: 'wire',
    title: `Story ${id}`,
    summary: `Summary of story ${id}.`,
    link: `https://news.example/${id}`,
    lang: 'en',
    published: T0.toISOString(),
    fetchedAt: T0.toISOString(),
    ...o,
  };
}

export function assessment(o: Partial<Assessment> = {}): Assessment {
  return { relevant: true, topics: ['talent'], score: 0.8, firms: [], moves: [], why: ['test'], summary: 'one line', ...o };
}

export function entry(it: Item, o: Partial<IngestEntry> = {}): IngestEntry {
  return { item: it, assessment: assessment(), keys: [`url:${it.link}`], archive: true, targets: [], ...o };
}

export const never: NearDupMatcher = () => false;
export const always: NearDupMatcher = () => true;

export function batch(entries: IngestEntry[], o: Partial<IngestBatch> = {}): IngestBatch {
  return { entries, matcher: never, retentionSec: 30 * 86_400, now: T0, ...o };
}

export function delivery(id: string, o: Partial<Delivery> = {}): Delivery {
  return { id, kind: 'notice', platform: 'console', channel: 'ops', body: `body ${id}`, attempts: 0, createdAt: T0.toISOString(), ...o };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
