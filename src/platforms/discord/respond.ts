// Shared interaction logic for the HTTP endpoint and the gateway: PING, autocomplete, /talent commands
// and the "More results" button. Answers directly when the handler is quick, otherwise defers (Discord
// allows 3 s) and edits the deferred response through the interaction webhook when the reply is ready.
import type { REST } from '@discordjs/rest';
import { InteractionResponseType, MessageFlags, Routes, type APIInteractionResponse } from 'discord-api-types/v10';
import type { CommandRequest, Reply } from '../../commands/types.js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import { firmChoices, type AutocompleteKnowledge } from './autocomplete.js';
import { commandText, focusedOption, hasManageGuild, type InteractionInput } from './interaction-input.js';
import { MORE_PREFIX, renderReply, type DiscordMessage } from './render.js';
import type { FeedbackRequest } from '../../commands/feedback.js';
import { FEEDBACK_PREFIX, parseFeedbackId } from './feedback.js';

export type SendInitial = (response: APIInteractionResponse) => Promise<void>;

export interface ResponderOptions {
  rest: REST;
  handleCommand: (req: CommandRequest) => Promise<Reply>;
  /** "Not relevant" / "Mute source" components under alerts. */
  handleFeedback?: (req: FeedbackRequest) => Promise<Reply>;
  /** User ids allowed to subscribe besides Manage Server / Administrator holders. */
  admins: string[];
  knowledge: AutocompleteKnowledge;
  log: Logger;
  metrics?: Metrics;
  /** Defer when the handler has not answered after this long. Default 2000 ms (Discord's limit is 3 s). */
  deferAfterMs?: number;
}

/** Subcommands whose answer concerns only the person asking: deferred as ephemeral. */
const PERSONAL = new Set(['search', 'list', 'firms', 'sources', 'help', 'watches', 'watch-me']);

const FAILED: Reply = { type: 'error', ephemeral: true, message: 'Something went wrong running that command; it was logged. Please try again in a minute.' };

export function createResponder(o: ResponderOptions) {
  const pending = new Set<Promise<void>>();
  const deferAfter = o.deferAfterMs ?? 2_000;

  const webhook = {
    edit: (i: InteractionInput, m: DiscordMessage) =>
      o.rest.patch(Routes.webhookMessage(i.applicationId, i.token, '@original'), { body: { ...m, flags: undefined }, auth: false }),
    send: (i: InteractionInput, m: DiscordMessage) => o.rest.post(Routes.webhook(i.applicationId, i.token), { body: m, auth: false }),
    remove: (i: InteractionInput) => o.rest.delete(Routes.webhookMessage(i.applicationId, i.token, '@original'), { auth: false }),
  };

  async function followUp(i: InteractionInput, reply: Reply, deferredEphemeral: boolean | undefined): Promise<void> {
    const msg = renderReply(reply);
    if (deferredEphemeral === undefined || reply.ephemeral === deferredEphemeral) {
      await webhook.edit(i, msg);
    } else {
      // Ephemerality is fixed at deferral time; send the reply as a follow-up with the right flag instead.
      await webhook.send(i, msg);
      await webhook.remove(i);
    }
  }

  async function runCommand(i: InteractionInput, send: SendInitial): Promise<void> {
    const fromButton = i.kind === 'component';
    const { subcommand, text } = fromButton ? { subcommand: 'search', text: (i.customId ?? '').slice(MORE_PREFIX.length) } : commandText(i.options);
    const req: CommandRequest = {
      platform: 'discord',
      channel: i.channelId,
      user: i.userId,
      text,
      isAdmin: async () => hasManageGuild(i.permissions) || o.admins.includes(i.userId),
      openDm: async () => ((await o.rest.post(Routes.userChannels(), { body: { recipient_id: i.userId } })) as { id: string }).id,
    };
    const work = Promise.resolve()
      .then(() => o.handleCommand(req))
      .catch((err: unknown) => {
        o.log.error({ err, subcommand }, 'discord command handler failed');
        return FAILED;
      });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), deferAfter)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') {
      const data = renderReply(first);
      await send(
        fromButton
          ? { type: InteractionResponseType.UpdateMessage, data: { ...data, flags: undefined } }
          : { type: InteractionResponseType.ChannelMessageWithSource, data },
      );
      return;
    }
    const ephemeral = fromButton ? undefined : PERSONAL.has(subcommand);
    o.metrics?.commands.inc({ platform: 'discord', subcommand, outcome: 'deferred' });
    await send(
      fromButton
        ? { type: InteractionResponseType.DeferredMessageUpdate }
        : { type: InteractionResponseType.DeferredChannelMessageWithSource, data: ephemeral ? { flags: MessageFlags.Ephemeral } : {} },
    );
    const task = work
      .then((reply) => followUp(i, reply, ephemeral))
      .catch((err: unknown) => o.log.warn({ err, subcommand }, 'discord follow-up failed; the user saw "thinking…" only'))
      .finally(() => pending.delete(task));
    pending.add(task);
  }

  /** Answered at once (the store calls are quick): ephemeral to the clicker, in the channel for a mute. */
  async function runFeedback(i: InteractionInput, send: SendInitial): Promise<void> {
    const parsed = parseFeedbackId(i.customId ?? '');
    let reply: Reply;
    if (!parsed || !i.channelId || !i.userId) reply = { type: 'error', ephemeral: true, message: 'That button arrived malformed; nothing was saved.' };
    else if (!o.handleFeedback) reply = { type: 'error', ephemeral: true, message: 'Feedback is not enabled on this bot.' };
    else {
      const req: FeedbackRequest = {
        platform: 'discord',
        channel: i.channelId,
        user: i.userId,
        action: parsed.action,
        ref: parsed.ref,
        // No guild: a DM (watch me), which the person owns.
        isAdmin: async () => !i.guildId || hasManageGuild(i.permissions) || o.admins.includes(i.userId),
      };
      reply = await o.handleFeedback(req).catch((err: unknown) => {
        o.log.error({ err }, 'discord feedback handler failed');
        return FAILED;
      });
    }
    await send({ type: InteractionResponseType.ChannelMessageWithSource, data: renderReply(reply) });
  }

  return {
    async handle(i: InteractionInput, send: SendInitial): Promise<void> {
      switch (i.kind) {
        case 'ping':
          return send({ type: InteractionResponseType.Pong });
        case 'autocomplete': {
          const { option } = focusedOption(i.options);
          const choices = option ? firmChoices(String(option.value ?? ''), o.knowledge, option.name === 'target') : [];
          return send({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
        }
        case 'command':
          return runCommand(i, send);
        case 'component':
          if (i.customId?.startsWith(MORE_PREFIX)) return runCommand(i, send);
          if (i.customId?.startsWith(FEEDBACK_PREFIX)) return runFeedback(i, send);
          return send({ type: InteractionResponseType.DeferredMessageUpdate });
        default:
          return send({
            type: InteractionResponseType.ChannelMessageWithSource,
            data: { ...renderReply({ type: 'error', ephemeral: true, message: 'This interaction is not supported; try /talent help.' }) },
          });
      }
    },
    /** Resolves when every follow-up started so far has finished. */
    async idle(): Promise<void> {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

export type Responder = ReturnType<typeof createResponder>;
