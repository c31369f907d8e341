// Small, fast, dependency-free hashes. FNV-1a for keys; a 32-bit mix for token sets.

/** FNV-1a 32-bit over UTF-16 code units. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
/** Every number below 36² as two base-36 digits ("00" … "zz"). */
const PAIRS = Array.from({ length: 1296 }, (_, i) => DIGITS[Math.floor(i / 36)] + DIGITS[i % 36]);

/** An unsigned 32-bit integer in base 36: equal to x.toString(36), two digits per step. */
export function base36(x: number): string {
  const lo = x % 1296;
  x = Math.floor(x / 1296);
  if (x === 0) return lo < 36 ? DIGITS[lo] : PAIRS[lo];
  const mid = x % 1296;
  x = Math.floor(x / 1296);
  if (x === 0) return (mid < 36 ? DIGITS[mid] : PAIRS[mid]) + PAIRS[lo];
  const hi = x % 1296;
  x = Math.floor(x / 1296);
  // Below 2³², x is now 0 or 1.
  if (x === 0) return (hi < 36 ? DIGITS[hi] : PAIRS[hi]) + PAIRS[mid] + PAIRS[lo];
  return DIGITS[x] + PAIRS[hi] + PAIRS[mid] + PAIRS[lo];
}

/** 64-bit-ish short key: two FNV passes with different seeds, base36. Collisions are harmless at news volume. */
export function shortHash(s: string): string {
  // Both passes in one loop: equal to fnv1a(s).toString(36) + fnv1a(s, 0x9747b28c).toString(36).
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return base36(a >>> 0) + base36(b >>> 0);
}

/** Murmur3 finalizer: spreads bits of a 32-bit value. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** 30-bit token hash: small integers (Smis) keep Sets and JSON cheap. */
export function tokenHash(s: string, seed?: number): number {
  return fnv1a(s, seed) & 0x3fffffff;
}
