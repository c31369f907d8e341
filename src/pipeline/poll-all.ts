// A poll cycle: every enabled source, bounded concurrency overall and per host.
// A failing source never stops the others. Feeds are fetched first and their items ingested
// together, oldest first (in waves of at most WAVE_ITEMS), so a burst read from many feeds at once
// is archived in the order the stories broke: the first report becomes the alert and its
// retellings fold under it, whichever feed was read first.
import type { SourceConfig } from '../config/schema.js';
import { createLimiter } from '../sources/limiter.js';
import { crashedPoll, fetchForPoll, ingestFetched, isFetched, leaseCycle, type FetchedSource, type PollDeps, type PollReport } from './poll.js';

/** Items held from fetched feeds before they are ingested: bounds memory on a first poll of thousands of feeds. */
export const WAVE_ITEMS = 20_000;

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
  const byName = new Map<string, PollReport>();
  const crashed = (name: string, err: unknown) => crashedPoll(name, err, deps);
  let pending: FetchedSource[] = [];
  let pendingItems = 0;
  let ingesting: Promise<void> = Promise.resolve();
  // Ingests what is gathered, one wave after another (never two at once).
  const flush = (): Promise<void> => {
    const wave = pending;
    pending = [];
    pendingItems = 0;
    ingesting = ingesting.then(async () => {
      const reports = await ingestFetched(wave, deps).catch((err: unknown) => wave.map((f) => crashed(f.source.name, err)));
      for (const r of reports) byName.set(r.source, r);
    });
    return ingesting;
  };
  // The cycle's sources are leased together: a replica starting a cycle at the same moment finds
  // them taken instead of splitting the burst.
  const leased = await leaseCycle(
    enabled.map((s) => s.name),
    deps,
  );
  await Promise.all(
    enabled.map((source) =>
      limiter.run(new URL(source.url).host, async () => {
        const r = await fetchForPoll(source, deps, { force: opts.force, leased }).catch((err: unknown) => crashed(source.name, err));
        if (!isFetched(r)) {
          byName.set(source.name, r);
          return;
        }
        pending.push(r);
        pendingItems += r.items.length - r.skip;
        if (pendingItems >= WAVE_ITEMS) await flush();
      }),
    ),
  );
  await flush();
  const reports = enabled.map((s) => byName.get(s.name) ?? crashed(s.name, new Error('no report')));
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
