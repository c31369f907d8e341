import { readEnv } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../log.js';
import { loadKnowledgeFor } from '../knowledge/for-config.js';
import { createClassifier } from '../pipeline/classify/index.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { openStore } from '../store/open.js';
import { runDedupe } from './dedupe.js';
import type { CliContext } from './command-table.js';

/** Items in, in order; `{"id","duplicateOf"}` out. Starts from an empty in-memory store unless --use-store. */
export async function dedupeCommand(values: Record<string, unknown>, _p: string[], ctx: CliContext): Promise<number> {
  const env = readEnv(ctx.env);
  const config = loadConfig(env.configPath);
  const knowledge = loadKnowledgeFor(config);
  const classifier = createClassifier(knowledge, { threshold: config.classify.threshold });
  const store = values['use-store']
    ? await openStore({ redisUrl: env.redisUrl, redis: env.redis, dataDir: env.dataDir, log: createLogger('warn', ctx.stderr) })
    : SqliteStore.open({ file: ':memory:' });
  try {
    await runDedupe(ctx.stdin, ctx.stdout, { store, assess: (item) => classifier.classify(item) });
    return 0;
  } finally {
    await store.close();
  }
}
