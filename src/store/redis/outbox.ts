// Outbox on a Redis Stream with one consumer group; see lua-outbox.ts for the scripts.
import type { Redis } from 'ioredis';
import type { OutboxStats, PostedRecord } from '../store.js';
import type { Delivery, Platform, RetryState } from '../../types.js';
import type { Keys } from './keys.js';
import type { Scripts } from './scripts.js';
import { decodeDelivery, deliveryDoc, encodeRetry, ms } from './codec.js';

export const MAX_DEAD = 10_000;

export interface OutboxCtx {
  redis: Redis;
  k: Keys;
  scripts: Scripts;
  now: () => Date;
  markerRetentionSec: number;
}

export async function enqueue(ctx: OutboxCtx, deliveries: Delivery[]): Promise<number> {
  if (!deliveries.length) return 0;
  const nowMs = ctx.now().getTime();
  const items = deliveries.map((d) => [deliveryDoc(d), ms(d.notBefore, 0)]);
  return Number(await ctx.scripts.enqueue(ctx.k.stream, ctx.k.base, ctx.markerRetentionSec, nowMs, JSON.stringify(items)));
}

export async function claim(ctx: OutboxCtx, consumer: string, max: number, leaseMs: number, now?: Date): Promise<Delivery[]> {
  if (max <= 0) return [];
  const nowMs = (now ?? ctx.now()).getTime();
  const flat = (await ctx.scripts.claim(ctx.k.stream, ctx.k.base, consumer, max, Math.max(0, Math.round(leaseMs)), nowMs)) as string[];
  const out: Delivery[] = [];
  for (let i = 0; i + 4 < flat.length; i += 5) out.push(decodeDelivery(flat[i], flat[i + 1], flat[i + 2], flat[i + 3], flat[i + 4]));
  return out;
}

export async function complete(ctx: OutboxCtx, d: Delivery, messageId: string, now?: Date): Promise<void> {
  const posted = d.kind === 'alert' && d.alertId;
  const rec: PostedRecord | null = posted
    ? { alertId: d.alertId!, platform: d.platform, channel: d.channel, messageId, postedAt: (now ?? ctx.now()).toISOString() }
    : null;
  await ctx.scripts.complete(ctx.k.stream, ctx.k.base, d.id, rec ? `${d.platform}|${d.channel}` : '', d.alertId ?? '', rec ? JSON.stringify(rec) : '');
}

export async function retry(ctx: OutboxCtx, id: string, notBefore: Date, error: string, state?: RetryState): Promise<void> {
  await ctx.scripts.retry(ctx.k.stream, ctx.k.base, id, notBefore.getTime(), notBefore.toISOString(), error.slice(0, 2000), encodeRetry(state));
}

export async function deadLetter(ctx: OutboxCtx, id: string, error: string): Promise<void> {
  await ctx.scripts.dead(ctx.k.stream, ctx.k.base, id, error.slice(0, 2000), MAX_DEAD);
}

export async function recordAttempt(ctx: OutboxCtx, id: string, consumer: string): Promise<number> {
  return Number(await ctx.scripts.attempt(ctx.k.stream, ctx.k.base, id, consumer));
}

export async function stats(ctx: OutboxCtx): Promise<OutboxStats> {
  const [len, inFlight, delayed, dead] = ((await ctx.scripts.stats(ctx.k.stream, ctx.k.base)) as number[]).map(Number);
  return { pending: Math.max(0, len - inFlight) + delayed, inFlight, dead };
}

export async function deadLetters(ctx: OutboxCtx, limit: number): Promise<Array<Delivery & { error: string }>> {
  if (limit <= 0) return [];
  const rows = await ctx.redis.lrange(ctx.k.dead, 0, limit - 1);
  return rows.map((r) => {
    const { d, a, e } = JSON.parse(r) as { d: string; a: string; e: string };
    return { ...decodeDelivery(d, a, '', ''), lastError: e, error: e };
  });
}

export async function getPosted(ctx: OutboxCtx, alertId: string, platform: Platform, channel: string): Promise<PostedRecord | null> {
  const v = await ctx.redis.hget(ctx.k.posted(alertId), `${platform}|${channel}`);
  return v ? (JSON.parse(v) as PostedRecord) : null;
}

export async function listPosted(ctx: OutboxCtx, alertId: string): Promise<PostedRecord[]> {
  const all = await ctx.redis.hvals(ctx.k.posted(alertId));
  return all.map((v) => JSON.parse(v) as PostedRecord).sort((a, b) => a.postedAt.localeCompare(b.postedAt));
}
