// `talent-radar dedupe`: JSON Lines items in, in order; per item {"id","duplicateOf"} out, decided by
// the store exactly as the bot decides (exact keys, then near-duplicate buckets and the matcher).
// A bad line gets {"id","error"} and processing goes on.
import { createInterface } from 'node:readline';
import type { IngestStore, NearDupMatcher } from '../store/store.js';
import type { Assessment, Item } from '../types.js';
import { createMatcher, exactKeys, fingerprint } from '../pipeline/dedupe/index.js';
import { cjkShare } from '../pipeline/dedupe/fold.js';
import { canonicalUrl } from '../pipeline/normalize.js';

export interface DedupeCliDeps {
  store: IngestStore;
  assess: (item: Item) => Assessment | Promise<Assessment>;
  /** Clock for items without a valid date and for the claim time; default: the item's own date. */
  now?: () => Date;
  matcher?: NearDupMatcher;
  retentionSec?: number;
}

export class DedupeInputError extends Error {
  readonly code = 'DEDUPE_BAD_INPUT';
  constructor(message: string) {
    super(`${message} (each line must be a JSON object with at least "id" and "title")`);
    this.name = 'DedupeInputError';
  }
}

type Canonicalize = (url: string) => string;

/** Canonical link (trackers, AMP, fragments removed); a link that cannot be parsed is kept as given. */
function canonicalize(url: string): string {
  try {
    return canonicalUrl(url) || url;
  } catch {
    return url;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function lineToItem(line: string, canonical: Canonicalize, fallbackNow: () => Date): Item {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    throw new DedupeInputError(`not JSON: ${(err as Error).message}`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new DedupeInputError('not a JSON object');
  const o = obj as Record<string, unknown>;
  const id = typeof o.id === 'number' ? String(o.id) : str(o.id);
  if (!id) throw new DedupeInputError('missing "id"');
  const title = str(o.title);
  if (!title) throw Object.assign(new DedupeInputError('missing "title"'), { id });
  const summary = str(o.summary) ?? '';
  const parsed = Date.parse(str(o.published) ?? '');
  const published = Number.isFinite(parsed) ? new Date(parsed).toISOString() : fallbackNow().toISOString();
  const link = str(o.link) ? canonical(str(o.link)!) : '';
  const lang = str(o.lang) ?? (cjkShare(title + summary) > 0.3 ? 'zh' : 'en');
  return { id, source: str(o.source) ?? 'stdin', guid: str(o.guid), title, summary, link, lang, published, fetchedAt: published };
}

function writeLine(output: NodeJS.WritableStream, value: unknown): Promise<void> {
  const ok = output.write(JSON.stringify(value) + '\n');
  return ok ? Promise.resolve() : new Promise((resolve) => output.once('drain', () => resolve()));
}

export async function runDedupe(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, deps: DedupeCliDeps): Promise<{ count: number }> {
  const canonical: Canonicalize = canonicalize;
  const matcher = deps.matcher ?? createMatcher();
  const retentionSec = deps.retentionSec ?? 30 * 86400;
  const fallbackNow = deps.now ?? (() => new Date());
  let count = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    const line = raw.trim();
    if (!line) continue;
    let id: string | null = null;
    try {
      const item = lineToItem(line, canonical, fallbackNow);
      id = item.id;
      const assessment = await deps.assess(item);
      const [out] = await deps.store.ingest({
        // As the bot does: only relevant items are archived and take part in near-duplicate matching.
        entries: [
          {
            item,
            assessment,
            keys: exactKeys(item),
            fingerprint: assessment.relevant ? fingerprint(item, assessment) : undefined,
            archive: assessment.relevant,
            targets: [],
          },
        ],
        matcher,
        retentionSec,
        now: deps.now ? deps.now() : new Date(item.published),
      });
      await writeLine(output, { id: item.id, duplicateOf: out?.status === 'duplicate' ? (out.duplicateOf ?? null) : null });
      count++;
    } catch (err) {
      const known = (err as { id?: unknown }).id;
      await writeLine(output, { id: id ?? (typeof known === 'string' ? known : null), error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { count };
}
