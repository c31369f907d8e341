import { runBot } from '../run.js';
import { openApp, type CliContext } from './commands.js';

export async function runCommand(_v: Record<string, unknown>, _p: string[], ctx: CliContext): Promise<number> {
  const app = await openApp(ctx);
  const handle = await runBot(app, { port: app.env.port });
  const platforms = Object.keys(app.posters).join(', ') || 'none';
  app.log.info({ sources: app.config.sources.length, routes: app.config.routes.length, platforms, store: app.store.kind }, 'talent-radar running');
  await handle.done;
  return 0;
}
