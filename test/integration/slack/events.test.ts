// Signed requests through the real HTTP endpoint (/slack/events on our HttpServer) to a stub handler.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandRequest, Reply } from '../../../src/commands/types.js';
import { computeSignature } from '../../../src/platforms/slack/verify.js';
import { OUTAGE_APOLOGY } from '../../../src/platforms/slack/receiver.js';
import { StoreUnavailableError } from '../../../src/store/store.js';
import { gate, NOW_SEC, postSigned, SECRET, slashBody, startHarness, type Harness } from './harness.js';

const urlVerification = JSON.parse(readFileSync(new URL('./fixtures/url_verification_event.json', import.meta.url), 'utf8'));
const echo = async (req: CommandRequest): Promise<Reply> => ({ type: 'text', ephemeral: true, title: 'Echo', lines: [`you said: ${req.text}`] });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('POST /slack/events', () => {
  it('acks a valid /talent at once and answers through response_url while the work finishes later', async () => {
    const work = gate<Reply>();
    h = await startHarness(() => work.promise);
    const res = await postSigned(h.base, slashBody(h.fake, 'search openai'));
    // The HTTP answer arrived while the handler is still blocked: the ack does not wait for the work.
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(h.fake.responses).toHaveLength(0);
    expect(h.requests).toMatchObject([{ platform: 'slack', channel: 'C1', user: 'U1', text: 'search openai' }]);
    work.open({ type: 'text', ephemeral: false, lines: ['done <!channel>'] });
    await h.fake.waitForResponses(1);
    const answer = h.fake.responses[0]!;
    expect(answer.id).toBe('cmd1');
    expect(answer.body.response_type).toBe('in_channel');
    expect(JSON.stringify(answer.body)).not.toContain('<!channel>');
  });

  it('answers ephemeral replies as ephemeral', async () => {
    h = await startHarness(echo);
    expect((await postSigned(h.base, slashBody(h.fake, 'help'))).status).toBe(200);
    await h.fake.waitForResponses(1);
    expect(h.fake.responses[0]!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('you said: help') });
  });

  it('handles the command under another name too (renamed in the manifest)', async () => {
    h = await startHarness(echo);
    expect((await postSigned(h.base, slashBody(h.fake, 'firms', { command: '/talent-dev' }))).status).toBe(200);
    await h.fake.waitForResponses(1);
    expect(h.requests).toMatchObject([{ text: 'firms' }]);
  });

  it('rejects a bad signature, a stale and a future timestamp, and a replay with 401', async () => {
    h = await startHarness(echo);
    const body = slashBody(h.fake, 'list');
    expect((await postSigned(h.base, body, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await postSigned(h.base, body, { ts: NOW_SEC - 301 })).status).toBe(401);
    expect((await postSigned(h.base, body, { ts: NOW_SEC + 301 })).status).toBe(401);
    const missing = await fetch(`${h.base}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(missing.status).toBe(401);
    const first = await postSigned(h.base, body, { ts: NOW_SEC + 10 });
    expect(first.status).toBe(200);
    const replay = await postSigned(h.base, body, { ts: NOW_SEC + 10 });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: 'SLACK_REPLAY' });
    await h.fake.waitForResponses(1);
    expect(h.requests).toHaveLength(1);
    const m = await h.metrics.registry.metrics();
    for (const line of [
      'outcome="rejected_signature_invalid"} 1',
      'outcome="rejected_timestamp_out_of_window"} 2',
      'outcome="rejected_signature_missing"} 1',
      'outcome="rejected_replay"} 1',
      'talent_radar_slack_requests_total{outcome="ok"} 1',
      'talent_radar_slack_ack_seconds_count{kind="command"} 1',
    ]) {
      expect(m).toContain(line);
    }
    // Counted once the fake's answer got back to us, a moment after the fake recorded it.
    await vi.waitFor(async () => expect(await h!.metrics.registry.metrics()).toContain('talent_radar_slack_responses_total{outcome="ok"} 1'));
  });

  it("answers Slack's url_verification challenge", async () => {
    h = await startHarness(echo);
    const res = await postSigned(h.base, JSON.stringify(urlVerification.payload), { type: 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(urlVerification.expected_response_text);
  });

  it('lets isAdmin ask users.info, and the config admin list, so the handler can refuse others', async () => {
    const guarded = async (req: CommandRequest): Promise<Reply> =>
      (await req.isAdmin())
        ? { type: 'text', ephemeral: true, lines: ['subscribed'] }
        : { type: 'error', ephemeral: true, message: 'Only workspace admins can change subscriptions.' };
    h = await startHarness(guarded, { admins: ['ULISTED'] });
    h.fake.admins.add('UADMIN');
    for (const [user, n] of [
      ['UPLAIN', 1],
      ['UADMIN', 2],
      ['ULISTED', 3],
    ] as const) {
      await postSigned(h.base, slashBody(h.fake, 'subscribe OpenAI', { user_id: user }), { ts: NOW_SEC + n });
      await h.fake.waitForResponses(n);
    }
    expect(h.fake.responses.map((r) => r.body.text)).toEqual([expect.stringContaining('Only workspace admins'), 'subscribed', 'subscribed']);
    // The config admin never cost a users.info call.
    expect(h.fake.callsTo('users.info').map((c) => c.body.user)).toEqual(['UPLAIN', 'UADMIN']);
  });

  it('turns a failing handler into a polite ephemeral error', async () => {
    h = await startHarness(async () => {
      throw new Error('store down');
    });
    expect((await postSigned(h.base, slashBody(h.fake, 'list'))).status).toBe(200);
    await h.fake.waitForResponses(1);
    expect(h.fake.responses[0]!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Something went wrong') });
  });

  it('runs the next page when "More results" is clicked, and acks link buttons', async () => {
    h = await startHarness(echo);
    const action = (actionId: string, value?: string) =>
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          team: { id: 'T1' },
          user: { id: 'U1' },
          channel: { id: 'C1' },
          response_url: h!.fake.responseUrl('more'),
          trigger_id: '1.2',
          actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
        }),
      }).toString();
    const more = await postSigned(h.base, action('talent_more', 'search openai offset:10'), { ts: NOW_SEC + 1 });
    expect(more.status).toBe(200);
    await h.fake.waitForResponses(1);
    expect(h.requests.at(-1)).toMatchObject({ text: 'search openai offset:10', channel: 'C1', user: 'U1' });
    expect(h.fake.responses[0]!.body).toMatchObject({ replace_original: false });
    const open = await postSigned(h.base, action('talent_open'), { ts: NOW_SEC + 2 });
    expect(open.status).toBe(200);
    expect(h.requests).toHaveLength(1);
  });

  it('refuses a malformed body after a valid signature with 400, not a crash', async () => {
    h = await startHarness(echo);
    const res = await postSigned(h.base, '{not json', { type: 'application/json' });
    expect(res.status).toBe(400);
    const ok = await postSigned(h.base, slashBody(h.fake, 'help'), { ts: NOW_SEC + 5 });
    expect(ok.status).toBe(200);
  });

  it('answers validly signed but malformed payloads with 400, never 500', async () => {
    h = await startHarness(echo);
    const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const bodies: Array<[string, string?]> = [
      [form({ payload: 'null' })],
      [form({ payload: '[1,2]' })],
      [form({ payload: '"text"' })],
      [form({ payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'talent_more', value: 'search x' }] }) })],
      [form({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: 'talent_more' }) })],
      [form({ payload: JSON.stringify({ type: 'view_submission', user: null }) })],
      [form({ command: '/talent', text: 'help' })],
      [JSON.stringify({ type: 'event_callback', event: null }), 'application/json'],
    ];
    let ts = NOW_SEC;
    for (const [body, type] of bodies) {
      const res = await postSigned(h.base, body, { ts: ++ts, type });
      expect(res.status, body).toBe(400);
    }
    expect(h.requests).toHaveLength(0);
    expect((await postSigned(h.base, slashBody(h.fake, 'help'), { ts: ++ts })).status).toBe(200);
  });

  it('refuses a body over the pre-auth cap with 413 before checking anything', async () => {
    h = await startHarness(echo);
    const res = await postSigned(h.base, `text=${'a'.repeat(200 * 1024)}`);
    expect(res.status).toBe(413);
  });

  it('cuts a body dribbled to /slack/events within seconds (408), before any signature check', async () => {
    h = await startHarness(echo);
    const { connect } = await import('node:net');
    const port = Number(new URL(h.base).port);
    const answer = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1');
      let got = '';
      s.write('POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n');
      const timer = setInterval(() => !s.destroyed && s.write('a'), 100);
      s.on('data', (d) => (got += d.toString()));
      s.on('close', () => (clearInterval(timer), resolve(got)));
      s.on('error', () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(h.requests).toHaveLength(0);
  }, 15_000);

  it('uses the shared seen() check so a second replica also refuses a replay', async () => {
    const seen = new Set<string>();
    h = await startHarness(echo, { seen: async (s) => seen.has(s) || (seen.add(s), false) });
    const body = slashBody(h.fake, 'help');
    const ts = String(NOW_SEC);
    seen.add(computeSignature(SECRET, ts, body)); // as if another replica took it first
    expect((await postSigned(h.base, body)).status).toBe(401);
    expect(h.requests).toHaveLength(0);
  });
  it('answers a command with a polite apology (200, not 500) when the replay guard fails or hangs', async () => {
    const store = { mode: 'fails' as 'fails' | 'hangs' };
    h = await startHarness(echo, {
      seen: (): Promise<boolean> =>
        store.mode === 'fails' ? Promise.reject(new StoreUnavailableError('redis SET failed: Connection is closed.')) : new Promise<boolean>(() => {}),
    });
    for (const [i, mode] of (['fails', 'hangs'] as const).entries()) {
      store.mode = mode;
      const res = await postSigned(h.base, slashBody(h.fake, 'search openai'), { ts: NOW_SEC + i });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ response_type: 'ephemeral', text: OUTAGE_APOLOGY });
    }
    expect(h.requests).toHaveLength(0);
    // A forged request still gets a 401 during the outage: the signature is checked first.
    const forged = await fetch(`${h.base}/slack/events`, {
      method: 'POST',
      headers: { 'x-slack-request-timestamp': String(NOW_SEC), 'x-slack-signature': 'v0=00', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'command=/talent',
    });
    expect(forged.status).toBe(401);
  });
});
