import { describe, expect, it } from 'vitest';
import { classify } from './helpers.js';

describe('move extraction', () => {
  it.each([
    [
      'X joins Y from Z',
      'Anthropic hires OpenAI reasoning researcher Lena Hoffmann',
      'Lena Hoffmann, who worked on reasoning models at OpenAI, has joined Anthropic.',
      'Lena Hoffmann',
      'OpenAI',
      'Anthropic',
      'US→US',
    ],
    [
      'leaves for, cross-border',
      'Google DeepMind scientist Zhang Wei leaves for Alibaba',
      "Zhang Wei, a research scientist at Google DeepMind, is leaving London for Alibaba's Qwen team in Hangzhou.",
      'Zhang Wei',
      'Google',
      'Alibaba',
      'US→CN',
    ],
    [
      'defects to, descriptor',
      'Apple Siri engineer defects to the ChatGPT maker',
      "Carlos Mendes, an engineer on Apple's Siri team, has started at OpenAI.",
      'Carlos Mendes',
      'Apple',
      'OpenAI',
      'US→US',
    ],
    [
      'poached, possessive',
      "Tencent poaches Baidu's ERNIE training lead",
      'Tencent has hired Wang Lei, who led ERNIE pretraining at Baidu, to run Hunyuan training.',
      'Wang Lei',
      'Baidu',
      'Tencent',
      'CN→CN',
    ],
    [
      'region pair',
      'Grab taps former Meta AI researcher Siti Rahman to lead its assistant',
      'Siti Rahman, who worked on Llama at Meta, joins Grab in Singapore.',
      'Siti Rahman',
      'Meta',
      'Grab',
      'US→SG',
    ],
    [
      'founder leaves to start a company',
      'OpenAI researcher Maya Lindqvist leaves to co-found Parallel Minds',
      'Maya Lindqvist has left OpenAI to co-found Parallel Minds, an AI agent startup.',
      'Maya Lindqvist',
      'OpenAI',
      'Parallel Minds',
      undefined,
    ],
    ['zh 前…加盟', '前百度研究员刘洋加盟智谱', '原百度文心大模型研究员刘洋已正式加盟智谱，负责GLM模型训练。', '刘洋', 'Baidu', 'Zhipu AI', 'CN→CN'],
    [
      'zh 从…跳槽到',
      '腾讯混元研究员陈晨跳槽字节跳动',
      '腾讯混元大模型研究员陈晨已从腾讯离职，跳槽到字节跳动Seed团队。',
      '陈晨',
      'Tencent',
      'ByteDance',
      'CN→CN',
    ],
    [
      'zh 转投 with Latin name',
      'xAI工程师David Chen转投OpenAI',
      '曾参与Grok训练的工程师David Chen已转投OpenAI，负责预训练。',
      'David Chen',
      'xAI',
      'OpenAI',
      'US→US',
    ],
    ['zh traditional', '前華為研究員林偉加盟小米', '原華為盤古大模型研究員林偉已正式加盟小米，負責大模型訓練。', '林偉', 'Huawei', 'Xiaomi', 'CN→CN'],
  ])('%s', (_n, title, summary, person, from, to, direction) => {
    const a = classify(title, summary);
    expect(a.moves, a.why.join(' | ')).toHaveLength(1);
    expect(a.moves[0]).toMatchObject({ person, from, to });
    expect(a.moves[0].direction).toBe(direction);
  });

  it('no named person, no move', () => {
    const a = classify('Three DeepMind researchers join Anthropic', "The researchers from Google DeepMind have joined Anthropic's interpretability team.");
    expect(a.relevant).toBe(true);
    expect(a.moves).toEqual([]);
  });

  it('an irrelevant item carries no move', () => {
    const a = classify(
      'Striker Marco Ruiz joins Real Madrid from Sevilla',
      'Marco Ruiz completed his transfer after a medical; the club paid a fee of €40 million.',
    );
    expect(a.moves).toEqual([]);
  });
});

describe('move extraction: appointments and new labs', () => {
  it.each([
    [
      'passive appointment',
      "Ex-Meta researcher named Grab's head of AI",
      "Lin Mei, formerly of Meta's FAIR lab, has been named Grab's head of artificial intelligence.",
      'Lin Mei',
      'Meta',
      'Grab',
    ],
    [
      'hired as',
      "Google veteran Sarah Kim hired as Anthropic's research chief",
      "Sarah Kim, who spent 12 years at Google, was appointed Anthropic's head of research.",
      'Sarah Kim',
      'Google',
      'Anthropic',
    ],
    [
      'founder named in firms.yml',
      'Departing OpenAI CTO launches new lab',
      'Mira Murati, who left OpenAI last year, has launched Thinking Machines Lab with several former OpenAI researchers.',
      'Mira Murati',
      'OpenAI',
      'Thinking Machines Lab',
    ],
    ['zh 挖来', '小红书从阿里挖来通义负责人', '小红书近日从阿里巴巴挖来通义实验室负责人周靖人，负责其大模型业务。', '周靖人', 'Alibaba', '小红书'],
  ])('%s', (_n, title, summary, person, from, to) => {
    const a = classify(title, summary);
    expect(a.moves[0], a.why.join(' | ')).toMatchObject({ person, from, to });
  });
});

describe('move role', () => {
  it.each([
    [
      'en, after a hiring verb',
      'Grab names ex-Google engineer Priya Menon as its first chief AI officer',
      'She will run AI across rides and payments.',
      'chief AI officer',
    ],
    [
      'en, head of …',
      'OpenAI hires Google veteran Tomas Lindqvist',
      'Tomas Lindqvist has joined OpenAI as head of ChatGPT shopping, the company said.',
      'head of ChatGPT shopping',
    ],
    ['zh 出任', '前微软研究员苏启明出任智谱首席科学家', '苏启明将负责GLM基础模型研究。', '首席科学家'],
  ])('%s', (_n, title, summary, role) => {
    const a = classify(title, summary);
    expect(a.moves[0]?.role, a.why.join(' | ')).toBe(role);
  });

  it('a title held before is not the new role', () => {
    const a = classify('贾文涛回归腾讯', '此前在阶跃星辰担任技术副总裁的贾文涛已回归腾讯，负责混元大模型。');
    expect(a.moves[0]).toMatchObject({ from: 'StepFun', to: 'Tencent' });
    expect(a.moves[0]?.role).toBeUndefined();
  });

  it('"served as" is the old job', () => {
    const a = classify('Anthropic hires Meta researcher Carla Ruiz', 'Carla Ruiz, who served as director of Llama research at Meta, has joined Anthropic.');
    expect(a.moves[0]).toMatchObject({ from: 'Meta', to: 'Anthropic' });
    expect(a.moves[0]?.role).toBeUndefined();
  });
});
