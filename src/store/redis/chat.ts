// Chat-made state on Redis (store/chat.ts): one hash each for chat sources, watches, feedback and
// mutes, all under the store's hash tag. Small sets read whole; ordering is done here.
import type { Redis } from 'ioredis';
import type { ChatSource, Feedback, Mute, Watch } from '../chat.js';
import type { Platform } from '../../types.js';
import type { Keys } from './keys.js';

interface Ctx {
  redis: Redis;
  k: Keys;
}

const SEP = '\u0001';
const parseAll = <T>(vals: string[]): T[] => vals.map((v) => JSON.parse(v) as T);

export async function addSource(ctx: Ctx, src: ChatSource): Promise<boolean> {
  return (await ctx.redis.hsetnx(ctx.k.chatSources, src.name, JSON.stringify(src))) === 1;
}

export async function removeSource(ctx: Ctx, name: string): Promise<boolean> {
  const res = await ctx.redis.multi().hdel(ctx.k.chatSources, name).del(ctx.k.sourceState(name)).srem(ctx.k.sources, name).exec();
  return Number(res?.[0]?.[1] ?? 0) > 0;
}

export async function listSources(ctx: Ctx): Promise<ChatSource[]> {
  return parseAll<ChatSource>(await ctx.redis.hvals(ctx.k.chatSources)).sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.name.localeCompare(b.name));
}

export async function addWatch(ctx: Ctx, w: Watch): Promise<void> {
  await ctx.redis.hset(ctx.k.watches, w.id, JSON.stringify(w));
}

export async function removeWatch(ctx: Ctx, id: string): Promise<boolean> {
  return (await ctx.redis.hdel(ctx.k.watches, id)) > 0;
}

export async function listWatches(ctx: Ctx, filter: { platform?: Platform } = {}): Promise<Watch[]> {
  return parseAll<Watch>(await ctx.redis.hvals(ctx.k.watches))
    .filter((w) => !filter.platform || w.platform === filter.platform)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function addFeedback(ctx: Ctx, f: Feedback): Promise<boolean> {
  const field = [f.alertId, f.platform, f.channel, f.user, f.action].join(SEP);
  return (await ctx.redis.hsetnx(ctx.k.feedback, field, JSON.stringify(f))) === 1;
}

export async function listFeedback(ctx: Ctx, limit: number): Promise<Feedback[]> {
  return parseAll<Feedback>(await ctx.redis.hvals(ctx.k.feedback))
    .sort((a, b) => a.at.localeCompare(b.at) || a.alertId.localeCompare(b.alertId))
    .slice(0, limit);
}

const muteField = (m: Pick<Mute, 'platform' | 'channel' | 'source'>) => [m.platform, m.channel, m.source].join(SEP);

export async function addMute(ctx: Ctx, m: Mute): Promise<void> {
  const prev = await ctx.redis.hget(ctx.k.mutes, muteField(m));
  if (prev && Date.parse((JSON.parse(prev) as Mute).until) >= Date.parse(m.until)) return;
  await ctx.redis.hset(ctx.k.mutes, muteField(m), JSON.stringify(m));
}

/** In force at `nowMs`; expired ones are dropped on the way. */
export async function listMutes(ctx: Ctx, nowMs: number): Promise<Mute[]> {
  const all = parseAll<Mute>(await ctx.redis.hvals(ctx.k.mutes));
  const expired = all.filter((m) => Date.parse(m.until) <= nowMs);
  if (expired.length) await ctx.redis.hdel(ctx.k.mutes, ...expired.map(muteField));
  return all.filter((m) => Date.parse(m.until) > nowMs).sort((a, b) => muteField(a).localeCompare(muteField(b)));
}
