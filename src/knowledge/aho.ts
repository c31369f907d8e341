// Aho–Corasick over folded text: every term of every firm and topic is found in one pass.
// Built once per Knowledge; scanning an item never compiles anything.
import { isWordChar } from './fold.js';

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
  /** The root's transitions by code unit (0: stay at the root): most characters of a text are read there. */
  private rootNext = new Int32Array(0);

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
    this.rootNext = new Int32Array(0x10000);
    for (const [c, s] of this.nodes[0].next) this.rootNext[c] = s;
    this.built = true;
    return this;
  }

  /** All matches in folded text; Latin terms respect word boundaries. */
  scan(folded: string): Array<Hit<P>> {
    const hits: Array<Hit<P>> = [];
    let n = 0;
    const nodes = this.nodes;
    const root = this.rootNext;
    for (let i = 0; i < folded.length; i++) {
      const c = folded.charCodeAt(i);
      let nx: number | undefined;
      while (n !== 0 && (nx = nodes[n].next.get(c)) === undefined) n = nodes[n].fail;
      n = n === 0 ? root[c] : nx!;
      const out = nodes[n].out;
      if (out.length === 0) continue;
      for (const pi of out) {
        const p = this.patterns[pi];
        const end = i + 1;
        const start = end - p.text.length;
        if (isWordChar(p.text[0]) && isWordChar(folded[start - 1])) continue;
        if (!p.prefix && isWordChar(p.text[p.text.length - 1]) && isWordChar(folded[end])) continue;
        hits.push({ start, end, payload: p.payload });
      }
    }
    return hits;
  }
}
