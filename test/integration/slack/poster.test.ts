// SlackPoster against the fake Web API: metadata, error mapping, recovery lookup, updates, digest chart upload.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { PlatformError } from '../../../src/delivery/poster.js';
import { silentLogger } from '../../../src/log.js';
import { createSlackClient } from '../../../src/platforms/slack/client.js';
import { SlackPoster } from '../../../src/platforms/slack/poster.js';
import type { Delivery } from '../../../src/types.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { alert } from './alert-fixture.js';

const delivery = (id: string, channel = 'C1'): Delivery => ({
  id,
  kind: 'alert',
  platform: 'slack',
  channel,
  alertId: 'src:1',
  attempts: 0,
  createdAt: '2023-11-14T00:00:00Z',
});

let fake: FakeSlackApi;
let poster: SlackPoster;
beforeEach(async () => {
  fake = await new FakeSlackApi().start();
  poster = new SlackPoster({ client: createSlackClient({ botToken: fake.token, apiUrl: fake.url, log: silentLogger() }), log: silentLogger() });
});
afterEach(() => fake.stop());

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlatformError);
  return err as PlatformError;
}

describe('SlackPoster', () => {
  it('posts blocks with unfurls off and the delivery id in metadata', async () => {
    const { messageId } = await poster.post(delivery('alert:slack:C1:src:1'), { kind: 'alert', alert: alert() });
    const [call] = fake.callsTo('chat.postMessage');
    expect(call!.body).toMatchObject({
      channel: 'C1',
      unfurl_links: 'false',
      unfurl_media: 'false',
      metadata: { event_type: 'talent_radar_delivery', event_payload: { delivery_id: 'alert:slack:C1:src:1' } },
    });
    expect(call!.body.blocks[0]).toMatchObject({ type: 'header' });
    expect(call!.headers.authorization).toBe('Bearer xoxb-test');
    expect(messageId).toBe(`C1/${fake.messages[0]!.ts}`);
  });

  it('maps 429 to rate_limited with Retry-After in ms, without retrying by itself', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = await failure(poster.post(delivery('d1'), { kind: 'alert', alert: alert() }));
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(7000);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.messages).toHaveLength(0);
  });

  it('maps 5xx and network failures to transient, refusals to permanent with a remedy', async () => {
    fake.failNext('chat.postMessage', { status: 503 });
    expect((await failure(poster.post(delivery('d1'), { kind: 'notice', text: 'hi' }))).kind).toBe('transient');
    fake.failNext('chat.postMessage', { error: 'internal_error' });
    expect((await failure(poster.post(delivery('d1'), { kind: 'notice', text: 'hi' }))).kind).toBe('transient');
    for (const error of ['channel_not_found', 'not_in_channel', 'invalid_auth', 'is_archived']) {
      fake.failNext('chat.postMessage', { error });
      const e = await failure(poster.post(delivery('d1'), { kind: 'notice', text: 'hi' }));
      expect(e.kind).toBe('permanent');
      expect(e.code).toBe(`SLACK_${error.toUpperCase()}`);
    }
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    expect((await failure(poster.post(delivery('d1'), { kind: 'notice', text: 'hi' }))).message).toContain('/invite');

    // A port nobody listens on: connection refused.
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const port = (free.address() as { port: number }).port;
    await new Promise((r) => free.close(r));
    const offline = new SlackPoster({
      client: createSlackClient({ botToken: 'xoxb-test', apiUrl: `http://127.0.0.1:${port}/api/`, log: silentLogger() }),
      log: silentLogger(),
    });
    expect((await failure(offline.post(delivery('d1'), { kind: 'notice', text: 'hi' }))).kind).toBe('transient');
  });

  it('falls back to plain text when Slack refuses the blocks', async () => {
    fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    await poster.post(delivery('d-fallback'), { kind: 'alert', alert: alert() });
    const calls = fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body.blocks).toBeUndefined();
    expect(fake.messages[0]!.metadata?.event_payload.delivery_id).toBe('d-fallback');
  });

  it('findPosted finds the message a delivery produced before a crash, and nothing for others', async () => {
    poster = new SlackPoster({
      client: createSlackClient({ botToken: fake.token, apiUrl: fake.url, log: silentLogger() }),
      log: silentLogger(),
      historyPageSize: 20,
    });
    for (let i = 0; i < 5; i++) await poster.post(delivery(`other-${i}`), { kind: 'notice', text: `n${i}` });
    const { messageId } = await poster.post(delivery('alert:slack:C1:lost'), { kind: 'alert', alert: alert() });
    for (let i = 0; i < 45; i++) await poster.post(delivery(`later-${i}`), { kind: 'notice', text: `l${i}` });
    expect(await poster.findPosted(delivery('alert:slack:C1:lost'))).toBe(messageId);
    expect(fake.callsTo('conversations.history')).toHaveLength(3); // 45 newer messages first: page three
    expect(await poster.findPosted(delivery('alert:slack:C1:never'))).toBeNull();
    expect(await poster.findPosted(delivery('alert:slack:C2:lost', 'C2'))).toBeNull();
    expect(fake.callsTo('conversations.history').every((c) => c.body.include_all_metadata === 'true')).toBe(true);
  });

  it('findPosted reports history failures as PlatformError rather than guessing', async () => {
    fake.failNext('conversations.history', { error: 'not_in_channel' });
    expect((await failure(poster.findPosted(delivery('x')))).kind).toBe('permanent');
  });

  it('updates the original message with "also reported by"', async () => {
    const { messageId } = await poster.post(delivery('a'), { kind: 'alert', alert: alert() });
    const dup = alert({ alsoReportedBy: [{ source: 'scmp-tech', link: 'https://scmp.example/x', title: 'Same', at: '2026-11-28T11:00:00Z' }] });
    await poster.update({ ...delivery('update:a'), kind: 'update' }, messageId, { kind: 'update', alert: dup });
    const [call] = fake.callsTo('chat.update');
    expect(call!.body).toMatchObject({ channel: 'C1', ts: fake.messages[0]!.ts });
    expect(fake.messages[0]!.edited).toBe(true);
    expect(JSON.stringify(fake.messages[0]!.blocks)).toContain('Also reported by');
    fake.failNext('chat.update', { status: 429, retryAfter: 2 });
    expect((await failure(poster.update(delivery('update:a'), messageId, { kind: 'update', alert: dup }))).retryAfterMs).toBe(2000);
  });

  it('posts a digest and uploads its chart through the external upload flow, in the thread', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const digest = {
      title: 'Weekly radar',
      period: 'weekly' as const,
      sections: [{ heading: 'Talent', alerts: [alert()] }],
      flows: [{ from: 'OpenAI', to: 'DeepSeek', count: 2 }],
      chartPng: png.toString('base64'),
    };
    await poster.post({ ...delivery('digest:slack:C1:2026-W48'), kind: 'digest' }, { kind: 'digest', digest });
    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(fake.callsTo('files.getUploadURLExternal')[0]!.body).toMatchObject({ filename: 'talent-flows.png', length: String(png.length) });
    const fileId = fake.callsTo('upload')[0]!.body.fileId;
    expect(fake.uploads.get(fileId)).toEqual(png);
    expect(fake.callsTo('files.completeUploadExternal')[0]!.body).toMatchObject({
      channel_id: 'C1',
      thread_ts: fake.messages[0]!.ts,
      files: [{ id: fileId, title: 'Weekly radar' }],
    });
  });

  it('still counts the digest as posted when the chart upload fails (no double post on retry)', async () => {
    fake.failNext('files.getUploadURLExternal', { status: 500 });
    const digest = { title: 'Daily', period: 'daily' as const, sections: [], flows: [], chartPng: Buffer.from('x').toString('base64') };
    const { messageId } = await poster.post({ ...delivery('digest:1'), kind: 'digest' }, { kind: 'digest', digest });
    expect(messageId).toContain('C1/');
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(0);
  });
});
