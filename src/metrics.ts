// Prometheus metrics (prom-client). One Metrics object is made in main and passed down;
// each call site records through it, and /metrics serves `registry`.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();

  readonly polls = new Counter({
    name: 'talent_radar_polls_total',
    help: 'Feed polls by outcome (ok, not_modified, error)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly fetchErrors = new Counter({
    name: 'talent_radar_fetch_errors_total',
    help: 'Feed fetch and parse errors by error code',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly items = new Counter({
    name: 'talent_radar_items_total',
    help: 'Items seen by ingest outcome (new, seen, duplicate, irrelevant, too_old)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly alerts = new Counter({
    name: 'talent_radar_alerts_total',
    help: 'Relevant new alerts archived, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });
  readonly duplicates = new Counter({ name: 'talent_radar_duplicates_total', help: 'Items folded into an earlier alert', registers: [this.registry] });
  readonly deliveries = new Counter({
    name: 'talent_radar_deliveries_total',
    help: 'Delivery attempts by platform and status (ok, retry, rate_limited, dead)',
    labelNames: ['platform', 'status'] as const,
    registers: [this.registry],
  });
  readonly outboxDepth = new Gauge({
    name: 'talent_radar_outbox_depth',
    help: 'Deliveries waiting in the outbox, by state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly fetchSeconds = new Histogram({
    name: 'talent_radar_fetch_duration_seconds',
    help: 'Feed fetch latency',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [this.registry],
  });
  readonly deliverySeconds = new Histogram({
    name: 'talent_radar_delivery_duration_seconds',
    help: 'Platform post latency',
    labelNames: ['platform'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly storeUp = new Gauge({ name: 'talent_radar_store_up', help: '1 when the store answers, 0 when it does not', registers: [this.registry] });
  readonly commands = new Counter({
    name: 'talent_radar_commands_total',
    help: '/talent commands by platform, subcommand and outcome',
    labelNames: ['platform', 'subcommand', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly feedback = new Counter({
    name: 'talent_radar_feedback_total',
    help: 'Feedback on alerts (not_relevant, mute) by source and topic',
    labelNames: ['action', 'source', 'topic'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'talent_radar_' });
  }
}
