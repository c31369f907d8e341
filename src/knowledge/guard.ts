// Context rules for ambiguous aliases (Apple, Amazon, Meta, Grab, X, LINE, Tesla, Kimi ...).
import { fold, isWordChar } from './fold.js';
import type { GuardEntry } from './schema.js';

export interface Guard {
  term: string;
  case: boolean;
  notBefore: Set<string>;
  notAfter: Set<string>;
  requires: string[];
  notAfterName: boolean;
}

// Words that may stand before a standalone name without making it part of a longer name.
const FUNCTION_WORDS = new Set(
  'a an the on to at of for from and or but with by into in about via like as rival owner on-platform than over onto across inside within while its his her their'.split(
    ' ',
  ),
);

export function compileGuard(g: GuardEntry): Guard {
  return {
    term: g.term,
    case: g.case,
    notBefore: new Set(g.notBefore.map((w) => fold(w))),
    notAfter: new Set(g.notAfter.map((w) => fold(w))),
    requires: g.requires.map((w) => fold(w)),
    notAfterName: g.notAfterName,
  };
}

const SKIP = /[\s\-‐–'’"“”]/;

function wordBefore(text: string, start: number): { word: string; gap: string } {
  let i = start - 1;
  let gap = '';
  while (i >= 0 && SKIP.test(text[i])) gap = text[i--] + gap;
  let word = '';
  while (i >= 0 && isWordChar(text[i])) word = text[i--] + word;
  return { word, gap };
}

function wordAfter(text: string, end: number): string {
  let i = end;
  while (i < text.length && SKIP.test(text[i])) i++;
  let word = '';
  while (i < text.length && isWordChar(text[i])) word += text[i++];
  return word;
}

/** Substring search that respects Latin word boundaries ("ai" is not found in "said"). */
export function containsWord(folded: string, term: string): boolean {
  const latin = isWordChar(term[0]);
  for (let i = folded.indexOf(term); i >= 0; i = folded.indexOf(term, i + 1)) {
    if (!latin || (!isWordChar(folded[i - 1]) && !isWordChar(folded[i + term.length]))) return true;
  }
  return false;
}

/** True when the hit at [start, end) passes the guard's context rules. */
export function passesGuard(g: Guard, original: string, folded: string, start: number, end: number): boolean {
  if (g.case && original.slice(start, end) !== g.term) return false;
  const before = wordBefore(folded, start);
  if (before.word && g.notBefore.has(before.word)) return false;
  const after = wordAfter(folded, end);
  if (after && g.notAfter.has(after)) return false;
  if (g.requires.length && !g.requires.some((r) => containsWord(folded, r))) return false;
  if (g.notAfterName) {
    const ob = wordBefore(original, start);
    if (ob.word && !/[.!?:;]/.test(ob.gap) && /^[A-Z0-9]/.test(ob.word) && !FUNCTION_WORDS.has(ob.word.toLowerCase())) return false;
  }
  return true;
}
