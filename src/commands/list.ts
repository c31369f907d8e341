// `/talent list`: what this channel receives — its subscriptions, the static routes in the
// config that name it (with their filters) and its digest mode. Ephemeral: one person asked.
import type { RouteConfig } from '../config/schema.js';
import type { DigestMode } from '../types.js';
import type { CommandDeps } from './deps.js';
import type { CommandRequest, Reply } from './types.js';

export function describeRoute(r: RouteConfig): string {
  const parts = [r.mode === 'digest' ? 'digest only' : 'realtime'];
  parts.push(r.topics?.length ? `topics ${r.topics.join(', ')}` : 'all topics');
  parts.push(r.firms?.length ? `firms ${r.firms.join(', ')}` : 'all firms');
  if (r.minScore) parts.push(`score ≥ ${r.minScore}`);
  return parts.join(' · ');
}

export async function list(req: CommandRequest, deps: CommandDeps): Promise<Reply> {
  const [subs, digests] = await Promise.all([deps.store.listSubscriptions({ platform: req.platform, channel: req.channel }), deps.store.listDigests()]);
  const routes = deps.config.routes.filter((r) => r.platform === req.platform && r.channel === req.channel);
  const lines: string[] = [];
  if (subs.length) {
    lines.push('Subscriptions:');
    for (const s of subs) lines.push(`• ${s.kind} ${s.value}${s.createdBy ? ` (by ${s.createdBy}, ${s.createdAt.slice(0, 10)})` : ''}`);
  }
  if (routes.length) {
    lines.push('Routes from the config file:');
    for (const r of routes) lines.push(`• ${describeRoute(r)}`);
  }
  const set = digests.find((d) => d.platform === req.platform && d.channel === req.channel);
  const fromRoute = routes.map((r) => r.digest ?? (r.mode === 'digest' ? 'daily' : undefined)).find(Boolean) as DigestMode | undefined;
  const mode = set?.mode ?? fromRoute ?? 'off';
  lines.push(`Digest: ${mode}${set ? ' (set with /talent digest)' : fromRoute ? ' (from the config file)' : ''}`);
  if (!subs.length && !routes.length) lines.unshift('This channel gets no alerts yet. An admin can run /talent subscribe <firm|talent|superapp>.');
  return { type: 'text', ephemeral: true, title: 'What this channel receives', lines };
}
