// Runs the CLI in-process with captured output, and builds temp configs for it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/dispatch.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const code = await main(argv, { stdin: Readable.from([stdin]), stdout: out, stderr: err, env: { LOG_LEVEL: 'warn', ...env }, version: 'test' });
  return { code, stdout, stderr };
}

/** A temp folder with a config file (firms.yml/topics.yml resolved from the shipped config/). */
export function tempConfig(yaml: string): { dir: string; configPath: string; dataDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tr-cli-'));
  const configPath = join(dir, 'config.yml');
  const shipped = join(process.cwd(), 'config');
  const withKnowledge = /\nclassify:/.test(`\n${yaml}`)
    ? yaml
    : `${yaml}\nclassify:\n  firmsFile: ${join(shipped, 'firms.yml')}\n  topicsFile: ${join(shipped, 'topics.yml')}\n`;
  writeFileSync(configPath, withKnowledge);
  return { dir, configPath, dataDir: join(dir, 'data') };
}

/**
 * A temp config whose sources (YAML list items) print to the console route, with the
 * environment that points the CLI at it. Loopback sources are allowed unless `allowPrivate` is false.
 */
export function consoleBot(sources: string, opts: { allowPrivate?: boolean; extra?: string } = {}) {
  const cfg = tempConfig(
    `sources:\n${sources.replace(/^\n+|\s+$/g, '')}\nroutes:\n  - platform: console\n    channel: console\n` +
      (opts.allowPrivate === false ? '' : 'fetch:\n  allowPrivateAddresses: true\n') +
      (opts.extra ?? ''),
  );
  return { ...cfg, env: { TALENT_CONFIG: cfg.configPath, DATA_DIR: cfg.dataDir } };
}

export interface FeedItem {
  title: string;
  description: string;
  link: string;
  guid?: string;
  pubDate: Date;
}

export function rss(items: FeedItem[], title = 'Test wire'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link>${i.guid ? `<guid>${esc(i.guid)}</guid>` : ''}<description>${esc(i.description)}</description><pubDate>${i.pubDate.toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(title)}</title><link>https://wire.example/</link><description>t</description>\n${body}\n</channel></rss>`;
}
