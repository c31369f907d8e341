// Rule engine first; an optional model gives a second opinion on borderline scores. Any
// model failure (timeout, HTTP error, garbage) falls back to the rule verdict.
import { createHash } from 'node:crypto';
import type { Logger } from '../log.js';
import type { ClassifyHints, Classifier } from '../pipeline/classify/index.js';
import { GIST_LIMIT, latinShare } from '../pipeline/gist.js';
import { plainText, SUMMARY_LIMIT } from '../pipeline/summarize.js';
import type { Assessor } from '../pipeline/poll.js';
import type { Assessment, Item } from '../types.js';
import { createLlmClient, type LlmClient, type LlmSettings, type LlmVerdict } from './client.js';

export interface VerdictCache {
  cacheGet(key: string): Promise<string | null>;
  cacheSet(key: string, value: string, ttlSec: number): Promise<void>;
}

export interface AssessorConfig {
  /** Milliseconds. */
  timeout: number;
  borderline: [number, number];
  abstractiveSummaries: boolean;
  /** Ask the model for the English gist of every relevant item (the rule gist stays the fallback). */
  gist?: boolean;
}

export interface AssessorOptions {
  classifier: Classifier;
  /** A client, or the environment's settings (Env.llm) to build one; absent: rules only. */
  llm?: LlmClient | LlmSettings;
  cache?: VerdictCache;
  log: Logger;
  config: AssessorConfig;
  fetch?: typeof fetch;
  cacheTtlSec?: number;
}

const isClient = (x: LlmClient | LlmSettings): x is LlmClient => typeof (x as LlmClient).judge === 'function';

function merge(a: Assessment, v: LlmVerdict, threshold: number, model: string, lang: string, abstractive: boolean): Assessment {
  const topics = v.relevant ? (v.topics.length ? v.topics : a.topics.length ? a.topics : ['talent' as const]) : [];
  const score = v.relevant ? Math.max(a.score, threshold) : Math.min(a.score, Math.max(0, threshold - 0.01));
  const limit = lang.startsWith('zh') ? SUMMARY_LIMIT.zh : SUMMARY_LIMIT.en;
  const s = v.summary ? plainText(v.summary) : '';
  return {
    ...a,
    relevant: v.relevant,
    topics,
    score: Math.round(score * 1000) / 1000,
    moves: topics.includes('talent') ? a.moves : [],
    why: [...a.why, `llm ${model}: ${v.relevant ? `relevant (${topics.join(', ')})` : 'not relevant'}`],
    summary: abstractive && s && s.length <= limit ? s : a.summary,
  };
}

/** A model gist is used only when it is one short, mostly Latin-script line; otherwise the rule gist stays. */
export function acceptableGist(g: string | undefined): string | undefined {
  const s = g ? plainText(g) : '';
  if (!s || s.length > GIST_LIMIT || /\n/.test(g ?? '') || latinShare(s) < 0.8) return undefined;
  return s;
}

export function createAssessor(opts: AssessorOptions): Assessor {
  const { classifier, cache, log, config } = opts;
  const client = opts.llm ? (isClient(opts.llm) ? opts.llm : createLlmClient(opts.llm, { timeoutMs: config.timeout, fetch: opts.fetch })) : undefined;
  const ttl = opts.cacheTtlSec ?? 30 * 86400;
  const [low, high] = config.borderline;

  async function verdict(item: Item, gist: boolean): Promise<LlmVerdict | undefined> {
    const key = `llm:${gist ? 'v2g' : 'v1'}:${client!.model}:${createHash('sha1').update(`${item.title}\n${item.summary}`).digest('hex')}`;
    try {
      const hit = await cache?.cacheGet(key);
      if (hit) return JSON.parse(hit) as LlmVerdict;
    } catch (err) {
      log.warn({ err: String(err) }, 'llm cache read failed');
    }
    try {
      const v = await client!.judge(item, { summary: config.abstractiveSummaries, ...(gist ? { gist: true } : {}) });
      await cache?.cacheSet(key, JSON.stringify(v), ttl).catch((err: unknown) => log.warn({ err: String(err) }, 'llm cache write failed'));
      return v;
    } catch (err) {
      log.warn({ id: item.id, code: (err as { code?: string }).code, err: (err as Error).message }, 'llm second opinion failed; using the rule engine');
      return undefined;
    }
  }

  // Relevant items always carry a gist: the model's when acceptable, else the rules'.
  function withGist(a: Assessment, item: Item, v: LlmVerdict): Assessment {
    if (!a.relevant) {
      const { gist: _drop, ...rest } = a;
      return rest;
    }
    const model = config.gist ? acceptableGist(v.gist) : undefined;
    if (config.gist && v.gist !== undefined && !model) log.warn({ id: item.id }, 'llm gist unusable (empty, too long or not English); using the rule gist');
    const gist = model ?? a.gist ?? classifier.gist?.(item, a);
    return gist ? { ...a, gist, ...(model ? { why: [...a.why, `gist by llm ${client!.model}`] } : {}) } : a;
  }

  return {
    async assess(items, hints) {
      const rules = items.map((it) => classifier.classify(it, hints));
      if (!client) return rules;
      const out = [...rules];
      const one = async (a: Assessment, i: number): Promise<Assessment> => {
        const borderline = a.score >= low && a.score < high;
        const wantGist = !!config.gist && (a.relevant || borderline);
        if (!borderline && !(config.abstractiveSummaries && a.relevant) && !wantGist) return a;
        const v = await verdict(items[i], wantGist);
        if (!v) return a;
        const merged = borderline
          ? merge(a, v, classifier.threshold, client.model, items[i].lang, config.abstractiveSummaries)
          : merge(a, { ...v, relevant: a.relevant, topics: a.topics }, classifier.threshold, client.model, items[i].lang, config.abstractiveSummaries);
        return withGist(merged, items[i], v);
      };
      // At most four requests in flight.
      for (let i = 0; i < rules.length; i += 4) {
        const batch = rules.slice(i, i + 4).map((a, j) => one(a, i + j));
        (await Promise.all(batch)).forEach((a, j) => (out[i + j] = a));
      }
      return out;
    },
  };
}
