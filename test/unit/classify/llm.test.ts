import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createAssessor, type VerdictCache } from '../../../src/llm/index.js';
import type { Classifier } from '../../../src/pipeline/classify/index.js';
import type { Assessment } from '../../../src/types.js';
import { startFakeLlm, type FakeLlm } from '../../fakes/llm-server.js';
import { engine, item } from './helpers.js';

// A classifier whose score is fixed, so the borderline band is under test control.
function fixed(score: number): Classifier {
  const base = engine().classifier;
  return { threshold: 0.5, classify: (it, h) => ({ ...base.classify(it, h), score, relevant: score >= 0.5, topics: score >= 0.5 ? ['talent'] : [] }) };
}

function memoryCache(): VerdictCache & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, cacheGet: async (k) => map.get(k) ?? null, cacheSet: async (k, v) => void map.set(k, v) };
}

// 1 s: well under the 2 s stall, well over a loaded machine's first request.
const config = { timeout: 1000, borderline: [0.3, 0.6] as [number, number], abstractiveSummaries: false };
const it1 = item('Researcher Ana Ruiz leaves Meta for a startup', 'Ana Ruiz, who worked on Llama at Meta, has joined a new AI startup.');

describe('LLM second opinion against a local fake server', () => {
  let llm: FakeLlm;
  beforeAll(async () => (llm = await startFakeLlm()));
  afterAll(() => llm.close());

  it('asks about borderline items, applies the answer and caches it', async () => {
    llm.setMode({ kind: 'answer', content: '{"relevant": true, "topics": ["talent"]}' });
    const cache = memoryCache();
    const assessor = createAssessor({ classifier: fixed(0.4), llm: { baseUrl: llm.url, apiKey: 'k1', model: 'fake-1' }, cache, log: silentLogger(), config });
    const before = llm.requests.length;
    const [a] = await assessor.assess([it1]);
    expect(a.relevant).toBe(true);
    expect(a.topics).toEqual(['talent']);
    expect(a.score).toBeGreaterThanOrEqual(0.5);
    expect(a.why.some((w) => w.startsWith('llm fake-1'))).toBe(true);
    expect(llm.requests.length).toBe(before + 1);
    expect(llm.requests.at(-1)!.path).toBe('/v1/chat/completions');
    expect(llm.requests.at(-1)!.auth).toBe('Bearer k1');
    expect(llm.requests.at(-1)!.body.model).toBe('fake-1');
    expect(cache.map.size).toBe(1);
    await assessor.assess([it1]);
    expect(llm.requests.length).toBe(before + 1);
  });

  it('a "not relevant" answer drops the item', async () => {
    llm.setMode({ kind: 'answer', content: '```json\n{"relevant": false, "topics": []}\n```' });
    const assessor = createAssessor({ classifier: fixed(0.55), llm: { baseUrl: llm.url, model: 'fake-2' }, log: silentLogger(), config });
    const [a] = await assessor.assess([it1]);
    expect(a.relevant).toBe(false);
    expect(a.topics).toEqual([]);
    expect(a.moves).toEqual([]);
    expect(a.score).toBeLessThan(0.5);
  });

  it('does not ask about clear cases', async () => {
    const before = llm.requests.length;
    const assessor = createAssessor({ classifier: fixed(0.9), llm: { baseUrl: llm.url, model: 'fake-3' }, log: silentLogger(), config });
    const [a] = await assessor.assess([it1]);
    expect(a.score).toBe(0.9);
    expect(llm.requests.length).toBe(before);
  });

  it.each([
    ['timeout', { kind: 'stall', ms: 2000 } as const],
    ['garbage JSON', { kind: 'garbage' } as const],
    ['HTTP 500', { kind: 'status', status: 500 } as const],
  ])('falls back to the rule engine on %s', async (_n, mode) => {
    llm.setMode(mode);
    const cache = memoryCache();
    const assessor = createAssessor({ classifier: fixed(0.45), llm: { baseUrl: llm.url, model: `fake-${_n}` }, cache, log: silentLogger(), config });
    const [a]: Assessment[] = await assessor.assess([it1]);
    expect(a.relevant).toBe(false);
    expect(a.score).toBe(0.45);
    expect(a.why.some((w) => w.startsWith('llm'))).toBe(false);
    expect(cache.map.size).toBe(0);
  });

  it('falls back when the server is unreachable', async () => {
    const dead = await startFakeLlm();
    const url = dead.url;
    await dead.close();
    const assessor = createAssessor({ classifier: fixed(0.45), llm: { baseUrl: url, model: 'gone' }, log: silentLogger(), config });
    const [a] = await assessor.assess([it1]);
    expect(a.score).toBe(0.45);
  });

  it('without a model it is the rule engine', async () => {
    const assessor = createAssessor({ classifier: engine().classifier, log: silentLogger(), config });
    const [a] = await assessor.assess([it1]);
    expect(a).toEqual(engine().classifier.classify(it1));
  });

  it('uses an abstractive summary only when enabled and within limits', async () => {
    llm.setMode({ kind: 'answer', content: '{"relevant": true, "topics": ["talent"], "summary": "Ana Ruiz left Meta for an AI startup."}' });
    const assessor = createAssessor({
      classifier: fixed(0.4),
      llm: { baseUrl: llm.url, model: 'fake-sum' },
      log: silentLogger(),
      config: { ...config, abstractiveSummaries: true },
    });
    const [a] = await assessor.assess([it1]);
    expect(a.summary).toBe('Ana Ruiz left Meta for an AI startup.');
  });
});

describe('English gist', () => {
  let llm: FakeLlm;
  beforeAll(async () => (llm = await startFakeLlm()));
  afterAll(() => llm.close());
  const zh = item('淘宝AI负责人徐岚清转投美团，将主导超级App智能体战略', '阿里巴巴淘宝AI购物助手负责人徐岚清已离职，转投美团，出任副总裁。');
  const gistConfig = { ...config, gist: true };

  it('without a model, every relevant Chinese item gets a rule gist in Latin script with English firm names', async () => {
    const assessor = createAssessor({ classifier: engine().classifier, log: silentLogger(), config: gistConfig });
    const [a] = await assessor.assess([zh]);
    expect(a.relevant).toBe(true);
    expect(a.gist).toBe('Xu Lanqing moves from Alibaba to Meituan as vice president.');
    expect(a.moves[0]).toMatchObject({ person: '徐岚清', personLatin: 'Xu Lanqing' });
  });

  it('asks the model for a gist on relevant items and uses it when it is one short English line', async () => {
    llm.setMode({
      kind: 'answer',
      content: '{"relevant": true, "topics": ["talent"], "gist": "Meituan hires Alibaba\'s Taobao AI chief Xu Lanqing as vice president."}',
    });
    const before = llm.requests.length;
    const assessor = createAssessor({
      classifier: engine().classifier,
      llm: { baseUrl: llm.url, model: 'fake-gist' },
      log: silentLogger(),
      config: gistConfig,
    });
    const [a] = await assessor.assess([zh]);
    expect(llm.requests.length).toBe(before + 1);
    expect(llm.requests.at(-1)!.body.messages!.at(-1)!.content).toMatch(/"gist"/);
    expect(a.gist).toBe("Meituan hires Alibaba's Taobao AI chief Xu Lanqing as vice president.");
    expect(a.relevant).toBe(true);
    expect(a.moves[0]).toMatchObject({ from: 'Alibaba', to: 'Meituan' });
  });

  it('falls back to the rule gist when the model answers in Chinese, too long, or fails', async () => {
    const assessor = createAssessor({
      classifier: engine().classifier,
      llm: { baseUrl: llm.url, model: 'fake-gist-2' },
      log: silentLogger(),
      config: gistConfig,
    });
    llm.setMode({ kind: 'answer', content: '{"relevant": true, "topics": ["talent"], "gist": "徐岚清从阿里跳槽到美团。"}' });
    expect((await assessor.assess([zh]))[0].gist).toBe('Xu Lanqing moves from Alibaba to Meituan as vice president.');
    llm.setMode({ kind: 'answer', content: JSON.stringify({ relevant: true, topics: ['talent'], gist: 'word '.repeat(60) }) });
    const other = item('美团挖来阿里大将 徐岚清出任副总裁', '美团宣布，原阿里巴巴淘宝AI负责人徐岚清加盟美团，出任副总裁。');
    expect((await assessor.assess([other]))[0].gist).toMatch(/^Xu Lanqing moves from Alibaba to Meituan/);
    llm.setMode({ kind: 'status', status: 500 });
    const third = item('淘宝AI负责人徐岚清加盟美团', '原阿里巴巴淘宝AI负责人徐岚清已加盟美团。');
    expect((await assessor.assess([third]))[0].gist).toMatch(/^Xu Lanqing moves from Alibaba to Meituan/);
  });

  it('an item the model turns relevant gets the rule gist; one it drops has none', async () => {
    llm.setMode({ kind: 'answer', content: '{"relevant": true, "topics": ["talent"]}' });
    const up = createAssessor({ classifier: fixed(0.4), llm: { baseUrl: llm.url, model: 'fake-gist-3' }, log: silentLogger(), config: gistConfig });
    const [a] = await up.assess([it1]);
    expect(a.relevant).toBe(true);
    expect(a.gist).toBeTruthy();
    llm.setMode({ kind: 'answer', content: '{"relevant": false, "topics": []}' });
    const down = createAssessor({ classifier: fixed(0.55), llm: { baseUrl: llm.url, model: 'fake-gist-4' }, log: silentLogger(), config: gistConfig });
    const [b] = await down.assess([it1]);
    expect(b.relevant).toBe(false);
    expect(b.gist).toBeUndefined();
  });
});
