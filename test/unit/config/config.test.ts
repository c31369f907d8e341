import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigText } from '../../../src/config/load.js';
import { parseDuration } from '../../../src/config/schema.js';
import { EnvError, readEnv } from '../../../src/config/env.js';

const MINIMAL = `
sources:
  - name: techwire
    url: https://techwire.example/feed.xml
routes:
  - platform: slack          # slack | discord | console
    channel: C0123456789
    topics: [talent]
    firms: [ByteDance]
fetch:
  allowPrivateAddresses: false
`;

function problems(text: string): string[] {
  try {
    parseConfigText(text, 'test.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('accepts the minimal form the tests and docs rely on, with defaults filled in', () => {
    const c = parseConfigText(MINIMAL);
    expect(c.sources[0]).toMatchObject({ name: 'techwire', url: 'https://techwire.example/feed.xml', kind: 'auto', backfill: 0, enabled: true });
    expect(c.routes[0]).toMatchObject({ platform: 'slack', channel: 'C0123456789', topics: ['talent'], firms: ['ByteDance'], minScore: 0, mode: 'realtime' });
    expect(c.fetch).toMatchObject({ allowPrivateAddresses: false, timeout: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 });
    expect(c.schedule.maxAgeHours).toBe(72);
    expect(c.retention.dedupeDays).toBe(30);
  });

  it('reports every problem at once, each with its path and a hint', () => {
    const p = problems(`
sources:
  - name: "bad name"
    url: ftp://example.com/feed
  - name: ok
    url: https://a.example/feed
    interval: soon
  - name: ok
    url: https://b.example/feed
routes:
  - platform: irc
    channel: x
    topics: [gossip]
fetch:
  allowPrivateAdresses: true
`);
    expect(p.length).toBeGreaterThanOrEqual(6);
    expect(p.some((x) => x.startsWith('sources[0].name:') && x.includes('letters'))).toBe(true);
    expect(p.some((x) => x.startsWith('sources[0].url:'))).toBe(true);
    expect(p.some((x) => x.startsWith('sources[1].interval:') && x.includes('15m'))).toBe(true);
    expect(p.some((x) => x.startsWith('sources[2].name:') && x.includes('duplicate'))).toBe(true);
    expect(p.some((x) => x.startsWith('routes[0].platform:') && x.includes('slack, discord, console'))).toBe(true);
    expect(p.some((x) => x.startsWith('routes[0].topics[0]:') && x.includes('talent, superapp'))).toBe(true);
    expect(p.some((x) => x.startsWith('fetch:') && x.includes('allowPrivateAdresses'))).toBe(true);
  });

  it('reports YAML syntax errors as config errors', () => {
    const p = problems('sources:\n  - name: a\n   url: [unclosed\n');
    expect(p[0]).toMatch(/^YAML:/);
  });

  it('says where to put the file when it is missing', () => {
    expect(() => loadConfig('/nonexistent/talent.yml')).toThrow(/TALENT_CONFIG/);
  });

  it('loads from a file and remembers its folder for firms.yml and topics.yml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-config-'));
    writeFileSync(join(dir, 'c.yml'), MINIMAL);
    const c = loadConfig(join(dir, 'c.yml'));
    expect(c.dir).toBe(dir);
    // No knowledge files named: the shipped config/firms.yml and topics.yml are used (loadKnowledgeFor).
    expect(c.classify.firmsFile).toBeUndefined();
  });

  it('ships a default config that validates', () => {
    const c = loadConfig('config/default.yml');
    expect(c.sources.length).toBeGreaterThan(10);
    expect(c.routes.some((r) => r.platform === 'console')).toBe(true);
  });

  it('parses durations', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration(30)).toBe(30_000);
    expect(parseDuration('soon')).toBeNull();
  });
});

describe('environment', () => {
  it('has the documented defaults', () => {
    const e = readEnv({});
    expect(e).toMatchObject({ configPath: 'config/default.yml', dataDir: './data', port: 3000 });
    expect(e.slack).toBeUndefined();
    expect(e.redisUrl).toBeUndefined();
  });

  it('reads platform credentials and API bases', () => {
    const e = readEnv({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      DISCORD_TOKEN: 't',
      DISCORD_PUBLIC_KEY: 'a'.repeat(64),
    });
    expect(e.slack).toMatchObject({ botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(e.discord).toMatchObject({ token: 't', apiUrl: 'https://discord.com/api', publicKey: 'a'.repeat(64) });
  });

  it('reports every environment problem at once', () => {
    try {
      readEnv({ REDIS_URL: 'not a url', PORT: 'eighty', DISCORD_PUBLIC_KEY: 'xyz' });
      throw new Error('expected EnvError');
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      expect((err as EnvError).problems).toHaveLength(3);
    }
  });

  it('refuses half-configured platforms with a remedy', () => {
    expect(() => readEnv({ SLACK_BOT_TOKEN: 'xoxb' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => readEnv({ LLM_BASE_URL: 'http://127.0.0.1:1/v1' })).toThrow(/LLM_MODEL/);
  });
});
