// `/talent search <words> [firm:X] [topic:…] [since:7d] [lang:zh] [page:2]`: the best matches
// from the archive, ten a page, with the command text of the next page. Ephemeral by default:
// one person's lookup should not fill the channel.
import type { Reply } from './types.js';
import type { CommandDeps } from './deps.js';
import { CommandSyntaxError, quoteArg, splitOptions, type Token } from './parse.js';
import { readSearchOptions, SEARCH_KEYS, type SearchOptions } from './search-options.js';

const MAX_QUERY = 300;

export function nextPageText(query: string, o: SearchOptions, page: number): string {
  const parts = ['search'];
  if (query) parts.push(quoteArg(query));
  for (const f of o.firms) parts.push(`firm:${quoteArg(f)}`);
  for (const t of o.topics) parts.push(`topic:${t}`);
  if (o.sinceText) parts.push(`since:${quoteArg(o.sinceText)}`);
  if (o.lang) parts.push(`lang:${o.lang}`);
  if (o.limit) parts.push(`limit:${o.limit}`);
  parts.push(`page:${page}`);
  return parts.join(' ');
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * A Chinese firm name (月之暗面, 字节, 微信) searches as the firm's canonical name, which every
 * alert tagged with that firm is indexed under, so it finds English and Chinese coverage alike.
 */
export function searchText(words: string[], knowledge: CommandDeps['knowledge']): string {
  return words
    .map((w) => {
      const firm = CJK.test(w) ? knowledge.canonicalFirm(w) : undefined;
      return firm ? quoteArg(firm) : w;
    })
    .join(' ');
}

export async function search(tokens: Token[], deps: CommandDeps): Promise<Reply> {
  const now = (deps.now ?? (() => new Date()))();
  const { words, options } = splitOptions(tokens, SEARCH_KEYS, 'search');
  const query = words.join(' ').slice(0, MAX_QUERY).trim();
  const text = searchText(query ? query.split(/\s+/) : [], deps.knowledge);
  const o = readSearchOptions(options, deps.knowledge, now);
  if (!query && !o.firms.length && !o.topics.length) throw new CommandSyntaxError('say what to look for, e.g. /talent search DeepSeek researcher', 'search');
  const limit = o.limit ?? deps.pageSize ?? 10;
  const offset = (o.page - 1) * limit;
  const res = await deps.store.search({
    text,
    firms: o.firms.length ? o.firms : undefined,
    topics: o.topics.length ? o.topics : undefined,
    since: o.sinceIso,
    lang: o.lang,
    limit,
    offset,
  });
  const more = res.hits.length === limit && (res.capped || offset + limit < res.total);
  return {
    type: 'search',
    ephemeral: true,
    query,
    total: res.total,
    offset,
    hits: res.hits,
    nextPage: more ? nextPageText(query, o, o.page + 1) : undefined,
    filters: {
      firms: o.firms.length ? o.firms : undefined,
      topics: o.topics.length ? o.topics : undefined,
      since: o.sinceText,
      lang: o.lang,
    },
  };
}
