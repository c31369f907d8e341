// `/talent firms`: the canonical firm names, grouped by home region. Aliases work everywhere a
// firm is asked for, so this is a guide, not the whole vocabulary. Ephemeral.
import type { CommandDeps } from './deps.js';
import type { Reply } from './types.js';

export function firms(deps: CommandDeps): Reply {
  const names = [...new Set(deps.knowledge.firmNames())].sort((a, b) => a.localeCompare(b));
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const region = deps.knowledge.firmRegion?.(n) ?? 'All';
    groups.set(region, [...(groups.get(region) ?? []), n]);
  }
  const regions = [...groups.keys()].sort((a, b) => groups.get(b)!.length - groups.get(a)!.length || a.localeCompare(b));
  const lines = regions.map((r) => `${r}: ${groups.get(r)!.join(', ')}`);
  lines.push('Aliases and Chinese names work too, e.g. /talent subscribe 字节跳动.');
  return { type: 'text', ephemeral: true, title: `Firms I know (${names.length})`, lines };
}
