// docker compose used to pass five secrets by name, so SLACK_APP_TOKEN and LLM_* never reached the
// containers. Now it reads .env; .env.example documents every variable the README and the code know.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../src/config/env.js';

const example = readFileSync('.env.example', 'utf8');
const exampleVars = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

describe('deployment files', () => {
  it('compose reads .env for the bot', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: { bot: { env_file: unknown; environment: Record<string, string> } } };
    expect([compose.services.bot.env_file].flat()).toContain('.env');
    // Ops is reachable from the host's loopback only.
    expect(JSON.stringify(compose.services.bot)).toContain('127.0.0.1:9464');
  });

  it('.env.example lists every variable of the README table and of the env schema', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('### Environment'), readme.indexOf('### The config file'));
    const readmeVars = new Set([...table.matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1]));
    expect(readmeVars.size).toBeGreaterThan(10);
    for (const v of [...readmeVars, ...Object.keys(envSchema.shape)]) expect(exampleVars, v).toContain(v);
    for (const v of ['OPS_PORT', 'OPS_HOST', 'STATUS_TOKEN']) expect(readmeVars, v).toContain(v);
  });
});
