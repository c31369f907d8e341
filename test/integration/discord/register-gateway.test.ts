import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandRequest, Reply } from '../../../src/commands/types.js';
import { PlatformError } from '../../../src/delivery/poster.js';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { createDiscordApp } from '../../../src/platforms/discord/app.js';
import { COMMAND_DEFINITIONS } from '../../../src/platforms/discord/commands.js';
import { fromGatewayInteraction, type GatewayClientLike, type GatewayInteractionLike } from '../../../src/platforms/discord/gateway.js';
import { registerCommands } from '../../../src/platforms/discord/register.js';
import { createRest } from '../../../src/platforms/discord/rest.js';
import { FakeDiscordApi, waitFor } from '../../fakes/discord-api.js';
import { APP_ID, CHANNEL } from './helpers.js';

let api: FakeDiscordApi;
beforeEach(async () => {
  api = await new FakeDiscordApi().start();
});
afterEach(() => api.stop());

describe('registerCommands', () => {
  it('PUTs /talent and /talent-admin to one guild (immediate) and globally', async () => {
    expect(await registerCommands({ token: api.token, apiUrl: api.baseUrl, applicationId: APP_ID, guildId: '290926798626357999' })).toBe(2);
    expect(await registerCommands({ rest: createRest({ token: api.token, apiUrl: api.baseUrl }), applicationId: APP_ID })).toBe(2);
    expect(api.find('PUT', new RegExp(`^/applications/${APP_ID}/guilds/290926798626357999/commands$`))).toHaveLength(1);
    expect(api.find('PUT', new RegExp(`^/applications/${APP_ID}/commands$`))).toHaveLength(1);
    const cmd = api.commands.get('guild:290926798626357999')![0];
    expect(cmd.name).toBe('talent');
    expect(cmd.options.map((o: any) => o.name)).toEqual(['search', 'list', 'firms', 'sources', 'help', 'watch-me', 'watches', 'unwatch']);
    const admin = api.commands.get('guild:290926798626357999')![1];
    expect(admin).toMatchObject({ name: 'talent-admin', default_member_permissions: '32', contexts: [0] });
    expect(admin.options.map((o: any) => o.name)).toEqual(['subscribe', 'unsubscribe', 'digest', 'sources-add', 'sources-remove', 'watch']);
    const search = cmd.options[0];
    expect(search.options.find((o: any) => o.name === 'firm').autocomplete).toBe(true);
    expect(search.options.find((o: any) => o.name === 'topic').choices.map((c: any) => c.value)).toEqual(['talent', 'superapp']);
    expect(admin.options[2].options[0].choices.map((c: any) => c.value)).toEqual(['daily', 'weekly', 'off']);
  });

  it('definitions respect Discord limits (names, descriptions ≤100, ≤25 options)', () => {
    const walk = (o: any) => {
      expect(o.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(o.name).toBe(o.name.toLowerCase());
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      expect((o.options ?? []).length).toBeLessThanOrEqual(25);
      (o.options ?? []).forEach(walk);
    };
    COMMAND_DEFINITIONS.forEach(walk);
  });

  it('a wrong token is a permanent error that names the fix', async () => {
    const err = await registerCommands({ token: 'nope', apiUrl: api.baseUrl, applicationId: APP_ID }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).message).toMatch(/DISCORD_TOKEN/);
  });
});

describe('gateway path (DISCORD_PUBLIC_KEY unset)', () => {
  const base = { id: '5', token: 'gwtok', applicationId: APP_ID, channelId: CHANNEL, guildId: 'g1', user: { id: 'u1' } };
  const slash: GatewayInteractionLike = {
    ...base,
    type: 2,
    commandName: 'talent',
    memberPermissions: { bitfield: 32n },
    options: {
      data: [
        {
          name: 'search',
          type: 1,
          options: [
            { name: 'query', type: 3, value: 'kimi' },
            { name: 'firm', type: 3, value: 'Moonshot AI' },
          ],
        },
      ],
    },
  };

  it('maps a discord.js interaction onto the shared input', () => {
    const i = fromGatewayInteraction(slash);
    expect(i).toMatchObject({
      kind: 'command',
      id: '5',
      token: 'gwtok',
      applicationId: APP_ID,
      channelId: CHANNEL,
      userId: 'u1',
      permissions: '32',
      commandName: 'talent',
    });
    expect(fromGatewayInteraction({ ...base, type: 4, memberPermissions: null, options: { data: [] } }).kind).toBe('autocomplete');
    expect(fromGatewayInteraction({ ...base, type: 3, memberPermissions: null, customId: 'talent:more:x' })).toMatchObject({
      kind: 'component',
      customId: 'talent:more:x',
      permissions: undefined,
    });
  });

  it('answers through the REST interaction callback with the same logic as HTTP', async () => {
    const client = new EventEmitter() as EventEmitter & GatewayClientLike;
    let loggedIn = '';
    client.login = async (t: string) => (loggedIn = t);
    client.destroy = () => undefined;
    const seen: CommandRequest[] = [];
    const handleCommand = async (req: CommandRequest): Promise<Reply> => {
      seen.push(req);
      return { type: 'text', ephemeral: true, lines: [`admin=${await req.isAdmin()}`] };
    };
    const app = await createDiscordApp({
      token: api.token,
      apiUrl: api.baseUrl,
      http: new HttpServer(silentLogger()),
      handleCommand,
      admins: [],
      knowledge: { firmNames: () => [], suggestFirms: () => [] },
      log: silentLogger(),
      gatewayClient: async () => client,
    });
    await app.start();
    expect(loggedIn).toBe(api.token);
    expect(() => client.emit('error', new Error('gateway hiccup'))).not.toThrow();
    client.emit('interactionCreate', slash);
    const [cb] = await waitFor(() => {
      const c = api.find('POST', /^\/interactions\/5\/gwtok\/callback$/);
      return c.length ? c : null;
    }, 'callback');
    expect(cb!.body.type).toBe(4);
    expect(cb!.body.data.flags).toBe(64);
    expect(cb!.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(cb!.body.data.embeds[0].description).toBe('admin=true');
    expect(seen[0]!.text).toBe('search kimi firm:"Moonshot AI"');
    // /talent-admin goes to the same handlers; other applications' commands are ignored.
    client.emit('interactionCreate', {
      ...slash,
      id: '6',
      commandName: 'talent-admin',
      options: { data: [{ name: 'subscribe', type: 1, options: [{ name: 'target', type: 3, value: 'OpenAI' }] }] },
    });
    client.emit('interactionCreate', { ...slash, id: '7', commandName: 'other-bot' });
    await waitFor(() => (api.find('POST', /^\/interactions\/6\/gwtok\/callback$/).length ? true : null), 'admin callback');
    expect(seen.map((r) => r.text)).toEqual(['search kimi firm:"Moonshot AI"', 'subscribe OpenAI']);
    await app.stop();
  });
});
