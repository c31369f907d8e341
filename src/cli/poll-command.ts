import { openApp, type CliContext } from './command-table.js';

/** One poll cycle over every source (or only the due ones), deliver, exit. */
export async function pollCommand(values: Record<string, unknown>, _p: string[], ctx: CliContext): Promise<number> {
  const app = await openApp(ctx);
  try {
    await app.platformsStarted();
    const cycle = await app.pollCycle(!values.due);
    const delivered = await app.drainOutbox();
    for (const r of cycle.reports) {
      if (r.outcome === 'error') ctx.stderr.write(`  ✗ ${r.source}: [${r.errorCode}] ${r.error}\n`);
    }
    ctx.stderr.write(
      `poll: ${cycle.reports.length} sources — ${cycle.ok} ok, ${cycle.notModified} unchanged, ${cycle.errors} failed, ${cycle.skipped} skipped; ` +
        `${cycle.fresh} new relevant, ${delivered} delivered (${cycle.durationMs} ms)\n`,
    );
    const polled = cycle.ok + cycle.notModified + cycle.errors;
    return polled > 0 && cycle.errors === polled ? 1 : 0;
  } finally {
    await app.close();
  }
}
