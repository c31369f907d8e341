// The application commands: /talent for everyone (search, list, firms, sources, help, personal
// watches) and /talent-admin for what changes a channel's feed (subscribe, unsubscribe, digest,
// sources-add, sources-remove, channel watches). Admin actions
// live in their own command so Discord can hide them: default_member_permissions = Manage Server,
// guild channels only. Both route to the same platform-neutral handlers, which still check.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

const S = ApplicationCommandOptionType.String;
const SUB = ApplicationCommandOptionType.Subcommand;

/** The filters search and watch share (the same command text, the same handlers). */
const FIRM_OPTION: APIApplicationCommandBasicOption = { type: S, name: 'firm', description: 'Only stories about this firm', autocomplete: true };
const TOPIC_OPTION: APIApplicationCommandBasicOption = {
  type: S,
  name: 'topic',
  description: 'Only this topic',
  choices: [
    { name: 'AI talent', value: 'talent' },
    { name: 'Super-apps', value: 'superapp' },
  ],
};
const LANG_OPTION: APIApplicationCommandBasicOption = { type: S, name: 'lang', description: 'Language of the stories, e.g. en or zh', max_length: 8 };

/** A watch is a saved search: the same filters as search, words optional when a filter is given. */
const WATCH_OPTIONS: APIApplicationCommandBasicOption[] = [
  { type: S, name: 'query', description: 'Words or names to look for; -word excludes', max_length: 200 },
  FIRM_OPTION,
  TOPIC_OPTION,
  LANG_OPTION,
];

export const TALENT_COMMAND = {
  name: 'talent',
  type: ApplicationCommandType.ChatInput,
  description: 'AI talent migration and super-app news: search the archive, see this channel’s feed',
  options: [
    {
      type: SUB,
      name: 'search',
      description: 'Search past alerts (English or Chinese)',
      options: [
        { type: S, name: 'query', description: 'Words to look for', required: true, max_length: 200 },
        FIRM_OPTION,
        TOPIC_OPTION,
        { type: S, name: 'since', description: 'How far back, e.g. 7d, 24h, 2026-01-01', max_length: 20 },
        LANG_OPTION,
      ],
    },
    { type: SUB, name: 'list', description: 'This channel’s subscriptions and routes' },
    { type: SUB, name: 'firms', description: 'Firms the bot knows' },
    { type: SUB, name: 'sources', description: 'Feeds and their health' },
    { type: SUB, name: 'help', description: 'How to use /talent' },
    // Added from chat (issue 13); the admin ones (sources-add, sources-remove, watch) are in /talent-admin.
    { type: SUB, name: 'watch-me', description: 'Send me every new alert matching a search in a DM', options: WATCH_OPTIONS },
    { type: SUB, name: 'watches', description: 'This channel’s watches and yours, numbered' },
    {
      type: SUB,
      name: 'unwatch',
      description: 'Stop a watch (number from /talent watches)',
      options: [{ type: S, name: 'number', description: 'The watch number', required: true, max_length: 4 }],
    },
  ],
} satisfies RESTPutAPIApplicationCommandsJSONBody[number];

export const TALENT_ADMIN_COMMAND = {
  name: 'talent-admin',
  type: ApplicationCommandType.ChatInput,
  description: 'Change what this channel receives from talent-radar (Manage Server)',
  // Hidden from members without Manage Server (server admins can change this per role or channel).
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: SUB,
      name: 'subscribe',
      description: 'Route alerts about a firm or topic to this channel',
      options: [{ type: S, name: 'target', description: 'Firm name or topic (talent, superapp)', required: true, autocomplete: true }],
    },
    {
      type: SUB,
      name: 'unsubscribe',
      description: 'Stop routing a firm or topic to this channel',
      options: [{ type: S, name: 'target', description: 'Firm name or topic', required: true, autocomplete: true }],
    },
    {
      type: SUB,
      name: 'digest',
      description: 'Daily or weekly digest for this channel',
      options: [
        {
          type: S,
          name: 'mode',
          description: 'How often',
          required: true,
          choices: [
            { name: 'daily', value: 'daily' },
            { name: 'weekly', value: 'weekly' },
            { name: 'off', value: 'off' },
          ],
        },
      ],
    },
    {
      type: SUB,
      name: 'sources-add',
      description: 'Add a news feed; every replica polls it from its next tick',
      options: [
        { type: S, name: 'url', description: 'The feed URL (RSS, Atom or JSON Feed)', required: true, max_length: 500 },
        { type: S, name: 'name', description: 'A short unique name (letters, digits, - _ .)', max_length: 64 },
      ],
    },
    {
      type: SUB,
      name: 'sources-remove',
      description: 'Remove a feed added from chat',
      options: [{ type: S, name: 'name', description: 'Source name', required: true, max_length: 64 }],
    },
    { type: SUB, name: 'watch', description: 'Post every new alert matching a search in this channel', options: WATCH_OPTIONS },
  ],
} satisfies RESTPutAPIApplicationCommandsJSONBody[number];

/** Every command name this bot answers; both go to the same handlers. */
export const COMMAND_NAMES: ReadonlySet<string> = new Set([TALENT_COMMAND.name, TALENT_ADMIN_COMMAND.name]);

export const COMMAND_DEFINITIONS: RESTPutAPIApplicationCommandsJSONBody = [TALENT_COMMAND, TALENT_ADMIN_COMMAND];

/** Option order used to rebuild the command text (`search <query> firm:X topic:Y since:7d lang:zh`). */
export const POSITIONAL: Record<string, string> = {
  search: 'query',
  subscribe: 'target',
  unsubscribe: 'target',
  digest: 'mode',
  'sources-add': 'url',
  'sources-remove': 'name',
  watch: 'query',
  'watch-me': 'query',
  unwatch: 'number',
};

/** Discord subcommands standing for a two-word command: `sources-add` is `/talent sources add`. */
export const SPOKEN: Record<string, string> = { 'sources-add': 'sources add', 'sources-remove': 'sources remove', 'watch-me': 'watch me' };
