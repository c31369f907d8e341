// Optional OpenAI-compatible chat-completions client: a second opinion on borderline items.
import type { Item, Topic } from '../types.js';

export interface LlmSettings {
  baseUrl: string;
  apiKey?: string;
  model: string;
}

export interface LlmVerdict {
  relevant: boolean;
  topics: Topic[];
  summary?: string;
  /** One short English sentence (asked for with `gist`). */
  gist?: string;
}

export interface LlmClient {
  readonly model: string;
  judge(item: Pick<Item, 'title' | 'summary' | 'lang'>, opts?: { summary?: boolean; gist?: boolean }): Promise<LlmVerdict>;
}

export class LlmError extends Error {
  constructor(
    readonly code: 'LLM_TIMEOUT' | 'LLM_HTTP' | 'LLM_BAD_ANSWER' | 'LLM_UNREACHABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`llm: ${message} (the rule engine's verdict is used; check LLM_BASE_URL, LLM_MODEL and the server)`, options);
    this.name = 'LlmError';
  }
}

const SYSTEM = `You label news items for a bot about AI talent migration and super-apps. Answer with JSON only:
{"relevant": boolean, "topics": ["talent"|"superapp"], "summary": "one sentence"}.
talent: AI/ML researchers, engineers or AI leaders moving between firms or countries; poaching or recruiting drives for AI talent; AI pay and retention; AI acqui-hires; visa or immigration policy aimed at AI talent; founders leaving labs to start companies.
superapp: super-app strategy; AI assistants, agents or mini-programs inside super-apps or everything-apps (WeChat, Alipay, Meituan, Douyin, Taobao, Grab, Gojek, Paytm, Kakao, LINE, X ...); competition between super-app ecosystems.
Not relevant: wildlife poaching, animal migration, cloud/data migration, talent shows, sports transfers, non-AI executive hires, "super app" for a gadget, AI launches with no talent or super-app angle, export controls, earnings.`;

function parseVerdict(content: string): LlmVerdict {
  const json = content.slice(content.indexOf('{'), content.lastIndexOf('}') + 1);
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    throw new LlmError('LLM_BAD_ANSWER', `answer is not JSON: ${content.slice(0, 80)}`);
  }
  const o = v as { relevant?: unknown; topics?: unknown; summary?: unknown };
  if (typeof o.relevant !== 'boolean') throw new LlmError('LLM_BAD_ANSWER', 'answer has no boolean "relevant"');
  const topics = Array.isArray(o.topics) ? o.topics.filter((t): t is Topic => t === 'talent' || t === 'superapp') : [];
  const gist = (o as { gist?: unknown }).gist;
  return { relevant: o.relevant, topics, summary: typeof o.summary === 'string' ? o.summary : undefined, ...(typeof gist === 'string' ? { gist } : {}) };
}

export function createLlmClient(settings: LlmSettings, opts: { timeoutMs: number; fetch?: typeof fetch }): LlmClient {
  const doFetch = opts.fetch ?? fetch;
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    model: settings.model,
    async judge(item, o = {}) {
      const body = {
        model: settings.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: SYSTEM },
          {
            role: 'user',
            content: `lang: ${item.lang}\ntitle: ${item.title}\ntext: ${item.summary}${o.summary ? '\nAlso write "summary": one sentence with who, from, to and what.' : ''}${o.gist ? '\nAlso write "gist": one short English sentence (at most 25 words) for US readers: who moved from which firm to which, or what the firm did; firm names in English, Chinese names in pinyin, the key number if any.' : ''}`,
          },
        ],
      };
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new LlmError('LLM_TIMEOUT', `no answer within ${opts.timeoutMs} ms`, { cause: err });
        throw new LlmError('LLM_UNREACHABLE', `cannot reach ${url}: ${(err as Error).message}`, { cause: err });
      }
      if (!res.ok) throw new LlmError('LLM_HTTP', `HTTP ${res.status} from ${url}`);
      let payload: { choices?: Array<{ message?: { content?: string } }> };
      try {
        payload = (await res.json()) as typeof payload;
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError')
          throw new LlmError('LLM_TIMEOUT', `answer not finished within ${opts.timeoutMs} ms`, { cause: err });
        throw new LlmError('LLM_BAD_ANSWER', 'response body is not JSON', { cause: err });
      }
      const content = payload.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new LlmError('LLM_BAD_ANSWER', 'response has no choices[0].message.content');
      return parseVerdict(content);
    },
  };
}
