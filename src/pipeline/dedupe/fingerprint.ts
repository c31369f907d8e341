// fingerprint(): the buckets the store indexes and the serialized features the matcher compares.
// Buckets are keyed by a time cell so a bucket only gathers stories published close together:
// two grids of CELL_DAYS offset by half a cell, so any two items within CELL_DAYS/2 share a cell.
import type { Fingerprint } from '../../store/store.js';
import type { Assessment, Item } from '../../types.js';
import { extractFeatures, type Features } from './features.js';
import { HALF_CONCEPTS, WEAK_CONCEPTS } from './glossary.js';
import { base36, mix32 } from './hash.js';

export const CELL_DAYS = 6;
const CELL_MIN = CELL_DAYS * 1440;
const BANDS = 4;
const ROWS = 2;
/** Precomputed MinHash seeds: one xor mask per hash function. */
const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => mix32(0x9e3779b9 + i * 0x7f4a7c15));

export const MAX_BUCKETS = 30;
/** Concept buckets per item. */
const CONCEPT_BUCKETS = 2;

function minhash(tokens: number[]): Uint32Array {
  // Unsigned 32-bit lanes hold mix32's values exactly.
  const sig = new Uint32Array(SEEDS.length).fill(0xffffffff);
  for (const tok of tokens) {
    for (let k = 0; k < SEEDS.length; k++) {
      const h = mix32(tok ^ SEEDS[k]);
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

function salientNumbers(f: Features): string[] {
  return f.n.filter((n) => n.startsWith('p') || Number(n) >= 20).slice(0, 2);
}

/** Entity and LSH keys before the time cell is appended. */
export function bucketBases(f: Features): string[] {
  const bases: string[] = [];
  for (const firm of f.f.slice(0, 3)) bases.push(`f:${firm}`);
  for (const p of f.p.slice(0, 2)) bases.push(`p:${p}`);
  for (const n of salientNumbers(f)) bases.push(`n:${n}`);
  // The most specific concepts, the headline's first: full-weight ones before brands and everyday
  // super-app words. Stories without a firm (policy, visas) meet through these.
  const titleFirst = [...f.tc.filter((c) => f.c.includes(c)), ...f.c.filter((c) => !f.tc.includes(c))];
  const specific = titleFirst.filter((c) => !WEAK_CONCEPTS.has(c) && !HALF_CONCEPTS.has(c));
  const half = specific.length < CONCEPT_BUCKETS ? titleFirst.filter((c) => HALF_CONCEPTS.has(c)) : [];
  for (const c of [...specific, ...half].slice(0, CONCEPT_BUCKETS)) bases.push(`c:${c}`);
  if (f.w.length >= 4) {
    const sig = minhash(f.w);
    for (let b = 0; b < BANDS; b++) {
      let h = b;
      for (let r = 0; r < ROWS; r++) h = mix32(h ^ sig[b * ROWS + r]);
      bases.push(`l:${base36(h)}`);
    }
  }
  return bases;
}

export function bucketsFor(f: Features): string[] {
  const a = Math.floor(f.t / CELL_MIN);
  const b = Math.floor((f.t + CELL_MIN / 2) / CELL_MIN);
  const out: string[] = [];
  for (const base of bucketBases(f)) {
    if (out.length + 2 > MAX_BUCKETS) break;
    out.push(`${base}@a${a}`, `${base}@b${b}`);
  }
  return out;
}

export function fingerprint(item: Item, assessment: Assessment): Fingerprint {
  const f = extractFeatures(item, assessment);
  return { buckets: bucketsFor(f), data: JSON.stringify(f) };
}
