// Pair precision / recall / F1 of dedupe over labelled clusters: items run in order through the
// real decision (exact keys + fingerprint → store.ingest with the matcher), one entry at a time.
import type { IngestOutcome, NearDupMatcher, Store } from '../src/store/store.js';
import type { Assessment, Item } from '../src/types.js';
import { createMatcher, exactKeys, fingerprint } from '../src/pipeline/dedupe/index.js';
import type { EvalRow } from '../src/feedback/eval-rows.js';

/** The eval row shape (rows.ts); dedupe uses the item fields, labels.firms/move and labels.cluster. */
export type DedupeEvalRow = EvalRow;

export interface DedupeEvalDeps {
  /** A fresh, empty store (only `ingest` and `close` are used). */
  openStore: () => Pick<Store, 'ingest' | 'close'> | Promise<Pick<Store, 'ingest' | 'close'>>;
  /** Assessment per item; default: the labels' firms and move. */
  assess?: (item: Item) => Assessment | Promise<Assessment>;
  matcher?: NearDupMatcher;
  retentionSec?: number;
  /** Name of the assessment used, for the report. */
  assessment?: string;
}

export interface DedupeReport {
  assessment: string;
  items: number;
  labelledClusters: number;
  labelledPairs: number;
  predictedPairs: number;
  truePairs: number;
  precision: number;
  recall: number;
  f1: number;
  /** Predicted but not labelled, and labelled but missed (item id pairs). */
  falsePositives: Array<[string, string]>;
  falseNegatives: Array<[string, string]>;
  /** Mean fingerprint() cost in microseconds, measured warm over a few passes of the rows. */
  fingerprintMicros: number;
}

export function rowToItem(r: DedupeEvalRow): Item {
  return { id: r.id, source: r.source, title: r.title, summary: r.summary, link: r.link, lang: r.lang, published: r.published, fetchedAt: r.published };
}

export function labelAssessment(r: DedupeEvalRow): Assessment {
  const firms = r.labels.firms ?? [];
  const topics = r.labels.topics ?? [];
  return {
    relevant: topics.length > 0,
    topics,
    score: topics.length ? 1 : 0,
    firms,
    moves: r.labels.move ? [r.labels.move] : [],
    why: ['labels'],
    summary: r.title,
  };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** All within-group pairs of groups given as id → group label. */
function pairsOf(groups: Map<string, string>): Set<string> {
  const byGroup = new Map<string, string[]>();
  for (const [id, g] of groups) byGroup.set(g, [...(byGroup.get(g) ?? []), id]);
  const out = new Set<string>();
  for (const ids of byGroup.values()) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.add(pairKey(ids[i], ids[j]));
  return out;
}

/** Mean fingerprint() cost once warm (caches filled, code optimized): a few passes over the rows. */
function steadyFingerprintMicros(inputs: Array<[Item, Assessment]>, passes = 10): number {
  if (!inputs.length) return 0;
  for (let p = 0; p < passes; p++) for (const [i, a] of inputs) fingerprint(i, a);
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) for (const [i, a] of inputs) fingerprint(i, a);
  return Number(process.hrtime.bigint() - t0) / 1000 / (passes * inputs.length);
}

export async function evaluateDedupe(rows: DedupeEvalRow[], deps: DedupeEvalDeps): Promise<DedupeReport> {
  const store = await deps.openStore();
  const matcher = deps.matcher ?? createMatcher();
  const retentionSec = deps.retentionSec ?? 30 * 86400;
  const root = new Map<string, string>();
  const find = (id: string): string => {
    let r = id;
    while (root.get(r) !== r && root.has(r)) r = root.get(r)!;
    return r;
  };
  const inputs: Array<[Item, Assessment]> = [];
  try {
    for (const row of rows) {
      const item = rowToItem(row);
      const assessment = deps.assess ? await deps.assess(item) : labelAssessment(row);
      const fp = fingerprint(item, assessment);
      inputs.push([item, assessment]);
      const [out]: IngestOutcome[] = await store.ingest({
        // As the bot does: only relevant items are archived and take part in near-duplicate matching.
        entries: [{ item, assessment, keys: exactKeys(item), fingerprint: assessment.relevant ? fp : undefined, archive: assessment.relevant, targets: [] }],
        matcher,
        retentionSec,
        now: new Date(item.published),
      });
      root.set(item.id, item.id);
      if (out?.status === 'duplicate' && out.duplicateOf && root.has(out.duplicateOf)) root.set(item.id, find(out.duplicateOf));
    }
  } finally {
    await store.close();
  }
  const predicted = pairsOf(new Map([...root.keys()].map((id) => [id, find(id)])));
  const labelled = pairsOf(new Map(rows.filter((r) => r.labels.cluster).map((r) => [r.id, r.labels.cluster as string])));
  const truePairs = [...predicted].filter((p) => labelled.has(p)).length;
  const precision = predicted.size ? truePairs / predicted.size : 1;
  const recall = labelled.size ? truePairs / labelled.size : 1;
  const split = (p: string) => p.split('|') as [string, string];
  return {
    assessment: deps.assessment ?? (deps.assess ? 'classifier' : 'labels'),
    items: rows.length,
    labelledClusters: new Set(rows.map((r) => r.labels.cluster).filter(Boolean)).size,
    labelledPairs: labelled.size,
    predictedPairs: predicted.size,
    truePairs,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    falsePositives: [...predicted].filter((p) => !labelled.has(p)).map(split),
    falseNegatives: [...labelled].filter((p) => !predicted.has(p)).map(split),
    fingerprintMicros: steadyFingerprintMicros(inputs),
  };
}

/** The spreads the dedupe evaluation is reported at: the set as published, then squeezed into 7 days, 24 hours and 6 hours. */
export const SPREADS: ReadonlyArray<{ name: string; hours: number | null }> = [
  { name: 'original', hours: null },
  { name: '7 days', hours: 168 },
  { name: '24 hours', hours: 24 },
  { name: '6 hours', hours: 6 },
];

/**
 * The rows as if a burst: `published` mapped linearly from the set's span onto the `hours` before
 * `end` (default: the set's last date), order kept. A day's news arriving together.
 */
export function compressRows<T extends { published: string }>(rows: readonly T[], hours: number | null, end?: number): T[] {
  if (hours === null) return [...rows];
  const ts = rows.map((r) => Date.parse(r.published));
  const valid = ts.filter(Number.isFinite);
  if (!valid.length) return [...rows];
  const min = Math.min(...valid);
  const max = Math.max(...valid);
  const last = end ?? max;
  const scale = max > min ? (hours * 3600_000) / (max - min) : 0;
  const out = rows.map((r, i) => (Number.isFinite(ts[i]) ? { ...r, published: new Date(last - (max - ts[i]) * scale).toISOString() } : { ...r }));
  return out.sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
}

export interface SpreadReport {
  spread: string;
  report: DedupeReport;
}

/** evaluateDedupe at every spread in SPREADS (a fresh store each). */
export async function evaluateDedupeSpreads(rows: DedupeEvalRow[], deps: DedupeEvalDeps): Promise<SpreadReport[]> {
  const out: SpreadReport[] = [];
  for (const { name, hours } of SPREADS) out.push({ spread: name, report: await evaluateDedupe(compressRows(rows, hours), deps) });
  return out;
}

export function formatSpreads(reports: SpreadReport[]): string {
  const f = (x: number) => x.toFixed(3);
  return [
    `dedupe pairs by spread (${reports[0]?.report.assessment ?? ''} assessment): precision recall F1 (predicted/labelled pairs)`,
    ...reports.map(({ spread, report: r }) => `  ${spread.padEnd(9)} ${f(r.precision)} ${f(r.recall)} ${f(r.f1)}  (${r.predictedPairs}/${r.labelledPairs})`),
  ].join('\n');
}

export function formatDedupeReport(r: DedupeReport): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    `dedupe (${r.assessment} assessment): ${r.items} items, ${r.labelledClusters} clusters, ${r.labelledPairs} labelled pairs`,
    `  pairs: predicted ${r.predictedPairs}, correct ${r.truePairs}`,
    `  precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}`,
    `  fingerprint ${r.fingerprintMicros.toFixed(1)} µs/item`,
  ];
  if (r.falsePositives.length)
    lines.push(
      `  false merges: ${r.falsePositives
        .slice(0, 10)
        .map((p) => p.join('~'))
        .join(' ')}`,
    );
  if (r.falseNegatives.length)
    lines.push(
      `  missed: ${r.falseNegatives
        .slice(0, 10)
        .map((p) => p.join('~'))
        .join(' ')}`,
    );
  return lines.join('\n');
}
