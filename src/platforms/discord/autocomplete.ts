// Autocomplete choices for firm-valued options. Prefix matches on canonical names and aliases come
// first, then substring matches, then (for 3+ characters) the knowledge base's edit-distance
// suggestions, which catch typos. Topics are offered too for `target`.
import { TOPICS } from '../../types.js';
import { truncate } from './text.js';

/** The slice of the relevance engine's knowledge (src/knowledge) autocomplete reads; commands read theirs (FirmKnowledge in commands/deps.ts). */
export interface AutocompleteKnowledge {
  suggestFirms(text: string, n: number): string[];
  firmNames(): string[];
  /** Canonical name → firm with aliases (Knowledge has it); lets `gdm` or `字节` complete to the firm. */
  firms?: ReadonlyMap<string, { name: string; aliases: string[] }>;
}

export interface Choice {
  name: string;
  value: string;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

export function firmChoices(typed: string, knowledge: AutocompleteKnowledge, withTopics: boolean): Choice[] {
  const q = fold(typed.trim());
  let names: string[] = [];
  let aliases: Array<[string, string]> = [];
  try {
    names = knowledge.firmNames();
    const allowed = new Set(names);
    for (const f of knowledge.firms?.values() ?? []) if (allowed.has(f.name)) for (const a of f.aliases) aliases.push([fold(a), f.name]);
  } catch {
    // An autocomplete answer must come back in time; a failing knowledge base just means fewer choices.
    aliases = [];
  }
  const pool = withTopics ? [...TOPICS, ...names] : names;
  const ranked: string[] = [
    ...pool.filter((n) => fold(n).startsWith(q)),
    ...aliases.filter(([a]) => a.startsWith(q)).map(([, n]) => n),
    ...(q ? pool.filter((n) => fold(n).includes(q)) : []),
    ...(q ? aliases.filter(([a]) => a.includes(q)).map(([, n]) => n) : []),
  ];
  if (q.length >= 3 && new Set(ranked).size < 5) {
    try {
      ranked.push(...knowledge.suggestFirms(typed.trim(), 10));
    } catch {
      // see above
    }
  }
  const out: Choice[] = [];
  for (const n of new Set(ranked)) {
    const v = truncate(n, 100);
    if (v) out.push({ name: v, value: v });
    if (out.length === 25) break;
  }
  return out;
}
