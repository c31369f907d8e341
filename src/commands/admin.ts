// Who may change a channel's feed: members of the config admin list for the platform, or
// platform admins (Slack: workspace admins/owners via users.info; Discord: Manage Server).
import type { CommandDeps } from './deps.js';
import type { CommandRequest, Reply } from './types.js';

const WHO: Record<string, string> = {
  slack: 'workspace admins and owners',
  discord: 'members with the Manage Server permission',
};

/** null when allowed; otherwise the polite refusal to send back. */
export async function refuseUnlessAdmin(req: Pick<CommandRequest, 'platform' | 'user' | 'isAdmin'>, deps: CommandDeps, example: string): Promise<Reply | null> {
  const listed = (deps.admins as Record<string, string[] | undefined>)[req.platform] ?? [];
  if (listed.includes(req.user)) return null;
  let admin: boolean;
  try {
    admin = await req.isAdmin();
  } catch {
    return { type: 'error', ephemeral: true, message: 'I could not check your permissions just now; please try again in a minute.' };
  }
  if (admin) return null;
  return {
    type: 'error',
    ephemeral: true,
    message: `Sorry, only ${WHO[req.platform] ?? 'admins'} (or people on the bot's admin list) can change what this channel receives. You could ask one of them to run \`${example}\`.`,
  };
}
