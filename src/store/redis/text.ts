// What an alert is found by, with the tokenizer shared by both backends (../search-text.ts),
// so a query matches the same alerts on SQLite and on Redis.
import type { Alert } from '../../types.js';
import { indexTokens } from '../search-text.js';

/** Distinct index tokens of an alert: title, summaries, firms and the people and firms of its moves. */
export function alertTokens(alert: Pick<Alert, 'title' | 'summary' | 'assessment'>, max = 400): string[] {
  const a = alert.assessment;
  const text = [alert.title, alert.summary, a.summary, ...a.firms, ...a.moves.flatMap((m) => [m.person, m.from, m.to])].join('\n');
  return [...new Set(indexTokens(text))].filter((t) => t.length <= 64).slice(0, max);
}

/** True when `tokens` hold `group` as consecutive tokens (a phrase). */
export function hasPhrase(tokens: string[], group: string[]): boolean {
  outer: for (let i = 0; i + group.length <= tokens.length; i++) {
    for (let j = 0; j < group.length; j++) if (tokens[i + j] !== group[j]) continue outer;
    return true;
  }
  return false;
}

/** Phrase and exclusion checks the index cannot do (it only knows which tokens a doc has). */
export function matchesPhrases(alert: Pick<Alert, 'title' | 'summary' | 'assessment'>, groups: string[][], exclude: string[][]): boolean {
  const tokens = indexTokens(`${alert.title}\n${alert.summary}\n${alert.assessment.summary}`);
  const all = indexTokens(
    [alert.title, alert.summary, alert.assessment.summary, ...alert.assessment.firms, ...alert.assessment.moves.flatMap((m) => [m.person, m.from, m.to])].join(
      '\n',
    ),
  );
  const set = new Set(all);
  for (const g of groups) if (g.length > 1 && !hasPhrase(all, g) && !hasPhrase(tokens, g)) return false;
  for (const g of exclude) if (g.length === 1 ? set.has(g[0]) : hasPhrase(all, g)) return false;
  return true;
}
