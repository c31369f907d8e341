// `/talent sources`: each feed's health from the store — ok, failing N, disabled, off, or not
// polled yet — with its last success and next poll; config sources first, then those added from
// chat. `sources add|remove` go to their own files. The list is ephemeral.
import type { SourceState } from '../types.js';
import type { CommandDeps } from './deps.js';
import type { CommandRequest, Reply } from './types.js';
import type { Token } from './parse.js';
import { sourcesAdd } from './sources-add.js';
import { sourcesRemove } from './sources-remove.js';

export function ago(iso: string | undefined, nowMs: number): string {
  if (!iso || !Number.isFinite(Date.parse(iso))) return 'never';
  const s = Math.round((nowMs - Date.parse(iso)) / 1000);
  const a = Math.abs(s);
  const t = a < 90 ? `${a}s` : a < 5400 ? `${Math.round(a / 60)}m` : a < 172_800 ? `${Math.round(a / 3600)}h` : `${Math.round(a / 86_400)}d`;
  return s >= 0 ? `${t} ago` : `in ${t}`;
}

export function health(enabled: boolean, st: SourceState | undefined): string {
  if (!enabled) return 'off (disabled in the config)';
  if (!st) return 'not polled yet';
  const err = st.lastErrorCode ?? st.lastError?.slice(0, 80);
  if (st.disabled) return `disabled after ${st.consecutiveFailures} failures${err ? ` (${err})` : ''}`;
  if (st.consecutiveFailures > 0) return `failing ${st.consecutiveFailures}${err ? ` (${err})` : ''}`;
  return 'ok';
}

export async function sources(req: CommandRequest, tokens: Token[], deps: CommandDeps): Promise<Reply> {
  const verb = tokens[0] && !tokens[0].quoted ? tokens[0].text.toLowerCase() : '';
  if (verb === 'add') return sourcesAdd(req, tokens.slice(1), deps);
  if (verb === 'remove' || verb === 'rm') return sourcesRemove(req, tokens.slice(1), deps);
  const nowMs = (deps.now ?? (() => new Date()))().getTime();
  const [stateList, chat] = await Promise.all([deps.store.getSourceStates(), deps.store.listChatSources()]);
  const states = new Map(stateList.map((s) => [s.name, s]));
  const line = (name: string, enabled: boolean, extra = '') => {
    const st = states.get(name);
    const h = health(enabled, st);
    const mark = h === 'ok' ? '✓' : h.startsWith('failing') ? '!' : h.startsWith('disabled') ? '✗' : '·';
    const when = st ? ` · last success ${ago(st.lastSuccessAt, nowMs)} · next poll ${st.nextPollAt ? ago(st.nextPollAt, nowMs) : 'soon'}` : '';
    return `${mark} ${name}${extra}: ${h}${when}`;
  };
  const lines = deps.config.sources.map((src) => line(src.name, src.enabled));
  if (chat.length) {
    lines.push('Added from chat:');
    for (const c of chat) lines.push(line(c.name, true, ` (${c.url}, by ${c.addedBy} ${c.addedAt.slice(0, 10)})`));
  }
  if (!lines.length) lines.push('No sources yet; add some under `sources:` in the config file, or (admins) /talent sources add <url> [name].');
  return { type: 'text', ephemeral: true, title: `Sources (${deps.config.sources.length + chat.length})`, lines };
}
