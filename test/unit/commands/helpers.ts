// A small fake knowledge, a config, a real in-memory SqliteStore and a request builder.
import { configSchema, type Config } from '../../../src/config/schema.js';
import { createCommandHandler } from '../../../src/commands/index.js';
import type { CommandDeps, FirmKnowledge } from '../../../src/commands/deps.js';
import type { CommandRequest, Reply } from '../../../src/commands/types.js';
import { Metrics } from '../../../src/metrics.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import type { Assessment, Item } from '../../../src/types.js';

export const NOW = new Date('2026-11-20T12:00:00Z');

const FIRMS: Record<string, { region: string; aliases: string[] }> = {
  OpenAI: { region: 'US', aliases: ['openai', 'chatgpt'] },
  Anthropic: { region: 'US', aliases: ['anthropic', 'claude'] },
  ByteDance: { region: 'CN', aliases: ['bytedance', '字节跳动', '字节', 'doubao'] },
  'Moonshot AI': { region: 'CN', aliases: ['moonshot ai', 'moonshot', '月之暗面', 'kimi'] },
  Grab: { region: 'SG', aliases: ['grab'] },
};

export const knowledge: FirmKnowledge = {
  canonicalFirm: (name) =>
    Object.keys(FIRMS).find((f) => f.toLowerCase() === name.trim().toLowerCase() || FIRMS[f].aliases.includes(name.trim().toLowerCase())),
  suggestFirms: (text, n) => {
    const t = text.toLowerCase().slice(0, 3);
    return Object.keys(FIRMS)
      .filter((f) => [f.toLowerCase(), ...FIRMS[f].aliases].some((a) => a.startsWith(t) || a.includes(t)))
      .slice(0, n);
  },
  firmNames: () => Object.keys(FIRMS),
  firmRegion: (name) => FIRMS[name]?.region,
};

export function config(raw: Record<string, unknown> = {}): Config {
  return configSchema.parse({
    sources: [
      { name: 'wire', url: 'https://feeds.example/wire.xml' },
      { name: 'cn-tech', url: 'https://feeds.example/cn.xml', lang: 'zh' },
      { name: 'broken', url: 'https://feeds.example/broken.xml' },
      { name: 'paused', url: 'https://feeds.example/paused.xml', enabled: false },
      { name: 'fresh', url: 'https://feeds.example/fresh.xml' },
    ],
    routes: [
      { platform: 'slack', channel: 'C1', topics: ['talent'], firms: ['OpenAI'], minScore: 0.6 },
      { platform: 'slack', channel: 'C1', mode: 'digest', digest: 'weekly' },
      { platform: 'discord', channel: 'D9' },
    ],
    admins: { slack: ['UADMIN'], discord: [] },
    ...raw,
  });
}

export function setup(o: Partial<CommandDeps> = {}) {
  const store = SqliteStore.open({ file: ':memory:', now: () => NOW });
  const metrics = new Metrics();
  let changed = 0;
  const cfg = config();
  const handle = createCommandHandler({
    store,
    config: cfg,
    knowledge,
    admins: cfg.admins,
    now: () => NOW,
    metrics,
    onSubscriptionsChanged: () => changed++,
    ...o,
  });
  return { store, metrics, handle, changed: () => changed, config: cfg };
}

export function req(text: string, o: Partial<CommandRequest> = {}): CommandRequest {
  return { platform: 'slack', channel: 'C1', user: 'U1', text, isAdmin: async () => false, ...o };
}

export function expectType<T extends Reply['type']>(r: Reply, type: T): Extract<Reply, { type: T }> {
  if (r.type !== type) throw new Error(`expected a ${type} reply, got ${JSON.stringify(r)}`);
  return r as Extract<Reply, { type: T }>;
}

export async function seedAlerts(
  store: SqliteStore,
  rows: Array<{
    id: string;
    title: string;
    summary?: string;
    lang?: string;
    firms?: string[];
    topics?: Assessment['topics'];
    daysAgo?: number;
    source?: string;
  }>,
): Promise<void> {
  const entries = rows.map((r) => {
    const at = new Date(NOW.getTime() - (r.daysAgo ?? 1) * 86_400_000).toISOString();
    const item: Item = {
      id: r.id,
      source: r.source ?? 'wire',
      title: r.title,
      summary: r.summary ?? r.title,
      link: `https://news.example/${encodeURIComponent(r.id)}`,
      lang: r.lang ?? 'en',
      published: at,
      fetchedAt: at,
    };
    const assessment: Assessment = {
      relevant: true,
      topics: r.topics ?? ['talent'],
      score: 0.8,
      firms: r.firms ?? [],
      moves: [],
      why: [],
      summary: r.summary ?? r.title,
    };
    return { item, assessment, keys: [`url:${item.link}`], archive: true, targets: [] };
  });
  await store.ingest({ entries, matcher: () => false, retentionSec: 86_400 * 30, now: NOW });
}
