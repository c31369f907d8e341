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
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
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
