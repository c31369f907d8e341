import { describe, expect, it } from 'vitest';
import { classify } from './helpers.js';

const talent: Array<[string, string, string]> = [
  [
    'en move: joins',
    'Anthropic safety researcher Priya Ramanathan joins Google DeepMind',
    'Priya Ramanathan, who worked on constitutional training at Anthropic, has joined Google DeepMind in London to lead a new evaluations team.',
  ],
  [
    'en move: leaves for',
    'Senior OpenAI scientist leaves for xAI',
    'Tomasz Wierzbicki, a member of the technical staff who worked on pretraining, has left OpenAI and started at xAI this week.',
  ],
  [
    'en move: poached',
    'Meta poaches three Apple foundation-model engineers',
    'The engineers, who built the on-device models behind Apple Intelligence, were hired away with packages worth tens of millions of dollars, people familiar said.',
  ],
  [
    'en move: indirect references',
    "The Claude maker lands a veteran of Facebook's parent",
    'Jonas Elmqvist spent six years training recommendation models at Meta before accepting an offer from Anthropic.',
  ],
  [
    'poaching drive',
    'Chinese labs step up recruiting of U.S.-trained machine-learning PhDs',
    'Recruiters for ByteDance and Alibaba are offering signing bonuses and relocation packages to doctoral graduates in machine learning.',
  ],
  [
    'pay and retention',
    'Google DeepMind raises stock refreshers to stem defections',
    'The lab is offering retention bonuses to senior researchers after a wave of departures to rival AI labs.',
  ],
  [
    'acqui-hire',
    'Amazon acqui-hires the team behind agent startup Quillnote',
    "Amazon will license the startup's technology and bring on its founders and about 20 AI researchers, in a deal structured to avoid an acquisition review.",
  ],
  [
    'visa policy',
    'Canada launches fast-track visa for AI researchers',
    'Ottawa will process work permits for machine-learning scientists within two weeks under a new talent program aimed at luring researchers from U.S. labs.',
  ],
  [
    'founders leaving',
    'Two Google DeepMind researchers leave to found a robotics startup',
    'The pair, who co-led work on robot learning at DeepMind, have left to co-found Tessellate Robotics, which has raised seed funding.',
  ],
  [
    'no obvious keyword',
    "Gemini's tokenizer expert turns up at Moonshot",
    "Chen Liwei, who spent five years on Google's Gemini team, now appears on the staff page of the Kimi developer in Beijing.",
  ],
  ['zh move: 加盟', '前阿里通义研究员林晓加盟月之暗面', '月之暗面确认，原阿里巴巴通义千问团队研究员林晓已正式加盟，负责长文本推理模型训练。'],
  ['zh move: 跳槽', '字节跳动豆包大模型负责人跳槽腾讯', '知情人士称，字节跳动豆包大模型团队负责人周明远已离职，将加入腾讯混元团队。'],
  ['zh poaching', '大厂高薪挖角AI人才 顶尖研究员年薪破千万', '多家互联网大厂近期以高薪挖角大模型研究员，部分顶尖人才年薪超过千万元，招聘竞争愈发激烈。'],
  ['zh talent policy', '上海出台人工智能海外人才引进新政', '上海市发布政策，对引进的大模型和具身智能领域海外人才提供安家补贴和落户便利。'],
  [
    'AI said as "large-model" (Chinese press in English)',
    'ByteDance raises pay bands to stop defections to Tencent',
    'ByteDance has lifted salary bands for staff in its large-model division, people familiar said, after rivals hired away several researchers.',
  ],
  [
    'a work pass for researchers is a talent policy',
    'Singapore unveils a fast-track work pass for top AI researchers',
    'The Ministry of Manpower will decide applications within ten working days for researchers with strong publication records.',
  ],
  [
    'a visa route for foreign AI experts is a talent policy',
    'Singapore widens its fast lane for foreign AI experts',
    'Applicants with senior roles at AI labs can move without a job offer, officials said.',
  ],
  ['traditional Chinese', '前騰訊混元研究員加盟阿里通義', '騰訊混元大模型研究員陳思遠已離職，正式加盟阿里巴巴通義實驗室，負責多模態模型。'],
];

describe('talent rules', () => {
  it.each(talent)('%s', (_name, title, summary) => {
    const a = classify(title, summary);
    expect(a.relevant, a.why.join(' | ')).toBe(true);
    expect(a.topics).toContain('talent');
    expect(a.score).toBeGreaterThanOrEqual(0.5);
    expect(a.score).toBeLessThanOrEqual(1);
  });

  it('explains its verdict', () => {
    const a = classify(...(talent[0].slice(1) as [string, string]));
    expect(a.why.join(' ')).toMatch(/talent/);
    expect(a.why.join(' ')).toMatch(/join/i);
  });
});
