import { runBot } from '../run-bot.js';
import { openApp, type CliContext } from './command-table.js';

export async function runCommand(_v: Record<string, unknown>, _p: string[], ctx: CliContext): Promise<number> {
  // A store that is still starting gets about 7.5 s (5 tries); then the bot exits non-zero.
  const app = await openApp(ctx, { storeAttempts: 5 });
  const handle = await runBot(app, { port: app.env.port });
  const platforms = Object.keys(app.posters).join(', ') || 'none';
  app.log.info({ sources: app.config.sources.length, routes: app.config.routes.length, platforms, store: app.store.kind }, 'talent-radar running');
  await handle.done;
  return 0;
}
