// `/talent sources add <url> [name]` (admins): checks the URL with the poller's own fetcher (SSRF
// guard, limits), fetches it once, and stores it, so every replica polls it from its next tick.
// Its first poll records the backlog as seen, like a config source. Nothing changes on a refusal.
import type { SourceConfig } from '../config/schema.js';
import type { ChatSource } from '../store/chat.js';
import type { FeedProbe } from '../sources/probe.js';
import { errorCode } from '../sources/errors.js';
import type { CommandDeps } from './deps.js';
import { CommandSyntaxError, splitOptions, type Token } from './parse.js';
import { refuseUnlessAdmin } from './admin.js';
import type { CommandRequest, Reply } from './types.js';

const NAME = /^[\w.-]{1,64}$/;
const KIND: Record<FeedProbe['kind'], string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** Slack sends links as `<https://x|label>` or `<https://x>`; people paste them as typed. */
export function cleanUrl(raw: string): string {
  const m = /^<([^|>]+)(\|[^>]*)?>$/.exec(raw.trim());
  return (m ? m[1] : raw).trim();
}

/** A name from the host: `www.techwire.example` → `techwire.example`. */
export function nameFromUrl(url: URL): string {
  return url.hostname
    .replace(/^www\./, '')
    .replace(/[^\w.-]/g, '-')
    .slice(0, 64);
}

export function toSourceConfig(s: ChatSource): SourceConfig {
  return { name: s.name, url: s.url, kind: s.kind, firms: [], topics: [], backfill: 0, enabled: true };
}

const refuse = (message: string): Reply => ({ type: 'error', ephemeral: true, message });

function probeProblem(err: unknown, url: string): string {
  const code = errorCode(err);
  const why = err instanceof Error ? err.message : String(err);
  if (code === 'BLOCKED_ADDRESS') return `I can't add ${url}: it points at a private or internal address, and I only fetch public feeds.`;
  if (code === 'NOT_A_FEED' || code === 'MALFORMED' || code === 'EMPTY' || code === 'UNSAFE_XML')
    return `${url} is not a feed I can read (${why}). Nothing was added.`;
  return `I couldn't fetch ${url} (${code}: ${why}). Nothing was added; check the URL and try again.`;
}

export async function sourcesAdd(req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> {
  // The URL is taken as typed (any scheme), so `ftp://…` gets its own answer, not "unknown option".
  const rawUrl = tokens[0] ? cleanUrl(tokens[0].text) : '';
  const { words, options } = splitOptions(tokens.slice(1), ['name'], 'sources');
  if (!rawUrl || words.length > 1 || (words.length === 1 && options.length))
    throw new CommandSyntaxError('give the feed URL and, optionally, a short name', 'sources');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new CommandSyntaxError(`"${rawUrl}" is not a URL; give the full address, e.g. https://example.com/feed.xml`, 'sources');
  }
  if (!/^https?:$/.test(url.protocol)) throw new CommandSyntaxError('only http and https feeds can be added', 'sources');
  const name = words[0] ?? options.find((o) => o.key === 'name')?.value ?? nameFromUrl(url);
  if (!NAME.test(name)) throw new CommandSyntaxError(`"${name}" can't be a source name: use letters, digits, "-", "_" or "." (at most 64)`, 'sources');
  const refusal = await refuseUnlessAdmin(req, deps, `/talent sources add ${url.href} ${name}`);
  if (refusal) return refusal;

  const chat = await deps.store.listChatSources();
  const all = [
    ...deps.config.sources.map((s) => ({ name: s.name, url: s.url, from: 'the config file' })),
    ...chat.map((s) => ({ name: s.name, url: s.url, from: 'chat' })),
  ];
  const sameName = all.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (sameName)
    return refuse(`There is already a source named "${sameName.name}" (from ${sameName.from}). Pick another name: /talent sources add ${url.href} <name>`);
  const sameUrl = all.find((s) => s.url === url.href);
  if (sameUrl) return refuse(`${url.href} is already polled as "${sameUrl.name}" (from ${sameUrl.from}).`);
  if (!deps.probeFeed) return refuse('Adding sources from chat is not available in this process.');

  let probe: FeedProbe;
  try {
    probe = await deps.probeFeed(url.href);
  } catch (err) {
    return refuse(probeProblem(err, url.href));
  }
  const now = (deps.now ?? (() => new Date()))();
  const source: ChatSource = {
    name,
    url: url.href,
    kind: probe.kind,
    addedBy: req.user,
    addedAt: now.toISOString(),
    platform: req.platform,
    channel: req.channel,
  };
  if (probe.title) source.title = probe.title.slice(0, 200);
  if (!(await deps.store.addChatSource(source))) return refuse(`There is already a source named "${name}" (from chat).`);
  deps.log?.info({ source: name, url: url.href, by: req.user }, 'source added from chat');
  return {
    type: 'text',
    ephemeral: false,
    lines: [
      `Added source "${name}": ${probe.title ? `“${probe.title}”, ` : ''}${KIND[probe.kind]}, ${probe.items} item${probe.items === 1 ? '' : 's'} now (added by ${req.user}).`,
      'Its current items are recorded as seen; new stories from it are picked up from the next poll on every replica.',
    ],
  };
}
