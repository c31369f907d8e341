// Aho–Corasick over folded text: every term of every firm and topic is found in one pass.
// Built once per Knowledge; scanning an item never compiles anything.
import { isWordCode } from './fold.js';

export interface Hit<P> {
  start: number;
  end: number;
  payload: P;
}

interface Node {
  /** Transitions keyed by UTF-16 code unit. */
  next: Map<number, number>;
  fail: number;
  /** Indexes into `patterns` ending at this node (own and via fail links). */
  out: number[];
}

interface Pattern<P> {
  text: string;
  /** Match a word that merely starts with the term ("poach*" → poached, poaching). */
  prefix: boolean;
  payload: P;
}

export class AhoCorasick<P> {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly patterns: Array<Pattern<P>> = [];
  private built = false;
  // The scanning tables, filled by build():
  /** Column of an ASCII code unit in `delta` (0: no term has it, every state goes back to the root). */
  private asciiCol = new Uint8Array(128);
  private cols = 1;
  /** The full automaton on ASCII: state × column → state, fail links already followed. */
  private delta: Uint16Array | Int32Array = new Int32Array(0);
  /** Code units above ASCII that some term has, one bit each (others send every state back to the root). */
  private used = new Uint32Array(0);
  private fail = new Int32Array(0);
  /** Above ASCII: the first state on a state's fail chain (itself included) with a non-ASCII transition, else 0. */
  private wideFrom = new Int32Array(0);
  /** Above ASCII: the trie's transitions in an open-addressing table of (state, code unit) → state. */
  private wideState = new Int32Array(0);
  private wideUnit = new Int32Array(0);
  private wideNext = new Int32Array(0);
  private wideMask = 0;
  /** Patterns ending at each state: `outList[outStart[n] .. outStart[n + 1])`. */
  private outStart = new Int32Array(0);
  private outList = new Int32Array(0);
  private pLen = new Int32Array(0);
  /** Per pattern: 1 when its first character is a word character (the hit must start a word). */
  private pStartWord = new Uint8Array(0);
  /** Per pattern: 1 when the hit must end a word (not a prefix term, last character a word character). */
  private pEndWord = new Uint8Array(0);
  private payloads: P[] = [];

  /** `wordBoundaries: false` finds terms anywhere, inside words too (plain substring search). */
  constructor(private readonly opts: { wordBoundaries?: boolean } = {}) {}

  /** `text` must already be folded (see fold.ts). A trailing "*" makes it a prefix term. */
  add(term: string, payload: P): void {
    if (this.built) throw new Error('AhoCorasick: add() after build()');
    const prefix = term.length > 1 && term.endsWith('*');
    const text = prefix ? term.slice(0, -1) : term;
    if (!text) return;
    const idx = this.patterns.push({ text, prefix, payload }) - 1;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let nx = this.nodes[n].next.get(c);
      if (nx === undefined) {
        nx = this.nodes.push({ next: new Map(), fail: 0, out: [] }) - 1;
        this.nodes[n].next.set(c, nx);
      }
      n = nx;
    }
    this.nodes[n].out.push(idx);
  }

  build(): this {
    const queue: number[] = [];
    for (const child of this.nodes[0].next.values()) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi];
      for (const [c, s] of this.nodes[r].next) {
        queue.push(s);
        let f = this.nodes[r].fail;
        while (f !== 0 && !this.nodes[f].next.has(c)) f = this.nodes[f].fail;
        const fn = this.nodes[f].next.get(c);
        this.nodes[s].fail = fn !== undefined && fn !== s ? fn : 0;
        this.nodes[s].out.push(...this.nodes[this.nodes[s].fail].out);
      }
    }
    // Scanning tables number the states breadth first: the shallow states a text mostly visits sit together.
    const N = this.nodes.length;
    const order = [0, ...queue];
    const id = new Int32Array(N);
    order.forEach((old, i) => (id[old] = i));
    // ASCII: a dense table, so a Latin text never walks fail links.
    this.asciiCol = new Uint8Array(128);
    this.used = new Uint32Array(0x10000 >>> 5);
    let cols = 1;
    for (const node of this.nodes)
      for (const c of node.next.keys()) {
        if (c < 128 && this.asciiCol[c] === 0) this.asciiCol[c] = cols++;
        this.used[c >>> 5] |= 1 << (c & 31);
      }
    this.cols = cols;
    const delta = N < 0x10000 ? new Uint16Array(N * cols) : new Int32Array(N * cols);
    for (let c = 0; c < 128; c++) {
      const col = this.asciiCol[c];
      const t = this.nodes[0].next.get(c);
      if (col && t !== undefined) delta[col] = id[t];
    }
    // A state's fail target is shallower, so its row is complete when the state's row is filled.
    for (let i = 1; i < N; i++) {
      const node = this.nodes[order[i]];
      const f = id[node.fail];
      for (let col = 1; col < cols; col++) delta[i * cols + col] = delta[f * cols + col];
      for (const [c, t] of node.next) if (c < 128) delta[i * cols + this.asciiCol[c]] = id[t];
    }
    this.delta = delta;
    this.fail = Int32Array.from(order, (old) => id[this.nodes[old].fail]);
    // Non-ASCII transitions (Chinese terms): a hash table, and fail chains that skip states without any.
    const wide: Array<[number, number, number]> = [];
    this.wideFrom = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      let any = false;
      for (const [c, t] of this.nodes[order[i]].next)
        if (c >= 128) {
          wide.push([i, c, id[t]]);
          any = true;
        }
      this.wideFrom[i] = any || i === 0 ? i : this.wideFrom[this.fail[i]];
    }
    let size = 16;
    while (size < wide.length * 2) size *= 2;
    this.wideMask = size - 1;
    this.wideState = new Int32Array(size).fill(-1);
    this.wideUnit = new Int32Array(size);
    this.wideNext = new Int32Array(size);
    for (const [st, c, t] of wide) {
      let h = wideHash(st, c) & this.wideMask;
      while (this.wideState[h] !== -1) h = (h + 1) & this.wideMask;
      this.wideState[h] = st;
      this.wideUnit[h] = c;
      this.wideNext[h] = t;
    }
    this.outStart = new Int32Array(N + 1);
    let total = 0;
    for (let i = 0; i < N; i++) {
      this.outStart[i] = total;
      total += this.nodes[order[i]].out.length;
    }
    this.outStart[N] = total;
    this.outList = new Int32Array(total);
    for (let i = 0; i < N; i++) this.outList.set(this.nodes[order[i]].out, this.outStart[i]);
    const P = this.patterns.length;
    this.pLen = new Int32Array(P);
    this.pStartWord = new Uint8Array(P);
    this.pEndWord = new Uint8Array(P);
    this.payloads = this.patterns.map((p) => p.payload);
    const bounded = this.opts.wordBoundaries !== false;
    this.patterns.forEach((p, i) => {
      this.pLen[i] = p.text.length;
      if (!bounded) return;
      this.pStartWord[i] = isWordCode(p.text.charCodeAt(0)) ? 1 : 0;
      this.pEndWord[i] = !p.prefix && isWordCode(p.text.charCodeAt(p.text.length - 1)) ? 1 : 0;
    });
    this.built = true;
    return this;
  }

  /** All matches in folded text; Latin terms respect word boundaries. */
  scan(folded: string): Array<Hit<P>> {
    const hits: Array<Hit<P>> = [];
    this.each(folded, (start, end, payload) => hits.push({ start, end, payload }));
    return hits;
  }

  /** The state after `n` reads the non-ASCII code unit `c` (one some term has): the trie's transition, following fail links. */
  private wide(n: number, c: number): number {
    const { wideFrom, wideState, wideUnit, wideNext, wideMask, fail } = this;
    n = wideFrom[n];
    for (;;) {
      for (let h = wideHash(n, c) & wideMask; wideState[h] !== -1; h = (h + 1) & wideMask) if (wideState[h] === n && wideUnit[h] === c) return wideNext[h];
      if (n === 0) return 0;
      n = wideFrom[fail[n]];
    }
  }

  /**
   * For number payloads: sets `seen[payload]` to 1 for every match and lists each newly seen payload
   * in `out` (the matches `each` reports).
   */
  collect(this: AhoCorasick<number>, folded: string, seen: Uint8Array, out: number[]): void {
    this.each(folded, (_start, _end, id) => {
      if (seen[id] === 0) {
        seen[id] = 1;
        out.push(id);
      }
    });
  }

  /** Calls `hit` for every match, in the order `scan` lists them (by end, then by pattern). */
  each(folded: string, hit: (start: number, end: number, payload: P) => void): void {
    const { asciiCol, cols, delta, used, outStart, outList, pLen, pStartWord, pEndWord, payloads } = this;
    let n = 0;
    const len = folded.length;
    for (let i = 0; i < len; i++) {
      const c = folded.charCodeAt(i);
      if (c < 128) n = delta[n * cols + asciiCol[c]];
      else if ((used[c >>> 5] & (1 << (c & 31))) === 0) n = 0;
      else n = this.wide(n, c);
      let o = outStart[n];
      const oe = outStart[n + 1];
      if (o === oe) continue;
      const end = i + 1;
      for (; o < oe; o++) {
        const pi = outList[o];
        const start = end - pLen[pi];
        if (pStartWord[pi] === 1 && isWordCode(folded.charCodeAt(start - 1))) continue;
        if (pEndWord[pi] === 1 && isWordCode(folded.charCodeAt(end))) continue;
        hit(start, end, payloads[pi]);
      }
    }
  }
}

function wideHash(state: number, unit: number): number {
  return Math.imul(state, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b);
}
