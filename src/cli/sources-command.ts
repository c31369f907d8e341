import { readFileSync, writeFileSync } from 'node:fs';
import { readEnv } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import { exportOpml, importOpmlIntoConfig } from '../opml/index.js';
import { openApp, type CliContext } from './command-table.js';
import { UsageError } from './errors.js';
import { toSourceConfig } from '../commands/sources-add.js';

function ago(iso: string | undefined, now: number): string {
  if (!iso) return '—';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  const abs = Math.abs(s);
  const text = abs < 90 ? `${abs}s` : abs < 5400 ? `${Math.round(abs / 60)}m` : abs < 172800 ? `${Math.round(abs / 3600)}h` : `${Math.round(abs / 86400)}d`;
  return s >= 0 ? `${text} ago` : `in ${text}`;
}

export async function sourcesCommand(_v: Record<string, unknown>, positionals: string[], ctx: CliContext): Promise<number> {
  const [sub, arg] = positionals;
  if (sub === 'export') {
    const config = loadConfig(readEnv(ctx.env).configPath);
    ctx.stdout.write(exportOpml(config.sources));
    return 0;
  }
  if (sub === 'import') {
    if (!arg) throw new UsageError('give the OPML file: talent-radar sources import feeds.opml');
    const env = readEnv(ctx.env);
    const result = importOpmlIntoConfig(readFileSync(arg, 'utf8'), readFileSync(env.configPath, 'utf8'));
    writeFileSync(env.configPath, result.yaml);
    ctx.stdout.write(
      `imported ${result.added.length} source(s) into ${env.configPath}${result.skipped.length ? `; skipped ${result.skipped.length} already present or invalid` : ''}\n`,
    );
    for (const s of result.added) ctx.stdout.write(`  + ${s.name}  ${s.url}\n`);
    for (const url of result.skipped) ctx.stdout.write(`  - ${url}  (${result.reasons[url]})\n`);
    return 0;
  }
  if (sub) throw new UsageError(`unknown sources subcommand "${sub}"`);
  const app = await openApp(ctx, { platforms: false, logLevel: 'warn' });
  try {
    const states = new Map((await app.store.getSourceStates()).map((s) => [s.name, s]));
    const now = Date.now();
    // Config sources, then those added from chat (`/talent sources add`), marked as such.
    const chat = (await app.store.listChatSources()).map((c) => ({ ...toSourceConfig(c), label: `${c.name} (chat)` }));
    const rows = [...app.config.sources.map((s) => ({ ...s, label: s.name })), ...chat].map((src) => {
      const st = states.get(src.name);
      const status = !src.enabled ? 'off' : !st ? 'new' : st.disabled ? 'disabled' : st.consecutiveFailures > 0 ? 'failing' : 'ok';
      return [src.label, status, ago(st?.lastSuccessAt, now), String(st?.consecutiveFailures ?? 0), ago(st?.nextPollAt, now), st?.lastErrorCode ?? ''];
    });
    const head = ['SOURCE', 'STATUS', 'LAST SUCCESS', 'FAILURES', 'NEXT POLL', 'LAST ERROR'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [head, ...rows])
      ctx.stdout.write(
        `${r
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd()}\n`,
      );
    return 0;
  } finally {
    await app.close();
  }
}
