// `/talent subscribe <firm|topic>`: admins route a firm's or topic's alerts to this channel.
// The confirmation is posted in the channel (not ephemeral): everyone there gets the new feed.
import type { CommandDeps } from './deps.js';
import type { Token } from './parse.js';
import { refuseUnlessAdmin } from './admin.js';
import { describe, resolveTarget, targetText } from './target.js';
import type { CommandRequest, Reply } from './types.js';

export async function subscribe(req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> {
  const target = resolveTarget(targetText(tokens, 'subscribe'), deps.knowledge, 'subscribe');
  const refusal = await refuseUnlessAdmin(req, deps, `/talent subscribe ${target.value}`);
  if (refusal) return refusal;
  const now = (deps.now ?? (() => new Date()))();
  const added = await deps.store.addSubscription({
    platform: req.platform,
    channel: req.channel,
    ...target,
    createdBy: req.user,
    createdAt: now.toISOString(),
  });
  if (!added) return { type: 'text', ephemeral: true, lines: [`This channel is already subscribed to ${describe(target)}.`] };
  deps.onSubscriptionsChanged?.();
  return {
    type: 'text',
    ephemeral: false,
    lines: [`This channel now gets alerts about ${describe(target)} (subscribed by ${req.user}).`, 'See everything it receives with /talent list.'],
  };
}
