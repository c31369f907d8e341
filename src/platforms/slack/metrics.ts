// Slack-side measurements, registered on the shared registry (so /metrics serves them):
// requests by outcome (ok, rejected_* by verifier code, bad_body) and the time to ack.
import { Counter, Histogram } from 'prom-client';
import type { Metrics } from '../../metrics.js';

export interface SlackMetrics {
  request(outcome: string): void;
  acked(kind: string, seconds: number): void;
  responded(outcome: 'ok' | 'failed'): void;
}

const noop: SlackMetrics = { request: () => {}, acked: () => {}, responded: () => {} };

export function slackMetrics(m?: Metrics): SlackMetrics {
  if (!m) return noop;
  const reg = m.registry;
  const requests =
    (reg.getSingleMetric('talent_radar_slack_requests_total') as Counter<'outcome'> | undefined) ??
    new Counter({
      name: 'talent_radar_slack_requests_total',
      help: 'Requests to /slack/events by outcome (ok, rejected_<code>, bad_body)',
      labelNames: ['outcome'] as const,
      registers: [reg],
    });
  const ack =
    (reg.getSingleMetric('talent_radar_slack_ack_seconds') as Histogram<'kind'> | undefined) ??
    new Histogram({
      name: 'talent_radar_slack_ack_seconds',
      help: 'Time from receiving a Slack request to acknowledging it (Slack gives up at 3 s)',
      labelNames: ['kind'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
      registers: [reg],
    });
  const responses =
    (reg.getSingleMetric('talent_radar_slack_responses_total') as Counter<'outcome'> | undefined) ??
    new Counter({
      name: 'talent_radar_slack_responses_total',
      help: 'Answers sent through response_url by outcome',
      labelNames: ['outcome'] as const,
      registers: [reg],
    });
  return {
    request: (outcome) => requests.inc({ outcome }),
    acked: (kind, seconds) => ack.observe({ kind }, seconds),
    responded: (outcome) => responses.inc({ outcome }),
  };
}
