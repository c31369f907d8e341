// Subscriptions and digest settings: two hashes (field = the identity, value = the record).
import type { Redis } from 'ioredis';
import type { DigestMode, DigestSetting, Platform, Subscription } from '../../types.js';
import type { Keys } from './keys.js';

interface Ctx {
  redis: Redis;
  k: Keys;
}

const SEP = '\u0001';
const subField = (s: Pick<Subscription, 'platform' | 'channel' | 'kind' | 'value'>) => [s.platform, s.channel, s.kind, s.value].join(SEP);

export async function add(ctx: Ctx, sub: Subscription): Promise<boolean> {
  return (await ctx.redis.hsetnx(ctx.k.subs, subField(sub), JSON.stringify(sub))) === 1;
}

export async function remove(ctx: Ctx, sub: Pick<Subscription, 'platform' | 'channel' | 'kind' | 'value'>): Promise<boolean> {
  return (await ctx.redis.hdel(ctx.k.subs, subField(sub))) > 0;
}

export async function list(ctx: Ctx, filter?: { platform?: Platform; channel?: string }): Promise<Subscription[]> {
  const all = (await ctx.redis.hvals(ctx.k.subs)).map((v) => JSON.parse(v) as Subscription);
  return all
    .filter((s) => (!filter?.platform || s.platform === filter.platform) && (filter?.channel === undefined || s.channel === filter.channel))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || subField(a).localeCompare(subField(b)));
}

export async function setDigest(ctx: Ctx, platform: Platform, channel: string, mode: DigestMode): Promise<void> {
  await ctx.redis.hset(ctx.k.digests, `${platform}${SEP}${channel}`, mode);
}

export async function listDigests(ctx: Ctx): Promise<DigestSetting[]> {
  const all = await ctx.redis.hgetall(ctx.k.digests);
  return Object.entries(all)
    .map(([f, mode]) => {
      const i = f.indexOf(SEP);
      return { platform: f.slice(0, i) as Platform, channel: f.slice(i + 1), mode: mode as DigestMode };
    })
    .sort((a, b) => `${a.platform}${SEP}${a.channel}`.localeCompare(`${b.platform}${SEP}${b.channel}`));
}
