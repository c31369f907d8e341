import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalRows } from '../../../src/feedback/eval-rows.js';
import { rowToItem } from '../../../eval/run.js';
import { buildGist, keyNumber, latinShare, romanizeName, romanizeTerm } from '../../../src/pipeline/gist.js';
import { classify, engine } from './helpers.js';

describe('gist building blocks', () => {
  it('romanizes Chinese names surname first, compound surnames whole; Latin names pass through', () => {
    expect(romanizeName('徐岚清')).toBe('Xu Lanqing');
    expect(romanizeName('欧阳晓明')).toBe('Ouyang Xiaoming');
    expect(romanizeName('单田芳')).toBe('Shan Tianfang');
    expect(romanizeName('Zoë Hartmann')).toBe('Zoë Hartmann');
  });
  it("romanizes product names through the firm's own Latin alias when it spells the pinyin", () => {
    expect(romanizeTerm('淘宝', ['Taobao', '淘宝'])).toBe('Taobao');
    expect(romanizeTerm('混元大模型', ['Hunyuan', '混元'])).toBe('Hunyuan');
    expect(romanizeTerm('可灵', [])).toBe('Keling');
  });
  it('finds the key number in English and Chinese', () => {
    expect(keyNumber('Meta offered $100 million packages')).toBe('$100 million');
    expect(keyNumber('年薪最高200万元')).toBe('2 million yuan');
    expect(keyNumber('融资3亿美元')).toBe('$300 million');
    expect(keyNumber('月活用户超过13亿用户')).toBe('1.3 billion users');
    expect(keyNumber('no numbers here')).toBeUndefined();
  });
});

describe('gist on assessments', () => {
  it('a Chinese move: romanized person, English firm names, the number', () => {
    const a = classify('前百度研究员王可馨加盟智谱', '原百度文心大模型研究员王可馨正式加盟智谱，年薪超过300万元。');
    expect(a.gist).toBe('Wang Kexin moves from Baidu to Zhipu AI (3 million yuan).');
  });
  it('a new company is said as founding', () => {
    const a = classify(
      'Anthropic researcher Léa Fontaine leaves to found Lattice Minds',
      'Léa Fontaine has left Anthropic to co-found Lattice Minds, an AI agent startup.',
    );
    expect(a.gist).toBe('Léa Fontaine leaves Anthropic to found Lattice Minds.');
  });
  it('a Chinese super-app item without a move names firms and products in Latin script', () => {
    const a = classify('淘宝上线AI比价助手，可跨店铺自动凑单', '淘宝App上线AI购物助手新功能，智能体可在多家店铺间比价。阿里巴巴称该功能基于通义千问大模型。');
    expect(a.gist).toMatch(/^Alibaba: .*Taobao/);
    expect(latinShare(a.gist!)).toBe(1);
  });
  it('a Chinese super-app feature says what the AI is for, from the headline first', () => {
    const a = classify(
      '支付宝上线AI账单助手，一句话完成转账',
      '支付宝App上线AI助手新功能，用户说一句话即可查询账单、发起转账。蚂蚁集团称该功能基于自研大模型。',
    );
    expect(a.gist).toBe('Ant Group: AI assistant for bills and money transfers in Alipay.');
    // Read as the fingerprint reads text: traditional characters and full-width letters fold first.
    const t = classify('支付寶上線ＡＩ帳單助手，一句話完成轉賬', '支付寶App上線AI助手新功能，用戶說一句話即可查詢帳單、發起轉賬。');
    expect(t.gist).toBe('Ant Group: AI assistant for bills and money transfers in Alipay.');
    // Without a service in the headline, the summary's: an agent that books hotels and rides.
    const b = classify('美团App上线AI智能体', '美团App上线AI智能体，用户一句话即可预订酒店、打车和点外卖。');
    expect(b.gist).toMatch(/^Meituan: AI agent for (?:hotel booking|ride-hailing|food delivery)/);
  });
  it('a Chinese talent story without a move says what it is about: retention pay, stock grants, poaching', () => {
    const a = classify('字节跳动向Seed核心研究员发放专项留任期权', '字节跳动近期向Seed团队数十名核心研究员发放专项留任期权，分四年归属，以应对同行挖角。');
    expect(a.moves).toEqual([]);
    expect(a.gist).toBe('ByteDance: retention pay and stock grants for AI researchers.');
    const b = classify('传腾讯一位大模型专家被字节挖走，年薪翻倍', '知情人士称，这位专家负责混元大模型的预训练，加盟后年薪翻倍。');
    expect(b.gist).toMatch(/^Tencent and ByteDance: hiring and pay for AI/);
  });
  it('irrelevant items carry no gist; English items get their lead sentence', () => {
    expect(classify('Rangers arrest rhino poachers', 'Four men were detained.').gist).toBeUndefined();
    const en = classify(
      'Meta poaches three Google DeepMind engineers',
      'Meta Platforms hired three Google DeepMind engineers with pay packages worth tens of millions of dollars, people said.',
    );
    expect(en.gist).toMatch(/^Meta Platforms hired three Google DeepMind engineers/);
  });
  it('is at most 200 characters', () => {
    const long = buildGist(
      { title: 't', summary: `${'word '.repeat(80)}.`, lang: 'en' },
      { topics: ['talent'], firms: [], moves: [], summary: `${'word '.repeat(80)}.` },
    );
    expect(long.length).toBeLessThanOrEqual(200);
  });
  const dev = resolve('../shared/eval/dev.jsonl');
  it.skipIf(!existsSync(dev))('every relevant Chinese dev item: a mostly Latin gist naming all its firms in English', () => {
    const { classifier } = engine();
    let n = 0;
    for (const row of readEvalRows(dev).filter((r) => r.lang === 'zh')) {
      const a = classifier.classify(rowToItem(row));
      if (!a.relevant) continue;
      n++;
      expect(a.gist, row.id).toBeTruthy();
      expect(latinShare(a.gist!), `${row.id}: ${a.gist}`).toBeGreaterThanOrEqual(0.9);
      for (const f of a.firms) expect(a.gist, `${row.id}: ${a.gist}`).toContain(f);
    }
    expect(n).toBeGreaterThan(10);
  });
});
