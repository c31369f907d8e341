// Labelled evaluation rows (../shared/eval/dev.jsonl and hidden sets of the same shape).
import { readFileSync } from 'node:fs';
import type { Topic } from '../types.js';

export interface EvalMove {
  person: string;
  from: string;
  to: string;
}

export interface EvalRow {
  id: string;
  source: string;
  lang: string;
  title: string;
  summary: string;
  link: string;
  published: string;
  labels: {
    topics: Topic[];
    firms: string[];
    /** Rows of one story share a cluster id; null when the story stands alone. */
    cluster: string | null;
    move: EvalMove | null;
  };
}

export class EvalDataError extends Error {
  readonly code = 'EVAL_DATA_INVALID';
  constructor(message: string) {
    super(`${message} (each line must be a JSON object with id, title, summary and labels{topics,firms,cluster,move})`);
    this.name = 'EvalDataError';
  }
}

export function parseEvalRows(text: string, file = '<inline>'): EvalRow[] {
  const rows: EvalRow[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let r: Partial<EvalRow>;
    try {
      r = JSON.parse(line) as Partial<EvalRow>;
    } catch {
      throw new EvalDataError(`${file}:${i + 1}: not valid JSON`);
    }
    if (typeof r.id !== 'string' || typeof r.title !== 'string' || !r.labels || !Array.isArray(r.labels.topics) || !Array.isArray(r.labels.firms)) {
      throw new EvalDataError(`${file}:${i + 1}: missing id, title or labels`);
    }
    rows.push({
      source: '',
      lang: 'en',
      summary: '',
      link: '',
      published: '',
      ...r,
      labels: { topics: r.labels.topics, firms: r.labels.firms, cluster: r.labels.cluster ?? null, move: r.labels.move ?? null },
    } as EvalRow);
  });
  return rows;
}

export function readEvalRows(path: string): EvalRow[] {
  return parseEvalRows(readFileSync(path, 'utf8'), path);
}
