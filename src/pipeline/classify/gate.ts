// Cheap gates before costly patterns: a pattern that cannot match without one of a few literal
// words is skipped when the folded text (lower case, simplified Chinese; fold.ts) has none of them.
// Sound because fold() maps text to text one character at a time: a text a case-insensitive
// pattern matches holds the word in some case, and its folded form holds the word folded.
// Every word of every gate is looked for in one pass (an automaton built on first use).
import { AhoCorasick } from '../../knowledge/aho.js';
import { fold } from '../../knowledge/index.js';

export { isSpace } from '../../knowledge/fold.js';

/** A gate: the ids of its words. */
export type Gate = Int32Array;

const ids = new Map<string, number>();
let automaton: AhoCorasick<number> | undefined;
let present = new Uint8Array(0);
const marked: number[] = [];
let lastText: string | undefined;

/** A gate open when the folded text holds any of `ws` (as the folded text spells them). */
export function words(...ws: string[]): Gate {
  if (automaton) throw new Error('gate: words() after the first check');
  return Int32Array.from(ws, (w) => {
    const f = fold(w);
    let id = ids.get(f);
    if (id === undefined) ids.set(f, (id = ids.size));
    return id;
  });
}

function look(folded: string): void {
  if (!automaton) {
    automaton = new AhoCorasick<number>({ wordBoundaries: false });
    for (const [w, id] of ids) automaton.add(w, id);
    automaton.build();
    present = new Uint8Array(ids.size);
  }
  for (const id of marked) present[id] = 0;
  marked.length = 0;
  automaton.collect(folded, present, marked);
  lastText = folded;
}

/** True when the folded text holds any of the gate's words. */
export function has(folded: string, gate: Gate): boolean {
  if (folded !== lastText) look(folded);
  for (let i = 0; i < gate.length; i++) if (present[gate[i]] === 1) return true;
  return false;
}

/** True when the text has an ASCII digit (`\d` without the u flag). */
export function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}
