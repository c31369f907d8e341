// A config file in any folder starts the bot with the knowledge shipped in the package
// (it used to look for firms.yml beside the config and stop with KNOWLEDGE_INVALID).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowledgeFiles, loadKnowledgeFor } from '../../../src/knowledge/for-config.js';
import { runCli } from '../../support/cli.js';

function bareConfig(extra = ''): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'tr-anywhere-'));
  writeFileSync(
    join(dir, 'talent-radar.yml'),
    `sources:\n  - name: wire\n    url: https://wire.example/feed.xml\nroutes:\n  - platform: console\n    channel: console\n    firms: [OpenAI]\n${extra}`,
  );
  return { dir, env: { TALENT_CONFIG: join(dir, 'talent-radar.yml'), DATA_DIR: join(dir, 'data') } };
}

describe('a config outside config/', () => {
  it('doctor --offline passes with the shipped firms.yml and topics.yml', async () => {
    const { env } = bareConfig();
    const r = await runCli(['doctor', '--offline'], env);
    expect(r.stderr + r.stdout).not.toMatch(/KNOWLEDGE_INVALID|file not found/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/http — public :3000 .*ops 127\.0\.0\.1:9464/);
    const exposed = await runCli(['doctor', '--offline'], { ...env, OPS_HOST: '0.0.0.0' });
    expect(exposed.stdout).toMatch(/! http — .*without STATUS_TOKEN/);
  });

  it('classify runs from that config', async () => {
    const { env } = bareConfig();
    const line = JSON.stringify({
      id: '1',
      title: 'OpenAI researcher leaves to join Anthropic',
      summary: 'A senior researcher at OpenAI has joined Anthropic.',
      link: 'https://x.example/1',
      source: 'x',
      lang: 'en',
      published: '2026-01-01T00:00:00Z',
    });
    const r = await runCli(['classify'], env, `${line}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim()).firms).toContain('OpenAI');
  });

  it('still resolves knowledge files the config names, relative to the config file', () => {
    const files = knowledgeFiles({ dir: '/etc/tr', classify: { firmsFile: 'mine.yml' } });
    expect(files.firms).toBe('/etc/tr/mine.yml');
    expect(files.topics).toMatch(/config[/\\]topics\.yml$/);
    expect(loadKnowledgeFor({ dir: '/nowhere' }).canonicalFirm('openai')).toBe('OpenAI');
  });
});

describe('feed URLs in the config', () => {
  it('go through the SSRF guard at start: a metadata or 6to4 literal stops with CONFIG_INVALID', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-ssrf-config-'));
    writeFileSync(
      join(dir, 'c.yml'),
      `sources:\n  - name: meta\n    url: http://169.254.169.254/latest/meta-data/\n  - name: tunnel\n    url: http://[2002:7f00:1::]/feed.xml\nroutes:\n  - platform: console\n    channel: console\nfetch:\n  allowPrivateAddresses: true\n`,
    );
    const r = await runCli(['doctor', '--offline'], { TALENT_CONFIG: join(dir, 'c.yml'), DATA_DIR: join(dir, 'data') });
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/sources\[0\]\.url: .*metadata/);
    expect(r.stderr + r.stdout).not.toMatch(/sources\[1\]/); // allowPrivateAddresses: the 6to4 of 127.0.0.1 is allowed then
  });
});
