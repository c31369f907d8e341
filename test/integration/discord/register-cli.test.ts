// `talent-radar register-commands [--guild ID]` through the CLI against the fake Discord API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscordApi } from '../../fakes/discord-api.js';
import { runCli } from '../../support/cli.js';

const APP_ID = '123456789012345678';

describe('register-commands CLI', () => {
  let api: FakeDiscordApi;
  beforeAll(async () => {
    api = await new FakeDiscordApi().start();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('puts /talent in a guild (at once) and globally', async () => {
    const env = { DISCORD_TOKEN: api.token, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api.baseUrl };
    const guild = await runCli(['register-commands', '--guild', '290926798626357999'], env);
    expect(guild.code).toBe(0);
    expect(guild.stdout).toMatch(/registered 2 command\(s\) in guild 290926798626357999/);
    const global = await runCli(['register-commands'], env);
    expect(global.stdout).toMatch(/globally/);
    const defs = [...api.commands.values()];
    expect(defs).toHaveLength(2);
    expect(defs[0][0].name).toBe('talent');
    // Admin subcommands live in /talent-admin, hidden from members without Manage Server, guilds only.
    const admin = defs[0].find((d: any) => d.name === 'talent-admin');
    expect(admin).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(admin.options.map((o: any) => o.name).sort()).toEqual(['digest', 'sources-add', 'sources-remove', 'subscribe', 'unsubscribe', 'watch']);
    const pub = defs[0].find((d: any) => d.name === 'talent');
    expect(pub.options.map((o: any) => o.name)).not.toContain('subscribe');
    expect(pub.options.map((o: any) => o.name)).not.toContain('digest');
  });

  it('says which variables are missing', async () => {
    const r = await runCli(['register-commands'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  });
});
