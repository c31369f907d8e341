// `/talent watches`: this channel's watches, then the asker's own (DM) watches on this platform,
// numbered; `/talent unwatch <n>` takes a number from that list. Ephemeral.
import type { Watch } from '../store/chat.js';
import type { CommandDeps } from './deps.js';
import { CommandSyntaxError, splitOptions, type Token } from './parse.js';
import { refuseUnlessAdmin } from './admin.js';
import type { CommandRequest, Reply } from './types.js';

/** The numbered list a person sees in a channel: the channel's watches first, then their own. */
export async function visibleWatches(req: CommandRequest, deps: CommandDeps): Promise<Watch[]> {
  const all = await deps.store.listWatches({ platform: req.platform });
  return [...all.filter((w) => !w.user && w.channel === req.channel), ...all.filter((w) => w.user === req.user)];
}

export function describeWatch(w: Watch): string {
  return `${w.query} — ${w.user ? 'your DMs' : 'this channel'} (by ${w.createdBy}, ${w.createdAt.slice(0, 10)})`;
}

export async function watches(req: CommandRequest, deps: CommandDeps): Promise<Reply> {
  const list = await visibleWatches(req, deps);
  const lines = list.map((w, i) => `${i + 1}. ${describeWatch(w)}`);
  if (!lines.length)
    lines.push('No watches here yet. /talent watch me <words> sends you matching alerts in a DM; admins can watch for the channel with /talent watch <words>.');
  else lines.push('Stop one with /talent unwatch <n>.');
  return { type: 'text', ephemeral: true, title: 'Watches', lines };
}

export async function unwatch(req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> {
  const { words } = splitOptions(tokens, [], 'unwatch');
  const n = Number(words[0]);
  if (words.length !== 1 || !Number.isInteger(n) || n < 1) throw new CommandSyntaxError('give the number of a watch from /talent watches', 'unwatch');
  const list = await visibleWatches(req, deps);
  const w = list[n - 1];
  if (!w)
    return {
      type: 'error',
      ephemeral: true,
      message: `There is no watch ${n} here${list.length ? ` (there ${list.length === 1 ? 'is 1' : `are ${list.length}`})` : ''}; /talent watches lists them.`,
    };
  if (!w.user) {
    const refusal = await refuseUnlessAdmin(req, deps, `/talent unwatch ${n}`);
    if (refusal) return refusal;
  }
  if (!(await deps.store.removeWatch(w.id)))
    return { type: 'error', ephemeral: true, message: 'That watch was already removed; /talent watches lists what is left.' };
  deps.onChatRoutingChanged?.();
  if (w.user) return { type: 'text', ephemeral: true, lines: [`Stopped watching ${w.query} for you.`] };
  return { type: 'text', ephemeral: false, lines: [`This channel no longer watches ${w.query} (removed by ${req.user}).`] };
}
