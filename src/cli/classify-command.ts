import { readEnv } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import { loadKnowledgeFor } from '../knowledge/for-config.js';
import { createClassifier } from '../pipeline/classify/index.js';
import { createAssessor } from '../llm/index.js';
import { createLogger } from '../log.js';
import { runClassify } from './classify.js';
import type { CliContext } from './command-table.js';

/** JSON Lines items in, one assessment per line out. No store, no network unless an LLM is configured. */
export async function classifyCommand(_v: Record<string, unknown>, _p: string[], ctx: CliContext): Promise<number> {
  const env = readEnv(ctx.env);
  const config = loadConfig(env.configPath);
  const knowledge = loadKnowledgeFor(config);
  const classifier = createClassifier(knowledge, { threshold: config.classify.threshold });
  // With an LLM configured, borderline items get its second opinion (rules stay the fallback).
  const deps = env.llm
    ? { assessor: createAssessor({ classifier, llm: env.llm, log: createLogger(env.logLevel, ctx.stderr), config: config.llm }) }
    : { classifier };
  const r = await runClassify(ctx.stdin, ctx.stdout, deps);
  return r.errors > 0 && r.count === r.errors ? 1 : 0;
}
