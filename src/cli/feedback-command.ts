// `talent-radar feedback export [--out FILE]`: the "Not relevant" verdicts from chat as labelled
// JSON Lines in the dev set's shape (see src/feedback/export.ts), to stdout or a file.
import { writeFileSync } from 'node:fs';
import { exportRows } from '../feedback/export.js';
import { openApp, type CliContext } from './command-table.js';
import { UsageError } from './errors.js';

export async function feedbackCommand(values: Record<string, unknown>, positionals: string[], ctx: CliContext): Promise<number> {
  if (positionals[0] !== 'export' || positionals.length > 1) throw new UsageError('say what to do: talent-radar feedback export [--out FILE]');
  const app = await openApp(ctx, { platforms: false, logLevel: 'warn' });
  try {
    const rows = exportRows(await app.store.listFeedback());
    const text = rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
    if (typeof values.out === 'string') {
      writeFileSync(values.out, text);
      ctx.stderr.write(`talent-radar feedback: ${rows.length} labelled row(s) written to ${values.out}\n`);
    } else ctx.stdout.write(text);
    return 0;
  } finally {
    await app.close();
  }
}
