import { existsSync } from 'node:fs';
import { CHART_FONT_FAMILY, CHART_FONT_FILE } from '../digest/fonts.js';
import { openApp, type CliContext } from './command-table.js';
import { RedisStore } from '../store/redis/index.js';
import { redisChecks } from './doctor-redis.js';

type Check = { ok: boolean | 'warn'; label: string; detail?: string };

/** Checks config, store, credentials and (unless --offline) that each source answers with a feed. */
export async function doctorCommand(values: Record<string, unknown>, _p: string[], ctx: CliContext): Promise<number> {
  const checks: Check[] = [];
  const print = (c: Check) => ctx.stdout.write(`${c.ok === true ? '✓' : c.ok === 'warn' ? '!' : '✗'} ${c.label}${c.detail ? ` — ${c.detail}` : ''}\n`);
  const add = (c: Check) => {
    checks.push(c);
    print(c);
  };
  const app = await openApp(ctx, { platforms: false, logLevel: 'error' });
  try {
    add({ ok: true, label: `config ${app.config.file}`, detail: `${app.config.sources.length} sources, ${app.config.routes.length} routes` });
    add({ ok: true, label: 'knowledge', detail: `${app.knowledge.firmNames().length} firms loaded` });
    try {
      await app.store.ping();
      add({ ok: true, label: `store (${app.store.kind})`, detail: app.store.kind === 'redis' ? 'REDIS_URL answers' : `DATA_DIR ${app.env.dataDir}` });
    } catch (err) {
      add({ ok: false, label: `store (${app.store.kind})`, detail: (err as Error).message });
    }
    if (app.store.kind === 'redis') {
      const { redisPersistence, persistenceCheck } = await import('../store/redis/persistence.js');
      const { RedisStore } = await import('../store/redis/index.js');
      if (app.store instanceof RedisStore) add({ label: 'redis persistence', ...persistenceCheck(await redisPersistence(app.store.redis)) });
    }
    // Which Redis deployment (standalone, TLS, Sentinel, Cluster) and its health: doctor-redis.ts.
    if (app.store instanceof RedisStore) for (const c of await redisChecks(app.store)) add(c);
    const { slack, discord, llm } = app.env;
    const platforms = new Set(app.config.routes.map((r) => r.platform));
    add({
      ok: slack || !platforms.has('slack') ? true : false,
      label: 'slack credentials',
      detail: slack
        ? `bot token set${slack.signingSecret ? ', signing secret set' : ''}${slack.appToken ? ', socket mode' : ''}`
        : platforms.has('slack')
          ? 'routes name slack but SLACK_BOT_TOKEN is not set'
          : 'not configured (optional)',
    });
    add({
      ok: discord || !platforms.has('discord') ? true : false,
      label: 'discord credentials',
      detail: discord
        ? `token set${discord.publicKey ? ', interactions over HTTP' : ', commands through the gateway'}`
        : platforms.has('discord')
          ? 'routes name discord but DISCORD_TOKEN is not set'
          : 'not configured (optional)',
    });
    add({
      ok: existsSync(CHART_FONT_FILE),
      label: 'chart font',
      detail: existsSync(CHART_FONT_FILE)
        ? `${CHART_FONT_FAMILY} (${CHART_FONT_FILE})`
        : `missing at ${CHART_FONT_FILE}: digests go out without their chart; restore assets/fonts/`,
    });
    const opsHost = app.env.opsHost ?? '127.0.0.1';
    const loopback = /^(127\.|::1$|localhost$)/.test(opsHost);
    add({
      ok: loopback || app.env.statusToken ? true : 'warn',
      label: 'http',
      detail: `public :${app.env.port} (Slack, Discord, /livez, /readyz); ops ${opsHost}:${app.env.opsPort ?? 9464} (status page, /metrics)${app.env.statusToken ? ', STATUS_TOKEN required' : loopback ? '' : ' without STATUS_TOKEN: set one'}`,
    });
    add({ ok: true, label: 'llm', detail: llm ? `${llm.model} at ${llm.baseUrl}` : 'off (rules only)' });
    if (values.offline) {
      add({ ok: 'warn', label: 'sources', detail: 'not checked (--offline)' });
    } else {
      const { fetchFeed, parseFeed } = app.pollDeps;
      const settings = { ...app.pollDeps.settings.fetch, timeoutMs: Math.min(app.pollDeps.settings.fetch.timeoutMs ?? 15_000, 10_000) };
      await Promise.all(
        app.config.sources.map(async (s) => {
          try {
            const res = await fetchFeed(s.url, settings);
            if (res.status === 'not_modified') return add({ ok: true, label: `source ${s.name}`, detail: 'not modified' });
            const feed = await parseFeed(res.text, { baseUrl: res.finalUrl, kind: s.kind });
            add({
              ok: feed.entries.length ? true : 'warn',
              label: `source ${s.name}`,
              detail: `${feed.entries.length} entries, ${res.bytes} bytes, ${res.charset}`,
            });
          } catch (err) {
            add({ ok: false, label: `source ${s.name}`, detail: `${(err as { code?: string }).code ?? 'ERROR'}: ${(err as Error).message}` });
          }
        }),
      );
    }
  } finally {
    await app.close();
  }
  const failed = checks.filter((c) => c.ok === false).length;
  ctx.stdout.write(failed ? `\n${failed} check(s) failed\n` : '\nall checks passed\n');
  return failed ? 1 : 0;
}
