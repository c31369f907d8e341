import { describe, expect, it } from 'vitest';
import { backoffMs, isDue, nextPollAt, pollSlotMs } from '../../../src/sources/schedule.js';
import { createLimiter } from '../../../src/sources/limiter.js';

const MIN = 60_000;

describe('pollSlotMs / nextPollAt', () => {
  it('gives each URL a fixed slot inside the interval, spread across URLs', () => {
    const slots = Array.from({ length: 200 }, (_, i) => pollSlotMs(`https://feeds.example/${i}.xml`, 15 * MIN));
    for (const s of slots) (expect(s).toBeGreaterThanOrEqual(0), expect(s).toBeLessThan(15 * MIN));
    expect(pollSlotMs('https://a.example/f', 15 * MIN)).toBe(pollSlotMs('https://a.example/f', 15 * MIN));
    const buckets = new Set(slots.map((s) => Math.floor(s / MIN)));
    expect(buckets.size).toBeGreaterThan(10); // 200 URLs over 15 one-minute buckets
  });

  it('schedules the next poll on the slot, at least half an interval ahead', () => {
    const url = 'https://a.example/feed';
    const interval = 15 * MIN;
    const slot = pollSlotMs(url, interval);
    const last = new Date(Date.UTC(2026, 10, 29, 4, 0, 0));
    const next = nextPollAt(last, interval, url);
    expect((next.getTime() - slot) % interval).toBe(0);
    expect(next.getTime() - last.getTime()).toBeGreaterThanOrEqual(interval / 2);
    expect(next.getTime() - last.getTime()).toBeLessThanOrEqual(interval * 1.5);
    // Polling again at that slot moves exactly one interval on.
    expect(nextPollAt(next, interval, url).getTime()).toBe(next.getTime() + interval);
  });
});

describe('backoffMs', () => {
  it('doubles per failure, jitters between half and all, and caps', () => {
    expect(backoffMs(1, MIN, 60 * MIN, () => 0)).toBe(MIN / 2);
    expect(backoffMs(1, MIN, 60 * MIN, () => 0.999999)).toBeCloseTo(MIN, -1);
    expect(backoffMs(3, MIN, 60 * MIN, () => 0)).toBe(2 * MIN);
    expect(backoffMs(30, MIN, 60 * MIN, () => 0.5)).toBe(45 * MIN);
    expect(backoffMs(1000, MIN, 60 * MIN, () => 1)).toBe(60 * MIN);
    expect(backoffMs(0, MIN, 60 * MIN, () => 0)).toBe(MIN / 2);
  });
});

describe('isDue', () => {
  it('is due with no schedule, at or after the time, not before', () => {
    const now = new Date('2026-11-29T04:00:00Z');
    expect(isDue(undefined, now)).toBe(true);
    expect(isDue('2026-11-29T04:00:00.000Z', now)).toBe(true);
    expect(isDue('2026-11-29T04:00:01.000Z', now)).toBe(false);
  });
});

describe('createLimiter', () => {
  function gate() {
    let open!: () => void;
    const p = new Promise<void>((r) => (open = r));
    return { p, open };
  }

  it('bounds concurrency overall and per host, and keeps others moving', async () => {
    const limiter = createLimiter({ concurrency: 3, perHost: 1 });
    const running: string[] = [];
    let maxActive = 0;
    const gates = new Map<string, ReturnType<typeof gate>>();
    const task = (host: string, id: string) =>
      limiter.run(host, async () => {
        running.push(id);
        maxActive = Math.max(maxActive, limiter.active);
        const g = gate();
        gates.set(id, g);
        await g.p;
        return id;
      });
    const all = [task('a', 'a1'), task('a', 'a2'), task('b', 'b1'), task('c', 'c1'), task('d', 'd1')];
    await new Promise((r) => setImmediate(r));
    expect(running).toEqual(['a1', 'b1', 'c1']); // a2 waits for its host, d1 for a slot
    gates.get('a1')!.open();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(running).toEqual(['a1', 'b1', 'c1', 'a2']);
    for (const id of ['b1', 'c1', 'a2']) gates.get(id)!.open();
    await new Promise((r) => setTimeout(r, 5));
    gates.get('d1')?.open();
    expect(await Promise.all(all)).toEqual(['a1', 'a2', 'b1', 'c1', 'd1']);
    expect(maxActive).toBe(3);
    expect(limiter.active).toBe(0);
  });

  it('a failing task frees its slot and rejects only its own caller', async () => {
    const limiter = createLimiter({ concurrency: 1, perHost: 1 });
    const bad = limiter.run('h', async () => {
      throw new Error('boom');
    });
    const good = limiter.run('h', async () => 'fine');
    await expect(bad).rejects.toThrow('boom');
    await expect(good).resolves.toBe('fine');
  });
});
