// The real /talent handler (src/commands) on the embedded store behind the signed Discord endpoint.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCommandHandler, type FirmKnowledge } from '../../../src/commands/index.js';
import { configSchema } from '../../../src/config/schema.js';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { createDiscordApp, type DiscordApp } from '../../../src/platforms/discord/app.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { APP_ID, CHANNEL, commandPayload, makeSigner, postInteraction, sampleAlert } from './helpers.js';

const FIRMS: Record<string, string> = { openai: 'OpenAI', deepseek: 'DeepSeek', 'moonshot ai': 'Moonshot AI', kimi: 'Moonshot AI' };
const knowledge: FirmKnowledge = {
  canonicalFirm: (n) => FIRMS[n.trim().toLowerCase()],
  suggestFirms: (t) => [...new Set(Object.values(FIRMS))].filter((f) => f.toLowerCase().startsWith(t.slice(0, 2).toLowerCase())),
  firmNames: () => ['OpenAI', 'DeepSeek', 'Moonshot AI'],
};
const signer = makeSigner();
let store: SqliteStore;
let api: FakeDiscordApi;
let http: HttpServer;
let app: DiscordApp;
let base: string;

beforeEach(async () => {
  store = SqliteStore.open({ file: ':memory:', log: silentLogger() });
  const entries = Array.from({ length: 7 }, (_, i) => {
    const a = sampleAlert({
      id: `src:${i}`,
      link: `https://example.com/story/${i}`,
      title: `DeepSeek hires researcher number ${i}`,
      published: `2026-11-2${i}T10:00:00.000Z`,
    });
    return { item: a, assessment: a.assessment, keys: [`url:${a.link}`], archive: true, targets: [] };
  });
  await store.ingest({ entries, matcher: () => false, retentionSec: 86_400 });
  const handleCommand = createCommandHandler({
    store,
    config: configSchema.parse({}),
    knowledge,
    admins: { slack: [], discord: [] },
    log: silentLogger(),
    pageSize: 5,
  });
  api = await new FakeDiscordApi().start();
  http = new HttpServer(silentLogger());
  app = await createDiscordApp({
    token: api.token,
    applicationId: APP_ID,
    publicKey: signer.publicKeyHex,
    apiUrl: api.baseUrl,
    http,
    handleCommand,
    admins: [],
    knowledge,
    log: silentLogger(),
  });
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
});
afterEach(async () => {
  await app.stop();
  await http.close();
  await api.stop();
  await store.close();
});

async function send(payload: unknown) {
  const body = JSON.stringify(payload);
  const ts = String(Math.floor(Date.now() / 1000));
  const r = await postInteraction(base, body, { 'x-signature-ed25519': signer.sign(ts, body), 'x-signature-timestamp': ts });
  expect(r.status).toBe(200);
  if (r.json.type === 5 || r.json.type === 6) {
    await app.idle();
    const edit = api.find('PATCH', /@original$/).at(-1) ?? api.find('POST', /^\/webhooks\//).at(-1);
    return { type: r.json.type, data: edit!.body };
  }
  return r.json;
}

it('searches the archive, pages with the More results button', async () => {
  const r = await send(
    commandPayload('search', [
      { name: 'query', value: 'DeepSeek' },
      { name: 'firm', value: 'DeepSeek' },
    ]),
  );
  expect(r.data.flags).toBe(64);
  expect(r.data.embeds[0].fields).toHaveLength(5);
  expect(JSON.stringify(r.data.embeds)).toContain('DeepSeek hires researcher number');
  const more = r.data.components[0].components[0].custom_id as string;
  expect(more.startsWith('talent:more:search')).toBe(true);
  const page2 = await send({ ...commandPayload('x'), type: 3, data: { custom_id: more, component_type: 2 } });
  expect([4, 7, 5, 6]).toContain(page2.type);
  expect(page2.data.embeds[0].fields[0].name).toMatch(/^6\. /);
});

it('refuses subscribe without Manage Server, accepts with it, lists it, and takes a firm with a space', async () => {
  const refused = await send(commandPayload('subscribe', [{ name: 'target', value: 'OpenAI' }], { permissions: String(1 << 11) }));
  expect(refused.data.flags).toBe(64);
  expect(await store.listSubscriptions({ platform: 'discord', channel: CHANNEL })).toHaveLength(0);
  const ok = await send(commandPayload('subscribe', [{ name: 'target', value: 'Moonshot AI' }], { permissions: String(1 << 5) }));
  expect(ok.data.flags).toBeUndefined();
  expect(await store.listSubscriptions({ platform: 'discord', channel: CHANNEL })).toMatchObject([{ kind: 'firm', value: 'Moonshot AI' }]);
  expect(JSON.stringify((await send(commandPayload('list'))).data.embeds)).toContain('Moonshot AI');
  await send(commandPayload('unsubscribe', [{ name: 'target', value: 'kimi' }], { permissions: '8' }));
  expect(await store.listSubscriptions({ platform: 'discord', channel: CHANNEL })).toHaveLength(0);
});

it('digest, help, and a query word that looks like an option', async () => {
  const d = await send(commandPayload('digest', [{ name: 'mode', value: 'weekly' }], { permissions: '32' }));
  expect(JSON.stringify(d.data.embeds)).toMatch(/weekly/i);
  const h = await send(commandPayload('help'));
  expect(JSON.stringify(h.data.embeds)).toMatch(/subscribe/);
  const q = await send(commandPayload('search', [{ name: 'query', value: 'note:DeepSeek' }]));
  expect(q.data.embeds[0].color).not.toBe(0xed4245);
});
