// `/talent unsubscribe <firm|topic>`: admins stop routing a firm or topic to this channel. A
// subscription whose firm has since left the firm list can still be removed by its stored name.
import type { CommandDeps } from './deps.js';
import { CommandSyntaxError, type Token } from './parse.js';
import { refuseUnlessAdmin } from './admin.js';
import { describe, resolveTarget, targetText, type Target } from './target.js';
import type { CommandRequest, Reply } from './types.js';

export async function unsubscribe(req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> {
  const raw = targetText(tokens, 'unsubscribe');
  let target: Target;
  try {
    target = resolveTarget(raw, deps.knowledge, 'unsubscribe');
  } catch (err) {
    const subs = await deps.store.listSubscriptions({ platform: req.platform, channel: req.channel });
    const stored = subs.find((s) => s.value.toLowerCase() === raw.text.toLowerCase() && (!raw.kind || raw.kind === s.kind));
    if (!(err instanceof CommandSyntaxError) || !stored) throw err;
    target = { kind: stored.kind, value: stored.value };
  }
  const refusal = await refuseUnlessAdmin(req, deps, `/talent unsubscribe ${target.value}`);
  if (refusal) return refusal;
  const removed = await deps.store.removeSubscription({ platform: req.platform, channel: req.channel, ...target });
  if (!removed) return { type: 'text', ephemeral: true, lines: [`This channel was not subscribed to ${describe(target)}; /talent list shows what it gets.`] };
  deps.onSubscriptionsChanged?.();
  return {
    type: 'text',
    ephemeral: false,
    lines: [`This channel no longer gets alerts about ${describe(target)} through its subscription (unsubscribed by ${req.user}).`],
  };
}
