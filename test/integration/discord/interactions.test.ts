// Signed interactions through the real HTTP endpoint (HttpServer on port 0), follow-ups recorded by the fake API.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRequest, Reply } from '../../../src/commands/types.js';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { Metrics } from '../../../src/metrics.js';
import { createDiscordApp, type DiscordApp } from '../../../src/platforms/discord/app.js';
import { FakeDiscordApi, waitFor } from '../../fakes/discord-api.js';
import { APP_ID, CHANNEL, commandPayload, makeSigner, postInteraction, sampleAlert } from './helpers.js';

const knowledge = {
  firmNames: () => ['OpenAI', 'Google DeepMind', 'DeepSeek', 'Alibaba', 'Anthropic', 'ByteDance'],
  firms: new Map([['ByteDance', { name: 'ByteDance', aliases: ['字节跳动', 'Douyin'] }]]),
  suggestFirms: (text: string) => (/^gdm$/i.test(text) ? ['Google DeepMind'] : /^ali/i.test(text) ? ['Alibaba'] : []),
};

let api: FakeDiscordApi;
let http: HttpServer;
let app: DiscordApp;
let base: string;
let seen: CommandRequest[];
let gate: { promise: Promise<void>; open: () => void };
let metrics: Metrics;
const signer = makeSigner();

function newGate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

async function handler(req: CommandRequest): Promise<Reply> {
  seen.push(req);
  const [sub] = req.text.split(' ');
  if (req.text.includes('slow')) await gate.promise;
  if (sub === 'subscribe' || sub === 'unsubscribe' || sub === 'digest') {
    if (!(await req.isAdmin())) return { type: 'error', ephemeral: true, message: 'Only members with Manage Server can change this channel’s subscriptions.' };
    return { type: 'text', ephemeral: false, lines: [`${sub}: done (${req.text})`] };
  }
  if (sub === 'search')
    return {
      type: 'search',
      ephemeral: true,
      query: req.text,
      total: 30,
      offset: 0,
      hits: [{ alert: sampleAlert(), score: 1, snippet: 's' }],
      nextPage: 'search openai offset:10',
      filters: {},
    };
  if (sub === 'boom') throw new Error('boom');
  return { type: 'text', ephemeral: true, title: sub, lines: [`${sub} reply`] };
}

async function setup(o: { publicKey?: string; now?: () => Date; admins?: string[] } = {}) {
  api = await new FakeDiscordApi().start();
  http = new HttpServer(silentLogger());
  metrics = new Metrics();
  app = await createDiscordApp({
    token: api.token,
    applicationId: APP_ID,
    publicKey: o.publicKey ?? signer.publicKeyHex,
    apiUrl: api.baseUrl,
    http,
    handleCommand: handler,
    admins: o.admins ?? [],
    knowledge,
    log: silentLogger(),
    metrics,
    now: o.now,
    deferAfterMs: 100,
  });
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
}

async function send(payload: unknown, mutate?: (h: Record<string, string>, body: string) => { h: Record<string, string>; body: string }) {
  const body = JSON.stringify(payload);
  const ts = String(Math.floor(Date.now() / 1000));
  let h: Record<string, string> = { 'x-signature-ed25519': signer.sign(ts, body), 'x-signature-timestamp': ts };
  let b = body;
  if (mutate) ({ h, body: b } = mutate(h, body));
  return postInteraction(base, b, h);
}

beforeEach(async () => {
  seen = [];
  gate = newGate();
  await setup();
});
afterEach(async () => {
  gate.open();
  await app.stop();
  await http.close();
  await api.stop();
});

describe('POST /discord/interactions', () => {
  it('answers PING with PONG', async () => {
    expect(await send({ type: 1 })).toEqual({ status: 200, json: { type: 1 } });
  });

  it('refuses a bad signature, a tampered body and missing headers with 401', async () => {
    const ping = { type: 1 };
    expect((await send(ping, (h, body) => ({ h: { ...h, 'x-signature-ed25519': signer.sign(h['x-signature-timestamp']!, '{}') }, body }))).status).toBe(401);
    expect((await send(ping, (h, body) => ({ h, body: body + ' ' }))).status).toBe(401);
    expect((await send(ping, (h, body) => ({ h: { 'x-signature-timestamp': h['x-signature-timestamp']! }, body }))).status).toBe(401);
    expect((await send(ping, (_h, body) => ({ h: {}, body }))).status).toBe(401);
    expect((await send(ping, (h, body) => ({ h: { ...h, 'x-signature-timestamp': String(Number(h['x-signature-timestamp']) - 3600) }, body }))).status).toBe(
      401,
    );
    expect(seen).toHaveLength(0);
    expect(await metrics.registry.getSingleMetricAsString('talent_radar_commands_total')).toMatch(/outcome="unauthorized_bad_signature"/);
  });

  it('answers 400 to signed JSON that is not an interaction', async () => {
    expect((await send({ hello: 'world' })).status).toBe(400);
  });

  it('rebuilds the command text of each subcommand and replies in time', async () => {
    const cases: Array<[string, Array<{ name: string; value: string }>, string]> = [
      [
        'search',
        [
          { name: 'query', value: 'openai  researchers' },
          { name: 'firm', value: 'Google DeepMind' },
          { name: 'topic', value: 'talent' },
          { name: 'since', value: '7d' },
          { name: 'lang', value: 'zh' },
        ],
        'search openai researchers firm:"Google DeepMind" topic:talent since:7d lang:zh',
      ],
      ['subscribe', [{ name: 'target', value: 'OpenAI' }], 'subscribe OpenAI'],
      ['unsubscribe', [{ name: 'target', value: 'superapp' }], 'unsubscribe superapp'],
      ['list', [], 'list'],
      ['firms', [], 'firms'],
      ['sources', [], 'sources'],
      ['digest', [{ name: 'mode', value: 'weekly' }], 'digest weekly'],
      ['help', [], 'help'],
    ];
    for (const [sub, options, text] of cases) {
      const r = await send(commandPayload(sub, options, { permissions: '32' }));
      expect(r.status).toBe(200);
      expect(r.json.type).toBe(4);
      expect(r.json.data.allowed_mentions).toEqual({ parse: [] });
      expect(seen.at(-1)).toMatchObject({ platform: 'discord', channel: CHANNEL, user: '53908232506183680', text });
    }
    const search = (await send(commandPayload('search', [{ name: 'query', value: 'openai' }]))).json;
    expect(search.data.flags).toBe(64);
    expect(search.data.components[0].components[0].custom_id).toBe('talent:more:search openai offset:10');
  });

  it('subscribing needs Manage Server or Administrator (or the admins list)', async () => {
    const refused = await send(commandPayload('subscribe', [{ name: 'target', value: 'OpenAI' }], { permissions: String(1 << 11) }));
    expect(refused.json.data.flags).toBe(64);
    expect(refused.json.data.embeds[0].description).toMatch(/Manage Server/);
    const manage = await send(commandPayload('subscribe', [{ name: 'target', value: 'OpenAI' }], { permissions: String((1 << 5) | (1 << 11)) }));
    expect(manage.json.data.embeds[0].description).toMatch(/subscribe: done/);
    const admin = await send(commandPayload('digest', [{ name: 'mode', value: 'off' }], { permissions: '8' }));
    expect(admin.json.data.embeds[0].description).toMatch(/digest: done/);
    await app.stop();
    await http.close();
    await api.stop();
    await setup({ admins: ['53908232506183680'] });
    const listed = await send(commandPayload('unsubscribe', [{ name: 'target', value: 'OpenAI' }], { permissions: '0' }));
    expect(listed.json.data.embeds[0].description).toMatch(/unsubscribe: done/);
  });

  it('defers a slow command (ephemeral for personal ones) and edits the original through the webhook', async () => {
    const r = await send(commandPayload('sources', [{ name: 'slow', value: 'x' }]));
    expect(r.json).toEqual({ type: 5, data: { flags: 64 } });
    expect(api.find('PATCH', /^\/webhooks\//)).toHaveLength(0);
    gate.open();
    const [edit] = await waitFor(() => {
      const e = api.find('PATCH', new RegExp(`^/webhooks/${APP_ID}/tok\\d+/messages/@original$`));
      return e.length ? e : null;
    }, 'webhook edit');
    expect(edit!.body.embeds[0].description).toBe('sources reply');
    expect(edit!.body.allowed_mentions).toEqual({ parse: [] });
    expect(edit!.headers.authorization).toBeUndefined();
  });

  it('when a slow public command turns out ephemeral, sends an ephemeral follow-up and deletes the placeholder', async () => {
    const r = await send(commandPayload('subscribe', [{ name: 'target', value: 'slow' }], { permissions: '0' }));
    expect(r.json).toEqual({ type: 5, data: {} });
    gate.open();
    await app.idle();
    const [follow] = api.find('POST', /^\/webhooks\/\d+\/tok\d+$/);
    expect(follow!.body.flags).toBe(64);
    expect(follow!.body.allowed_mentions).toEqual({ parse: [] });
    expect(api.find('DELETE', /@original$/)).toHaveLength(1);
  });

  it('a handler that throws gets a polite ephemeral error, not a 500', async () => {
    const r = await send(commandPayload('boom'));
    expect(r.status).toBe(200);
    expect(r.json.data.flags).toBe(64);
    expect(r.json.data.embeds[0].description).toMatch(/went wrong/);
  });

  it('autocompletes firms from names and aliases, and topics for targets', async () => {
    const ac = (sub: string, name: string, value: string) => send(commandPayload(sub, [{ name, value, focused: true }], { type: 4 }));
    const open = await ac('search', 'firm', 'Op');
    expect(open.json).toEqual({
      type: 8,
      data: {
        choices: [
          { name: 'OpenAI', value: 'OpenAI' },
          { name: 'Anthropic', value: 'Anthropic' },
        ],
      },
    });
    expect((await ac('search', 'firm', 'gdm')).json.data.choices.map((c: any) => c.value)).toEqual(['Google DeepMind']);
    expect((await ac('search', 'firm', '字节')).json.data.choices.map((c: any) => c.value)).toEqual(['ByteDance']);
    expect((await ac('search', 'firm', 'douy')).json.data.choices.map((c: any) => c.value)).toEqual(['ByteDance']);
    expect((await ac('search', 'firm', 'seek')).json.data.choices.map((c: any) => c.value)).toEqual(['DeepSeek']);
    expect((await ac('subscribe', 'target', 'ta')).json.data.choices.map((c: any) => c.value)).toEqual(['talent']);
    expect((await ac('subscribe', 'target', '')).json.data.choices).toHaveLength(8);
    expect(seen).toHaveLength(0);
  });

  it('the More results button runs the next page and updates the message', async () => {
    const p = { ...commandPayload('x'), type: 3, data: { custom_id: 'talent:more:search openai offset:10', component_type: 2 } };
    const r = await send(p);
    expect(r.json.type).toBe(7);
    expect(seen.at(-1)!.text).toBe('search openai offset:10');
  });
});

describe('the signed example from the corpus through the endpoint', () => {
  const signed = JSON.parse(readFileSync('/work/shared/corpus/platform/discord/signed_interaction_DERIVED.json', 'utf8'));
  beforeEach(async () => {
    await app.stop();
    await http.close();
    await api.stop();
    await setup({ publicKey: signed.public_key_hex, now: () => new Date(1_700_000_000_000) });
  });
  it('accepts it and refuses its negative cases', async () => {
    const h = { 'x-signature-ed25519': signed.headers['X-Signature-Ed25519'], 'x-signature-timestamp': signed.headers['X-Signature-Timestamp'] };
    const ok = await postInteraction(base, signed.raw_body, h);
    expect(ok.status).toBe(200);
    expect(ok.json.type).toBe(4);
    for (const n of signed.negative_cases) {
      const r = await postInteraction(base, n.raw_body ?? signed.raw_body, {
        ...h,
        'x-signature-timestamp': n['X-Signature-Timestamp'] ?? h['x-signature-timestamp'],
      });
      expect(r.status).toBe(401);
    }
  });
});
