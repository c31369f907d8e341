// Search filters (firm, topic, language) as tags, one encoding for both store backends: the index
// side (the tags an archived alert carries) and the query side (the tag groups a search asks for)
// go through the same normalization here, so a filter matches what was indexed on both backends.
// Each backend only chooses a spelling: SQLite puts tags in an FTS5 column, where a tag must be
// one alphanumeric token (firm names are hashed); Redis names a ZSET per tag. Both spellings are
// stored (FTS rows, Redis keys), so changing one needs a reindex.

export interface FilterFacets {
  firms: readonly string[];
  topics: readonly string[];
  lang: string;
}

export interface FilterQuery {
  firms?: readonly string[];
  topics?: readonly string[];
  lang?: string;
}

/** How a backend spells a normalized filter value as a tag. */
export interface TagSpelling {
  firm(norm: string): string;
  topic(norm: string): string;
  lang(norm: string): string;
}

/** Firms are case-insensitive and trimmed; topics and languages are compared lowercased. */
const norm = {
  firm: (f: string) => f.trim().toLowerCase(),
  topic: (t: string) => t.toLowerCase(),
  lang: (l: string) => l.toLowerCase(),
};

const alnum = (s: string) => s.replace(/[^a-z0-9]/g, '');

/** SQLite: one FTS5 token per tag, `f<hash>`, `t<topic>`, `l<lang>`. */
export const FTS_TAGS: TagSpelling = {
  firm: (f) => `f${fnv1a(f).toString(36)}`,
  topic: (t) => `t${alnum(t)}`,
  lang: (l) => `l${alnum(l)}`,
};

/** Redis: readable key suffixes, `firm:<name>`, `topic:<topic>`, `lang:<code>`. */
export const KEY_TAGS: TagSpelling = {
  firm: (f) => `firm:${f}`,
  topic: (t) => `topic:${t}`,
  lang: (l) => `lang:${l}`,
};

/** Index direction: every tag an archived alert carries. */
export function alertTags(a: FilterFacets, spell: TagSpelling): string[] {
  return [...a.firms.map((f) => spell.firm(norm.firm(f))), ...a.topics.map((t) => spell.topic(norm.topic(t))), spell.lang(norm.lang(a.lang))];
}

/** Query direction: groups of tags; an alert matches when it carries one tag of every group. */
export function queryTags(q: FilterQuery, spell: TagSpelling): string[][] {
  const groups: string[][] = [];
  if (q.firms?.length) groups.push(q.firms.map((f) => spell.firm(norm.firm(f))));
  if (q.topics?.length) groups.push(q.topics.map((t) => spell.topic(norm.topic(t))));
  if (q.lang) groups.push([spell.lang(norm.lang(q.lang))]);
  return groups;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
