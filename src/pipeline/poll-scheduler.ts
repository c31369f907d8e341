// The bot's poll scheduler: each tick starts a poll for every enabled source that is not already
// being polled (per-source no-overlap), within the shared concurrency limits. The feeds a tick
// fetches are ingested together, oldest item first (as `poll --once` does), so the bot's first
// poll of many feeds, or a burst after a quiet spell, archives each story's first report before its
// retellings. A slow or hanging source holds only its own slot: the tick waits for it at most
// `gatherMs`, then ingests what it has; the straggler is ingested on its own when it answers. The
// others keep their due times (decided in fetchForPoll from the stored nextPollAt).
import type { SourceConfig } from '../config/schema.js';
import { createLimiter } from '../sources/limiter.js';
import { crashedPoll, fetchForPoll, ingestFetched, isFetched, leaseCycle, type FetchedSource, type PollDeps, type PollReport } from './poll.js';

/** How long a tick waits for its slowest fetch before ingesting the feeds it has. */
export const GATHER_MS = 5_000;

export interface PollScheduler {
  /** Starts polls for the sources not in flight; resolves with the polls it started, by source name. */
  tick(): Promise<Map<string, Promise<PollReport>>>;
  /** Names of the sources being polled now. */
  inFlight(): string[];
  /** Resolves when every poll started so far has finished, or after `timeoutMs`. */
  idle(timeoutMs?: number): Promise<void>;
}

export interface SchedulerOptions {
  concurrency: number;
  perHost: number;
  /** Called with each finished poll's report. */
  onReport?: (report: PollReport) => void;
  /** How long a tick waits for its slowest fetch before ingesting what it has (default GATHER_MS). */
  gatherMs?: number;
}

export function createPollScheduler(sources: SourceConfig[], deps: PollDeps, opts: SchedulerOptions): PollScheduler {
  const limiter = createLimiter({ concurrency: opts.concurrency, perHost: opts.perHost });
  const running = new Map<string, Promise<PollReport>>();
  let storeDown = false;

  const crashed = (source: SourceConfig, err: unknown) => crashedPoll(source.name, err, deps);
  /** Ingests fetched feeds together; their reports by source name. */
  const ingest = async (fetched: FetchedSource[]): Promise<Map<string, PollReport>> => {
    const reports = await ingestFetched(fetched, deps).catch((err: unknown) => fetched.map((f) => crashed(f.source, err)));
    return new Map(reports.map((r) => [r.source, r]));
  };

  /** Starts a tick's polls: fetches under the limiter, then one oldest-first ingest of what came back in time. */
  const startAll = (batch: SourceConfig[]): Map<string, Promise<PollReport>> => {
    const out = new Map<string, Promise<PollReport>>();
    const gathered: FetchedSource[] = [];
    let gathering = true;
    let back = 0;
    let closeWindow!: () => void;
    const windowClosed = new Promise<void>((r) => (closeWindow = r));
    const timer = setTimeout(() => closeWindow(), opts.gatherMs ?? GATHER_MS);
    // What was gathered is ingested once every fetch is back or the window closes.
    const groupIngest = windowClosed.then(() => {
      gathering = false;
      clearTimeout(timer);
      return gathered.length ? ingest(gathered) : new Map<string, PollReport>();
    });
    // The tick's sources are leased together (another replica ticking at once finds them taken).
    const leased = leaseCycle(
      batch.map((s) => s.name),
      deps,
    );
    for (const source of batch) {
      const report = leased
        .then((cycle) => limiter.run(new URL(source.url).host, () => fetchForPoll(source, deps, { leased: cycle })))
        .catch((err: unknown): PollReport => crashed(source, err))
        .then(async (r): Promise<PollReport> => {
          const inGroup = isFetched(r) && gathering;
          if (inGroup) gathered.push(r);
          if (++back === batch.length) closeWindow();
          if (!isFetched(r)) return r;
          const reports = inGroup ? await groupIngest : await ingest([r]);
          return reports.get(source.name) ?? crashed(source, new Error('ingest gave no report'));
        })
        .then((rep) => {
          running.delete(source.name);
          opts.onReport?.(rep);
          return rep;
        });
      running.set(source.name, report);
      out.set(source.name, report);
    }
    if (!batch.length) closeWindow();
    return out;
  };

  return {
    async tick() {
      const started = new Map<string, Promise<PollReport>>();
      try {
        await deps.store.ping();
        if (storeDown) deps.log.info('store answers again; polling resumes');
        storeDown = false;
      } catch (err) {
        // Once per outage; nothing is fetched, so nothing can be lost.
        if (!storeDown) deps.log.warn({ code: (err as { code?: string }).code }, `polling paused: ${(err as Error).message}`);
        storeDown = true;
        return started;
      }
      return startAll(sources.filter((source) => source.enabled && !running.has(source.name)));
    },
    inFlight: () => [...running.keys()],
    async idle(timeoutMs = Infinity) {
      let timer: NodeJS.Timeout | undefined;
      const late = Number.isFinite(timeoutMs) ? new Promise<void>((r) => (timer = setTimeout(r, timeoutMs))) : new Promise<void>(() => {});
      await Promise.race([Promise.allSettled([...running.values()]).then(() => undefined), late]);
      clearTimeout(timer);
    },
  };
}
