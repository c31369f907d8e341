import { readEnv } from '../config/env.js';
import { registerCommands } from '../platforms/discord/register.js';
import type { CliContext } from './command-table.js';
import { UsageError } from './errors.js';

/** Puts the /talent and /talent-admin command definitions on Discord (guild: at once; global: for production). */
export async function registerCommand(values: Record<string, unknown>, _p: string[], ctx: CliContext): Promise<number> {
  const env = readEnv(ctx.env);
  if (!env.discord?.token || !env.discord.applicationId) {
    throw new UsageError('set DISCORD_TOKEN and DISCORD_APPLICATION_ID (from the Discord developer portal) first');
  }
  const guild = typeof values.guild === 'string' ? values.guild : undefined;
  const count = await registerCommands({ token: env.discord.token, apiUrl: env.discord.apiUrl, applicationId: env.discord.applicationId, guildId: guild });
  ctx.stdout.write(`registered ${count} command(s) ${guild ? `in guild ${guild} (available now)` : 'globally (may take up to an hour to appear)'}\n`);
  return 0;
}
