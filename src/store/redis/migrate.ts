// Index layout migration (lua-migrate.ts): the first step runs at connect (a fresh or migrated
// store is done there); an archive on layout 1 is moved in the background, a batch per call,
// while search keeps reading layout 1 and ingest writes both. Several replicas may run it at
// once: every step is one atomic script over a cursor kept in Redis.
import type { Logger } from '../../log.js';
import type { Keys } from './keys.js';
import type { Scripts } from './scripts.js';

export const MIGRATE_BATCH = 1000;

export interface Migration {
  /** Settles when the index is on layout 3 and older layouts' keys are gone (or the store closed). */
  done: Promise<void>;
  stop(): void;
}

export async function startMigration(scripts: Scripts, k: Keys, log: Logger | undefined, batch = MIGRATE_BATCH): Promise<Migration> {
  let stopped = false;
  const step = async () => (await scripts.migrate(k.seq, k.base, batch)) as [string, number?, number?];
  const first = await step();
  if (first[0] === 'done') return { done: Promise.resolve(), stop() {} };
  log?.info({ code: 'INDEX_MIGRATE' }, 'store: moving the search index to layout 3 (day intsets) in the background');
  const done = (async () => {
    let last = first;
    try {
      while (!stopped && last[0] !== 'done') last = await step();
      if (last[0] === 'done') log?.info({ code: 'INDEX_MIGRATED' }, 'store: search index on layout 3');
    } catch (err) {
      if (!stopped) log?.warn({ err, code: 'INDEX_MIGRATE_PAUSED' }, 'store: search index migration paused; it resumes at the next start');
    }
  })();
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}
