// One entry per CLI command: its options, usage line and what it runs.
import { packageVersion } from '../package-root.js';
import type { ParseArgsConfig } from 'node:util';
import { readEnv } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../log.js';
import { createApp, type App } from '../main.js';
import { UsageError } from './errors.js';

export interface CliContext {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  version: string;
}

type Values = Record<string, string | boolean | undefined>;

export interface CommandSpec {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Values, positionals: string[], ctx: CliContext): Promise<number>;
}

export function readVersion(): string {
  try {
    return packageVersion();
  } catch {
    return '0.0.0';
  }
}

/** Loads env and config, builds the app; logs go to stderr so stdout stays clean for data. */
export async function openApp(ctx: CliContext, opts: { platforms?: boolean; logLevel?: string; storeAttempts?: number } = {}): Promise<App> {
  const env = readEnv(ctx.env);
  const config = loadConfig(env.configPath);
  const log = createLogger(opts.logLevel ?? env.logLevel, ctx.stderr);
  return createApp({ env, config, log, consoleOut: ctx.stdout, platforms: opts.platforms, storeAttempts: opts.storeAttempts });
}

const lazy =
  (file: string, name: string): CommandSpec['run'] =>
  async (values, positionals, ctx) => {
    const mod = (await import(file)) as Record<string, CommandSpec['run']>;
    return mod[name](values, positionals, ctx);
  };

export const COMMANDS: Record<string, CommandSpec> = {
  run: { usage: 'talent-radar run', options: {}, run: lazy('./run-command.js', 'runCommand') },
  poll: {
    usage: 'talent-radar poll --once [--due]',
    options: { once: { type: 'boolean' }, due: { type: 'boolean' } },
    run: async (values, positionals, ctx) => {
      if (!values.once) throw new UsageError('only --once is supported here; `talent-radar run` polls on a schedule');
      return lazy('./poll-command.js', 'pollCommand')(values, positionals, ctx);
    },
  },
  classify: { usage: 'talent-radar classify < items.jsonl > assessments.jsonl', options: {}, run: lazy('./classify-command.js', 'classifyCommand') },
  dedupe: {
    usage: 'talent-radar dedupe [--use-store] < items.jsonl',
    options: { 'use-store': { type: 'boolean' } },
    run: lazy('./dedupe-command.js', 'dedupeCommand'),
  },
  search: {
    usage: 'talent-radar search QUERY [firm:X] [topic:talent|superapp] [since:7d] [lang:zh] [--limit N] [--json]',
    options: { limit: { type: 'string' }, json: { type: 'boolean' } },
    run: lazy('./search-command.js', 'searchCommand'),
  },
  sources: {
    usage: 'talent-radar sources [import FILE.opml | export]',
    options: {},
    run: lazy('./sources-command.js', 'sourcesCommand'),
  },
  feedback: {
    usage: 'talent-radar feedback export [--out FILE]',
    options: { out: { type: 'string' } },
    run: lazy('./feedback-command.js', 'feedbackCommand'),
  },
  doctor: { usage: 'talent-radar doctor [--offline]', options: { offline: { type: 'boolean' } }, run: lazy('./doctor-command.js', 'doctorCommand') },
  'register-commands': {
    usage: 'talent-radar register-commands [--guild ID]',
    options: { guild: { type: 'string' } },
    run: lazy('./register-command.js', 'registerCommand'),
  },
};
