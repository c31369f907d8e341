// Pure scoring of assessments against labelled rows: relevance, each topic, firms, moves.
import { TOPICS, type Assessment, type Topic } from '../src/types.js';
import type { EvalRow } from '../src/feedback/eval-rows.js';

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface ClassifyReport {
  relevance: PRF;
  topics: Record<Topic, PRF>;
  topicMacroF1: number;
  firms: PRF;
  moves: { correct: number; total: number; accuracy: number };
  errors: Array<{ id: string; kind: 'relevance' | 'topic' | 'firm' | 'move'; detail: string }>;
}

export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, fp, fn };
}

export function evaluateClassify(rows: EvalRow[], assessments: Assessment[]): ClassifyReport {
  if (rows.length !== assessments.length) throw new Error(`evaluateClassify: ${rows.length} rows but ${assessments.length} assessments`);
  const errors: ClassifyReport['errors'] = [];
  const rel = { tp: 0, fp: 0, fn: 0 };
  const top = Object.fromEntries(TOPICS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<Topic, { tp: number; fp: number; fn: number }>;
  const fir = { tp: 0, fp: 0, fn: 0 };
  let moveTotal = 0;
  let moveOk = 0;
  rows.forEach((row, i) => {
    const a = assessments[i];
    const gold = row.labels.topics.length > 0;
    if (gold && a.relevant) rel.tp++;
    else if (a.relevant) rel.fp++;
    else if (gold) rel.fn++;
    if (gold !== a.relevant) errors.push({ id: row.id, kind: 'relevance', detail: `expected ${gold ? 'relevant' : 'not relevant'}, score ${a.score}` });
    for (const t of TOPICS) {
      const g = row.labels.topics.includes(t);
      const p = a.topics.includes(t);
      if (g && p) top[t].tp++;
      else if (p) top[t].fp++;
      else if (g) top[t].fn++;
      if (g !== p && gold === a.relevant) errors.push({ id: row.id, kind: 'topic', detail: `${t}: expected ${g}` });
    }
    const gf = new Set(row.labels.firms);
    const pf = new Set(a.firms);
    for (const f of pf) (gf.has(f) ? fir.tp++ : fir.fp++, gf.has(f) || errors.push({ id: row.id, kind: 'firm', detail: `extra ${f}` }));
    for (const f of gf) if (!pf.has(f)) (fir.fn++, errors.push({ id: row.id, kind: 'firm', detail: `missing ${f}` }));
    const gm = row.labels.move;
    if (gm) {
      moveTotal++;
      const ok = a.moves.some((m) => m.from === gm.from && m.to === gm.to);
      if (ok) moveOk++;
      else
        errors.push({
          id: row.id,
          kind: 'move',
          detail: `expected ${gm.from}→${gm.to}, got ${a.moves.map((m) => `${m.person}: ${m.from}→${m.to}`).join('; ') || 'none'}`,
        });
    }
  });
  const topics = Object.fromEntries(TOPICS.map((t) => [t, prf(top[t].tp, top[t].fp, top[t].fn)])) as Record<Topic, PRF>;
  return {
    relevance: prf(rel.tp, rel.fp, rel.fn),
    topics,
    topicMacroF1: TOPICS.reduce((s, t) => s + topics[t].f1, 0) / TOPICS.length,
    firms: prf(fir.tp, fir.fp, fir.fn),
    moves: { correct: moveOk, total: moveTotal, accuracy: moveTotal ? moveOk / moveTotal : 1 },
    errors,
  };
}

export interface MoveCaseReport {
  /** Rows with a labelled move: from → to right. */
  moves: { correct: number; total: number; accuracy: number };
  /** Of those, the person's name right too (case and spacing folded). */
  person: { correct: number; total: number; accuracy: number };
  /** Hard negatives (no labelled move) where a move was still emitted. */
  falseMoves: { count: number; total: number };
  /** Per `pattern` of the row (verb, return, metonym, newco, indirect, neg:…). */
  byPattern: Record<string, { correct: number; total: number }>;
  errors: Array<{ id: string; pattern: string; detail: string }>;
}

const foldName = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Scores moves only (own move cases: eval/moves.jsonl); relevance and firms are not labelled there. */
export function evaluateMoveCases(rows: EvalRow[], assessments: Assessment[]): MoveCaseReport {
  const r: MoveCaseReport = {
    moves: { correct: 0, total: 0, accuracy: 1 },
    person: { correct: 0, total: 0, accuracy: 1 },
    falseMoves: { count: 0, total: 0 },
    byPattern: {},
    errors: [],
  };
  rows.forEach((row, i) => {
    const a = assessments[i];
    const pattern = (row as EvalRow & { pattern?: string }).pattern ?? (row.labels.move ? 'move' : 'neg');
    const bucket = (r.byPattern[pattern] ??= { correct: 0, total: 0 });
    bucket.total++;
    const gm = row.labels.move;
    const got = a.moves.map((m) => `${m.person}: ${m.from}→${m.to}`).join('; ') || 'none';
    if (!gm) {
      r.falseMoves.total++;
      if (a.moves.length) (r.falseMoves.count++, r.errors.push({ id: row.id, pattern, detail: `expected no move, got ${got}` }));
      else bucket.correct++;
      return;
    }
    r.moves.total++;
    r.person.total++;
    const hit = a.moves.find((m) => m.from === gm.from && m.to === gm.to);
    if (hit) (r.moves.correct++, bucket.correct++);
    else r.errors.push({ id: row.id, pattern, detail: `expected ${gm.person}: ${gm.from}→${gm.to}, got ${got}` });
    if (hit && foldName(hit.person) === foldName(gm.person)) r.person.correct++;
    else if (hit) r.errors.push({ id: row.id, pattern, detail: `person: expected ${gm.person}, got ${hit.person}` });
  });
  r.moves.accuracy = r.moves.total ? r.moves.correct / r.moves.total : 1;
  r.person.accuracy = r.person.total ? r.person.correct / r.person.total : 1;
  return r;
}
