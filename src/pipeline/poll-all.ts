// A poll cycle: every enabled source, bounded concurrency overall and per host.
// A failing source never stops the others.
import type { SourceConfig } from '../config/schema.js';
import { createLimiter } from '../sources/limiter.js';
import { pollSource, type PollDeps, type PollReport } from './poll.js';

export interface CycleReport {
  reports: PollReport[];
  ok: number;
  notModified: number;
  errors: number;
  skipped: number;
  items: number;
  fresh: number;
  duplicates: number;
  delivered: number;
  durationMs: number;
}

export async function pollAll(sources: SourceConfig[], deps: PollDeps, opts: { force?: boolean; concurrency: number; perHost: number }): Promise<CycleReport> {
  const started = Date.now();
  try {
    await deps.store.ping();
  } catch (err) {
    // One line per tick while the store is down; nothing is fetched, so nothing can be lost.
    deps.log.warn({ code: (err as { code?: string }).code }, `poll cycle skipped: ${(err as Error).message}`);
    return {
      reports: [],
      ok: 0,
      notModified: 0,
      errors: 0,
      skipped: sources.length,
      items: 0,
      fresh: 0,
      duplicates: 0,
      delivered: 0,
      durationMs: Date.now() - started,
    };
  }
  const limiter = createLimiter({ concurrency: opts.concurrency, perHost: opts.perHost });
  const enabled = sources.filter((s) => s.enabled);
  const reports = await Promise.all(
    enabled.map((source) =>
      limiter.run(new URL(source.url).host, () =>
        pollSource(source, deps, { force: opts.force }).catch((err: unknown): PollReport => {
          deps.log.error({ err, source: source.name }, 'poll crashed');
          return { source: source.name, outcome: 'error', items: 0, fresh: 0, duplicates: 0, delivered: 0, error: String(err) };
        }),
      ),
    ),
  );
  const count = (o: PollReport['outcome']) => reports.filter((r) => r.outcome === o).length;
  return {
    reports,
    ok: count('ok'),
    notModified: count('not_modified'),
    errors: count('error'),
    skipped: count('leased') + count('not_due'),
    items: reports.reduce((n, r) => n + r.items, 0),
    fresh: reports.reduce((n, r) => n + r.fresh, 0),
    duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
    delivered: reports.reduce((n, r) => n + r.delivered, 0),
    durationMs: Date.now() - started,
  };
}
