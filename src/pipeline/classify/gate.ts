// Cheap gates before costly patterns: a pattern that cannot match without one of a few literal
// words is skipped when the folded text (lower case, simplified Chinese; fold.ts) has none of them.
// Sound because fold() maps text to text one character at a time: a text a case-insensitive
// pattern matches holds the word in some case, and its folded form holds the word folded.
import { fold } from '../../knowledge/index.js';

/** Words as the folded text spells them. */
export const words = (...ws: string[]): readonly string[] => ws.map((w) => fold(w));

/** True when the folded text holds any of the words. */
export function has(folded: string, ws: readonly string[]): boolean {
  for (const w of ws) if (folded.includes(w)) return true;
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
