// Options and results of the outbox worker (worker.ts).
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { ArchiveStore, OutboxStore } from '../store/store.js';
import type { Platform } from '../types.js';
import type { Poster } from './poster.js';

export interface DeliveryWorkerOptions {
  store: OutboxStore & ArchiveStore;
  posters: Partial<Record<Platform, Poster>>;
  log: Logger;
  metrics: Metrics;
  /** Unique per process (replica id). */
  consumer: string;
  maxAttempts: number;
  perChannelIntervalMs: number;
  leaseMs: number;
  /** Channels served in parallel. */
  concurrency: number;
  now?: () => Date;
  /** Waits for channel spacing; tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Deliveries claimed per round; default concurrency × 5. */
  batchSize?: number;
  /** Wall-clock pause of the start() loop when nothing was due; default 1000 ms. */
  idleMs?: number;
  /** Transient-failure backoff: base (default 2 s) doubling up to max (default 10 min), with jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Deliveries for a platform without a poster are handed back this far in the future; default 5 min. */
  missingPosterRetryMs?: number;
}

export interface RunResult {
  delivered: number;
  retried: number;
  dead: number;
}

export interface DeliveryWorker {
  runOnce(): Promise<RunResult>;
  start(): void;
  /** Stops claiming; deliveries already posting finish, the rest go back to the outbox. */
  stop(): Promise<void>;
}
