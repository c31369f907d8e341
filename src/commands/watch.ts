// `/talent watch <query>` saves a search for this channel (admins, as for subscribe); `/talent
// watch me <query>` saves one for the person asking, posted to their DMs (anyone). Every new alert
// matching it is posted there, even when no route sends it, once per story (pipeline/watch.ts).
import { randomBytes } from 'node:crypto';
import type { Watch, WatchFilter } from '../store/chat.js';
import type { CommandDeps } from './deps.js';
import { CommandSyntaxError, splitOptions, type Token } from './parse.js';
import { readSearchOptions } from './search-options.js';
import { searchText } from './search.js';
import { refuseUnlessAdmin } from './admin.js';
import type { CommandRequest, Reply } from './types.js';

const MAX_QUERY = 200;
/** Per channel and per person, so one typo loop cannot flood the routing. */
export const MAX_WATCHES = 25;
const KEYS = ['firm', 'topic', 'lang'] as const;

/** Parses the query once, when saved; unknown firms and bad options are syntax errors here. */
export function parseWatch(tokens: Token[], deps: CommandDeps): { query: string; filter: WatchFilter } {
  const { words, options } = splitOptions(tokens, KEYS, 'watch');
  let o;
  try {
    o = readSearchOptions(options, deps.knowledge, new Date());
  } catch (err) {
    if (err instanceof CommandSyntaxError) throw new CommandSyntaxError(err.message, 'watch', err.suggestions);
    throw err;
  }
  const typed = tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ');
  // Words in order, quoted phrases kept quoted so they match as phrases.
  const kept: string[] = [];
  for (const t of tokens) if (kept.length < words.length && t.text === words[kept.length]) kept.push(t.quoted ? `"${t.text}"` : t.text);
  const text = searchText(kept, deps.knowledge);
  if (!words.length && !o.firms.length && !o.topics.length)
    throw new CommandSyntaxError('say what to watch for, e.g. /talent watch "H-1B" or /talent watch me firm:DeepSeek researcher', 'watch');
  if (typed.length > MAX_QUERY) throw new CommandSyntaxError(`keep a watch under ${MAX_QUERY} characters`, 'watch');
  const filter: WatchFilter = { text, firms: o.firms, topics: o.topics };
  if (o.lang) filter.lang = o.lang;
  return { query: typed, filter };
}

export async function watch(req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> {
  const personal = tokens[0] && !tokens[0].quoted && tokens[0].text.toLowerCase() === 'me';
  const { query, filter } = parseWatch(personal ? tokens.slice(1) : tokens, deps);
  const all = await deps.store.listWatches({ platform: req.platform });
  if (!personal) {
    const refusal = await refuseUnlessAdmin(req, deps, `/talent watch ${query}`);
    if (refusal?.type === 'error') return { ...refusal, message: `${refusal.message} Or watch it for yourself: /talent watch me ${query}` };
    if (refusal) return refusal;
  }
  const mine = personal ? all.filter((w) => w.user === req.user) : all.filter((w) => !w.user && w.channel === req.channel);
  if (mine.length >= MAX_WATCHES)
    return {
      type: 'error',
      ephemeral: true,
      message: `${personal ? 'You have' : 'This channel has'} ${MAX_WATCHES} watches already; remove one with /talent unwatch <n> (see /talent watches).`,
    };
  if (mine.some((w) => w.query === query))
    return { type: 'text', ephemeral: true, lines: [`${personal ? 'You are' : 'This channel is'} already watching ${query}.`] };
  let channel = req.channel;
  if (personal) {
    if (!req.openDm)
      return { type: 'error', ephemeral: true, message: 'I cannot send direct messages from here; ask an admin to watch it for the channel instead.' };
    try {
      channel = await req.openDm();
    } catch (err) {
      deps.log?.warn({ err, user: req.user }, 'could not open a DM for a watch');
      return {
        type: 'error',
        ephemeral: true,
        message: 'I could not open a direct message with you (are DMs from this app or server members allowed?). Nothing was saved.',
      };
    }
  }
  const now = (deps.now ?? (() => new Date()))();
  const w: Watch = {
    id: randomBytes(6).toString('hex'),
    platform: req.platform,
    channel,
    query,
    filter,
    from: req.channel,
    createdBy: req.user,
    createdAt: now.toISOString(),
  };
  if (personal) w.user = req.user;
  await deps.store.addWatch(w);
  deps.onChatRoutingChanged?.();
  if (personal)
    return {
      type: 'text',
      ephemeral: true,
      lines: [
        `I'll send you a direct message with every new alert matching ${query}.`,
        'See your watches with /talent watches; stop one with /talent unwatch <n>.',
      ],
    };
  return {
    type: 'text',
    ephemeral: false,
    lines: [
      `This channel will get every new alert matching ${query} (watch set by ${req.user}).`,
      'See the watches with /talent watches; stop one with /talent unwatch <n>.',
    ],
  };
}
