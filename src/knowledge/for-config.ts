// The one way the bot, the CLI, the eval and the bench get their knowledge: the files a config
// names (relative to the config file), else the firms.yml/topics.yml shipped with the package,
// wherever the config lives (TALENT_CONFIG=/etc/talent-radar.yml must still start).
import { resolve } from 'node:path';
import { packagePath } from '../package-root.js';
import { loadKnowledge, type Knowledge } from './index.js';

/** `config/` of the installed package. */
export const SHIPPED_KNOWLEDGE_DIR = packagePath('config');

export interface KnowledgeConfig {
  /** Folder of the config file; relative firmsFile/topicsFile resolve against it. */
  dir?: string;
  classify?: { firmsFile?: string; topicsFile?: string };
}

export function knowledgeFiles(config: KnowledgeConfig = {}): { firms: string; topics: string } {
  const dir = config.dir ?? process.cwd();
  const pick = (named: string | undefined, shipped: string) => (named ? resolve(dir, named) : resolve(SHIPPED_KNOWLEDGE_DIR, shipped));
  return { firms: pick(config.classify?.firmsFile, 'firms.yml'), topics: pick(config.classify?.topicsFile, 'topics.yml') };
}

export function loadKnowledgeFor(config: KnowledgeConfig = {}): Knowledge {
  return loadKnowledge(SHIPPED_KNOWLEDGE_DIR, knowledgeFiles(config));
}
