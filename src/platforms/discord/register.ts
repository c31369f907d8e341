// Puts the /talent definitions on Discord: guild commands update at once, global ones may take an hour.
import type { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { COMMAND_DEFINITIONS } from './commands.js';
import { createRest, toPlatformError } from './rest.js';

export interface RegisterOptions {
  /** A configured client, or token + apiUrl to make one. */
  rest?: REST;
  token?: string;
  apiUrl?: string;
  applicationId: string;
  /** Register in one server (immediate); omit for global commands. */
  guildId?: string;
}

/** PUTs the command list (overwriting what was there) and returns how many commands Discord now has. */
export async function registerCommands(opts: RegisterOptions): Promise<number> {
  const rest = opts.rest ?? (opts.token ? createRest({ token: opts.token, apiUrl: opts.apiUrl ?? 'https://discord.com/api' }) : undefined);
  if (!rest) throw new TypeError('registerCommands needs a REST client or a token');
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  try {
    const res = (await rest.put(route, { body: COMMAND_DEFINITIONS })) as unknown[];
    return Array.isArray(res) ? res.length : COMMAND_DEFINITIONS.length;
  } catch (err) {
    throw toPlatformError(err, `registering /talent ${opts.guildId ? `in guild ${opts.guildId}` : 'globally'} for application ${opts.applicationId}`);
  }
}
