import { describe, expect, it } from 'vitest';
import { routeAlert } from '../../src/pipeline/route.js';
import type { RouteConfig } from '../../src/config/schema.js';
import type { Assessment, Subscription } from '../../src/types.js';

const a = (o: Partial<Assessment> = {}): { assessment: Assessment } => ({
  assessment: { relevant: true, topics: ['talent'], score: 0.7, firms: ['OpenAI'], moves: [], why: [], summary: '', ...o },
});
const route = (o: Partial<RouteConfig>): RouteConfig => ({ platform: 'slack', channel: 'C1', minScore: 0, mode: 'realtime', ...o });
const sub = (o: Partial<Subscription>): Subscription => ({
  platform: 'discord',
  channel: 'D1',
  kind: 'firm',
  value: 'OpenAI',
  createdAt: '2026-01-01T00:00:00Z',
  ...o,
});

describe('routeAlert', () => {
  it('sends every relevant alert to a route without filters', () => {
    expect(routeAlert(a(), [route({})], [])).toEqual([{ platform: 'slack', channel: 'C1' }]);
    expect(routeAlert(a({ topics: ['superapp'], firms: [] }), [route({})], [])).toHaveLength(1);
  });

  it('sends nothing for an irrelevant assessment', () => {
    expect(routeAlert(a({ relevant: false }), [route({})], [sub({})])).toEqual([]);
  });

  it('needs topics any-of AND firms any-of AND the minimum score', () => {
    const r = route({ topics: ['talent', 'superapp'], firms: ['Anthropic', 'OpenAI'], minScore: 0.6 });
    expect(routeAlert(a(), [r], [])).toHaveLength(1);
    expect(routeAlert(a({ topics: [] }), [r], [])).toHaveLength(0);
    expect(routeAlert(a({ firms: ['ByteDance'] }), [r], [])).toHaveLength(0);
    expect(routeAlert(a({ score: 0.59 }), [r], [])).toHaveLength(0);
    expect(routeAlert(a({ score: 0.6 }), [r], [])).toHaveLength(1);
  });

  it('gives digest-mode routes nothing in real time', () => {
    expect(routeAlert(a(), [route({ mode: 'digest' })], [])).toEqual([]);
  });

  it('adds subscribed channels by firm and by topic', () => {
    const subs = [sub({}), sub({ channel: 'D2', kind: 'topic', value: 'superapp' }), sub({ channel: 'D3', value: 'Anthropic' })];
    expect(routeAlert(a(), [], subs)).toEqual([{ platform: 'discord', channel: 'D1' }]);
    expect(routeAlert(a({ topics: ['superapp'], firms: ['Anthropic'] }), [], subs).map((t) => t.channel)).toEqual(['D2', 'D3']);
  });

  it('names each (platform, channel) once, across routes and subscriptions', () => {
    const routes = [route({}), route({ topics: ['talent'] }), route({ platform: 'discord', channel: 'D1' })];
    const subs = [sub({}), sub({ kind: 'topic', value: 'talent' }), sub({ platform: 'slack', channel: 'D1' })];
    expect(routeAlert(a(), routes, subs)).toEqual([
      { platform: 'slack', channel: 'C1' },
      { platform: 'discord', channel: 'D1' },
      { platform: 'slack', channel: 'D1' },
    ]);
  });
});
