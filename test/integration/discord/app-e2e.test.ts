// main's createApp with Discord credentials pointed at the fake API: an archived alert routed to a
// Discord channel is posted as an embed, and a signed /talent search is answered from the same store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readEnv } from '../../../src/config/env.js';
import { parseConfigText } from '../../../src/config/load.js';
import { silentLogger } from '../../../src/log.js';
import { createApp, type App } from '../../../src/main.js';
import { FakeDiscordApi, waitFor } from '../../fakes/discord-api.js';
import { CHANNEL, commandPayload, makeSigner, postInteraction, sampleAlert } from './helpers.js';

const signer = makeSigner();
let api: FakeDiscordApi;
let app: App;
let dir: string;

beforeEach(async () => {
  api = await new FakeDiscordApi().start();
  dir = mkdtempSync(join(tmpdir(), 'tr-discord-'));
  const env = readEnv({
    DISCORD_TOKEN: api.token,
    DISCORD_APPLICATION_ID: '775799577604522054',
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_API_URL: api.baseUrl,
    DATA_DIR: dir,
  });
  const config = {
    ...parseConfigText(`routes:\n  - platform: discord\n    channel: "${CHANNEL}"\n`),
    file: resolve('config/test.yml'),
    dir: resolve('config'),
  };
  app = await createApp({ env, config, log: silentLogger(), owner: 'test' });
  await app.platformsStarted();
});
afterEach(async () => {
  await app.close();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('posts a routed alert to Discord and answers a signed /talent search', async () => {
  const a = sampleAlert({ title: 'DeepSeek hires @everyone from OpenAI' });
  await app.store.ingest({
    entries: [{ item: a, assessment: a.assessment, keys: [`url:${a.link}`], archive: true, targets: [{ platform: 'discord', channel: CHANNEL }] }],
    matcher: () => false,
    retentionSec: 86_400,
  });
  expect(await app.drainOutbox()).toBe(1);
  expect(api.messages).toHaveLength(1);
  const [post] = api.find('POST', /^\/channels\/\d+\/messages$/);
  expect(post!.body.allowed_mentions).toEqual({ parse: [] });
  expect(post!.body.embeds[0].title).toBe('DeepSeek hires @\u200beveryone from OpenAI');

  const port = await app.http.listen(0, '127.0.0.1');
  const body = JSON.stringify(commandPayload('search', [{ name: 'query', value: 'DeepSeek' }]));
  const ts = String(Math.floor(Date.now() / 1000));
  const r = await postInteraction(`http://127.0.0.1:${port}`, body, { 'x-signature-ed25519': signer.sign(ts, body), 'x-signature-timestamp': ts });
  expect(r.status).toBe(200);
  // Answered directly when the search is quick (the usual case); otherwise deferred and edited via the webhook.
  const data = r.json.type === 4 ? r.json.data : (await waitFor(() => api.find('PATCH', /@original$/)[0], 'follow-up')).body;
  expect(r.json.type === 4 ? data.flags : r.json.data.flags).toBe(64);
  expect(JSON.stringify(data.embeds)).toContain('DeepSeek hires');
  const bad = await postInteraction(`http://127.0.0.1:${port}`, body, { 'x-signature-ed25519': signer.sign(ts, body + 'x'), 'x-signature-timestamp': ts });
  expect(bad.status).toBe(401);
});
