// list, digest, firms, sources, help and unknown commands.
import { describe, expect, it } from 'vitest';
import { expectType, NOW, req, setup } from './helpers.js';

const admin = { isAdmin: async () => true };

describe('/talent list', () => {
  it("shows this channel's subscriptions, the routes naming it with their filters, and its digest", async () => {
    const t = setup();
    await t.handle(req('subscribe talent', admin));
    const r = expectType(await t.handle(req('list')), 'text');
    expect(r.ephemeral).toBe(true);
    const text = r.lines.join('\n');
    expect(text).toContain('• topic talent (by U1, 2026-11-20)');
    expect(text).toContain('• realtime · topics talent · firms OpenAI · score ≥ 0.6');
    expect(text).toContain('• digest only · all topics · all firms');
    expect(text).toContain('Digest: weekly (from the config file)');
    await t.handle(req('digest daily', admin));
    expect(expectType(await t.handle(req('list')), 'text').lines.join('\n')).toContain('Digest: daily (set with /talent digest)');
  });

  it('says so when a channel gets nothing', async () => {
    const t = setup();
    const r = expectType(await t.handle(req('list', { channel: 'C-empty' })), 'text');
    expect(r.lines[0]).toMatch(/gets no alerts yet/);
    expect(r.lines).toContain('Digest: off');
  });
});

describe('/talent digest', () => {
  it('sets daily, weekly or off for admins and confirms in the channel', async () => {
    const t = setup();
    const r = expectType(await t.handle(req('digest Weekly', admin)), 'text');
    expect(r.ephemeral).toBe(false);
    expect(r.lines[0]).toContain('weekly digest');
    expect(await t.store.listDigests()).toEqual([{ platform: 'slack', channel: 'C1', mode: 'weekly' }]);
    await t.handle(req('digest off', admin));
    expect((await t.store.listDigests())[0].mode).toBe('off');
  });

  it('refuses non-admins and bad modes', async () => {
    const t = setup();
    expect(expectType(await t.handle(req('digest daily')), 'error').message).toMatch(/^Sorry/);
    const bad = expectType(await t.handle(req('digest hourly', admin)), 'error');
    expect(bad.suggestions).toEqual(['daily', 'weekly', 'off']);
    expect(expectType(await t.handle(req('digest', admin)), 'error').usage).toBe('/talent digest daily|weekly|off');
    expect(await t.store.listDigests()).toEqual([]);
  });
});

describe('/talent firms, sources, help', () => {
  it('lists canonical firms grouped by region', async () => {
    const t = setup();
    const r = expectType(await t.handle(req('firms')), 'text');
    expect(r.title).toBe('Firms I know (5)');
    expect(r.lines).toContain('US: Anthropic, OpenAI');
    expect(r.lines).toContain('CN: ByteDance, Moonshot AI');
    expect(r.lines).toContain('SG: Grab');
  });

  it("reports each source's health from the store", async () => {
    const t = setup();
    const hour = 3_600_000;
    const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    await t.store.saveSourceState({
      name: 'wire',
      url: 'u',
      consecutiveFailures: 0,
      initialized: true,
      disabled: false,
      lastSuccessAt: iso(-2 * hour),
      nextPollAt: iso(10 * 60_000),
    });
    await t.store.saveSourceState({
      name: 'cn-tech',
      url: 'u',
      consecutiveFailures: 3,
      initialized: true,
      disabled: false,
      lastErrorCode: 'HTTP_503',
      lastSuccessAt: iso(-5 * hour),
    });
    await t.store.saveSourceState({ name: 'broken', url: 'u', consecutiveFailures: 10, initialized: false, disabled: true, lastErrorCode: 'DNS' });
    const r = expectType(await t.handle(req('sources')), 'text');
    expect(r.ephemeral).toBe(true);
    expect(r.lines).toEqual([
      '✓ wire: ok · last success 2h ago · next poll in 10m',
      '! cn-tech: failing 3 (HTTP_503) · last success 5h ago · next poll soon',
      '✗ broken: disabled after 10 failures (DNS) · last success never · next poll soon',
      '· paused: off (disabled in the config)',
      '· fresh: not polled yet',
    ]);
  });

  it('gives help for empty text and for help, and usage with suggestions for unknown commands', async () => {
    const t = setup();
    const h = expectType(await t.handle(req('')), 'text');
    expect(h.ephemeral).toBe(true);
    for (const s of ['search', 'subscribe', 'unsubscribe', 'list', 'firms', 'sources', 'digest', 'help']) expect(h.lines.join('\n')).toContain(`/talent ${s}`);
    expect(expectType(await t.handle(req('help')), 'text').title).toBe(h.title);
    const u = expectType(await t.handle(req('serch OpenAI')), 'error');
    expect(u.suggestions).toContain('search');
    expect(u.usage).toContain('/talent digest');
    expect(expectType(await t.handle(req('list extra:1')), 'text').type).toBe('text');
  });
});
