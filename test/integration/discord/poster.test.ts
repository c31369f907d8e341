import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/delivery/poster.js';
import { DiscordPoster, deliveryNonce, deliveryMarker } from '../../../src/platforms/discord/poster.js';
import { createRest } from '../../../src/platforms/discord/rest.js';
import type { Delivery } from '../../../src/types.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { CHANNEL, sampleAlert } from './helpers.js';

let api: FakeDiscordApi;
let poster: DiscordPoster;
const delivery = (over: Partial<Delivery> = {}): Delivery => ({
  id: `alert:discord:${CHANNEL}:reuters:abc`,
  kind: 'alert',
  platform: 'discord',
  channel: CHANNEL,
  alertId: 'reuters:abc',
  attempts: 0,
  createdAt: '2026-11-28T10:05:00Z',
  ...over,
});

beforeEach(async () => {
  api = await new FakeDiscordApi().start();
  // Short limits (≤ 1 s) are waited out inside the REST queue; longer ones come back as rate_limited.
  poster = new DiscordPoster({ rest: createRest({ token: api.token, apiUrl: api.baseUrl, maxRateLimitWaitMs: 1_000, retries: 1 }) });
});
afterEach(() => api.stop());

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

describe('DiscordPoster against the fake Discord API', () => {
  it('posts an embed with nonce, enforce_nonce and allowed_mentions, authenticated as the bot', async () => {
    const d = delivery();
    const { messageId } = await poster.post(d, { kind: 'alert', alert: sampleAlert() });
    const [req] = api.find('POST', /^\/channels\/\d+\/messages$/);
    expect(req!.headers.authorization).toBe(`Bot ${api.token}`);
    expect(req!.body.nonce).toBe(deliveryNonce(d.id));
    expect(req!.body.nonce.length).toBeLessThanOrEqual(25);
    expect(req!.body.enforce_nonce).toBe(true);
    expect(req!.body.allowed_mentions).toEqual({ parse: [] });
    expect(req!.body.embeds[0].title).toBe('OpenAI researcher joins DeepSeek');
    expect(req!.body.embeds[0].footer.text).toContain(deliveryMarker(d.id));
    expect(api.messages.map((m) => m.id)).toEqual([messageId]);
  });

  it('a re-post of the same delivery (crash before ack) yields the same message, not a second one', async () => {
    const d = delivery();
    const a = await poster.post(d, { kind: 'alert', alert: sampleAlert() });
    const b = await poster.post(d, { kind: 'alert', alert: sampleAlert() });
    expect(b.messageId).toBe(a.messageId);
    expect(api.messages).toHaveLength(1);
    const other = await poster.post(delivery({ id: 'alert:discord:x:other' }), { kind: 'alert', alert: sampleAlert() });
    expect(other.messageId).not.toBe(a.messageId);
  });

  it('findPosted finds the message by its footer marker (and by nonce when listed), else null', async () => {
    const d = delivery();
    expect(await poster.findPosted(d)).toBeNull();
    const { messageId } = await poster.post(d, { kind: 'alert', alert: sampleAlert() });
    await poster.post(delivery({ id: 'alert:discord:x:2' }), { kind: 'notice', text: 'hello' });
    expect(await poster.findPosted(d)).toBe(messageId);
    api.returnNonces = true;
    expect(await poster.findPosted(d)).toBe(messageId);
    expect(await poster.findPosted(delivery({ id: 'alert:discord:x:never' }))).toBeNull();
    expect(api.find('GET', /messages\?limit=50$/).length).toBeGreaterThan(0);
  });

  it('update edits the original message with "also reported by", mentions still off', async () => {
    const d = delivery();
    const { messageId } = await poster.post(d, { kind: 'alert', alert: sampleAlert() });
    const alert = sampleAlert({ alsoReportedBy: [{ source: 'Bloomberg', link: 'https://b.example/x', title: 't', at: '2026-11-28T11:00:00Z' }] });
    await poster.update(delivery({ id: `update:discord:${CHANNEL}:reuters:abc:1`, kind: 'update' }), messageId, { kind: 'update', alert });
    const [edit] = api.find('PATCH', /^\/channels\/\d+\/messages\/\d+$/);
    expect(edit!.body.allowed_mentions).toEqual({ parse: [] });
    expect(api.messages).toHaveLength(1);
    expect(api.messages[0]!.edits).toBe(1);
    const field = api.messages[0]!.embeds[0].fields.find((f: any) => f.name === 'Also reported by');
    expect(field.value).toContain('[Bloomberg](https://b.example/x)');
    expect(await poster.findPosted(d)).toBe(messageId);
  });

  it('a short route 429 is waited out by the REST queue and the post succeeds', async () => {
    api.fail({ status: 429, retryAfter: 0.2, match: /^POST \/channels/ });
    const { messageId } = await poster.post(delivery(), { kind: 'alert', alert: sampleAlert() });
    expect(messageId).toBeTruthy();
    const [first, second] = api.find('POST', /^\/channels/);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(200);
    expect(api.messages).toHaveLength(1);
  });

  it('a short GLOBAL 429 is honoured, then the post succeeds', async () => {
    api.fail({ status: 429, retryAfter: 0.2, global: true });
    await poster.post(delivery(), { kind: 'alert', alert: sampleAlert() });
    const posts = api.find('POST', /^\/channels/);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(200);
    expect(api.messages).toHaveLength(1);
  });

  it('a long route or global 429 comes back as rate_limited with retryAfterMs', async () => {
    api.fail({ status: 429, retryAfter: 30, match: /^POST \/channels/ });
    const e1 = await failure(poster.post(delivery(), { kind: 'alert', alert: sampleAlert() }));
    expect(e1.kind).toBe('rate_limited');
    expect(e1.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(api.messages).toHaveLength(0);

    const fresh = new DiscordPoster({ rest: createRest({ token: api.token, apiUrl: api.baseUrl, maxRateLimitWaitMs: 1_000 }) });
    api.fail({ status: 429, retryAfter: 60, global: true });
    const e2 = await failure(fresh.post(delivery(), { kind: 'alert', alert: sampleAlert() }));
    expect(e2.kind).toBe('rate_limited');
    expect(e2.code).toBe('DISCORD_GLOBAL_RATE_LIMITED');
    expect(e2.retryAfterMs).toBeGreaterThanOrEqual(60_000);
  });

  it('5xx is transient (after the REST client retried once); a later try succeeds', async () => {
    api.fail({ status: 502 }, { status: 503 });
    const e = await failure(poster.post(delivery(), { kind: 'alert', alert: sampleAlert() }));
    expect(e.kind).toBe('transient');
    expect(api.find('POST', /^\/channels/)).toHaveLength(2);
    await poster.post(delivery(), { kind: 'alert', alert: sampleAlert() });
    expect(api.messages).toHaveLength(1);
  });

  it('network failure is transient', async () => {
    const dead = new DiscordPoster({ rest: createRest({ token: 't', apiUrl: 'http://127.0.0.1:9/api', retries: 0 }) });
    expect((await failure(dead.post(delivery(), { kind: 'notice', text: 'x' }))).kind).toBe('transient');
  });

  it('403 Missing Access, 404 Unknown Channel and 401 are permanent, with a remedy', async () => {
    api.forbidden.add(CHANNEL);
    const e1 = await failure(poster.post(delivery(), { kind: 'alert', alert: sampleAlert() }));
    expect([e1.kind, e1.code]).toEqual(['permanent', 'DISCORD_50001']);
    expect(e1.message).toMatch(/View Channel/);
    const e2 = await failure(poster.post(delivery({ channel: '333333333333333333' }), { kind: 'alert', alert: sampleAlert() }));
    expect([e2.kind, e2.code]).toEqual(['permanent', 'DISCORD_10003']);
    const bad = new DiscordPoster({ rest: createRest({ token: 'wrong', apiUrl: api.baseUrl }) });
    const e3 = await failure(bad.post(delivery({ channel: '222222222222222222' }), { kind: 'notice', text: 'x' }));
    expect([e3.kind, e3.code]).toEqual(['permanent', 'DISCORD_UNAUTHORIZED']);
    const e4 = await failure(bad.post(delivery({ channel: '222222222222222222' }), { kind: 'notice', text: 'again' }));
    expect([e4.kind, e4.code]).toEqual(['permanent', 'DISCORD_UNAUTHORIZED']);
  });

  it('a digest carries the chart PNG as a multipart attachment shown in the embed', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const alert = sampleAlert();
    await poster.post(delivery({ id: 'digest:discord:x:2026-11-28', kind: 'digest' }), {
      kind: 'digest',
      digest: {
        title: 'Daily digest',
        period: 'daily',
        sections: [{ heading: 'AI talent', alerts: [alert] }],
        flows: [{ from: 'OpenAI', to: 'DeepSeek', direction: 'US→CN', count: 2 }],
        chartPng: png,
      },
    });
    const [req] = api.find('POST', /^\/channels/);
    expect(req!.files).toHaveLength(1);
    expect(req!.files[0]!.name).toBe('talent-flow.png');
    expect(req!.body.allowed_mentions).toEqual({ parse: [] });
    expect(req!.body.embeds.some((e: any) => e.image?.url === 'attachment://talent-flow.png')).toBe(true);
    expect(JSON.stringify(req!.body.embeds)).toContain('OpenAI');
    expect(api.messages[0]!.attachments[0]!.filename).toBe('talent-flow.png');
  });
});
