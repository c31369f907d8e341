// Hand-written items for the dedupe tests (invented people and events, not eval lines).
import type { Assessment, Item, Move } from '../../../src/types.js';

let n = 0;
export function item(p: Partial<Item> & { title: string; published: string }): Item {
  n++;
  return {
    id: p.id ?? `t${n}`,
    source: p.source ?? `outlet${n}`,
    title: p.title,
    summary: p.summary ?? '',
    link: p.link ?? `https://outlet${n}.example/story/${n}`,
    lang: p.lang ?? 'en',
    published: p.published,
    fetchedAt: p.published,
    ...(p.guid ? { guid: p.guid } : {}),
  };
}

export function assess(firms: string[], move?: Move): Assessment {
  return { relevant: true, topics: move ? ['talent'] : ['superapp'], score: 0.9, firms, moves: move ? [move] : [], why: [], summary: '' };
}
