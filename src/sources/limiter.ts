// Bounded concurrency: at most `concurrency` tasks overall and `perHost` per host at a time.
// Tasks start in arrival order, skipping ones whose host is at its limit.

export interface Limiter {
  run<T>(host: string, fn: () => Promise<T>): Promise<T>;
  /** Tasks running now, overall. */
  readonly active: number;
  /** Tasks waiting. */
  readonly pending: number;
}

interface Waiting {
  host: string;
  start: () => void;
}

export function createLimiter(opts: { concurrency: number; perHost: number }): Limiter {
  const concurrency = Math.max(1, opts.concurrency);
  const perHost = Math.max(1, opts.perHost);
  const byHost = new Map<string, number>();
  const queue: Waiting[] = [];
  let active = 0;

  const pump = () => {
    for (let i = 0; i < queue.length && active < concurrency;) {
      const w = queue[i];
      if ((byHost.get(w.host) ?? 0) >= perHost) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      active++;
      byHost.set(w.host, (byHost.get(w.host) ?? 0) + 1);
      w.start();
    }
  };

  const done = (host: string) => {
    active--;
    const n = (byHost.get(host) ?? 1) - 1;
    if (n) byHost.set(host, n);
    else byHost.delete(host);
    pump();
  };

  return {
    run<T>(host: string, fn: () => Promise<T>): Promise<T> {
      const key = host.toLowerCase();
      return new Promise<T>((resolve, reject) => {
        queue.push({
          host: key,
          start: () => {
            Promise.resolve()
              .then(fn)
              .then(resolve, reject)
              .finally(() => done(key));
          },
        });
        pump();
      });
    },
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
  };
}
