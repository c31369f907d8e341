// Contract: search over the archive. English and Chinese text, filters, pagination, ranking.
import { expect, it } from 'vitest';
import type { Assessment, Item } from '../../src/types.js';
import type { StoreGetter } from './store-contract.js';
import { DAY, assessment, at, batch, entry, item } from './store-contract-fixtures.js';

function doc(id: string, i: Partial<Item>, a: Partial<Assessment>) {
  return entry(item(id, i), { assessment: assessment(a) });
}

const corpus = [
  doc(
    'en-strong',
    {
      title: 'ByteDance hires Google DeepMind researcher to lead Seed team',
      summary: 'The researcher joins ByteDance in Beijing after eight years at DeepMind.',
      published: at(-3 * DAY).toISOString(),
    },
    { firms: ['ByteDance', 'Google DeepMind'], score: 0.9 },
  ),
  doc(
    'en-weak',
    {
      title: 'Weekly AI funding roundup',
      summary: 'Among other news, a ByteDance spokesperson said a researcher had left. Funding rounds dominated the week.',
      published: at(-1 * DAY).toISOString(),
    },
    { firms: ['ByteDance'], score: 0.5 },
  ),
  doc(
    'zh-1',
    { title: '前百度研究员加盟智谱', summary: '据报道，前百度研究员近日正式加盟智谱AI，负责大模型研发。', lang: 'zh', published: at(-2 * DAY).toISOString() },
    { firms: ['Baidu', 'Zhipu AI'] },
  ),
  doc(
    'zh-2',
    { title: '微信上线AI助手', summary: '腾讯在微信中加入了人工智能助手功能。', lang: 'zh', published: at(-4 * DAY).toISOString() },
    { firms: ['Tencent'], topics: ['superapp'] },
  ),
  doc(
    'app-1',
    {
      title: 'Grab folds an AI assistant into its super app',
      summary: 'Grab says the assistant books rides and food.',
      published: at(-10 * DAY).toISOString(),
    },
    { firms: ['Grab'], topics: ['superapp'] },
  ),
];

export function searchContract(get: StoreGetter): void {
  async function seed() {
    await get().ingest(batch(corpus));
  }

  it('finds English text, the better match first, with a snippet around the match', async () => {
    await seed();
    const r = await get().search({ text: 'bytedance researcher', limit: 10 });
    expect(r.total).toBe(2);
    expect(r.hits.map((h) => h.alert.id)).toEqual(['en-strong', 'en-weak']);
    expect(r.hits[0].score).toBeGreaterThan(r.hits[1].score);
    expect(r.hits[1].snippet.toLowerCase()).toContain('bytedance');
    expect(r.hits[1].snippet).not.toMatch(/<[a-z]/i);
    // Case, plurals and punctuation do not matter.
    expect((await get().search({ text: 'RESEARCHERS, ByteDance!', limit: 10 })).total).toBe(2);
    expect((await get().search({ text: 'nothingmatcheshere', limit: 10 })).total).toBe(0);
  });

  it('finds Chinese text by words inside an unspaced title, and single characters', async () => {
    await seed();
    for (const q of ['智谱', '百度', '百度研究员', '加盟']) {
      const r = await get().search({ text: q, limit: 10 });
      expect(
        r.hits.map((h) => h.alert.id),
        q,
      ).toEqual(['zh-1']);
    }
    expect((await get().search({ text: '微信', limit: 10 })).hits.map((h) => h.alert.id)).toEqual(['zh-2']);
    expect((await get().search({ text: '谱', limit: 10 })).hits.map((h) => h.alert.id)).toEqual(['zh-1']);
    expect((await get().search({ text: '百度微信', limit: 10 })).total).toBe(0);
    const hit = (await get().search({ text: '智谱', limit: 1 })).hits[0];
    expect(hit.snippet).toContain('智谱');
  });

  it('filters by firms (any of), topics (any of), since and lang', async () => {
    await seed();
    const ids = async (q: Parameters<ReturnType<StoreGetter>['search']>[0]) => (await get().search(q)).hits.map((h) => h.alert.id).sort();
    expect(await ids({ text: '', firms: ['Tencent', 'Grab'], limit: 10 })).toEqual(['app-1', 'zh-2']);
    expect(await ids({ text: 'researcher', firms: ['Google DeepMind'], limit: 10 })).toEqual(['en-strong']);
    expect(await ids({ text: '', topics: ['superapp'], limit: 10 })).toEqual(['app-1', 'zh-2']);
    expect(await ids({ text: '', topics: ['talent', 'superapp'], limit: 10 })).toHaveLength(5);
    expect(await ids({ text: '', since: at(-2 * DAY).toISOString(), limit: 10 })).toEqual(['en-weak', 'zh-1']);
    expect(await ids({ text: '', lang: 'zh', limit: 10 })).toEqual(['zh-1', 'zh-2']);
    expect(await ids({ text: 'ai', lang: 'en', topics: ['superapp'], limit: 10 })).toEqual(['app-1']);
    expect(await ids({ text: '', firms: ['Nobody Inc'], limit: 10 })).toEqual([]);
  });

  it('empty text returns the latest by published time, and pages with offset and total', async () => {
    await seed();
    const all = await get().search({ text: '', limit: 10 });
    expect(all.total).toBe(5);
    expect(all.hits.map((h) => h.alert.id)).toEqual(['en-weak', 'zh-1', 'en-strong', 'zh-2', 'app-1']);
    const p1 = await get().search({ text: '', limit: 2 });
    const p2 = await get().search({ text: '', limit: 2, offset: 2 });
    const p3 = await get().search({ text: '', limit: 2, offset: 4 });
    expect(p1.total).toBe(5);
    expect(p2.total).toBe(5);
    expect([...p1.hits, ...p2.hits, ...p3.hits].map((h) => h.alert.id)).toEqual(all.hits.map((h) => h.alert.id));
    expect((await get().search({ text: '', limit: 2, offset: 10 })).hits).toEqual([]);
  });

  it('pages through text matches without repeats', async () => {
    const entries = Array.from({ length: 7 }, (_, i) =>
      doc(`o${i}`, { title: `OpenAI researcher ${i} departs`, published: at(-i * 3600_000).toISOString() }, {}),
    );
    await get().ingest(batch(entries));
    const pages = [];
    for (let off = 0; off < 8; off += 3) pages.push(await get().search({ text: 'openai', limit: 3, offset: off }));
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
    const ids = pages.flatMap((p) => p.hits.map((h) => h.alert.id));
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
  });

  it('supports "quoted phrases", -exclusions, and finds alerts by firm and person names', async () => {
    await seed();
    const ids = async (text: string) => (await get().search({ text, limit: 10 })).hits.map((h) => h.alert.id).sort();
    expect(await ids('"google deepmind"')).toEqual(['en-strong']);
    expect(await ids('"deepmind google"')).toEqual([]);
    expect(await ids('bytedance -funding')).toEqual(['en-strong']);
    expect(await ids('zhipu')).toEqual(['zh-1']);
    await get().ingest(
      batch([
        doc('move-1', { title: 'Chief scientist departs', summary: 'A senior departure.' }, { moves: [{ person: 'Ada Lovelace', from: 'Grab', to: 'Gojek' }] }),
      ]),
    );
    expect(await ids('lovelace')).toEqual(['move-1']);
  });

  it('search results carry the archived alert, alsoReportedBy included', async () => {
    await seed();
    await get().ingest(batch([entry(item('dup', { source: 'other' }), { keys: ['url:https://news.example/zh-1'] })], { now: at(1000) }));
    const hit = (await get().search({ text: '智谱', limit: 5 })).hits[0];
    expect(hit.alert.alsoReportedBy.map((r) => r.source)).toEqual(['other']);
    expect(hit.alert.assessment.firms).toEqual(['Baidu', 'Zhipu AI']);
  });
}
