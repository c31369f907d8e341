// `/talent sources remove <name>` (admins): stops polling a source added from chat. Sources from
// the config file are read-only here; they are changed in the file.
import type { CommandDeps } from './deps.js';
import { CommandSyntaxError, splitOptions, type Token } from './parse.js';
import { refuseUnlessAdmin } from './admin.js';
import type { CommandRequest, Reply } from './types.js';

export async function sourcesRemove(req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> {
  const { words } = splitOptions(tokens, [], 'sources');
  if (words.length !== 1) throw new CommandSyntaxError('give the name of one source added from chat (see /talent sources)', 'sources');
  const name = words[0];
  if (deps.config.sources.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    return {
      type: 'error',
      ephemeral: true,
      message: `"${name}" comes from the config file; change it there (sources from the config are read-only from chat).`,
    };
  }
  const chat = await deps.store.listChatSources();
  const found = chat.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!found) {
    const names = chat.map((s) => s.name);
    throw new CommandSyntaxError(
      `there is no source "${name}" added from chat`,
      'sources',
      names.filter((n) => n.toLowerCase().startsWith(name.slice(0, 2).toLowerCase())).slice(0, 5),
    );
  }
  const refusal = await refuseUnlessAdmin(req, deps, `/talent sources remove ${found.name}`);
  if (refusal) return refusal;
  if (!(await deps.store.removeChatSource(found.name))) return { type: 'error', ephemeral: true, message: `"${found.name}" was already removed.` };
  deps.log?.info({ source: found.name, by: req.user }, 'source removed from chat');
  return {
    type: 'text',
    ephemeral: false,
    lines: [`Removed source "${found.name}" (${found.url}); no replica polls it from its next tick (removed by ${req.user}).`],
  };
}
