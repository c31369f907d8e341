// The bot's poll scheduler: each tick starts a poll for every enabled source that is not already
// being polled (per-source no-overlap), within the shared concurrency limits. A slow or hanging
// source holds only its own slot: the others keep their due times (decided in pollSource from the
// stored nextPollAt). `poll --once` uses pollAll instead, which waits for the whole cycle.
import type { SourceConfig } from '../config/schema.js';
import { createLimiter } from '../sources/limiter.js';
import { pollSource, type PollDeps, type PollReport } from './poll.js';

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
}

export function createPollScheduler(sources: SourceConfig[], deps: PollDeps, opts: SchedulerOptions): PollScheduler {
  const limiter = createLimiter({ concurrency: opts.concurrency, perHost: opts.perHost });
  const running = new Map<string, Promise<PollReport>>();
  let storeDown = false;

  const start = (source: SourceConfig): Promise<PollReport> => {
    const p = limiter
      .run(new URL(source.url).host, () => pollSource(source, deps))
      .catch((err: unknown): PollReport => {
        deps.log.error({ err, source: source.name }, 'poll crashed');
        return { source: source.name, outcome: 'error', items: 0, fresh: 0, duplicates: 0, delivered: 0, error: String(err) };
      })
      .then((report) => {
        running.delete(source.name);
        opts.onReport?.(report);
        return report;
      });
    running.set(source.name, p);
    return p;
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
      for (const source of sources) {
        if (!source.enabled || running.has(source.name)) continue;
        started.set(source.name, start(source));
      }
      return started;
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
