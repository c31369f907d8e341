// Usage lines, one per subcommand; `help` prints them all, errors print the one concerned.
import type { Subcommand } from './types.js';

export const USAGE: Record<Subcommand, string> = {
  search: '/talent search <words> [firm:NAME] [topic:talent|superapp] [since:7d|24h|2026-01-01] [lang:en|zh] [page:N]',
  subscribe: '/talent subscribe <firm|talent|superapp>',
  unsubscribe: '/talent unsubscribe <firm|talent|superapp>',
  list: '/talent list',
  firms: '/talent firms',
  sources: '/talent sources | sources add <url> [name] | sources remove <name>',
  digest: '/talent digest daily|weekly|off',
  help: '/talent help',
  watch: '/talent watch [me] <words|"phrase"|-word> [firm:NAME] [topic:talent|superapp] [lang:en|zh]',
  watches: '/talent watches',
  unwatch: '/talent unwatch <n>',
};

export const SUBCOMMANDS = Object.keys(USAGE) as Subcommand[];

export function allUsage(): string {
  return SUBCOMMANDS.map((s) => USAGE[s]).join('\n');
}
