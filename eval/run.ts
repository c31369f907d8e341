// `npm run eval`: scores the relevance engine (and dedupe, when present) on labelled rows.
//   npm run eval -- [path/to/rows.jsonl]  (built into dist-tools/, not the shipped dist/) [--moves=path/to/move-cases.jsonl] [--errors]
// Own move cases (eval/moves*.jsonl; moves.jsonl from scripts/gen-move-cases.mjs) are scored on moves only.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { silentLogger } from '../src/log.js';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeFor } from '../src/knowledge/for-config.js';
import { createClassifier } from '../src/pipeline/classify/index.js';
import type { Item } from '../src/types.js';
import { evaluateClassify, evaluateMoveCases, type PRF } from './classify-eval.js';
import { readEvalRows, type EvalRow } from '../src/feedback/eval-rows.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const line = (name: string, m: PRF) => `${name.padEnd(22)}${pct(m.precision)}${pct(m.recall)}${pct(m.f1)}   tp ${m.tp} fp ${m.fp} fn ${m.fn}`;

export function rowToItem(r: EvalRow): Item {
  return { id: r.id, source: r.source, title: r.title, summary: r.summary, link: r.link, lang: r.lang, published: r.published, fetchedAt: r.published };
}

type DedupeModule = {
  evaluateDedupe(rows: EvalRow[], deps: Record<string, unknown>): Promise<{ precision: number; recall: number; f1: number }>;
  formatDedupeReport?: (r: unknown) => string;
  evaluateDedupeSpreads?: (rows: EvalRow[], deps: Record<string, unknown>) => Promise<unknown[]>;
  formatSpreads?: (r: unknown[]) => string;
};

/** Dedupe is another module (eval/dedupe-eval.ts); it is skipped while not built. */
async function runDedupe(rows: EvalRow[], assess: (it: Item) => unknown, w: (s: string) => void): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  if (!existsSync(resolve(here, 'dedupe-eval.js')) || !existsSync(resolve(here, '../src/store/sqlite/index.js'))) {
    w('dedupe: skipped (dedupe-eval or the SQLite store is not built yet)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'talent-radar-eval-'));
  try {
    const mod = (await import('./dedupe-eval.js' as string)) as DedupeModule;
    const sqlite = (await import('../src/store/sqlite/index.js' as string)) as { SqliteStore: { open(o: { dir: string; log: unknown }): unknown } };
    let n = 0;
    const d = await mod.evaluateDedupe(rows, {
      openStore: () => sqlite.SqliteStore.open({ dir: join(dir, String(n++)), log: silentLogger() }),
      assess,
      assessment: 'rule engine',
    });
    if (mod.formatDedupeReport) w(mod.formatDedupeReport(d));
    else w(`${'dedupe pairs'.padEnd(22)}${pct(d.precision)}${pct(d.recall)}${pct(d.f1)}`);
    if (mod.evaluateDedupeSpreads && mod.formatSpreads) {
      const spreads = await mod.evaluateDedupeSpreads(rows, {
        openStore: () => sqlite.SqliteStore.open({ dir: join(dir, String(n++)), log: silentLogger() }),
        assess,
        assessment: 'rule engine',
      });
      w(mod.formatSpreads(spreads));
    }
  } catch (err) {
    w(`dedupe: failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const path = resolve(argv.find((a) => !a.startsWith('--')) ?? resolve(root, '../shared/eval/dev.jsonl'));
  const rows = readEvalRows(path);
  const knowledge = loadKnowledgeFor();
  const classifier = createClassifier(knowledge);
  const items = rows.map(rowToItem);
  const assessments = items.map((it) => classifier.classify(it));
  const rep = evaluateClassify(rows, assessments);
  const w = (s: string) => out.write(`${s}\n`);
  w(`relevance engine on ${path} (${rows.length} rows)`);
  w(`${''.padEnd(22)}${'prec'.padStart(7)}${'recall'.padStart(7)}${'F1'.padStart(7)}`);
  w(line('relevance', rep.relevance));
  for (const [t, m] of Object.entries(rep.topics)) w(line(`topic ${t}`, m));
  w(`${'topic macro-F1'.padEnd(22)}${''.padStart(14)}${pct(rep.topicMacroF1)}`);
  w(line('firms (micro)', rep.firms));
  w(`${'move from→to (dev)'.padEnd(22)}${pct(rep.moves.accuracy)}   ${rep.moves.correct}/${rep.moves.total} labelled moves`);
  // Own move cases: every eval/moves*.jsonl (generated: moves.jsonl; hand-written: moves-hand.jsonl), or --moves=<file>.
  const given = argv.find((a) => a.startsWith('--moves='))?.slice(8);
  const dir = resolve(root, 'eval');
  const files = given
    ? [resolve(given)]
    : existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /^moves.*\.jsonl$/.test(f))
          .sort()
          .map((f) => resolve(dir, f))
      : [];
  for (const file of files) {
    const cases = readEvalRows(file);
    const mc = evaluateMoveCases(
      cases,
      cases.map((r) => classifier.classify(rowToItem(r))),
    );
    w(`own move cases ${file} (${cases.length} rows)`);
    w(`${'move from→to (own)'.padEnd(22)}${pct(mc.moves.accuracy)}   ${mc.moves.correct}/${mc.moves.total} labelled moves`);
    w(`${'  person named right'.padEnd(22)}${pct(mc.person.accuracy)}   ${mc.person.correct}/${mc.person.total}`);
    w(`${'  false moves (neg)'.padEnd(22)}${String(mc.falseMoves.count).padStart(7)}   of ${mc.falseMoves.total} hard negatives`);
    for (const [p, b] of Object.entries(mc.byPattern).sort(([x], [y]) => x.localeCompare(y)))
      w(`    ${p.padEnd(18)}${pct(b.total ? b.correct / b.total : 1)}   ${b.correct}/${b.total}`);
    if (argv.includes('--errors')) for (const e of mc.errors) w(`  ${e.id} [${e.pattern}] ${e.detail}`);
  }

  const rounds = Math.max(1, Math.ceil(4000 / items.length));
  for (const it of items) classifier.classify(it); // warm up
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const it of items) classifier.classify(it);
  const secs = (performance.now() - t0) / 1000;
  w(`${'classify speed'.padEnd(22)}${Math.round((rounds * items.length) / secs)} items/s (${rounds * items.length} items)`);
  if (argv.includes('--errors')) for (const e of rep.errors) w(`  ${e.id} ${e.kind}: ${e.detail}`);

  await runDedupe(rows, (it) => classifier.classify(it), w);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
