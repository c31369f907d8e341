// The /talent application command: one command, one subcommand per action, typed options.
import { ApplicationCommandOptionType, ApplicationCommandType, type APIApplicationCommandBasicOption, type RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';

const S = ApplicationCommandOptionType.String;
const SUB = ApplicationCommandOptionType.Subcommand;

/** A watch is a saved search: the same filters as search, words optional when a filter is given. */
const WATCH_OPTIONS: APIApplicationCommandBasicOption[] = [
  { type: S, name: 'query', description: 'Words or names to look for; -word excludes', max_length: 200 },
  { type: S, name: 'firm', description: 'Only stories about this firm', autocomplete: true },
  { type: S, name: 'topic', description: 'Only this topic', choices: [{ name: 'AI talent', value: 'talent' }, { name: 'Super-apps', value: 'superapp' }] },
  { type: S, name: 'lang', description: 'Language of the stories, e.g. en or zh', max_length: 8 },
];

export const TALENT_COMMAND = {
  name: 'talent',
  type: ApplicationCommandType.ChatInput,
  description: 'AI talent migration and super-app news: search the archive, manage this channel’s feed',
  options: [
    {
      type: SUB,
      name: 'search',
      description: 'Search past alerts (English or Chinese)',
      options: [
        { type: S, name: 'query', description: 'Words to look for', required: true, max_length: 200 },
        { type: S, name: 'firm', description: 'Only stories about this firm', autocomplete: true },
        { type: S, name: 'topic', description: 'Only this topic', choices: [{ name: 'AI talent', value: 'talent' }, { name: 'Super-apps', value: 'superapp' }] },
        { type: S, name: 'since', description: 'How far back, e.g. 7d, 24h, 2026-01-01', max_length: 20 },
        { type: S, name: 'lang', description: 'Language of the stories, e.g. en or zh', max_length: 8 },
      ],
    },
    { type: SUB, name: 'subscribe', description: 'Route alerts about a firm or topic to this channel (Manage Server)', options: [{ type: S, name: 'target', description: 'Firm name or topic (talent, superapp)', required: true, autocomplete: true }] },
    { type: SUB, name: 'unsubscribe', description: 'Stop routing a firm or topic to this channel (Manage Server)', options: [{ type: S, name: 'target', description: 'Firm name or topic', required: true, autocomplete: true }] },
    { type: SUB, name: 'list', description: 'This channel’s subscriptions and routes' },
    { type: SUB, name: 'firms', description: 'Firms the bot knows' },
    { type: SUB, name: 'sources', description: 'Feeds and their health' },
    {
      type: SUB,
      name: 'digest',
      description: 'Daily or weekly digest for this channel (Manage Server)',
      options: [{ type: S, name: 'mode', description: 'How often', required: true, choices: [{ name: 'daily', value: 'daily' }, { name: 'weekly', value: 'weekly' }, { name: 'off', value: 'off' }] }],
    },
    { type: SUB, name: 'help', description: 'How to use /talent' },
    // Added from chat (issue 13); kept after the original subcommands so their order stays.
    {
      type: SUB,
      name: 'sources-add',
      description: 'Add a news feed; every replica polls it from its next tick (Manage Server)',
      options: [
        { type: S, name: 'url', description: 'The feed URL (RSS, Atom or JSON Feed)', required: true, max_length: 500 },
        { type: S, name: 'name', description: 'A short unique name (letters, digits, - _ .)', max_length: 64 },
      ],
    },
    { type: SUB, name: 'sources-remove', description: 'Remove a feed added from chat (Manage Server)', options: [{ type: S, name: 'name', description: 'Source name', required: true, max_length: 64 }] },
    { type: SUB, name: 'watch', description: 'Post every new alert matching a search in this channel (Manage Server)', options: WATCH_OPTIONS },
    { type: SUB, name: 'watch-me', description: 'Send me every new alert matching a search in a DM', options: WATCH_OPTIONS },
    { type: SUB, name: 'watches', description: 'This channel’s watches and yours, numbered' },
    { type: SUB, name: 'unwatch', description: 'Stop a watch (number from /talent watches)', options: [{ type: S, name: 'number', description: 'The watch number', required: true, max_length: 4 }] },
  ],
} satisfies RESTPutAPIApplicationCommandsJSONBody[number];

export const COMMAND_DEFINITIONS: RESTPutAPIApplicationCommandsJSONBody = [TALENT_COMMAND];

/** Option order used to rebuild the command text (`search <query> firm:X topic:Y since:7d lang:zh`). */
export const POSITIONAL: Record<string, string> = { search: 'query', subscribe: 'target', unsubscribe: 'target', digest: 'mode', 'sources-add': 'url', 'sources-remove': 'name', watch: 'query', 'watch-me': 'query', unwatch: 'number' };

/** Discord subcommands standing for a two-word command: `sources-add` is `/talent sources add`. */
export const SPOKEN: Record<string, string> = { 'sources-add': 'sources add', 'sources-remove': 'sources remove', 'watch-me': 'watch me' };
