// `/talent digest daily|weekly|off`: admins choose this channel's digest (in addition to its
// realtime alerts). The confirmation goes to the channel, since it changes what everyone gets.
import type { DigestMode } from '../types.js';
import type { CommandDeps } from './deps.js';
import { CommandSyntaxError, splitOptions, type Token } from './parse.js';
import { refuseUnlessAdmin } from './admin.js';
import type { CommandRequest, Reply } from './types.js';

const MODES: DigestMode[] = ['daily', 'weekly', 'off'];

export async function digest(req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> {
  const { words } = splitOptions(tokens, [], 'digest');
  const mode = MODES.find((m) => m === words[0]?.toLowerCase());
  if (!mode || words.length !== 1)
    throw new CommandSyntaxError(words.length ? `digest takes daily, weekly or off, not "${words.join(' ')}"` : 'say daily, weekly or off', 'digest', MODES);
  const refusal = await refuseUnlessAdmin(req, deps, `/talent digest ${mode}`);
  if (refusal) return refusal;
  await deps.store.setDigest(req.platform, req.channel, mode);
  const s = deps.config.schedule;
  const when =
    mode === 'daily' ? ` (schedule \`${s.digestDaily}\`, ${s.timezone})` : mode === 'weekly' ? ` (schedule \`${s.digestWeekly}\`, ${s.timezone})` : '';
  const line = mode === 'off' ? 'This channel will no longer get a digest.' : `This channel will get a ${mode} digest of its alerts${when}.`;
  return { type: 'text', ephemeral: false, lines: [`${line} (set by ${req.user})`] };
}
