// Every file of the shared corpus through decode → harden → parse. Each must yield items with
// a title or link, or be rejected with a typed ParseError. Prints the figures the README quotes.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/sources/charset.js';
import { ParseError } from '../../src/sources/errors.js';
import { parseFeed, type ParsedFeed } from '../../src/sources/parse.js';

const CORPUS = resolve(import.meta.dirname, '../../../shared/corpus/feeds');
const present = existsSync(CORPUS);
if (!present) console.log(`corpus test skipped: ${CORPUS} is absent`);

interface Outcome { file: string; ms: number; charset: string; feed?: ParsedFeed; error?: unknown }

function files(): string[] {
  return readdirSync(CORPUS, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(CORPUS.length + 1))
    .sort();
}

async function run(file: string): Promise<Outcome> {
  let bytes = readFileSync(join(CORPUS, file));
  const started = performance.now();
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const { text, charset } = decodeBody(bytes);
  try {
    const feed = await parseFeed(text, { baseUrl: `https://feeds.example.com/${file}` });
    return { file, ms: performance.now() - started, charset, feed };
  } catch (error) {
    return { file, ms: performance.now() - started, charset, error };
  }
}

describe.skipIf(!present)('corpus', () => {
  it('parses every file or rejects it with a typed error, and prints the figures', async () => {
    const outcomes: Outcome[] = [];
    for (const f of files()) outcomes.push(await run(f));
    const rejected: Record<string, number> = {};
    for (const o of outcomes) {
      if (o.feed) {
        expect.soft(o.feed.entries.length, o.file).toBeGreaterThan(0);
        expect.soft(o.feed.entries.some((e) => e.title || e.link), o.file).toBe(true);
      } else {
        expect.soft(o.error, `${o.file}: ${String(o.error)}`).toBeInstanceOf(ParseError);
        const code = (o.error as ParseError).code;
        rejected[code] = (rejected[code] ?? 0) + 1;
      }
      if (process.env.CORPUS_VERBOSE) {
        const e = o.feed?.entries[0];
        console.log(o.feed ? 'ok ' : 'rej', o.file, o.charset, o.ms.toFixed(1), o.feed ? `${o.feed.entries.length} "${e?.title?.slice(0, 40)}" ${e?.link?.slice(0, 60)}` : `${(o.error as ParseError).code} ${(o.error as Error).message.slice(0, 100)}`);
      }
    }
    const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
    const parsed = outcomes.filter((o) => o.feed).length;
    const byCode = Object.entries(rejected).map(([c, n]) => `${c} ${n}`).join(', ');
    console.log(`corpus: ${outcomes.length} files, ${parsed} parsed, ${outcomes.length - parsed} rejected (${byCode}), slowest ${slowest.file} ${slowest.ms.toFixed(1)} ms`);
    expect(outcomes.length).toBeGreaterThan(0);
  });
});
