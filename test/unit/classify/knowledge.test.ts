import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledge } from '../../../src/knowledge/index.js';
import { CONFIG_DIR, classify, engine } from './helpers.js';

const CANONICAL = [
  'OpenAI',
  'Anthropic',
  'Google',
  'Meta',
  'Microsoft',
  'Apple',
  'Amazon',
  'Nvidia',
  'xAI',
  'Tesla',
  'Scale AI',
  'X',
  'ByteDance',
  'Alibaba',
  'Ant Group',
  'Tencent',
  'Baidu',
  'Meituan',
  'Huawei',
  'DeepSeek',
  'Moonshot AI',
  'Zhipu AI',
  'MiniMax',
  '01.AI',
  'Xiaomi',
  'JD.com',
  'PDD',
  'Kuaishou',
  'iFlytek',
  'SenseTime',
  'StepFun',
  'NetEase',
  'Didi',
  'Grab',
  'GoTo',
  'Paytm',
  'Kakao',
  'LY Corp',
];

describe('knowledge', () => {
  it('covers every canonical firm with its region', () => {
    const { knowledge } = engine();
    for (const f of CANONICAL) expect(knowledge.firmNames(), f).toContain(f);
    expect(knowledge.firmRegion('Grab')).toBe('SG');
    expect(knowledge.firmRegion('GoTo')).toBe('ID');
    expect(knowledge.firmRegion('LY Corp')).toBe('JP');
    expect(knowledge.firmRegion('ByteDance')).toBe('CN');
  });

  it.each([
    ['字节跳动', 'ByteDance'],
    ['字節跳動', 'ByteDance'],
    ['抖音', 'ByteDance'],
    ['Doubao', 'ByteDance'],
    ['TikTok', 'ByteDance'],
    ['通义千问', 'Alibaba'],
    ['通義千問', 'Alibaba'],
    ['淘宝', 'Alibaba'],
    ['淘寶', 'Alibaba'],
    ['Qwen', 'Alibaba'],
    ['阿里云', 'Alibaba'],
    ['支付宝', 'Ant Group'],
    ['支付寶', 'Ant Group'],
    ['Alipay', 'Ant Group'],
    ['微信', 'Tencent'],
    ['Weixin', 'Tencent'],
    ['騰訊', 'Tencent'],
    ['混元', 'Tencent'],
    ['月之暗面', 'Moonshot AI'],
    ['智谱', 'Zhipu AI'],
    ['智譜', 'Zhipu AI'],
    ['GLM', 'Zhipu AI'],
    ['深度求索', 'DeepSeek'],
    ['零一万物', '01.AI'],
    ['零一萬物', '01.AI'],
    ['阶跃星辰', 'StepFun'],
    ['階躍星辰', 'StepFun'],
    ['Gojek', 'GoTo'],
    ['Tokopedia', 'GoTo'],
    ['LINE', 'LY Corp'],
    ['Yahoo Japan', 'LY Corp'],
    ['拼多多', 'PDD'],
    ['Temu', 'PDD'],
    ['ChatGPT', 'OpenAI'],
    ['Claude', 'Anthropic'],
    ['DeepMind', 'Google'],
    ['Gemini', 'Google'],
    ['WhatsApp', 'Meta'],
    ['Instagram', 'Meta'],
    ['Twitter', 'X'],
    ['Grok', 'xAI'],
    ['美团', 'Meituan'],
    ['美團', 'Meituan'],
  ])('alias %s → %s', (alias, firm) => {
    expect(engine().knowledge.canonicalFirm(alias)).toBe(firm);
  });

  it('finds traditional-Chinese firm names in text', () => {
    expect(classify('騰訊與阿里巴巴爭奪AI人才', '字節跳動、騰訊和螞蟻集團都在招聘大模型研究員。').firms.sort()).toEqual([
      'Alibaba',
      'Ant Group',
      'ByteDance',
      'Tencent',
    ]);
  });

  it('maps indirect references', () => {
    expect(classify("Facebook's parent and the ChatGPT maker trade researchers", 'The TikTok owner is also hiring.').firms.sort()).toEqual([
      'ByteDance',
      'Meta',
      'OpenAI',
    ]);
  });

  it('suggests close names', () => {
    const { knowledge } = engine();
    expect(knowledge.suggestFirms('Antropic', 3)[0]).toBe('Anthropic');
    expect(knowledge.suggestFirms('bytedanse', 3)).toContain('ByteDance');
    expect(knowledge.canonicalFirm('no such firm')).toBeUndefined();
    // Known for moves only: not offered for subscriptions.
    expect(knowledge.canonicalFirm('Naver')).toBeUndefined();
    expect(knowledge.knownOrg('네이버')).toBe('Naver');
    expect(knowledge.suggestFirms('Navar', 3)).not.toContain('Naver');
  });

  describe('config errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-knowledge-'));
    const topics = join(CONFIG_DIR, 'topics.yml');
    const write = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };

    it('names file, entry and field of a bad firm', () => {
      const firms = write('firms-bad.yml', 'firms:\n  - name: Acme\n    region: US\n  - name: Globex\n    region: moon\n');
      try {
        loadKnowledge(dir, { firms, topics });
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(KnowledgeError);
        expect((err as KnowledgeError).code).toBe('KNOWLEDGE_INVALID');
        expect((err as Error).message).toContain('firms-bad.yml');
        expect((err as Error).message).toContain('firms[1] "Globex" field region');
      }
    });

    it('rejects unknown fields and duplicates', () => {
      const firms = write('firms-dup.yml', 'firms:\n  - { name: Acme, region: US, alias: [A] }\n  - { name: Acme, region: US }\n');
      expect(() => loadKnowledge(dir, { firms, topics })).toThrow(/firms\[0\] "Acme"/);
      const dup = write('firms-dup2.yml', 'firms:\n  - { name: Acme, region: US }\n  - { name: acme, region: US }\n');
      expect(() => loadKnowledge(dir, { firms: dup, topics })).toThrow(/duplicate firm/);
    });

    it('reports a missing topic family and YAML syntax errors', () => {
      const firms = join(CONFIG_DIR, 'firms.yml');
      const t = write('topics-bad.yml', 'bias: { talent: 1, superapp: 1 }\nfamilies:\n  ai: { weight: 1, terms: [AI] }\n');
      expect(() => loadKnowledge(dir, { firms, topics: t })).toThrow(/family "move": missing/);
      const y = write('topics-yaml.yml', 'bias: [\n');
      expect(() => loadKnowledge(dir, { firms, topics: y })).toThrow(/YAML/);
      expect(() => loadKnowledge(dir, { firms: join(dir, 'nope.yml'), topics })).toThrow(/file not found/);
    });
  });
});
