import { describe, expect, it } from 'vitest';
import { expectType, req, setup } from './helpers.js';

const admin = { isAdmin: async () => true };

describe('/talent subscribe and unsubscribe', () => {
  it('lets a platform admin subscribe the channel to a firm by alias, stored under its canonical name', async () => {
    const t = setup();
    const r = expectType(await t.handle(req('subscribe 字节跳动', admin)), 'text');
    expect(r.ephemeral).toBe(false);
    expect(r.lines[0]).toContain('ByteDance');
    expect(await t.store.listSubscriptions({ platform: 'slack', channel: 'C1' })).toMatchObject([{ kind: 'firm', value: 'ByteDance', createdBy: 'U1' }]);
    expect(t.changed()).toBe(1);
    const again = expectType(await t.handle(req('subscribe bytedance', admin)), 'text');
    expect(again.lines[0]).toMatch(/already subscribed/);
    expect(t.changed()).toBe(1);
  });

  it('accepts topics and explicit firm:/topic: targets, and names with spaces', async () => {
    const t = setup();
    await t.handle(req('subscribe talent', admin));
    await t.handle(req('subscribe topic:super-app', admin));
    await t.handle(req('subscribe Moonshot AI', admin));
    await t.handle(req('subscribe firm:"moonshot"', admin));
    const subs = await t.store.listSubscriptions({ platform: 'slack', channel: 'C1' });
    expect(subs.map((s) => `${s.kind}:${s.value}`).sort()).toEqual(['firm:Moonshot AI', 'topic:superapp', 'topic:talent']);
  });

  it('admits users on the config admin list without asking the platform', async () => {
    const t = setup();
    let asked = false;
    const r = await t.handle(req('subscribe OpenAI', { user: 'UADMIN', isAdmin: async () => ((asked = true), false) }));
    expect(r.type).toBe('text');
    expect(asked).toBe(false);
  });

  it('politely refuses others, ephemerally, and changes nothing', async () => {
    const t = setup();
    const r = expectType(await t.handle(req('subscribe OpenAI')), 'error');
    expect(r.ephemeral).toBe(true);
    expect(r.message).toMatch(/^Sorry, only workspace admins and owners/);
    const d = expectType(await t.handle(req('unsubscribe OpenAI', { platform: 'discord', channel: 'D1' })), 'error');
    expect(d.message).toMatch(/Manage Server/);
    expect(await t.store.listSubscriptions()).toEqual([]);
  });

  it('answers when the permission check itself fails', async () => {
    const t = setup();
    const r = expectType(await t.handle(req('subscribe OpenAI', { isAdmin: async () => Promise.reject(new Error('users.info failed')) })), 'error');
    expect(r.message).toMatch(/could not check your permissions/);
  });

  it('suggests firms for an unknown name, before asking about permissions', async () => {
    const t = setup();
    const r = expectType(await t.handle(req('subscribe Antropic', admin)), 'error');
    expect(r.suggestions).toEqual(['Anthropic']);
    expect(r.usage).toBe('/talent subscribe <firm|talent|superapp>');
    expect(expectType(await t.handle(req('subscribe', admin)), 'error').usage).toMatch(/subscribe/);
    expect(expectType(await t.handle(req('subscribe OpenAI topic:talent', admin)), 'error').message).toMatch(/one firm or topic/);
  });

  it('unsubscribes, says when there was nothing, and removes a stored firm that is no longer known', async () => {
    const t = setup();
    await t.handle(req('subscribe OpenAI', admin));
    const r = expectType(await t.handle(req('unsubscribe openai', admin)), 'text');
    expect(r.ephemeral).toBe(false);
    expect(r.lines[0]).toContain('no longer gets alerts about OpenAI');
    expect(expectType(await t.handle(req('unsubscribe OpenAI', admin)), 'text').lines[0]).toMatch(/was not subscribed/);
    await t.store.addSubscription({ platform: 'slack', channel: 'C1', kind: 'firm', value: 'Defunct Labs', createdAt: '2026-01-01T00:00:00Z' });
    expect(expectType(await t.handle(req('unsubscribe defunct labs', admin)), 'text').lines[0]).toContain('Defunct Labs');
    expect(await t.store.listSubscriptions()).toEqual([]);
    expect(t.changed()).toBe(3);
  });
});
