// Validly signed requests that must still be refused: replays (12 of 12 used to run) and
// malformed payloads (they used to answer 500), and bodies over the pre-auth cap.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandRequest, Reply } from '../../../src/commands/types.js';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { createDiscordApp, type DiscordApp } from '../../../src/platforms/discord/app.js';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { APP_ID, commandPayload, makeSigner, postInteraction } from './helpers.js';

const knowledge = { firmNames: () => ['OpenAI'], firms: new Map(), suggestFirms: () => [] };
const signer = makeSigner();
const running: Array<{ app: DiscordApp; http: HttpServer; api: FakeDiscordApi }> = [];

async function replica(seen?: (s: string) => Promise<boolean>) {
  const api = await new FakeDiscordApi().start();
  const http = new HttpServer(silentLogger());
  const ran: CommandRequest[] = [];
  const handleCommand = async (req: CommandRequest): Promise<Reply> => (ran.push(req), { type: 'text', ephemeral: true, lines: ['ok'] });
  const app = await createDiscordApp({
    token: api.token,
    applicationId: APP_ID,
    publicKey: signer.publicKeyHex,
    apiUrl: api.baseUrl,
    http,
    handleCommand,
    admins: [],
    knowledge,
    log: silentLogger(),
    seen,
  });
  running.push({ app, http, api });
  return { base: `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`, ran };
}

function signed(payload: unknown): { body: string; headers: Record<string, string> } {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const ts = String(Math.floor(Date.now() / 1000));
  return { body, headers: { 'x-signature-ed25519': signer.sign(ts, body), 'x-signature-timestamp': ts } };
}

afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.app.stop();
    await r.http.close();
    await r.api.stop();
  }
});

describe('Discord interactions from a hostile sender', () => {
  it('runs a signed interaction once, however often it is replayed', async () => {
    const { base, ran } = await replica();
    const { body, headers } = signed(commandPayload('help'));
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await postInteraction(base, body, headers)).status);
    expect(statuses[0]).toBe(200);
    expect(statuses.slice(1).every((s) => s === 401)).toBe(true);
    // Upper-case hex is the same signature, not a new one.
    expect((await postInteraction(base, body, { ...headers, 'x-signature-ed25519': headers['x-signature-ed25519']!.toUpperCase() })).status).toBe(401);
    expect(ran).toHaveLength(1);
  });

  it('shares the replay guard between replicas through seen()', async () => {
    const claimed = new Set<string>();
    const seen = async (s: string) => claimed.has(s) || (claimed.add(s), false);
    const a = await replica(seen);
    const b = await replica(seen);
    const { body, headers } = signed(commandPayload('help'));
    expect((await postInteraction(a.base, body, headers)).status).toBe(200);
    expect((await postInteraction(b.base, body, headers)).status).toBe(401);
    expect(a.ran.length + b.ran.length).toBe(1);
  });

  it('answers malformed signed payloads with 400, never 500', async () => {
    const { base, ran } = await replica();
    const good = () => commandPayload('help') as Record<string, any>;
    const cases: unknown[] = [
      'null',
      '[]',
      '"x"',
      { ...good(), member: { permissions: '8' } }, // member without user
      { ...good(), member: { user: null } },
      { ...good(), member: undefined, user: undefined },
      { ...good(), data: { name: 'talent', options: 'search' } }, // non-array options
      { ...good(), data: { name: 'talent', options: [{ type: 1, name: 'search', options: { query: 'x' } }] } },
      { ...good(), data: { name: 'talent', options: [null] } },
      { ...good(), data: { name: 'talent', options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: { $gt: '' } }] }] } },
      { ...good(), data: 'help' },
      { ...good(), channel: 'C1' },
      { ...good(), token: 7 },
    ];
    for (const c of cases) {
      const { body, headers } = signed(c);
      const r = await postInteraction(base, body, headers);
      expect(r.status, body).toBe(400);
    }
    expect(ran).toHaveLength(0);
    const { body, headers } = signed(commandPayload('help'));
    expect((await postInteraction(base, body, headers)).status).toBe(200);
  });

  it('refuses a body over the pre-auth cap with 413 before checking the signature', async () => {
    const { base } = await replica();
    const r = await fetch(`${base}/discord/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(100 * 1024) }),
    });
    expect(r.status).toBe(413);
  });
});

describe('/talent-admin over HTTP', () => {
  it('routes its subcommands to the same handlers as /talent', async () => {
    const { base, ran } = await replica();
    const p = commandPayload('subscribe', [{ name: 'target', value: 'OpenAI' }], { permissions: '32' }) as Record<string, any>;
    p.data.name = 'talent-admin';
    const { body, headers } = signed(p);
    const r = await postInteraction(base, body, headers);
    expect(r.status).toBe(200);
    expect(ran.map((q) => q.text)).toEqual(['subscribe OpenAI']);
    expect(await ran[0]!.isAdmin()).toBe(true);
  });
});

describe('replies name /talent-admin for admin subcommands on Discord', () => {
  it('rewrites help lines, usage and refusals', async () => {
    const { renderReply } = await import('../../../src/platforms/discord/render.js');
    const { help } = await import('../../../src/commands/help.js');
    const text = JSON.stringify(renderReply(help()));
    expect(text).toContain('/talent-admin subscribe');
    expect(text).toContain('/talent-admin digest');
    expect(text).not.toMatch(/\/talent subscribe/);
    expect(text).toContain('/talent search');
    const err = JSON.stringify(
      renderReply({ type: 'error', ephemeral: true, message: 'ask an admin to run `/talent unsubscribe OpenAI`', usage: '/talent digest daily|weekly|off' }),
    );
    expect(err).toContain('/talent-admin unsubscribe');
    expect(err).toContain('/talent-admin digest');
  });
});
