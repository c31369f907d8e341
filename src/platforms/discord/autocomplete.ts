// Autocomplete choices for firm-valued options: prefix matches on canonical names first, then the
// knowledge base's own suggestions (which know aliases), then substring matches. Topics for `target`.
import { TOPICS } from '../../types.js';
import { truncate } from './text.js';

export interface FirmKnowledge {
  suggestFirms(text: string, n: number): string[];
  firmNames(): string[];
}

export interface Choice {
  name: string;
  value: string;
}

export function firmChoices(typed: string, knowledge: FirmKnowledge, withTopics: boolean): Choice[] {
  const p = typed.trim().toLowerCase();
  let names: string[] = [];
  let suggested: string[] = [];
  try {
    names = knowledge.firmNames();
    suggested = p ? knowledge.suggestFirms(typed.trim(), 25) : [];
  } catch {
    // An autocomplete answer must come back in time; a failing knowledge base just means fewer choices.
  }
  const pool = withTopics ? [...TOPICS, ...names] : names;
  const starts = pool.filter((n) => n.toLowerCase().startsWith(p));
  const contains = p ? pool.filter((n) => n.toLowerCase().includes(p)) : [];
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const n of [...starts, ...suggested, ...contains]) {
    const v = truncate(n, 100);
    if (!v || seen.has(v)) continue;
    seen.add(v);
    out.push({ name: v, value: v });
    if (out.length === 25) break;
  }
  return out;
}
