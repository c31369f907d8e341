// One normalized shape for an interaction, whether it came over HTTP (raw API JSON) or through the
// gateway (discord.js objects), so both paths share the command, reply and deferral logic.
import { ApplicationCommandOptionType, InteractionType, PermissionFlagsBits, type APIInteraction } from 'discord-api-types/v10';
import { POSITIONAL, SPOKEN } from './commands.js';

/** Option as both the API and discord.js (`interaction.options.data`) present it. */
export interface OptionLike {
  name: string;
  type: number;
  value?: string | number | boolean | null;
  focused?: boolean;
  options?: readonly OptionLike[];
}

export interface InteractionInput {
  kind: 'ping' | 'command' | 'autocomplete' | 'component' | 'other';
  id: string;
  token: string;
  applicationId: string;
  channelId: string;
  guildId?: string;
  userId: string;
  /** Member permission bitfield (decimal string); absent in DMs. */
  permissions?: string;
  commandName?: string;
  options: readonly OptionLike[];
  customId?: string;
}

const KIND: Record<number, InteractionInput['kind']> = {
  [InteractionType.Ping]: 'ping',
  [InteractionType.ApplicationCommand]: 'command',
  [InteractionType.ApplicationCommandAutocomplete]: 'autocomplete',
  [InteractionType.MessageComponent]: 'component',
};

export function fromApiInteraction(i: APIInteraction): InteractionInput {
  const data = (i as { data?: { name?: string; options?: OptionLike[]; custom_id?: string } }).data;
  return {
    kind: KIND[i.type] ?? 'other',
    id: i.id,
    token: i.token,
    applicationId: i.application_id,
    channelId: i.channel?.id ?? (i as { channel_id?: string }).channel_id ?? '',
    guildId: i.guild_id,
    userId: i.member?.user?.id ?? i.user?.id ?? '',
    permissions: i.member?.permissions,
    commandName: data?.name,
    options: Array.isArray(data?.options) ? data.options : [],
    customId: data?.custom_id,
  };
}

/** True when the permission bitfield holds Administrator or Manage Server. */
export function hasManageGuild(permissions: string | undefined): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild)) !== 0n;
}

function quote(value: string): string {
  const v = value.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  return /\s/.test(v) ? `"${v}"` : v;
}

/** Free text stays words: a word that looks like `key:value` is quoted so it is not read as an option. */
function freeText(value: string): string {
  return value
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/^[A-Za-z]+[:：]/.test(w) ? `"${w}"` : w))
    .join(' ');
}

/** The subcommand and its options, however nested (subcommand groups included). */
export function subcommandOf(options: readonly OptionLike[]): { sub?: string; opts: readonly OptionLike[] } {
  const sub = options.find((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup);
  if (!sub) return { opts: options };
  if (sub.type === ApplicationCommandOptionType.SubcommandGroup) return subcommandOf(sub.options ?? []);
  return { sub: sub.name, opts: sub.options ?? [] };
}

/** Rebuilds the platform-neutral command text, e.g. `search openai researchers firm:OpenAI topic:talent since:7d`. */
export function commandText(options: readonly OptionLike[]): { subcommand: string; text: string } {
  const { sub, opts } = subcommandOf(options);
  if (!sub) return { subcommand: 'help', text: 'help' };
  const positional = POSITIONAL[sub];
  const parts = [SPOKEN[sub] ?? sub];
  const first = opts.find((o) => o.name === positional);
  if (first?.value !== undefined && first.value !== null) parts.push(freeText(String(first.value)));
  for (const o of opts) {
    if (o.name === positional || o.value === undefined || o.value === null || String(o.value).trim() === '') continue;
    parts.push(`${o.name}:${quote(String(o.value))}`);
  }
  return { subcommand: sub, text: parts.filter(Boolean).join(' ') };
}

export function focusedOption(options: readonly OptionLike[]): { sub?: string; option?: OptionLike } {
  const { sub, opts } = subcommandOf(options);
  return { sub, option: opts.find((o) => o.focused) };
}
