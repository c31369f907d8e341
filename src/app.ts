// The running bot as one object: what src/main.ts (createApp) builds and what runBot, the ops
// server and the CLI use. Its own module so nothing below main.ts imports main.ts (issue #15).
import type { Env } from './config/env.js';
import type { LoadedConfig } from './config/load.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { Store } from './store/store.js';
import type { Knowledge } from './knowledge/index.js';
import type { PollDeps } from './pipeline/poll.js';
import type { CycleReport } from './pipeline/poll-all.js';
import type { CommandRequest, Reply } from './commands/types.js';
import type { createDeliveryWorker } from './delivery/worker.js';
import type { Poster } from './delivery/poster.js';
import type { HttpServer } from './http/server.js';
import type { Platform } from './types.js';

/** Readiness: the store answers and the poller runs. */
export interface Readiness {
  ok: boolean;
  store: boolean;
  polling: boolean;
  error?: string;
}

export interface App {
  config: LoadedConfig;
  env: Env;
  log: Logger;
  metrics: Metrics;
  store: Store;
  knowledge: Knowledge;
  http: HttpServer;
  posters: Partial<Record<Platform, Poster>>;
  handleCommand: (req: CommandRequest) => Promise<Reply>;
  pollDeps: PollDeps;
  worker: ReturnType<typeof createDeliveryWorker>;
  /** One poll cycle; `force` polls sources even when not due. */
  pollCycle(force: boolean): Promise<CycleReport>;
  /** Runs the worker until nothing deliverable is left (bounded). */
  drainOutbox(maxRounds?: number): Promise<number>;
  close(): Promise<void>;
  platformsStarted: () => Promise<void>;
  /** Called by runBot once the scheduler runs; before that the app is never ready. */
  markPolling(): void;
  /** What /readyz (and /healthz) report: ready only when the store answers and polling has started. */
  ready(timeoutMs?: number): Promise<Readiness>;
}
