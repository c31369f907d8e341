// Commands through the discord.js gateway (used when DISCORD_PUBLIC_KEY is not set). Kept thin: each
// discord.js interaction is mapped to the same InteractionInput as the HTTP path, and the initial
// response goes through the REST interaction callback, so the reply and deferral logic is shared.
import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { Logger } from '../../log.js';
import { COMMAND_NAMES } from './commands.js';
import type { InteractionInput, OptionLike } from './interaction-input.js';
import type { Responder, SendInitial } from './respond.js';

/** The parts of a discord.js Interaction we read. */
export interface GatewayInteractionLike {
  id: string;
  token: string;
  applicationId: string;
  type: number;
  channelId: string | null;
  guildId: string | null;
  user: { id: string };
  memberPermissions: { bitfield: bigint } | null;
  commandName?: string;
  options?: { data: readonly OptionLike[] };
  customId?: string;
}

export interface GatewayClientLike {
  on(event: 'interactionCreate', listener: (i: GatewayInteractionLike) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  login(token: string): Promise<unknown>;
  destroy(): Promise<void> | void;
}

const KIND: Record<number, InteractionInput['kind']> = { 1: 'ping', 2: 'command', 3: 'component', 4: 'autocomplete' };

export function fromGatewayInteraction(i: GatewayInteractionLike): InteractionInput {
  return {
    kind: KIND[i.type] ?? 'other',
    id: i.id,
    token: i.token,
    applicationId: i.applicationId,
    channelId: i.channelId ?? '',
    guildId: i.guildId ?? undefined,
    userId: i.user.id,
    permissions: i.memberPermissions ? i.memberPermissions.bitfield.toString() : undefined,
    commandName: i.commandName,
    options: i.options?.data ?? [],
    customId: i.customId,
  };
}

export function callbackSender(rest: REST, i: { id: string; token: string }): SendInitial {
  return async (response) => {
    await rest.post(Routes.interactionCallback(i.id, i.token), { body: response, auth: false });
  };
}

export function attachGateway(client: GatewayClientLike, o: { rest: REST; responder: Responder; log: Logger }): void {
  // An unhandled 'error' event would end the process; a gateway hiccup must not stop polling and posting.
  client.on('error', (err) => o.log.warn({ err }, 'discord gateway error (discord.js reconnects by itself)'));
  client.on('interactionCreate', (raw) => {
    const input = fromGatewayInteraction(raw);
    if (input.kind === 'command' && !COMMAND_NAMES.has(input.commandName ?? '')) return;
    o.responder.handle(input, callbackSender(o.rest, input)).catch((err: unknown) => o.log.warn({ err, id: input.id }, 'discord gateway interaction failed'));
  });
}

/** A discord.js Client with only the Guilds intent (interactions need no privileged intents). */
export async function createGatewayClient(apiUrl: string): Promise<GatewayClientLike> {
  const { Client, GatewayIntentBits } = await import('discord.js');
  return new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } }) as unknown as GatewayClientLike;
}
