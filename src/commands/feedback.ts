// The "Not relevant" and "Mute source 7 d" actions on every alert, platform-neutral. Slack
// buttons and Discord components arrive through the same signed endpoints as commands and land
// here: the alert is looked up, the verdict stored with the alert's features (for
// `talent-radar feedback export`), and a mute suppresses that source in that channel until it expires.
import type { Feedback, Mute } from '../store/chat.js';
import { isFeedbackAction, MUTE_DAYS, refCacheKey } from '../feedback/ref.js';
import type { Alert, Platform } from '../types.js';
import type { CommandDeps } from './deps.js';
import { refuseUnlessAdmin } from './admin.js';
import type { Reply } from './types.js';

export interface FeedbackRequest {
  platform: Platform;
  channel: string;
  user: string;
  /** As sent by the button: `not_relevant` or `mute`. */
  action: string;
  /** The alert id, or `#hash` (see feedback/ref.ts). */
  ref: string;
  isAdmin: () => Promise<boolean>;
}

const error = (message: string): Reply => ({ type: 'error', ephemeral: true, message });

export function featuresOf(
  alert: Alert,
): Pick<Feedback, 'source' | 'lang' | 'title' | 'summary' | 'link' | 'published' | 'topics' | 'firms' | 'score' | 'moves'> {
  const a = alert.assessment;
  return {
    source: alert.source,
    lang: alert.lang,
    title: alert.title,
    summary: alert.summary,
    link: alert.link,
    published: alert.published,
    topics: a.topics,
    firms: a.firms,
    score: a.score,
    moves: a.moves.map((m) => ({ person: m.person, from: m.from, to: m.to })),
  };
}

async function resolve(ref: string, deps: CommandDeps): Promise<Alert | null> {
  const id = ref.startsWith('#') ? await deps.store.cacheGet(refCacheKey(ref.slice(1))) : ref;
  return id ? deps.store.getAlert(id) : null;
}

export function createFeedbackHandler(deps: CommandDeps): (req: FeedbackRequest) => Promise<Reply> {
  return async (req) => {
    let reply: Reply;
    try {
      reply = await handle(req, deps);
    } catch (err) {
      deps.log?.error({ err, platform: req.platform }, 'feedback action failed');
      reply = error('Something went wrong saving that (the archive may be unreachable); please try again in a minute.');
    }
    deps.metrics?.commands.inc({
      platform: req.platform,
      subcommand: `feedback_${isFeedbackAction(req.action) ? req.action : 'unknown'}`,
      outcome: reply.type === 'error' ? 'error' : 'ok',
    });
    return reply;
  };
}

async function handle(req: FeedbackRequest, deps: CommandDeps): Promise<Reply> {
  if (!isFeedbackAction(req.action)) return error('That button is not one I know; it may come from an older version of the bot.');
  if (!req.ref || req.ref.length > 2000 || !req.channel || !req.user) return error('That action arrived without the alert it belongs to; nothing was saved.');
  const alert = await resolve(req.ref, deps);
  if (!alert) return error('That alert is no longer in the archive, so nothing was saved.');
  if (req.action === 'mute') {
    const refusal = await refuseUnlessAdmin(req, deps, `the "Mute source" button`);
    if (refusal) return refusal;
  }
  const now = (deps.now ?? (() => new Date()))();
  const fb: Feedback = {
    alertId: alert.id,
    platform: req.platform,
    channel: req.channel,
    user: req.user,
    action: req.action,
    at: now.toISOString(),
    ...featuresOf(alert),
  };
  const fresh = await deps.store.addFeedback(fb);
  if (fresh)
    for (const topic of alert.assessment.topics.length ? alert.assessment.topics : ['none'])
      deps.metrics?.feedback.inc({ action: req.action, source: alert.source, topic });
  if (req.action === 'not_relevant') {
    return {
      type: 'text',
      ephemeral: true,
      lines: [
        fresh
          ? `Thanks: “${alert.title}” is marked not relevant. It goes into the feedback export (talent-radar feedback export) used to tune the classifier.`
          : `You already marked “${alert.title}” as not relevant.`,
      ],
    };
  }
  const until = new Date(now.getTime() + MUTE_DAYS * 86_400_000);
  const mute: Mute = { platform: req.platform, channel: req.channel, source: alert.source, until: until.toISOString(), by: req.user };
  await deps.store.addMute(mute);
  deps.onChatRoutingChanged?.();
  return {
    type: 'text',
    ephemeral: false,
    lines: [`Source "${alert.source}" is muted in this channel for ${MUTE_DAYS} days, until ${until.toISOString().slice(0, 10)} (muted by ${req.user}).`],
  };
}
