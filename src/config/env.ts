// The environment contract of ARCHITECTURE.md, read by one pure function tests can call.
import { z } from 'zod';
import { readRedisEnv, type RedisConnection } from './redis-env.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const urlString = (hint: string) => optionalString.refine((v) => v === undefined || URL.canParse(v), { message: `must be an absolute URL (${hint})` });

export const envSchema = z.object({
  TALENT_CONFIG: optionalString,
  DATA_DIR: optionalString,
  REDIS_URL: urlString('e.g. redis://127.0.0.1:6379/0, rediss://user:pass@host:6380 for TLS'),
  PORT: optionalString.refine((v) => v === undefined || /^\d{1,5}$/.test(v), { message: 'must be a port number, e.g. 3000' }),
  OPS_PORT: optionalString.refine((v) => v === undefined || /^\d{1,5}$/.test(v), { message: 'must be a port number (default 9464; 0 picks a free one)' }),
  OPS_HOST: optionalString,
  STATUS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, { message: 'must be at least 16 characters (e.g. `openssl rand -hex 24`)' }),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: urlString('default https://slack.com/api/'),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_PUBLIC_KEY: optionalString.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), {
    message: 'must be the 64-hex-digit public key from the Discord developer portal',
  }),
  DISCORD_API_URL: urlString('default https://discord.com/api'),
  LLM_BASE_URL: urlString('an OpenAI-compatible base, e.g. http://127.0.0.1:8000/v1'),
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export interface Env {
  configPath: string;
  dataDir: string;
  /** REDIS_URL as given (standalone mode only). */
  redisUrl?: string;
  /** The Redis deployment (standalone, Sentinel or Cluster); undefined = embedded store. See redis-env.ts. */
  redis?: RedisConnection;
  /** Public port: Slack events, Discord interactions, /livez, /readyz, /healthz. */
  port: number;
  /** Ops server (status page, /metrics): OPS_PORT on OPS_HOST; readEnv gives 9464 on 127.0.0.1. */
  opsPort?: number;
  opsHost?: string;
  /** When set, the ops server wants `Authorization: Bearer <statusToken>`. */
  statusToken?: string;
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl: string };
  discord?: { token: string; applicationId?: string; publicKey?: string; apiUrl: string };
  llm?: { baseUrl: string; apiKey?: string; model: string };
  logLevel: string;
}

export class EnvError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`environment is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Reads and checks the environment; every problem is reported at once. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(env);
  const redisEnv = readRedisEnv(env);
  if (!parsed.success) {
    throw new EnvError([...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), ...redisEnv.problems]);
  }
  const e = parsed.data;
  const problems: string[] = [...redisEnv.problems];
  if (e.SLACK_APP_TOKEN && !e.SLACK_BOT_TOKEN) problems.push('SLACK_APP_TOKEN: Socket Mode also needs SLACK_BOT_TOKEN');
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: needed to receive /talent over HTTP (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (e.DISCORD_PUBLIC_KEY && !e.DISCORD_TOKEN) problems.push('DISCORD_PUBLIC_KEY: also set DISCORD_TOKEN so the bot can post');
  if ((e.LLM_BASE_URL || e.LLM_MODEL) && !(e.LLM_BASE_URL && e.LLM_MODEL)) {
    problems.push('LLM_BASE_URL and LLM_MODEL go together (LLM_API_KEY when the server needs one)');
  }
  if (problems.length) throw new EnvError(problems);
  return {
    configPath: e.TALENT_CONFIG ?? 'config/default.yml',
    dataDir: e.DATA_DIR ?? './data',
    redisUrl: e.REDIS_URL,
    redis: redisEnv.redis,
    port: e.PORT ? Number(e.PORT) : 3000,
    opsPort: e.OPS_PORT ? Number(e.OPS_PORT) : 9464,
    opsHost: e.OPS_HOST ?? '127.0.0.1',
    statusToken: e.STATUS_TOKEN,
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL ?? 'https://slack.com/api/' }
      : undefined,
    discord: e.DISCORD_TOKEN
      ? {
          token: e.DISCORD_TOKEN,
          applicationId: e.DISCORD_APPLICATION_ID,
          publicKey: e.DISCORD_PUBLIC_KEY,
          apiUrl: e.DISCORD_API_URL ?? 'https://discord.com/api',
        }
      : undefined,
    llm: e.LLM_BASE_URL && e.LLM_MODEL ? { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL } : undefined,
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}
