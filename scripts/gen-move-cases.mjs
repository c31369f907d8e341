// Writes eval/moves.jsonl: short labelled move cases in English and Chinese, written from the
// move grammar's definitions (docs/relevance.md), not from dev lines. Each template is filled
// with several people and firm pairs (a fixed seed, so the file is stable):
//   node scripts/gen-move-cases.mjs > eval/moves.jsonl
// Rows have the shape of ../shared/eval/dev.jsonl plus `pattern`; `labels.move` is null for
// the hard negatives (no named person, denied rumours, people who do not move).

let seed = 20261130;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// Latin-script people: diacritics, particles, apostrophes, hyphens, romanized Chinese/Korean.
const EN_PEOPLE = [
  'Zoë Hartmann',
  'François Lemaire',
  'Søren Kjærgaard',
  'Niamh Ó Briain',
  'Pieter van der Berg',
  'Chloé Dubois-Martin',
  'José Ángel Ortega',
  'Łukasz Wróbel',
  'Björn Åkesson',
  'Mehmet Öztürk',
  "Siobhán O'Connell",
  'Ludwig von Hagen',
  'Nguyễn Thu Hương',
  'Kateřina Nováková',
  'Jürgen Müller-Lindqvist',
  'Ana de la Fuente',
  'Priya Raghunathan-Iyer',
  'Tomás Ó Súilleabháin',
  'Xu Lanqing',
  'Zhang Wenjie',
  'Ouyang Ming',
  'Park Ji-hoon',
  'Lin Yutong',
  'Marcus Dlamini',
  'Camille Lefèvre',
  'Hélène Marchetti',
  'Dara McAllister',
  'Isabel dos Santos Lima',
  'Gaël Moreau',
  'Renée Castellano-Byrne',
  'Ahmed bin Rashid',
  'Ines Van den Broeck',
];
// Chinese names, with compound surnames (欧阳, 司马, 上官) and two-character names.
const ZH_PEOPLE = [
  '王可馨',
  '徐岚清',
  '欧阳晓明',
  '李卓',
  '司马文博',
  '陈思远',
  '赵静轩',
  '周敏',
  '上官婉清',
  '林雨桐',
  '黄一鸣',
  '孙浩',
  '郭佳怡',
  '杨帆',
  '何志远',
  '罗晨',
];

// Surface forms per canonical firm: plain names, descriptions/metonyms, Chinese names.
const FIRMS = {
  OpenAI: { en: ['OpenAI'], desc: ['the ChatGPT maker'], zh: ['OpenAI'], region: 'US', prod: 'ChatGPT' },
  Anthropic: { en: ['Anthropic'], desc: ['the Claude maker'], zh: ['Anthropic'], region: 'US', prod: 'Claude' },
  Google: { en: ['Google', 'Google DeepMind'], desc: ['Mountain View', 'the search giant'], zh: ['谷歌', '谷歌DeepMind'], region: 'US', prod: 'Gemini' },
  Meta: { en: ['Meta'], desc: ["Facebook's parent", 'Menlo Park', 'the Instagram owner'], zh: ['Meta'], region: 'US', prod: 'Llama' },
  Microsoft: { en: ['Microsoft'], desc: ['Redmond', 'the Windows maker'], zh: ['微软'], region: 'US', prod: 'Copilot' },
  Apple: { en: ['Apple'], desc: ['the iPhone maker', 'Cupertino'], zh: ['苹果公司'], region: 'US', prod: 'Siri' },
  Amazon: { en: ['Amazon'], desc: ["AWS's parent", 'the Seattle retail giant'], zh: ['亚马逊'], region: 'US', prod: 'Alexa' },
  Nvidia: { en: ['Nvidia'], desc: ['the GPU giant'], zh: ['英伟达'], region: 'US', prod: 'CUDA' },
  ByteDance: { en: ['ByteDance'], desc: ['the TikTok owner', "Douyin's parent"], zh: ['字节跳动', '字节', '抖音母公司'], region: 'CN', prod: 'Doubao' },
  Alibaba: {
    en: ['Alibaba'],
    desc: ['the Hangzhou e-commerce giant', "Taobao's parent"],
    zh: ['阿里巴巴', '阿里', '杭州电商巨头'],
    region: 'CN',
    prod: 'Qwen',
  },
  Tencent: { en: ['Tencent'], desc: ['the WeChat owner', 'the Shenzhen gaming giant'], zh: ['腾讯', '鹅厂'], region: 'CN', prod: 'Hunyuan' },
  Baidu: { en: ['Baidu'], desc: ['the Chinese search giant', 'the Ernie maker'], zh: ['百度', '搜索巨头百度'], region: 'CN', prod: 'Ernie' },
  'Moonshot AI': { en: ['Moonshot AI'], desc: ['the Kimi maker'], zh: ['月之暗面'], region: 'CN', prod: 'Kimi' },
  DeepSeek: { en: ['DeepSeek'], desc: ['the Hangzhou AI lab DeepSeek'], zh: ['DeepSeek', '深度求索'], region: 'CN', prod: 'DeepSeek-R1' },
  'Zhipu AI': { en: ['Zhipu AI'], desc: ['the GLM developer'], zh: ['智谱'], region: 'CN', prod: 'GLM' },
  Xiaomi: { en: ['Xiaomi'], desc: ['the Xiaomi EV unit'], zh: ['小米集团'], region: 'CN', prod: 'MiMo' },
  Meituan: { en: ['Meituan'], desc: ['the food-delivery giant Meituan'], zh: ['美团'], region: 'CN', prod: 'LongCat' },
  Kuaishou: { en: ['Kuaishou'], desc: ['the Kling maker'], zh: ['快手'], region: 'CN', prod: 'Kling' },
  Huawei: { en: ['Huawei'], desc: ['the Shenzhen telecoms giant'], zh: ['华为'], region: 'CN', prod: 'Pangu' },
  StepFun: { en: ['StepFun'], desc: ['the Shanghai start-up StepFun'], zh: ['阶跃星辰'], region: 'CN', prod: 'Step-3' },
};
const NAMES = Object.keys(FIRMS);
const NEWCO_EN = ['Helix Loop', 'Quarry Labs', 'Northwind Reasoning', 'Tessellate AI', 'Foldline', 'Brightmoor Robotics'];
const NEWCO_ZH = [
  ['元象智能', '元象智能'],
  ['深言科技', '深言科技'],
  ['启明智能', '启明智能'],
  ['零一知行', '零一知行'],
];
const ROLES_EN = [
  'post-training lead',
  'research scientist',
  'head of inference',
  'agent researcher',
  'multimodal lead',
  'infrastructure chief',
  'senior engineer',
];
const ROLES_ZH = ['研究员', '大模型负责人', '算法专家', '多模态负责人', '推理基础设施负责人', '首席科学家'];

function pair() {
  const f = pick(NAMES);
  let t = pick(NAMES);
  while (t === f) t = pick(NAMES);
  return [f, t];
}
const en = (firm, desc) => (desc ? pick(FIRMS[firm].desc) : pick(FIRMS[firm].en));
const zh = (firm) => pick(FIRMS[firm].zh);
const cap = (s) => s[0].toUpperCase() + s.slice(1);

// Templates: (P person, F from form, T to form, R role, ...) → [title, summary]. `desc` uses descriptions for F and/or T.
const POS_EN = [
  [
    'verb',
    (p, f, t, r) => [`${f} ${r} ${p} joins ${t}`, `${p}, who worked on ${f}'s models for four years, has joined ${t} to build its next reasoning model.`],
  ],
  ['verb', (p, f, t, r) => [`${cap(t)} hires ${f}'s ${r} ${p}`, `${p} will lead model training at ${t} after six years at ${f}, the company said.`]],
  [
    'verb',
    (p, f, t) => [
      `${p} leaves ${f} for ${t}`,
      `The AI researcher confirmed the move in a post on Monday, saying ${t} offered more compute for agent research.`,
    ],
  ],
  ['verb', (p, f, t, r) => [`${cap(t)} poaches ${r} ${p} from ${f}`, `${p} is the latest AI researcher to switch sides in the race for model talent.`]],
  ['verb', (p, f, t, r) => [`Former ${f} ${r} ${p} lands at ${t}`, `${p} starts next month and will work on large language model agents.`]],
  [
    'verb',
    (p, f, t, r) => [
      `${cap(t)} taps ex-${f} ${r} ${p} to run its model team`,
      `The hire gives ${t} an experienced AI researcher as it builds out its foundation models.`,
    ],
  ],
  ['verb', (p, f, t) => [`${p} jumps from ${f} to ${t}`, `The machine learning researcher spent five years on ${f}'s large language models.`]],
  ['verb', (p, f, t) => [`${cap(t)} names ${p}, formerly of ${f}, chief AI scientist`, `${p} will oversee model research and the AI assistant roadmap.`]],
  [
    'verb',
    (p, f, t, r) => [`${cap(f)} loses ${r} ${p} to ${t}`, `The departure is another blow to ${f}'s AI research group, which has seen several exits this year.`],
  ],
  [
    'verb',
    (p, f, t) => [`After five years at ${f}, ${p} moves to ${t}`, `${p} helped train the AI models behind several products and will now lead an agent team.`],
  ],
  [
    'verb',
    (p, f, t, r) => [`${p} departs ${f} to head AI research at ${t}`, `The ${r} had been one of the most cited machine learning researchers in the group.`],
  ],
  ['verb', (p, f, t, r) => [`${cap(t)} brings on ${r} ${p} from rival ${f}`, `${p} will report to the head of AI and focus on model evaluation.`]],
  [
    'verb',
    (p, f, t, r) => [`${p} is ${t}'s newest AI hire`, `The ${r} spent four years at ${f} working on reinforcement learning before accepting the offer.`],
  ],
  [
    'summary',
    (p, f, t, r) => [
      `${cap(t)} adds a veteran AI researcher to its model team`,
      `${p}, a ${r} who spent seven years at ${f}, has joined ${t}, people familiar with the matter said.`,
    ],
  ],
  [
    'summary',
    (p, f, t) => [
      `Another AI researcher switches sides`,
      `${p} has quit ${f} and will start at ${t} in January, according to a memo seen by reporters. The researcher worked on LLM pre-training.`,
    ],
  ],
  ['return', (p, f, t) => [`${p} returns to ${t} after two years at ${f}`, `The AI researcher, who left ${t} in 2024, will lead a new model team there.`]],
  ['return', (p, f, t) => [`${p} rejoins ${t}, leaving ${f}`, `${p} is going back to the lab where the researcher trained its first large language models.`]],
  [
    'return',
    (p, f, t) => [`Boomerang hire: ${p} is back at ${t}`, `${p}, who left ${t} for ${f} in 2024, has returned to lead AI agent research, the company said.`],
  ],
  ['return', (p, f, t) => [`${cap(t)} welcomes back ${p} from ${f}`, `The AI researcher returns to the model team after a stint at ${f}.`]],
  [
    'return',
    (p, f, t) => [`${p} heads back to ${t} after a short stint at ${f}`, `The machine learning engineer rejoins the group that built its AI assistant.`],
  ],
  [
    'newco',
    (p, f, _t, r, n) => [`${p} leaves ${f} to found ${n}`, `The ${r} has left ${f} to co-found ${n}, a startup building AI agents for enterprises.`],
    'newco',
  ],
  [
    'newco',
    (p, f, _t, r, n) => [`${f} ${r} ${p} exits to launch AI startup ${n}`, `${p}'s new company, ${n}, has raised $30 million to build reasoning models.`],
    'newco',
  ],
  [
    'indirect',
    (p, f, t) => [
      `Why ${f}'s loss of ${p} to ${t} matters`,
      `Analysis: ${p} was one of the few AI researchers who understood the whole training stack, and ${t} now gets that knowledge.`,
    ],
  ],
  [
    'indirect',
    (p, f, t) => [
      `What ${p}'s exit from ${f} says about ${t}'s hiring push`,
      `${p} joined ${t} last week, the latest in a string of AI researchers lured with large pay packages.`,
    ],
  ],
  [
    'indirect',
    (p, f, t) => [
      `Former ${f} researcher ${p} turns up on a ${t} paper`,
      `A new ${t} technical report on LLM reasoning lists ${p}, who until recently worked at ${f}, among its authors.`,
    ],
  ],
  [
    'indirect',
    (p, f, t, _r, n) => [
      `AI startup ${n} winds down after its founders leave for ${t}`,
      `Co-founder ${p} and most of the team have joined ${t}, which is licensing the startup's models.`,
    ],
    'startup-from',
  ],
];
// Forms that use a description for the from or the to side.
const DESC_EN = [
  [
    'metonym',
    (p, f, t, r) => [
      `${cap(f)}'s ${r} ${p} defects to ${t}`,
      `${p} has accepted an offer to work on AI models at ${t}, according to two people familiar with the move.`,
    ],
  ],
  ['metonym', (p, f, t, r) => [`${cap(t)} lures ${r} ${p} away from ${f}`, `${p} spent years on large language models before the move.`]],
  ['metonym', (p, f, t) => [`From ${f} to ${t}: ${p} makes the jump`, `The AI researcher will build agent systems in the new job.`]],
];
const POS_ZH = [
  ['verb', (p, f, t, r) => [`${f}${r}${p}加盟${t}`, `${t}宣布，原${f}${r}${p}正式加盟，负责大模型的后训练工作。`]],
  ['verb', (p, f, t, r) => [`${p}转投${t}`, `${f}${r}${p}已经离职，转投${t}，将参与大模型研发。`]],
  ['verb', (p, f, t, r) => [`${t}挖来${f}${r}${p}`, `据知情人士透露，${p}将在${t}负责AI智能体方向的研究。`]],
  ['verb', (p, f, t, r) => [`前${f}${r}${p}出任${t}副总裁`, `${p}将负责${t}的大模型与AI应用。`]],
  ['verb', (p, f, t) => [`${p}入职${t}`, `此前在${f}负责大模型训练的${p}已正式入职${t}。`]],
  ['verb', (p, f, t, r) => [`${f}${r}${p}出走，加盟${t}`, `这是今年以来${f}大模型团队又一位核心成员离职。`]],
  ['verb', (p, f, t, r) => [`${p}履新${t}`, `原${f}${r}${p}近日履新${t}，担任AI实验室负责人。`]],
  ['verb', (p, f, t) => [`${p}从${f}跳槽至${t}`, `${p}在${f}工作五年，主导过多个大模型项目。`]],
  ['verb', (p, f, t, r) => [`${t}再添大将：前${f}${r}${p}加入`, `${p}将负责${t}大模型的强化学习方向。`]],
  ['verb', (p, f, t) => [`${f}又一核心成员出走：${p}投奔${t}`, `${p}此前是${f}大模型团队的骨干研究员。`]],
  ['summary', (p, f, t, r) => [`${t}大模型团队迎来新成员`, `记者获悉，${f}${r}${p}已离职并加入${t}，负责AI智能体研发。`]],
  ['return', (p, f, t) => [`${p}回归${t}`, `在${f}工作两年后，${p}回归老东家${t}，负责大模型研发。`]],
  ['return', (p, f, t) => [`${p}离开${f}，重返${t}`, `${p}曾在${t}参与大模型训练，两年前加入${f}。`]],
  ['newco', (p, f, _t, r, n) => [`${f}${r}${p}离职创业`, `${p}已从${f}离职，创立AI公司${n}，专注大模型智能体。`], 'newco-zh'],
];
const NEG_EN = [
  [
    'no-person',
    (_p, f, t) => [
      `${cap(t)} is hiring hundreds of AI researchers`,
      `The company is offering large pay packages to machine learning engineers from ${f} and other labs, a recruiter said.`,
    ],
  ],
  [
    'no-person',
    (_p, f, t) => [
      `${cap(t)} poaches three ${f} engineers for its AI lab`,
      `The unnamed researchers worked on large language models, people familiar with the matter said.`,
    ],
  ],
  [
    'denied',
    (p, f, t) => [`${cap(f)} denies report that ${p} is leaving for ${t}`, `A spokesperson said the AI researcher remains at ${f} and has no plans to move.`],
  ],
  ['denied', (p, f, t) => [`${p} says the rumours are false: "I am staying at ${f}"`, `Reports last week said ${t} had made the AI researcher an offer.`]],
  [
    'not-moving',
    (p, f, t) => [
      `${p} of ${f} on why AI agents are harder than they look`,
      `In an interview, the AI researcher compared ${f}'s model to ${t}'s latest release.`,
    ],
  ],
  ['not-moving', (p, f) => [`${f} promotes ${p} to chief AI scientist`, `${p}, who has led model training at ${f} since 2021, takes the new role in January.`]],
  [
    'not-moving',
    (p, f, t) => [`${f} and ${t} sign an AI model licensing deal`, `${p}, ${f}'s head of partnerships, said the LLM deal would run for three years.`],
  ],
];
const NEG_ZH = [
  ['no-person', (_p, f, t) => [`${t}大举招聘AI人才`, `${t}开出高薪，从${f}等公司招募大模型研究员。`]],
  ['denied', (p, f) => [`${f}否认${p}离职传闻`, `${f}回应称，${p}仍在公司负责大模型研发，网传离职消息不实。`]],
  ['not-moving', (p, f) => [`${f}研究员${p}发布新一代大模型`, `${p}在发布会上介绍了模型的推理能力。`]],
  ['not-moving', (p, f) => [`${p}升任${f}首席科学家`, `${p}此前在${f}负责大模型训练。`]],
];

const rows = [];
let n = 0;
// "Former the iPhone maker lead" → "Former iPhone maker lead": descriptions after a prefix drop their article.
const tidy = (s) =>
  s
    .replace(/\b(Former|former|ex-|rival|at|from|to|for|on|of|left|quit|leaves|departs|joined|joins|loses|from rival) the ([A-Z]?[a-z])/g, (m, a, b) =>
      /^(?:Former|former|ex-|rival)$/.test(a) ? `${a} ${b}` : m,
    )
    .replace(/ex- /g, 'ex-');
const push = (lang, pattern, title, summary, move) =>
  rows.push({
    id: `m${String(++n).padStart(3, '0')}`,
    source: 'move-cases',
    lang,
    pattern,
    title: tidy(title),
    summary: tidy(summary),
    link: '',
    published: '2026-11-30T00:00:00Z',
    labels: { topics: move ? ['talent'] : [], firms: [], cluster: null, move },
  });

for (const [pattern, tpl, kind] of POS_EN) {
  for (let i = 0; i < 5; i++) {
    const p = pick(EN_PEOPLE);
    const [f, t] = pair();
    const newco = pick(NEWCO_EN);
    // The 4th and 5th fillings name a side by its description ("the iPhone maker", "Mountain View").
    const [title, summary] = tpl(p, en(f, i === 3), en(t, i === 4), pick(ROLES_EN), newco);
    const move =
      kind === 'newco' ? { person: p, from: f, to: newco } : kind === 'startup-from' ? { person: p, from: newco, to: t } : { person: p, from: f, to: t };
    push('en', i >= 3 ? `${pattern}+desc` : pattern, title, summary, move);
  }
}
for (const [pattern, tpl] of DESC_EN) {
  for (let i = 0; i < 8; i++) {
    const p = pick(EN_PEOPLE);
    const [f, t] = pair();
    const [title, summary] = tpl(p, en(f, i % 2 === 0), en(t, i % 2 === 1), pick(ROLES_EN));
    push('en', pattern, title, summary, { person: p, from: f, to: t });
  }
}
for (const [pattern, tpl, kind] of POS_ZH) {
  for (let i = 0; i < 6; i++) {
    const p = i === 5 ? pick(EN_PEOPLE.slice(0, 12)) : pick(ZH_PEOPLE);
    const [f, t] = pair();
    const [newco, newcoLabel] = pick(NEWCO_ZH);
    const [title, summary] = tpl(p, zh(f), zh(t), pick(ROLES_ZH), newco);
    push('zh', pattern, title, summary, kind === 'newco-zh' ? { person: p, from: f, to: newcoLabel } : { person: p, from: f, to: t });
  }
}
for (const [pattern, tpl] of NEG_EN) {
  for (let i = 0; i < 5; i++) {
    const [f, t] = pair();
    const [title, summary] = tpl(pick(EN_PEOPLE), en(f, i % 3 === 2), en(t, false));
    push('en', `neg:${pattern}`, title, summary, null);
  }
}
for (const [pattern, tpl] of NEG_ZH) {
  for (let i = 0; i < 5; i++) {
    const [f, t] = pair();
    const [title, summary] = tpl(pick(ZH_PEOPLE), zh(f), zh(t));
    push('zh', `neg:${pattern}`, title, summary, null);
  }
}
process.stdout.write(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
