// Source health notices: told once per disable episode, told again on recovery, through the
// outbox to the admins' channel only (not every alert channel), printed by the console poster.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsolePoster } from '../../../src/delivery/console.js';
import { noticeSourceHealth, noticeTarget } from '../../../src/delivery/notices.js';
import type { RouteConfig } from '../../../src/config/schema.js';
import type { Subscription } from '../../../src/types.js';
import { Clock, openStore, worker } from './harness.js';

const routes: RouteConfig[] = [
  { platform: 'console', channel: 'console', minScore: 0, mode: 'realtime' },
  { platform: 'slack', channel: 'C1', minScore: 0, mode: 'digest', topics: ['talent'] },
  { platform: 'slack', channel: 'C1', minScore: 0.5, mode: 'realtime' },
];
const subs: Subscription[] = [
  { platform: 'discord', channel: '42', kind: 'firm', value: 'OpenAI', createdAt: '2026-11-01T00:00:00Z' },
  { platform: 'slack', channel: 'C1', kind: 'topic', value: 'talent', createdAt: '2026-11-01T00:00:00Z' },
];
const source = { name: 'wire', url: 'https://feeds.example/wire.xml' };

describe('source health notices', () => {
  it('tells the admins channel once per disable, again on recovery, and again for a new episode', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const target = noticeTarget({ notices: { channel: { platform: 'slack', channel: 'C0ADMINS' } }, routes });
    expect(target).toEqual({ platform: 'slack', channel: 'C0ADMINS' });
    const o = { store, target, routes, subscriptions: subs, source, now: clock.now };
    expect(await noticeSourceHealth({ ...o, event: 'recovered' })).toBe(0); // never told of a failure
    expect(await noticeSourceHealth({ ...o, event: 'disabled', error: 'HTTP 500 (10 times)' })).toBe(1);
    expect(await noticeSourceHealth({ ...o, event: 'disabled', error: 'HTTP 500' })).toBe(0);
    expect(await noticeSourceHealth({ ...o, event: 'recovered' })).toBe(1);
    expect(await noticeSourceHealth({ ...o, event: 'recovered' })).toBe(0);
    expect(await noticeSourceHealth({ ...o, event: 'disabled' })).toBe(1);
    expect((await store.outboxStats()).pending).toBe(3);
    const claimed = await store.claimDeliveries('t', 10, 60_000, clock.now());
    expect(new Set(claimed.map((d) => `${d.platform}:${d.channel}`))).toEqual(new Set(['slack:C0ADMINS']));
  });

  it('defaults to the first route channel, never the other alert channels', () => {
    expect(noticeTarget({ routes })).toEqual({ platform: 'console', channel: 'console' });
    expect(noticeTarget({ routes: [] })).toBeUndefined();
  });

  it('is delivered by the worker and printed on the console', async () => {
    const clock = new Clock();
    const store = openStore(clock);
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += String(c)));
    await noticeSourceHealth({ store, routes: [routes[0]], subscriptions: [], source, event: 'disabled', error: 'TLS handshake failed', now: clock.now });
    const { w } = worker(store, clock, { console: new ConsolePoster({ out, color: false }) });
    expect((await w.runOnce()).delivered).toBe(1);
    expect(text).toContain('Feed "wire" was disabled after repeated failures: TLS handshake failed');
  });
});
