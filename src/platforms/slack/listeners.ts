// /talent and the "More results" button: ack at once, run the platform-neutral handler, answer via response_url.
import type { App } from '@slack/bolt';
import type { CommandRequest, Reply } from '../../commands/types.js';
import type { Logger } from '../../log.js';
import type { SlackMetrics } from './metrics.js';
import { MORE_ACTION, renderReply, type SlackReply } from './render-reply.js';
import type { FeedbackRequest } from '../../commands/feedback.js';
import { FEEDBACK_ACTION_PREFIX, FEEDBACK_ACTION_RE } from './feedback.js';

export interface ListenerOptions {
  /** The slash command; any command by default, so renaming it in the manifest just works. */
  command: string | RegExp;
  handleCommand: (req: CommandRequest) => Promise<Reply>;
  isAdmin: (userId: string) => Promise<boolean>;
  /** conversations.open with one user: the DM channel id (for `/talent watch me`). */
  openDm?: (userId: string) => Promise<string>;
  /** "Not relevant" / "Mute source" buttons under alerts; absent: they are acknowledged only. */
  handleFeedback?: (req: FeedbackRequest) => Promise<Reply>;
  log: Logger;
  metrics?: SlackMetrics;
}

type Respond = (msg: SlackReply) => Promise<unknown>;

async function run(opts: ListenerOptions, req: CommandRequest, respond: Respond | undefined, extra: Partial<SlackReply> = {}): Promise<void> {
  let reply: Reply;
  try {
    reply = await opts.handleCommand(req);
  } catch (err) {
    opts.log.error({ err, text: req.text }, '/talent handler failed');
    reply = {
      type: 'error',
      ephemeral: true,
      message: 'Something went wrong running that command. Please try again in a minute; if it keeps failing, tell the bot operator.',
    };
  }
  if (!respond) return void opts.log.warn('no response_url to answer on');
  try {
    await respond({ ...renderReply(reply), ...extra });
    opts.metrics?.responded('ok');
  } catch (err) {
    opts.metrics?.responded('failed');
    opts.log.warn({ err }, 'answering through response_url failed');
  }
}

export function registerListeners(app: App, opts: ListenerOptions): void {
  app.command(opts.command, async ({ command, ack, respond }) => {
    await ack();
    const req: CommandRequest = {
      platform: 'slack',
      channel: command.channel_id,
      user: command.user_id,
      text: command.text ?? '',
      isAdmin: () => opts.isAdmin(command.user_id),
      openDm: opts.openDm ? () => opts.openDm!(command.user_id) : undefined,
    };
    await run(opts, req, respond as Respond);
  });

  app.action(MORE_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const value = (action as { value?: string }).value ?? '';
    const b = body as { user?: { id?: string }; channel?: { id?: string } };
    const user = b.user?.id ?? '';
    const req: CommandRequest = { platform: 'slack', channel: b.channel?.id ?? '', user, text: value, isAdmin: () => opts.isAdmin(user) };
    await run(opts, req, respond as Respond | undefined, { replace_original: false });
  });

  // Feedback buttons: signed like commands (same endpoint); the answer goes to the person who clicked,
  // or to the channel for a mute, without replacing the alert.
  app.action(FEEDBACK_ACTION_RE, async ({ ack, body, action, respond }) => {
    await ack();
    const a = action as { action_id?: string; value?: string };
    const b = body as { user?: { id?: string }; channel?: { id?: string } };
    const user = b.user?.id ?? '';
    const channel = b.channel?.id ?? '';
    const fb: FeedbackRequest = {
      platform: 'slack',
      channel,
      user,
      action: (a.action_id ?? '').slice(FEEDBACK_ACTION_PREFIX.length),
      ref: a.value ?? '',
      // In a DM (watch me) the person owns what they receive.
      isAdmin: () => (channel.startsWith('D') ? Promise.resolve(true) : opts.isAdmin(user)),
    };
    const handle = opts.handleFeedback;
    const reply: Reply = handle ? await handle(fb) : { type: 'error', ephemeral: true, message: 'Feedback is not enabled on this bot.' };
    if (!respond) return void opts.log.warn('feedback action without response_url');
    await respond({ ...renderReply(reply), replace_original: false }).catch((err: unknown) => opts.log.warn({ err }, 'answering a feedback action failed'));
  });

  // Link buttons also send block_actions; Slack shows a warning unless they are acknowledged.
  app.action(/^talent_open/, async ({ ack }) => {
    await ack();
  });
}
