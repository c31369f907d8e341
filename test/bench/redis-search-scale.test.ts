// Search latency at scale, against a private redis-server (skipped unless REDIS_BENCH is set):
//   REDIS_BENCH=1000000 npx vitest run test/bench/redis-search-scale.test.ts
// Loads N synthetic alerts (Zipf-distributed English vocabulary, Chinese titles, 60 firms)
// through the real ingest path, then times store.search end to end and prints p50/p95/max.
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis/index.js';
import type { IngestEntry } from '../../src/store/store.js';
import { freePort, hasRedisServer, startRedisServer, stopChild } from '../integration/redis/helpers.js';

const N = Number(process.env.REDIS_BENCH ?? 0);
const BATCH = 1000;

let seed = 42;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const vocab = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x`);
const zipf = (n: number) => Math.min(n - 1, Math.floor(n ** rnd()) - 1 + (rnd() < 0.01 ? Math.floor(rnd() * n) : 0));
const words = (k: number) => Array.from({ length: k }, () => vocab[zipf(vocab.length)]).join(' ');
const HAN = '研究员加盟智谱百度腾讯阿里字节跳动微信支付宝美团抖音人工智能大模型团队负责人离职入职首席科学家公司宣布发布融资收购中国美国硅谷北京上海深圳';
const han = (k: number) => Array.from({ length: k }, () => HAN[Math.floor(rnd() * HAN.length)]).join('');
const FIRMS = Array.from({ length: 60 }, (_, i) => `Firm ${i}`);

function entry(i: number, base: number): IngestEntry {
  const zh = rnd() < 0.3;
  const published = new Date(base - Math.floor(rnd() * 365 * 86400_000)).toISOString();
  const firms = [FIRMS[zipf(FIRMS.length)], FIRMS[Math.floor(rnd() * FIRMS.length)]];
  const item = {
    id: `bench:${i}`,
    source: 'bench',
    title: zh ? han(16) : words(10),
    summary: zh ? han(60) : words(35),
    link: `https://b.example/${i}`,
    lang: zh ? 'zh' : 'en',
    published,
    fetchedAt: published,
  };
  return {
    item,
    assessment: { relevant: true, topics: [rnd() < 0.6 ? 'talent' : 'superapp'], score: rnd(), firms, moves: [], why: [], summary: item.title },
    keys: [`url:${i}`],
    archive: true,
    targets: [],
  };
}

function query(): { text: string; firms?: string[]; lang?: string } {
  const r = rnd();
  if (r < 0.3) return { text: words(1) };
  if (r < 0.6) return { text: words(2) };
  if (r < 0.7) return { text: words(3) };
  if (r < 0.8) return { text: words(1), firms: [FIRMS[zipf(FIRMS.length)]] };
  if (r < 0.9) return { text: han(2 + Math.floor(rnd() * 3)), lang: 'zh' };
  return { text: '', firms: [FIRMS[Math.floor(rnd() * FIRMS.length)]] };
}

(N > 0 && hasRedisServer ? describe : describe.skip)(`redis search at ${N} alerts`, () => {
  let server: ChildProcess | undefined;
  let store: RedisStore | undefined;
  afterAll(async () => {
    await store?.close();
    await stopChild(server);
  });

  it('keeps search p95 low', async () => {
    const port = await freePort();
    server = await startRedisServer(port);
    store = await RedisStore.connect({ url: `redis://127.0.0.1:${port}`, commandTimeoutMs: 60_000 });
    const base = Date.now();
    const t0 = Date.now();
    for (let i = 0; i < N; i += BATCH) {
      const entries = Array.from({ length: Math.min(BATCH, N - i) }, (_, j) => entry(i + j, base));
      await store.ingest({ entries, matcher: () => false, retentionSec: 86400, now: new Date(base) });
    }
    const loadS = (Date.now() - t0) / 1000;
    const info = await store.redis.info('memory');
    const mem = /used_memory_human:(\S+)/.exec(info)?.[1];
    const times: number[] = [];
    let hits = 0;
    for (let q = 0; q < 400; q++) {
      const started = process.hrtime.bigint();
      const r = await store.search({ ...query(), limit: 10 });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      hits += r.hits.length;
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
    console.log(
      `[bench] ${N} alerts loaded in ${loadS.toFixed(0)} s, redis memory ${mem}; search ms p50 ${pct(0.5)} p95 ${pct(0.95)} p99 ${pct(0.99)} max ${times.at(-1)!.toFixed(1)}; avg hits ${(hits / 400).toFixed(1)}`,
    );
    expect(await store.countAlerts()).toBe(N);
  }, 3_600_000);
});
