// rankCandidates picks by counting instead of sorting every candidate: same list, same order, as
// the two stable sorts it replaced (kept here as the reference), ties in `at` included.
import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, rankCandidates, type Candidate } from '../../../src/store/near-dup.js';

function reference(buckets: string[], selfId: string, membersOf: (b: string) => readonly Candidate[]): Candidate[] {
  const shared = new Map<string, { c: Candidate; n: number }>();
  for (const b of new Set(buckets))
    for (const c of membersOf(b)) {
      if (c.id === selfId) continue;
      const s = shared.get(c.id);
      if (s) s.n++;
      else shared.set(c.id, { c, n: 1 });
    }
  return [...shared.values()]
    .sort((x, y) => y.n - x.n || x.c.at - y.c.at)
    .slice(0, MAX_CANDIDATES)
    .map((s) => s.c)
    .sort((x, y) => x.at - y.at);
}

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('rankCandidates', () => {
  it('matches the sort-everything reference on random buckets', () => {
    const rnd = random(42);
    for (let round = 0; round < 300; round++) {
      const ids = Math.floor(rnd() * 300) + 1;
      const nb = Math.floor(rnd() * 30) + 1;
      const members = new Map<string, Candidate[]>();
      const at = new Map<string, number>();
      for (let b = 0; b < nb; b++) {
        const list: Candidate[] = [];
        const size = Math.floor(rnd() * 64);
        for (let m = 0; m < size; m++) {
          const id = `a${Math.floor(rnd() * ids)}`;
          if (list.some((c) => c.id === id)) continue;
          if (!at.has(id)) at.set(id, Math.floor(rnd() * 20)); // few distinct times: many ties
          list.push({ id, at: at.get(id)! });
        }
        members.set(`b${b}`, list);
      }
      const buckets = [...members.keys(), 'b0'];
      const of = (b: string) => members.get(b) ?? [];
      expect(rankCandidates({ buckets, data: '' }, 'a0', of)).toEqual(reference(buckets, 'a0', of));
    }
  });
});
