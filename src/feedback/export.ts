// Feedback → labelled rows in the dev set's shape (../shared/eval/dev.jsonl: id, source, lang,
// title, summary, link, published, labels{topics, firms, cluster, move}), so a team can measure
// the classifier on its own verdicts and grow its evaluation set. "Not relevant" is a negative
// label (no topics, no firms, no move). One row per alert however many people clicked; the
// `feedback` field says who, where and what the bot had predicted.
import type { Feedback } from '../store/chat.js';
import type { EvalRow } from './eval-rows.js';

export interface ExportRow extends EvalRow {
  feedback: {
    action: 'not_relevant';
    votes: number;
    first: string;
    channels: string[];
    predicted: { topics: string[]; firms: string[]; score: number; moves: Feedback['moves'] };
  };
}

export function exportRows(all: Feedback[]): ExportRow[] {
  const byAlert = new Map<string, Feedback[]>();
  for (const f of all) if (f.action === 'not_relevant') byAlert.set(f.alertId, [...(byAlert.get(f.alertId) ?? []), f]);
  return [...byAlert.values()].map((fs) => {
    const f = fs[0]!;
    return {
      id: f.alertId,
      source: f.source,
      lang: f.lang,
      title: f.title,
      summary: f.summary,
      link: f.link,
      published: f.published,
      labels: { topics: [], firms: [], cluster: null, move: null },
      feedback: {
        action: 'not_relevant',
        votes: new Set(fs.map((x) => `${x.platform}:${x.user}`)).size,
        first: f.at,
        channels: [...new Set(fs.map((x) => `${x.platform}:${x.channel}`))],
        predicted: { topics: f.topics, firms: f.firms, score: f.score, moves: f.moves },
      },
    };
  });
}

/** Counts for the status page: verdicts per source and per topic. */
export function feedbackCounts(all: Feedback[]): { bySource: Array<[string, number, number]>; byTopic: Array<[string, number, number]> } {
  const tally = (key: (f: Feedback) => string[]) => {
    const m = new Map<string, [number, number]>();
    for (const f of all)
      for (const k of key(f)) {
        const c = m.get(k) ?? [0, 0];
        c[f.action === 'not_relevant' ? 0 : 1]++;
        m.set(k, c);
      }
    return [...m.entries()]
      .map(([k, [n, mu]]) => [k, n, mu] as [string, number, number])
      .sort((a, b) => b[1] + b[2] - (a[1] + a[2]) || a[0].localeCompare(b[0]));
  };
  return { bySource: tally((f) => [f.source]), byTopic: tally((f) => (f.topics.length ? f.topics : ['none'])) };
}
