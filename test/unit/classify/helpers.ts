import { fileURLToPath } from 'node:url';
import { loadKnowledge, type Knowledge } from '../../../src/knowledge/index.js';
import { createClassifier, type Classifier } from '../../../src/pipeline/classify/index.js';
import type { Item } from '../../../src/types.js';

export const CONFIG_DIR = fileURLToPath(new URL('../../../config', import.meta.url));

let cached: { knowledge: Knowledge; classifier: Classifier } | undefined;
export function engine(): { knowledge: Knowledge; classifier: Classifier } {
  if (!cached) {
    const knowledge = loadKnowledge(CONFIG_DIR);
    cached = { knowledge, classifier: createClassifier(knowledge) };
  }
  return cached;
}

export function item(title: string, summary = '', lang?: string): Item {
  const zh = /[\u4e00-\u9fff]/.test(title);
  return {
    id: title.slice(0, 20),
    source: 'test',
    title,
    summary,
    link: 'https://example.test/a',
    lang: lang ?? (zh ? 'zh' : 'en'),
    published: '2026-01-01T00:00:00Z',
    fetchedAt: '2026-01-01T00:00:00Z',
  };
}

export const classify = (title: string, summary = '', lang?: string) => engine().classifier.classify(item(title, summary, lang));
