// talent-radar command line. Exit codes: 0 ok, 1 failure, 2 usage error, 78 bad config.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.js';
import { EnvError } from '../config/env.js';
import { COMMANDS, type CliContext } from './command-table.js';
import { UsageError } from './errors.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, config: 78 } as const;

const HELP = `talent-radar — alerts on AI talent migration and super-app news, for Slack, Discord and the console

Usage: talent-radar <command> [options]

Commands:
  run                         the long-running bot (polls, delivers, answers /talent)
  poll --once [--due]         one poll cycle over every source (--due: only sources due now), deliver, exit
  classify                    JSON Lines items on stdin → one assessment per line on stdout
  dedupe [--use-store]        JSON Lines items on stdin, in order → {"id","duplicateOf"} per line
                              (starts from an empty store unless --use-store)
  search QUERY [--limit N] [--json]
                              the same search /talent search runs (firm:X topic:talent since:7d lang:zh)
  sources                     table of sources: status, last success, failures, next poll
  sources import FILE.opml    add the feeds of an OPML file to the config file
  sources export              print the sources as OPML
  feedback export [--out FILE] the "Not relevant" verdicts from chat as labelled JSON Lines (dev set shape)
  doctor                      check config, store, credentials and that each source is reachable
  register-commands [--guild ID]
                              register the /talent Discord command (guild: at once; global: production)

Options:
  -h, --help                  this help
  -v, --version               the version

Environment: TALENT_CONFIG (default config/default.yml), DATA_DIR (./data), REDIS_URL, PORT,
SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SLACK_API_URL, DISCORD_TOKEN,
DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY, DISCORD_API_URL, LLM_BASE_URL, LLM_API_KEY, LLM_MODEL, LOG_LEVEL.
Exit codes: 0 ok, 1 failure, 2 usage error, 78 invalid configuration.`;

export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    ctx.stdout.write(`${HELP}\n`);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === '-v' || command === '--version') {
    ctx.stdout.write(`${ctx.version}\n`);
    return EXIT.ok;
  }
  const spec = COMMANDS[command];
  if (!spec) {
    ctx.stderr.write(`talent-radar: unknown command "${command}"\n\n${HELP}\n`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    ctx.stderr.write(`talent-radar ${command}: ${(err as Error).message}\n\nUsage: ${spec.usage}\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    ctx.stdout.write(`Usage: ${spec.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await spec.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, ctx);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof EnvError) {
      ctx.stderr.write(`talent-radar: ${err.message}\n`);
      return EXIT.config;
    }
    if (err instanceof UsageError) {
      ctx.stderr.write(`talent-radar ${command}: ${err.message}\n\nUsage: ${spec.usage}\n`);
      return EXIT.usage;
    }
    const code = (err as { code?: string }).code;
    ctx.stderr.write(`talent-radar ${command}: ${code ? `[${code}] ` : ''}${(err as Error).message ?? String(err)}\n`);
    return EXIT.failure;
  }
}
