// The move grammar on its own labelled cases (eval/moves*.jsonl, written from the definitions in
// docs/relevance.md, not from dev lines): the floor here guards against regressions.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateMoveCases } from '../../../eval/classify-eval.js';
import { readEvalRows } from '../../../src/feedback/eval-rows.js';
import { rowToItem } from '../../../eval/run.js';
import { classify, engine } from './helpers.js';

describe('move grammar on own cases', () => {
  it.each([
    'eval/moves.jsonl',
    'eval/moves-hand.jsonl',
    'eval/moves-hand2.jsonl',
    'eval/moves-hand3.jsonl',
    'eval/moves-hand4.jsonl',
    'eval/moves-hand5.jsonl',
    'eval/moves-hand6.jsonl',
    'eval/moves-hand7.jsonl',
    'eval/fresh-11.jsonl',
    'eval/fresh-11b.jsonl',
    'eval/fresh-11c.jsonl',
    'eval/fresh-11e.jsonl',
  ])('%s: at least 95 percent from→to, no move on hard negatives', (file) => {
    const rows = readEvalRows(resolve(file));
    const { classifier } = engine();
    const r = evaluateMoveCases(
      rows,
      rows.map((row) => classifier.classify(rowToItem(row))),
    );
    expect(r.moves.total).toBeGreaterThan(10);
    expect(r.moves.accuracy, r.errors.map((e) => `${e.id} ${e.detail}`).join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(r.falseMoves.count, r.errors.map((e) => `${e.id} ${e.detail}`).join('\n')).toBe(0);
  });
});

describe('move grammar, by rule', () => {
  it.each([
    [
      'diacritics and particles',
      'Niamh Ó Briain leaves Google DeepMind for Anthropic',
      'The researcher worked on Gemini models.',
      'Niamh Ó Briain',
      'Google',
      'Anthropic',
    ],
    [
      'van der, hyphen',
      'OpenAI hires Meta researcher Pieter van der Berg-Sørensen',
      'Pieter van der Berg-Sørensen worked on Llama models at Meta.',
      'Pieter van der Berg-Sørensen',
      'Meta',
      'OpenAI',
    ],
    [
      'return flips direction',
      'Boomerang: Lin Wei is back at Baidu',
      'Lin Wei, who left Baidu for Moonshot AI last year, has returned to run Ernie model research.',
      'Lin Wei',
      'Moonshot AI',
      'Baidu',
    ],
    [
      'rejoins',
      'Marta Kowalczyk rejoins OpenAI from Anthropic',
      'The AI researcher returns to the ChatGPT maker after a stint on Claude.',
      'Marta Kowalczyk',
      'Anthropic',
      'OpenAI',
    ],
    [
      'metonym both sides',
      'The iPhone maker lures Mountain View veteran Hugo Brandt',
      'Hugo Brandt spent nine years on Gemini models before joining the Siri team.',
      'Hugo Brandt',
      'Google',
      'Apple',
    ],
    [
      'description alias',
      'Sara Nilsson leaves the Hangzhou e-commerce giant for ByteDance',
      'The Qwen researcher will work on large language models at Seed.',
      'Sara Nilsson',
      'Alibaba',
      'ByteDance',
    ],
    [
      'purpose clause',
      'Omar Haddad departs Nvidia to head AI research at Xiaomi',
      'The machine learning veteran built CUDA libraries for model training.',
      'Omar Haddad',
      'Nvidia',
      'Xiaomi',
    ],
    [
      'new company',
      'Anthropic researcher Léa Fontaine leaves to found Lattice Minds',
      'Léa Fontaine has left Anthropic to co-found Lattice Minds, an AI agent startup.',
      'Léa Fontaine',
      'Anthropic',
      'Lattice Minds',
    ],
    [
      'paper affiliation',
      'Former ByteDance researcher turns up on a DeepSeek paper',
      'A new DeepSeek technical report on LLM reasoning lists Wang Hao, who until recently worked at ByteDance, among its authors.',
      'Wang Hao',
      'ByteDance',
      'DeepSeek',
    ],
    [
      'affiliation on a paper',
      'Ex-Google researcher Mira Halvorsen now lists an Anthropic affiliation',
      'The Gemini scientist, who left Google in June, appears with an Anthropic affiliation on a new interpretability paper.',
      'Mira Halvorsen',
      'Google',
      'Anthropic',
    ],
    [
      'zh 论文署名',
      '阿里前研究员出现在DeepSeek新论文作者名单中',
      '曾在阿里巴巴通义实验室工作的研究员周雨辰出现在深度求索最新发布的论文作者名单中，署名单位为DeepSeek。',
      '周雨辰',
      'Alibaba',
      'DeepSeek',
    ],
    ['zh 履新', '原小米研究员罗晨履新英伟达', '原小米集团大模型研究员罗晨近日履新英伟达，担任AI实验室负责人。', '罗晨', 'Xiaomi', 'Nvidia'],
    ['zh 回归老东家', '孙浩回归阶跃星辰', '在微软工作两年后，孙浩回归老东家阶跃星辰，负责大模型研发。', '孙浩', 'Microsoft', 'StepFun'],
    ['zh compound surname, 出走', '百度又一核心成员出走：欧阳晓明投奔腾讯', '欧阳晓明此前是百度大模型团队的骨干研究员。', '欧阳晓明', 'Baidu', 'Tencent'],
    [
      'hired NAME, a ROLE from FIRM',
      'Zhipu AI adds a Tencent speech lead',
      "Zhipu AI has hired Liang Wenhao, a speech-synthesis lead from Tencent's Hunyuan team, to run its voice models.",
      'Liang Wenhao',
      'Tencent',
      'Zhipu AI',
    ],
    [
      'He as a surname',
      'Xiaomi lands Baidu researcher He Kaiyu',
      'Xiaomi has hired He Kaiyu, a vision researcher from Baidu, to lead its camera models.',
      'He Kaiyu',
      'Baidu',
      'Xiaomi',
    ],
    [
      'hiring spree, origin in the body',
      "OpenAI's hiring spree at Google rolls on",
      "The latest to make the jump is Ines Carvalho-Stone, who spent six years on Google's Gemini evaluation team.",
      'Ines Carvalho-Stone',
      'Google',
      'OpenAI',
    ],
    [
      'acqui-hire',
      'Nvidia acqui-hires inference startup Kestrelworks',
      "Nvidia will hire Kestrelworks co-founder Rafael Mendoza-Quist and about 20 engineers and license the startup's compiler.",
      'Rafael Mendoza-Quist',
      'Kestrelworks',
      'Nvidia',
    ],
    [
      'arrival at',
      'Cupertino lands a Redmond planner',
      'Greta Lindahl spent seven years at Microsoft on Copilot planning. Her arrival at Apple gives Siri a new agent lead.',
      'Greta Lindahl',
      'Microsoft',
      'Apple',
    ],
    [
      'firm with a dot',
      'JD.com taps former Baidu scientist Qian Mo to run its models',
      'Qian Mo built Ernie ranking models at Baidu.',
      'Qian Mo',
      'Baidu',
      'JD.com',
    ],
    ['zh 之一…已离职，加入', '美团大模型骨干离职', '美团大模型团队核心作者之一韩书宁已离职，加入阿里巴巴通义实验室。', '韩书宁', 'Meituan', 'Alibaba'],
    ['zh 收编初创公司', '字节收编AI初创团队', '字节跳动宣布聘用AI初创公司澜图智能联合创始人方启明及约8名工程师。', '方启明', '澜图智能', 'ByteDance'],
    [
      'zh name holding an alias',
      'DeepSeek研究员高乐天离职创业',
      'DeepSeek研究员高乐天已离职，创办一家具身智能公司星衍机器人。',
      '高乐天',
      'DeepSeek',
      '星衍机器人',
    ],
    [
      'founding after a recent join',
      'Weeks after joining OpenAI, Bruno Tavares-Lind leaves to start a company',
      'Bruno Tavares-Lind, the Meta researcher OpenAI hired in May, has left to found an agent startup called Quarrystone.',
      'Bruno Tavares-Lind',
      'OpenAI',
      'Quarrystone',
    ],
    [
      'company founded before is the origin',
      'AI voice startup co-founder joins Anthropic',
      'Hana Okafor-Lee, who co-founded the AI voice startup Tallwave in 2020, has joined Anthropic to lead Claude audio research.',
      'Hana Okafor-Lee',
      'Tallwave',
      'Anthropic',
    ],
    [
      'a team started is not a company',
      'Tencent lands a Google DeepMind robotics lead',
      'Tencent has hired Jonas Ekberg from Google DeepMind to start a Berlin robotics team.',
      'Jonas Ekberg',
      'Google',
      'Tencent',
    ],
    ['zh 前高通', '前高通工程师加入阿里', '前高通AI芯片架构师滕远航已加入阿里巴巴平头哥芯片团队。', '滕远航', 'Qualcomm', 'Alibaba'],
    [
      'startup by its fullest name',
      "Brindle's founder heads to Google DeepMind",
      'Kofi Mensah-Hale built Brindle Labs into a popular AI voice API; now he and most of his researchers are moving to Google.',
      'Kofi Mensah-Hale',
      'Brindle Labs',
      'Google',
    ],
    ['zh 离职创业', 'DeepSeek研究员林晓彤离职创业', '林晓彤已从深度求索离职，创立AI公司深流科技，专注大模型推理。', '林晓彤', 'DeepSeek', '深流科技'],
    // Issue 11 patterns (fresh-11 misses), one case each, written apart from the eval rows.
    [
      'zh 就任 with a surname outside the common list',
      '前百度研究员骆文川就任智谱首席技术官',
      '骆文川在百度工作八年，负责文心大模型训练。',
      '骆文川',
      'Baidu',
      'Zhipu AI',
    ],
    [
      'zh name after 副院长, before 首次',
      '加入月之暗面后，前商汤研究院副院长冼志恒首次亮相',
      '他今年离开商汤，负责Kimi多模态模型。',
      '冼志恒',
      'SenseTime',
      'Moonshot AI',
    ],
    ['zh 官宣 after the hiring firm', '阶跃星辰官宣：前快手大模型负责人邵一鸣加盟', '邵一鸣此前负责快手可灵模型训练。', '邵一鸣', 'Kuaishou', 'StepFun'],
    ['zh name before 被曝入职', '拼多多算法负责人温启航被曝入职字节跳动', '温启航将负责抖音推荐大模型。', '温启航', 'PDD', 'ByteDance'],
    [
      'zh name after 天才少年, before 今年',
      '华为天才少年钟雨桐今年加入DeepSeek',
      '钟雨桐此前在华为诺亚方舟实验室研究大模型推理。',
      '钟雨桐',
      'Huawei',
      'DeepSeek',
    ],
    ['zh 从X到Y', '从字节到腾讯：前豆包研究员闫书宁的选择', '前字节跳动研究员闫书宁近日谈到转投腾讯混元的原因。', '闫书宁', 'ByteDance', 'Tencent'],
    [
      'zh non-reported Chinese firm as written',
      '理想汽车自动驾驶负责人转投小米',
      '理想汽车自动驾驶大模型负责人蒙嘉树已离职，转投小米汽车。',
      '蒙嘉树',
      '理想汽车',
      'Xiaomi',
    ],
    [
      'signs on with',
      'Former Baidu Ernie lead Ruan Zhiqiang signs on with Tencent',
      'He will run pretraining for the Hunyuan models.',
      'Ruan Zhiqiang',
      'Baidu',
      'Tencent',
    ],
    [
      'a descriptor is not the new company',
      'Meta research director Ines Vasquez-Lund leaves to start an AI-safety lab',
      'Ines Vasquez-Lund has left Meta to start Beacon Research, a nonprofit lab, she said.',
      'Ines Vasquez-Lund',
      'Meta',
      'Beacon Research',
    ],
    [
      'passive: snapped up by',
      'Baidu search scientist poached',
      'Gao Wenjun, who led ranking models at Baidu, was snapped up by Tencent this month.',
      'Gao Wenjun',
      'Baidu',
      'Tencent',
    ],
    [
      'now works on … at',
      'Ex-Meta roboticist finds a new home',
      'Anika Brandvold, who led robotics at Meta until last year, now works on Optimus at Tesla.',
      'Anika Brandvold',
      'Meta',
      'Tesla',
    ],
    [
      'plain "founded" after leaving',
      'Two Anthropic alumni start a lab',
      'Noor Haddad and Eli Brandt, who both worked on Claude, have left Anthropic and founded Quillstone Labs.',
      'Noor Haddad',
      'Anthropic',
      'Quillstone Labs',
    ],
    [
      "a firm's own team is not a startup",
      "Microsoft's Phi team loses a researcher",
      'Sunil Varma, who trained small Phi models at Microsoft, has left for Anthropic.',
      'Sunil Varma',
      'Microsoft',
      'Anthropic',
    ],
    [
      'zh startup name before 停止运营',
      'AI初创公司灵犀停止运营，创始人加入阿里',
      '创始人钟明轩及核心成员已加入阿里巴巴通义实验室。',
      '钟明轩',
      '灵犀',
      'Alibaba',
    ],
    [
      "metonym: Musk's AI company",
      "Elon Musk's AI company lands a DeepMind researcher",
      "Farid Haddadi, who worked on Gemini at Google DeepMind, has joined Elon Musk's AI company to work on Grok.",
      'Farid Haddadi',
      'Google',
      'xAI',
    ],
    ['zh nicknames 度厂/菊厂', '度厂大将邹文博投奔菊厂', '百度前文心大模型负责人邹文博已加入华为盘古团队。', '邹文博', 'Baidu', 'Huawei'],
    [
      'raising money for a startup called N',
      "Anthropic's policy researcher departs",
      'Hana Okafor-Lind has left Anthropic and is raising money for a startup called Tallyglass, people familiar said.',
      'Hana Okafor-Lind',
      'Anthropic',
      'Tallyglass',
    ],
    [
      'the hiring firm picks',
      'Paytm picks Microsoft veteran for AI role',
      'Paytm has picked Rajesh Balakrishnan, who led Copilot research at Microsoft, to run its AI lab.',
      'Rajesh Balakrishnan',
      'Microsoft',
      'Paytm',
    ],
  ])('%s', (_n, title, summary, person, from, to) => {
    const a = classify(title, summary);
    expect(a.moves[0], a.why.join(' | ')).toMatchObject({ person, from, to });
  });

  it.each([
    [
      'denied rumour',
      'Google denies report that Hugo Brandt is leaving for Meta',
      'A spokesperson said the AI researcher remains at Google and has no plans to move.',
    ],
    ['zh denied', '阿里否认陈昊然离职', '阿里巴巴回应称，陈昊然仍在通义实验室负责大模型研发，离职传闻不实。'],
    ['no named person', 'ByteDance poaches three OpenAI engineers for its Seed lab', 'The unnamed researchers worked on large language models, people said.'],
    ['pronoun He before a verb', 'He Joins Nothing: OpenAI researcher stays put', 'Asked about Meta offers, he said he is staying at OpenAI.'],
    [
      'firm hiring without a named person',
      'Anthropic is hiring hundreds of engineers from Google',
      'Anthropic will hire about 300 engineers, many from Google and Meta, for its London office.',
    ],
    [
      'promotion, not a move',
      'Meta promotes Hugo Brandt to chief AI scientist',
      'Hugo Brandt, who has led Llama training at Meta since 2021, takes the new role in January.',
    ],
    ['zh role word before 被曝 is no name', '华为团队前成员被曝入职阶跃星辰', '消息称多名成员近期离开，阶跃星辰未回应。'],
    ['zh franchise 加盟 and show-business 官宣加入', '茶饮品牌官宣加入商场，新增加盟门店', '该品牌今年新开加盟店超过一千家。'],
  ])('no move: %s', (_n, title, summary) => {
    expect(classify(title, summary).moves).toEqual([]);
  });
});
