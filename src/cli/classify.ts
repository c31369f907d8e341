// `talent-radar classify`: JSON Lines items in, one assessment per line out. A bad line
// yields {"id", "error"} and the stream goes on.
import { createInterface } from 'node:readline';
import type { ClassifyHints } from '../pipeline/classify/index.js';
import type { Assessment, Item } from '../types.js';

export interface ClassifyDeps {
  assessor?: { assess(items: Item[], hints?: ClassifyHints): Promise<Assessment[]> };
  classifier?: { classify(item: Item, hints?: ClassifyHints): Assessment };
}

const text = (v: unknown) =>
  typeof v === 'string'
    ? v
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : '';

/** Builds an Item from one input object; throws a message for the output line. */
export function lineToItem(o: Record<string, unknown>, n: number): Item {
  const title = text(o.title);
  const summary = text(o.summary);
  if (!title && !summary) throw new Error('item has neither "title" nor "summary"');
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : `line-${n}`;
  const published = typeof o.published === 'string' ? o.published : new Date(0).toISOString();
  const lang = typeof o.lang === 'string' && o.lang ? o.lang : /[\u4e00-\u9fff]/.test(title + summary) ? 'zh' : 'en';
  return {
    id,
    source: typeof o.source === 'string' ? o.source : 'stdin',
    title,
    summary,
    link: typeof o.link === 'string' ? o.link : '',
    lang,
    published,
    fetchedAt: published,
  };
}

export async function runClassify(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, deps: ClassifyDeps): Promise<{ count: number; errors: number }> {
  const assess = async (item: Item): Promise<Assessment> => {
    if (deps.assessor) return (await deps.assessor.assess([item]))[0];
    if (deps.classifier) return deps.classifier.classify(item);
    throw new Error('runClassify needs an assessor or a classifier');
  };
  let count = 0;
  let errors = 0;
  let n = 0;
  const write = (o: unknown) => output.write(`${JSON.stringify(o)}\n`);
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    count++;
    let id: string | null = null;
    try {
      const o = JSON.parse(line) as unknown;
      if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('line is not a JSON object');
      const rec = o as Record<string, unknown>;
      id = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : null;
      const item = lineToItem(rec, n);
      const a = await assess(item);
      write({
        id: item.id,
        relevant: a.relevant,
        topics: a.topics,
        firms: a.firms,
        score: a.score,
        moves: a.moves,
        summary: a.summary,
        ...(a.gist ? { gist: a.gist } : {}),
        why: a.why,
      });
    } catch (err) {
      errors++;
      const msg = err instanceof SyntaxError ? `line ${n} is not valid JSON` : err instanceof Error ? err.message : String(err);
      write({ id, error: msg });
    }
  }
  return { count, errors };
}
