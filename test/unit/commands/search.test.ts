import { beforeEach, describe, expect, it } from 'vitest';
import { expectType, req, seedAlerts, setup } from './helpers.js';

describe('/talent search', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(async () => {
    t = setup();
    const rows = Array.from({ length: 13 }, (_, i) => ({ id: `en${i}`, title: `OpenAI researcher ${i} joins rival lab`, firms: ['OpenAI'], daysAgo: i + 1 }));
    await seedAlerts(t.store, [
      ...rows,
      { id: 'zh1', title: '字节跳动挖走月之暗面核心研究员', lang: 'zh', firms: ['ByteDance', 'Moonshot AI'], source: 'cn-tech' },
      { id: 'sa1', title: 'Grab folds an AI assistant into its super-app', firms: ['Grab'], topics: ['superapp'], daysAgo: 2 },
    ]);
  });

  it('returns the ten best hits with a next-page command that returns the rest', async () => {
    const r = expectType(await t.handle(req('search OpenAI researcher')), 'search');
    expect(r.ephemeral).toBe(true);
    expect(r.total).toBe(13);
    expect(r.hits).toHaveLength(10);
    expect(r.hits[0].alert.title).toMatch(/OpenAI researcher/);
    expect(r.hits[0].snippet.length).toBeGreaterThan(0);
    expect(r.nextPage).toBe('search "OpenAI researcher" page:2');
    const p2 = expectType(await t.handle(req(r.nextPage!)), 'search');
    expect(p2.offset).toBe(10);
    expect(p2.hits).toHaveLength(3);
    expect(p2.nextPage).toBeUndefined();
    const ids = new Set([...r.hits, ...p2.hits].map((h) => h.alert.id));
    expect(ids.size).toBe(13);
  });

  it('finds Chinese stories with a Chinese query and filters by firm alias and language', async () => {
    const r = expectType(await t.handle(req('search 月之暗面 研究员 firm:字节跳动 lang:zh')), 'search');
    expect(r.hits.map((h) => h.alert.id)).toEqual(['zh1']);
    expect(r.filters).toEqual({ firms: ['ByteDance'], topics: undefined, since: undefined, lang: 'zh' });
  });

  it('filters by topic and since, and keeps the filters in the next-page command', async () => {
    const sa = expectType(await t.handle(req('search topic:superapp')), 'search');
    expect(sa.hits.map((h) => h.alert.id)).toEqual(['sa1']);
    const recent = expectType(await t.handle(req('search OpenAI since:3d')), 'search');
    expect(recent.hits.map((h) => h.alert.id).sort()).toEqual(['en0', 'en1', 'en2']); // en2 is exactly 3 days old: since is inclusive
    const paged = expectType(await t.handle(req('search researcher firm:"OpenAI" since:30d limit:5')), 'search');
    expect(paged.nextPage).toBe('search researcher firm:OpenAI since:30d limit:5 page:2');
  });

  it('answers an unknown firm with did-you-mean suggestions and the search usage', async () => {
    const r = expectType(await t.handle(req('search hires firm:Anthropik')), 'error');
    expect(r.message).toContain('Anthropik');
    expect(r.suggestions).toContain('Anthropic');
    expect(r.usage).toMatch(/^\/talent search/);
  });

  it('answers bad options and empty queries with usage', async () => {
    for (const text of ['search', 'search x since:someday', 'search x topic:sports', 'search x page:0', 'search x colour:red', 'search "x']) {
      const r = expectType(await t.handle(req(text)), 'error');
      expect(r.usage, text).toBeTruthy();
    }
  });

  it('counts commands in the metrics by outcome', async () => {
    await t.handle(req('search OpenAI'));
    await t.handle(req('search firm:Nope'));
    const m = (await t.metrics.commands.get()).values;
    expect(m.find((v) => v.labels.subcommand === 'search' && v.labels.outcome === 'ok')?.value).toBe(1);
    expect(m.find((v) => v.labels.subcommand === 'search' && v.labels.outcome === 'error')?.value).toBe(1);
  });

  it('apologises instead of throwing when the store is down', async () => {
    await t.store.close();
    const r = expectType(await t.handle(req('search OpenAI')), 'error');
    expect(r.message).toMatch(/try again/);
  });
});
