// The shipped manifest matches what the code serves and needs.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../../src/platforms/slack/app.js';

const manifest = parse(readFileSync(new URL('../../../slack-manifest.yml', import.meta.url), 'utf8'));

describe('slack-manifest.yml', () => {
  it('declares /talent and interactivity on the events path', () => {
    const [cmd] = manifest.features.slash_commands;
    expect(cmd.command).toBe('/talent');
    expect(cmd.usage_hint).toContain('search');
    expect(new URL(cmd.url).pathname).toBe(EVENTS_PATH);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('asks for every scope the code calls for', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['chat:write', 'chat:write.public', 'commands', 'users:read', 'files:write', 'channels:history', 'groups:history', 'im:write']),
    );
  });
});
