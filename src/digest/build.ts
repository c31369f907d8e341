// Builds a channel's digest: top stories by score grouped by topic, and the talent flows.
import type { DigestPayload } from '../delivery/poster.js';
import type { RouteConfig } from '../config/schema.js';
import type { Alert, Platform, Subscription } from '../types.js';
import { flowChartPng, type Flow } from './chart.js';
import { ChartFontError } from './fonts.js';
import type { OrgLookup } from './labels.js';

/** Whether an alert belongs in a channel's digest: any route or subscription of that channel accepts it. */
export function channelAccepts(alert: Alert, platform: Platform, channel: string, routes: RouteConfig[], subs: Subscription[]): boolean {
  const a = alert.assessment;
  const mine = routes.filter((r) => r.platform === platform && r.channel === channel);
  const subsMine = subs.filter((s) => s.platform === platform && s.channel === channel);
  if (mine.length === 0 && subsMine.length === 0) return a.relevant;
  const routeOk = mine.some(
    (r) =>
      a.score >= r.minScore &&
      (!r.topics?.length || r.topics.some((t) => a.topics.includes(t))) &&
      (!r.firms?.length || r.firms.some((f) => a.firms.includes(f))),
  );
  const subOk = subsMine.some((s) => (s.kind === 'firm' ? a.firms.includes(s.value) : a.topics.includes(s.value as 'talent' | 'superapp')));
  return routeOk || subOk;
}

export function talentFlows(alerts: Alert[]): Flow[] {
  const flows = new Map<string, Flow>();
  for (const a of alerts) {
    for (const m of a.assessment.moves) {
      const key = `${m.from}\u0000${m.to}`;
      const f = flows.get(key) ?? { from: m.from, to: m.to, direction: m.direction, count: 0 };
      f.count += 1;
      flows.set(key, f);
    }
  }
  return [...flows.values()].sort((x, y) => y.count - x.count || x.from.localeCompare(y.from));
}

export function buildDigest(
  alerts: Alert[],
  period: 'daily' | 'weekly',
  until: Date,
  opts: { perTopic?: number; chart?: boolean; knownOrg?: OrgLookup } = {},
): DigestPayload {
  const perTopic = opts.perTopic ?? 8;
  const byScore = [...alerts].sort((a, b) => b.assessment.score - a.assessment.score);
  const sections = (['talent', 'superapp'] as const)
    .map((topic) => ({
      heading: topic === 'talent' ? 'AI talent moves' : 'Super-apps',
      alerts: byScore.filter((a) => a.assessment.topics.includes(topic)).slice(0, perTopic),
    }))
    .filter((s) => s.alerts.length > 0);
  const flows = talentFlows(alerts);
  const title = `talent-radar ${period} digest — ${until.toISOString().slice(0, 10)}`;
  return {
    title,
    period,
    sections,
    flows,
    chartPng: opts.chart === false ? undefined : chartBase64(flows.slice(0, 25), opts.knownOrg),
  };
}

/** The chart, or none when its font is missing: the digest's text still goes out (doctor reports the font). */
function chartBase64(flows: Flow[], knownOrg?: OrgLookup): string | undefined {
  try {
    return flowChartPng(flows, 'Talent flows', { knownOrg }).toString('base64');
  } catch (err) {
    if (err instanceof ChartFontError) return undefined;
    throw err;
  }
}
