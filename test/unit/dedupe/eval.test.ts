// Runs the dev set through the real decision path (exact keys, fingerprint, SQLite store, matcher)
// and checks the report's structure; the figures themselves are printed by `npm run eval`.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressRows, evaluateDedupe, evaluateDedupeSpreads, formatDedupeReport, formatSpreads, SPREADS } from '../../../eval/dedupe-eval.js';
import { loadKnowledge } from '../../../src/knowledge/index.js';
import { createClassifier } from '../../../src/pipeline/classify/index.js';
import { readEvalRows, type EvalRow } from '../../../src/feedback/eval-rows.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { assess, item } from './fixtures.js';

const DEV = resolve(process.cwd(), '../shared/eval/dev.jsonl');

function pairsIn(rows: EvalRow[]): number {
  const sizes = new Map<string, number>();
  for (const r of rows) if (r.labels.cluster) sizes.set(r.labels.cluster, (sizes.get(r.labels.cluster) ?? 0) + 1);
  return [...sizes.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
}

describe('evaluateDedupe', () => {
  it('scores pairs against labelled clusters on a small hand-made set', async () => {
    const row = (id: string, title: string, cluster: string | null, hours: number, link = `https://x.example/${id}`): EvalRow => {
      const it = item({ id, title, link, published: new Date(Date.UTC(2026, 2, 2) + hours * 3600_000).toISOString() });
      return { ...it, labels: { topics: ['superapp'], firms: ['Grab'], cluster, move: null } };
    };
    const rows = [
      row('r1', 'Grab launches an AI trip planner for travellers in Singapore', 'c1', 0),
      row('r2', 'Grab launches an AI trip planner for travellers in Singapore', 'c1', 2, 'https://y.example/r2'),
      row('r3', 'Grab posts a record quarterly profit as deliveries climb', null, 4),
    ];
    const r = await evaluateDedupe(rows, { openStore: () => SqliteStore.open({ file: ':memory:' }), assess: () => assess(['Grab']) });
    expect(r).toMatchObject({ items: 3, labelledClusters: 1, labelledPairs: 1, predictedPairs: 1, truePairs: 1, precision: 1, recall: 1, f1: 1 });
    expect(r.assessment).toBe('classifier');
  });

  it.skipIf(!existsSync(DEV))('runs dev.jsonl in order through the SQLite store and reports pair P/R/F1', async () => {
    const rows = readEvalRows(DEV);
    const r = await evaluateDedupe(rows, { openStore: () => SqliteStore.open({ file: ':memory:' }) });
    expect(r.assessment).toBe('labels');
    expect(r.items).toBe(rows.length);
    expect(r.labelledClusters).toBe(new Set(rows.map((x) => x.labels.cluster).filter(Boolean)).size);
    expect(r.labelledPairs).toBe(pairsIn(rows));
    expect(r.truePairs).toBeLessThanOrEqual(Math.min(r.predictedPairs, r.labelledPairs));
    for (const v of [r.precision, r.recall, r.f1]) (expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1));
    expect(r.falsePositives.length).toBe(r.predictedPairs - r.truePairs);
    expect(r.falseNegatives.length).toBe(r.labelledPairs - r.truePairs);
    expect(r.fingerprintMicros).toBeGreaterThan(0);
    const text = formatDedupeReport(r);
    expect(text).toMatch(/precision \d\.\d{3} {2}recall \d\.\d{3} {2}F1 \d\.\d{3}/);
    console.log(text);
  });

  // The figures `npm run eval` prints, held: each labelled set through the rule classifier and a
  // real SQLite store, as published and squeezed into 7 days, 24 hours and 6 hours (a burst).
  // Floors sit just under what was measured (README, docs/dedupe.md): a change that folds more
  // different stories together, or misses more retellings, fails here.
  const HARD = resolve(process.cwd(), 'test/fixtures/dedupe-hard.jsonl');
  const BLIND_B = resolve(process.cwd(), 'test/fixtures/dedupe-blind-b.jsonl');
  const BLIND_C = resolve(process.cwd(), 'test/fixtures/dedupe-blind-c.jsonl');
  const BLIND_D = resolve(process.cwd(), 'test/fixtures/dedupe-blind-d.jsonl');
  const BLIND_E = resolve(process.cwd(), 'test/fixtures/dedupe-blind-e.jsonl');
  const BLIND_F = resolve(process.cwd(), 'test/fixtures/dedupe-blind-f.jsonl');
  const BLIND_G = resolve(process.cwd(), 'test/fixtures/dedupe-blind-g.jsonl');
  const BLIND_H = resolve(process.cwd(), 'test/fixtures/dedupe-blind-h.jsonl');
  const BLIND_I = resolve(process.cwd(), 'test/fixtures/dedupe-blind-i.jsonl');
  const BLIND_J = resolve(process.cwd(), 'test/fixtures/dedupe-blind-j.jsonl');
  const BLIND_K = resolve(process.cwd(), 'test/fixtures/dedupe-blind-k.jsonl');
  const sets: Array<[string, string, { precision: number; f1: number }]> = [
    // The done-when of the burst issue: P ≥ 0.98 and F1 ≥ 0.95 at every spread.
    ['dev.jsonl', DEV, { precision: 0.98, f1: 0.95 }],
    ['the blind hard-case set', HARD, { precision: 0.94, f1: 0.9 }],
    ['the second blind set', BLIND_B, { precision: 0.98, f1: 0.89 }],
    // Written blind, dense with same-app, same-day different features and follow-ups: the hardest.
    ['the third blind set', BLIND_C, { precision: 0.86, f1: 0.8 }],
    // Written blind to dev's own mix (shares of languages, clusters, moves, off-topic traps).
    ['the fourth blind set', BLIND_D, { precision: 0.97, f1: 0.9 }],
    // Written blind with rumours then confirmations, policies then reactions, reorganizations after exits.
    ['the fifth blind set', BLIND_E, { precision: 0.97, f1: 0.87 }],
    // Written blind to dev's mix again, with same-firm same-week hires and cross-language retellings
    // (first look: F1 0.852 as published, 0.779 at 24 hours).
    ['the sixth blind set', BLIND_F, { precision: 0.92, f1: 0.81 }],
    // Written blind around moves (10 small clusters; first look F1 0.839 at every spread).
    ['the seventh blind set', BLIND_G, { precision: 0.98, f1: 0.83 }],
    // Written blind with 15 cross-language clusters and 25 same-firm, same-days pairs of different
    // events (first look: F1 0.843 as published, 0.808 at 24 hours).
    ['the eighth blind set', BLIND_H, { precision: 0.89, f1: 0.85 }],
    // Written blind after H's fixes, 14 cross-language clusters and 48 same-firm pairs of different
    // events (first look: F1 0.946 as published, 0.857 at 24 hours, P 0.857 there).
    ['the ninth blind set', BLIND_I, { precision: 0.94, f1: 0.91 }],
    // One dense week: 32 clusters (16 cross-language) among 41 same-firm pairs of different events
    // (first look: F1 0.851 as published, 0.778 at 24 hours).
    ['the tenth blind set', BLIND_J, { precision: 0.93, f1: 0.86 }],
    // Written to dev's own measured mix (first look: F1 0.871 as published, 0.800 at 24 hours).
    ['the eleventh blind set', BLIND_K, { precision: 0.92, f1: 0.84 }],
  ];
  for (const [name, path, floor] of sets) {
    it.skipIf(!existsSync(path))(
      `holds pair precision and F1 on ${name} at every spread`,
      async () => {
        const classifier = createClassifier(loadKnowledge(resolve(process.cwd(), 'config')));
        const reports = await evaluateDedupeSpreads(readEvalRows(path), {
          openStore: () => SqliteStore.open({ file: ':memory:' }),
          assess: (it) => classifier.classify(it),
        });
        console.log(`${name}\n${formatSpreads(reports)}`);
        expect(reports.map((r) => r.spread)).toEqual(SPREADS.map((s) => s.name));
        for (const { spread, report } of reports) {
          expect.soft(report.precision, `${spread} precision`).toBeGreaterThanOrEqual(floor.precision);
          expect.soft(report.f1, `${spread} F1`).toBeGreaterThanOrEqual(floor.f1);
        }
      },
      120_000,
    );
  }

  it('compressRows keeps order and maps the span linearly onto the window', () => {
    const rows = [{ published: '2026-01-01T00:00:00Z' }, { published: '2026-01-11T00:00:00Z' }, { published: '2026-01-06T00:00:00Z' }];
    const out = compressRows(rows, 24);
    expect(out.map((r) => r.published)).toEqual(['2026-01-10T00:00:00.000Z', '2026-01-10T12:00:00.000Z', '2026-01-11T00:00:00.000Z']);
    expect(compressRows(rows, null)).toEqual(rows);
  });
});
