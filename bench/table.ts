// The bench table, plain text (also pasted into docs/bench.md).
import type { Machine } from './util.js';

export interface Row {
  metric: string;
  value: string;
  target: string;
  status: string;
  note?: string;
}

export function renderTable(rows: Row[], m: Machine): string {
  const head: Row = { metric: 'metric', value: 'value', target: 'target', status: 'status' };
  const all = [head, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => (r[k] ?? '').length));
  const line = (r: Row) =>
    `| ${r.metric.padEnd(w('metric'))} | ${r.value.padEnd(w('value'))} | ${r.target.padEnd(w('target'))} | ${r.status.padEnd(w('status'))} |`;
  const sep = `|${['metric', 'value', 'target', 'status'].map((k) => '-'.repeat(w(k as keyof Row) + 2)).join('|')}|`;
  const notes = rows.filter((r) => r.note).map((r) => `  * ${r.metric}: ${r.note}`);
  return [
    `talent-radar bench — ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.date}, load ${m.loadAvg1}`,
    line(head),
    sep,
    ...rows.map(line),
    ...notes,
  ].join('\n');
}
