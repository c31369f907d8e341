// Digest schedule: at the configured cron and timezone, each channel in daily or weekly mode
// gets one digest per period, even with several replicas (claimOnce in the store).
import cron from 'node-cron';
import type { App } from '../app.js';
import type { Delivery, DigestMode, Platform } from '../types.js';
import { buildDigest, channelAccepts } from './build.js';
import { digestDeliveryId } from '../delivery/ids.js';

const PERIOD_MS = { daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

/** Channels and their digest mode: `/talent digest` settings override the config's routes. */
export async function digestChannels(app: Pick<App, 'config' | 'store'>): Promise<Array<{ platform: Platform; channel: string; mode: DigestMode }>> {
  const modes = new Map<string, { platform: Platform; channel: string; mode: DigestMode }>();
  for (const r of app.config.routes) {
    const mode = r.digest ?? (r.mode === 'digest' ? 'daily' : undefined);
    if (mode) modes.set(`${r.platform}:${r.channel}`, { platform: r.platform, channel: r.channel, mode });
  }
  for (const d of await app.store.listDigests()) modes.set(`${d.platform}:${d.channel}`, d);
  return [...modes.values()].filter((d) => d.mode !== 'off');
}

/** Enqueues the digests of one period; returns how many were enqueued by this replica. */
export async function sendDigests(
  app: Pick<App, 'config' | 'store' | 'log'> & { knowledge?: Pick<App['knowledge'], 'knownOrg'> },
  period: 'daily' | 'weekly',
  now: Date,
): Promise<number> {
  const channels = (await digestChannels(app)).filter((c) => c.mode === period);
  if (!channels.length) return 0;
  const since = new Date(now.getTime() - PERIOD_MS[period]);
  const [alerts, subs] = await Promise.all([app.store.alertsBetween(since.toISOString(), now.toISOString(), 5000), app.store.listSubscriptions()]);
  const periodKey = `${period}:${Math.floor(now.getTime() / PERIOD_MS[period])}`;
  const { knowledge } = app;
  const knownOrg = knowledge && ((name: string) => knowledge.knownOrg(name));
  let sent = 0;
  for (const c of channels) {
    const id = digestDeliveryId(c.platform, c.channel, periodKey);
    if (!(await app.store.claimOnce(id, Math.ceil(PERIOD_MS[period] / 1000)))) continue;
    const mine = alerts.filter((a) => channelAccepts(a, c.platform, c.channel, app.config.routes, subs));
    const payload = buildDigest(mine, period, now, { knownOrg });
    if (!payload.chartPng) app.log.warn({ channel: c.channel }, 'digest chart left out: its font is missing (talent-radar doctor says where it should be)');
    const delivery: Delivery = {
      id,
      kind: 'digest',
      platform: c.platform,
      channel: c.channel,
      body: JSON.stringify(payload),
      attempts: 0,
      createdAt: now.toISOString(),
    };
    sent += await app.store.enqueue([delivery]);
  }
  app.log.info({ period, sent }, 'digests enqueued');
  return sent;
}

export function scheduleDigests(app: Pick<App, 'config' | 'store' | 'log' | 'knowledge'>): { stop(): Promise<void> } {
  const { schedule } = app.config;
  const run = (period: 'daily' | 'weekly') => () => void sendDigests(app, period, new Date()).catch((err) => app.log.error({ err, period }, 'digest failed'));
  const tasks = [
    cron.schedule(schedule.digestDaily, run('daily'), { timezone: schedule.timezone, name: 'digest-daily' }),
    cron.schedule(schedule.digestWeekly, run('weekly'), { timezone: schedule.timezone, name: 'digest-weekly' }),
  ];
  return {
    async stop() {
      for (const t of tasks) await t.stop();
    },
  };
}
