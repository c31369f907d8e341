// `/talent sources`: each configured feed's health from the store — ok, failing N, disabled,
// off, or not polled yet — with its last success and next poll. Ephemeral.
import type { SourceState } from '../types.js';
import type { CommandDeps } from './deps.js';
import type { Reply } from './types.js';

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

export async function sources(deps: CommandDeps): Promise<Reply> {
  const nowMs = (deps.now ?? (() => new Date()))().getTime();
  const states = new Map((await deps.store.getSourceStates()).map((s) => [s.name, s]));
  const lines = deps.config.sources.map((src) => {
    const st = states.get(src.name);
    const h = health(src.enabled, st);
    const mark = h === 'ok' ? '✓' : h.startsWith('failing') ? '!' : h.startsWith('disabled') ? '✗' : '·';
    const when = st ? ` · last success ${ago(st.lastSuccessAt, nowMs)} · next poll ${st.nextPollAt ? ago(st.nextPollAt, nowMs) : 'soon'}` : '';
    return `${mark} ${src.name}: ${h}${when}`;
  });
  if (!lines.length) lines.push('No sources are configured; add some under `sources:` in the config file.');
  return { type: 'text', ephemeral: true, title: `Sources (${deps.config.sources.length})`, lines };
}
