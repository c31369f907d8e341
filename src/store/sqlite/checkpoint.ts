// WAL checkpoints out of the commit path. SQLite's automatic checkpoint runs inside the COMMIT
// that crosses wal_autocheckpoint pages (1,000 by default): that poll's ingest pays for copying
// and syncing everyone's pages. Instead a write arms a timer and the checkpoint (PASSIVE: it
// never waits for readers) runs when the event loop is next idle for CHECKPOINT_DELAY_MS, between
// polls. A much higher automatic threshold stays as the bound on the WAL when the loop never idles.
import type { Database } from 'better-sqlite3';

/** Pages (4 KiB each) past which a commit still checkpoints by itself: ~32 MB of WAL. */
export const WAL_CAP_PAGES = 8192;
export const CHECKPOINT_DELAY_MS = 1000;

export class Checkpointer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly delayMs = CHECKPOINT_DELAY_MS,
  ) {
    db.pragma(`wal_autocheckpoint = ${WAL_CAP_PAGES}`);
  }

  /** Call after a call that may have written (a checkpoint with nothing to copy is cheap). */
  wrote(): void {
    if (this.timer || !this.db.open || this.db.memory) return;
    this.timer = setTimeout(() => this.run(), this.delayMs);
    this.timer.unref();
  }

  run(): void {
    this.timer = undefined;
    try {
      if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or closing: the next write arms the timer again, and the automatic cap still holds.
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
