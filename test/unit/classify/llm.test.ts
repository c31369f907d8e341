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

const config = { timeout: 300, borderline: [0.3, 0.6] as [number, number], abstractiveSummaries: false };
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
    const assessor = createAssessor({ classifier: fixed(0.4), llm: { baseUrl: llm.url, model: 'fake-sum' }, log: silentLogger(), config: { ...config, abstractiveSummaries: true } });
    const [a] = await assessor.assess([it1]);
    expect(a.summary).toBe('Ana Ruiz left Meta for an AI startup.');
  });
});
