// The real /talent handler (src/commands) behind the real Slack endpoint, on the embedded store:
// signed slash command in, rendered answer out through response_url.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCommandHandler, type FirmKnowledge } from '../../../src/commands/index.js';
import { configSchema } from '../../../src/config/schema.js';
import { silentLogger } from '../../../src/log.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { alert } from './alert-fixture.js';
import { NOW_SEC, postSigned, slashBody, startHarness, type Harness } from './harness.js';

const FIRMS: Record<string, string> = { openai: 'OpenAI', deepseek: 'DeepSeek', 'open ai': 'OpenAI' };
const knowledge: FirmKnowledge = {
  canonicalFirm: (n) => FIRMS[n.trim().toLowerCase()],
  suggestFirms: (t) => Object.values(FIRMS).filter((f) => f.toLowerCase().startsWith(t.slice(0, 2).toLowerCase())),
  firmNames: () => ['OpenAI', 'DeepSeek'],
};

let store: SqliteStore;
let h: Harness;
beforeEach(async () => {
  store = SqliteStore.open({ file: ':memory:', log: silentLogger() });
  const a = alert();
  await store.ingest({
    entries: [{ item: a, assessment: a.assessment, keys: [`url:${a.link}`], archive: true, targets: [] }],
    matcher: () => false,
    retentionSec: 86_400,
  });
  const handler = createCommandHandler({ store, config: configSchema.parse({}), knowledge, admins: { slack: [], discord: [] }, log: silentLogger() });
  h = await startHarness(handler);
  h.fake.admins.add('UADMIN');
});
afterEach(async () => {
  await h.close();
  await store.close();
});

let seq = 0;
async function command(text: string, user = 'U1') {
  const n = h.fake.responses.length + 1;
  expect((await postSigned(h.base, slashBody(h.fake, text, { user_id: user }), { ts: NOW_SEC - 200 + ++seq })).status).toBe(200);
  await h.fake.waitForResponses(n);
  return h.fake.responses[n - 1]!.body;
}

it('searches the archive and renders the hits', async () => {
  const body = await command('search DeepSeek');
  expect(body.response_type).toBe('ephemeral');
  expect(JSON.stringify(body.blocks)).toContain('OpenAI researcher joins DeepSeek');
});

it('lets a workspace admin subscribe, refuses others politely, and lists the subscription', async () => {
  const refused = await command('subscribe OpenAI', 'UPLAIN');
  expect(refused.text).toContain('only workspace admins');
  expect(await store.listSubscriptions({ platform: 'slack', channel: 'C1' })).toHaveLength(0);
  const ok = await command('subscribe OpenAI', 'UADMIN');
  expect(ok.response_type).toBe('in_channel');
  expect(await store.listSubscriptions({ platform: 'slack', channel: 'C1' })).toMatchObject([{ kind: 'firm', value: 'OpenAI', createdBy: 'UADMIN' }]);
  expect(JSON.stringify((await command('list')).blocks)).toContain('OpenAI');
  expect(h.fake.callsTo('users.info').map((c) => c.body.user)).toEqual(['UPLAIN', 'UADMIN']);
});

it('answers bad syntax with usage, escaped for Slack', async () => {
  const body = await command('subscribe');
  expect(body.response_type).toBe('ephemeral');
  expect(JSON.stringify(body.blocks)).toMatch(/Usage/);
  expect(JSON.stringify(body)).not.toMatch(/<firm/);
});
