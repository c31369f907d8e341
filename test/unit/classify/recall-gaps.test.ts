import { describe, expect, it } from 'vitest';
import { classify } from './helpers.js';

// Recall gaps found on a blind set (test/fixtures/dedupe-blind-c.jsonl), written here as new items
// (not the blind set's lines), each gap with near-miss negatives that must stay irrelevant.
// Each case: [topics it must have (empty = irrelevant), title, summary].
type Case = [string[], string, string];

const founders: Case[] = [
  [
    ['talent'],
    'Ex-ByteDance Seed researchers raise $15 million for video model startup',
    'Loomway, started last year by former ByteDance researchers Han Qiu and Ma Lin, closed a seed round led by Sequoia China. It builds video-generation models for advertisers.',
  ],
  [
    ['talent'],
    "Former Anthropic engineer's coding-agent startup lands $40 million",
    "Brightwater, founded by Priya Natarajan, who worked on Claude's coding tools at Anthropic, raised a Series A led by Index Ventures to build AI agents that review code.",
  ],
  [
    ['talent'],
    '前字节跳动豆包算法负责人创办的星河智能完成3亿元A轮融资',
    '36氪获悉，由前字节跳动豆包大模型算法负责人陈默创办的星河智能完成3亿元A轮融资，公司研发面向企业客服的智能体。',
  ],
  [
    ['talent'],
    '前百度文心工程师团队创业，新公司获数千万元天使轮融资',
    '多名前百度文心大模型工程师联合创办的知行智能近日获得数千万元天使轮融资，专注代码大模型。',
  ],
  // Hard negatives: a funding round with no lab-alumni angle, an AI lab's own round, an alumnus's non-AI company.
  [
    [],
    'AI chip startup raises $100 million in Series B',
    'Founded in 2021, the Austin company designs inference chips for data centres and will use the money to hire sales staff.',
  ],
  [
    [],
    'StepFun, founded by former Microsoft executive Jiang Daxin, raises $500 million',
    'The Shanghai AI lab said the round values it at about $5 billion and will fund model training.',
  ],
  [[], '具身智能公司银河通用完成新一轮融资', '本轮融资由高瓴领投，公司成立于2023年，研发通用人形机器人。'],
  [
    [],
    'Meal-kit startup founded by former Goldman Sachs banker raises $12 million',
    'Freshbox, started by a former Goldman Sachs banker, will expand its delivery service to three more cities.',
  ],
  [[], '前阿里高管创办的咖啡品牌完成5000万元融资', '由前阿里巴巴高管李某创办的咖啡品牌完成5000万元A轮融资，将在上海新开50家门店。'],
];

const features: Case[] = [
  [
    ['superapp'],
    'Alipay now translates restaurant menus for foreign tourists',
    'Visitors pointing Alipay at a paper menu see it translated into 16 languages, Ant Group said.',
  ],
  [
    ['superapp'],
    'KakaoTalk lets users clone their voice to read messages aloud',
    'The messenger can now read incoming chats in a synthetic copy of the sender’s voice, Kakao said.',
  ],
  [
    ['superapp'],
    "Meituan's new group-dinner bot books tables for the whole office",
    'Users tag the bot in a group chat and it collects everyone’s preferences and reserves a restaurant.',
  ],
  [['superapp'], '抖音上线AI分身功能，达人可用数字分身回复粉丝私信', '抖音向部分创作者开放AI分身，分身可模仿达人语气回复粉丝，并推荐橱窗商品。'],
  [['superapp'], '支付宝上线实时翻译，境外游客扫码点餐看懂菜单', '支付宝新版本支持拍照翻译菜单，覆盖16种语言，主要面向入境游客。'],
  [['superapp'], '淘宝推出AI试穿，覆盖千万件服装商品', '用户上传全身照即可查看衣服上身效果，淘宝称该功能有望降低服装退货率。'],
  // Hard negatives: a non-AI feature in a super-app, a feature word outside any super-app.
  [[], 'WeChat adds dark mode to its Windows app', 'The desktop update also lets users resize windows and change the font size, Tencent said.'],
  [[], '微信更新：朋友圈支持修改可见范围', '微信新版本允许用户在发布朋友圈后修改可见范围。'],
  [[], 'WeChat bans 20,000 bot accounts used for spam', 'Tencent said the accounts sent scam links to users.'],
  [[], 'Duolingo adds AI video calls for translation practice', 'Learners can talk to an animated character that corrects their grammar in real time.'],
  [[], 'Uniqlo stores add virtual try-on mirrors', 'Shoppers can see outfits on a screen without using the fitting room, the retailer said.'],
];

const acquisitions: Case[] = [
  [
    ['talent'],
    'Anthropic buys a 12-person code-review startup',
    'Anthropic has acquired Lintwise, whose engineers will join the Claude Code group, the company said.',
  ],
  [['talent'], '月之暗面收购AI搜索创业公司，团队整体加入Kimi', '知情人士称，月之暗面已完成对一家AI搜索创业公司的收购，其十余人团队将整体加入Kimi搜索组。'],
  [[], 'Grab acquires a stake in an Indonesian digital bank', 'The deal gives the ride-hailing firm a 20% stake and a seat on the bank’s board.'],
  [[], 'TikTok owner ByteDance buys a stake in a Shanghai robotics startup', 'The team of 40 builds humanoid robots.'],
  [[], '腾讯收购某AI公司10%股份', '该公司团队约40人，研发大模型。'],
  [[], 'Tencent buys a 60-person game studio in Finland', 'The studio’s team will keep making mobile puzzle games under its own brand.'],
];

const appointments: Case[] = [
  [['talent'], 'MiniMax任命前腾讯混元负责人李建为首席科学家', '界面新闻获悉，MiniMax近日任命前腾讯混元大模型技术负责人李建为首席科学家，负责基础模型研发。'],
  [
    ['talent'],
    'StepFun appoints former Qwen lead Zhang Wei as chief technology officer',
    'Zhang, who led post-training for Alibaba’s Qwen models, will oversee StepFun’s model research.',
  ],
  [
    [],
    'Carmaker appoints former Ford executive as chief technology officer',
    'The company said the new CTO will oversee its engine plants and supplier network.',
  ],
  [[], '连锁超市任命前沃尔玛高管王强为首席技术官', '该超市集团称，王强将负责门店数字化和供应链系统。'],
  [[], '华为内部任命：盘古团队负责人王云鹤为昇腾生态负责人', '华为内部发文，盘古团队负责人王云鹤兼任昇腾生态负责人，原职务不变。'],
];

const visas: Case[] = [
  [
    ['talent'],
    "Singapore's ONE Pass approvals for AI specialists double",
    'The Ministry of Manpower said more machine-learning researchers and AI founders received the five-year pass this year.',
  ],
  [['talent'], 'K签证首批获批者中，人工智能领域青年科技人才占四成', '有关部门表示，K签证申请者多来自海外高校，人工智能和集成电路专业最多。'],
  [[], 'Thailand extends visa-free stays for Chinese tourists to 60 days', 'Hotels in Bangkok and Phuket expect more bookings during the holiday season.'],
  [[], '日本放宽中国游客签证，旅游平台搜索量大增', '多家在线旅游平台显示，赴日机票和酒店搜索量一周内上涨三成。'],
];

const reversals: Case[] = [
  [
    ['talent'],
    "Google DeepMind researcher turns down xAI's $80 million offer",
    "Tomás Rivera, who leads a Gemini reasoning team, declined xAI's package after Google matched it with a counteroffer, people familiar said.",
  ],
  [['talent'], '反转：DeepSeek研究员拒绝字节offer，决定留在DeepSeek', '此前传出将加盟字节Seed的DeepSeek研究员宣布留下，据悉DeepSeek给出了反报价。'],
  [[], 'Meta AI researcher declined to comment on report of xAI offer', 'People familiar said the AI researcher was weighing the offer.'],
  [
    [],
    "EU regulators reject Meta's offer to change its ad model",
    "The Commission said Meta's offer did not address concerns about how its AI systems use personal data, an official said.",
  ],
  [[], "Shareholders turn down Tesla's pay package for Musk", 'Investors voted against the award at the annual meeting, a rare defeat for the board.'],
];

const hiring: Case[] = [
  [
    ['talent'],
    'Anthropic to open Bengaluru research office with initial team of 50',
    'The office will focus on AI safety research and Indian languages, the company said.',
  ],
  [['talent'], '月之暗面在新加坡设立研究中心，计划招聘100名工程师', '月之暗面表示，新加坡研究中心将专注多语种大模型研发。'],
  [[], 'Alibaba Cloud opens third data center in Mexico', 'The facility will serve retailers and banks in Latin America, the company said.'],
  [[], 'Meituan to hire 10,000 riders for AI-dispatched delivery', 'The company said its dispatch algorithm will route the new riders.'],
  [[], 'Nvidia opens Taipei office', 'The AI chip giant said the office will host customer support.'],
  [[], 'Amazon to hire 250,000 seasonal warehouse workers', 'The retailer said pay for the holiday season would start at $19 an hour.'],
  [[], 'A paper by 30 researchers at Google DeepMind maps reasoning failures', 'The study tested 12 AI models on puzzles and found consistent errors.'],
];

describe('recall gaps (own cases)', () => {
  const all: Array<[string, Case]> = [
    ...founders.map((c) => ['founder exits', c] as [string, Case]),
    ...features.map((c) => ['super-app features', c] as [string, Case]),
    ...acquisitions.map((c) => ['small teams bought', c] as [string, Case]),
    ...appointments.map((c) => ['appointments', c] as [string, Case]),
    ...visas.map((c) => ['talent visas', c] as [string, Case]),
    ...reversals.map((c) => ['poaching turned down', c] as [string, Case]),
    ...hiring.map((c) => ['hiring at scale', c] as [string, Case]),
  ];
  it.each(all)('%s: %j', (_gap, [topics, title, summary]) => {
    const a = classify(title, summary);
    expect(a.topics, a.why.join(' | ')).toEqual(topics);
    expect(a.relevant).toBe(topics.length > 0);
  });

  it('an appointment names the person and both firms', () => {
    const a = classify(
      'MiniMax任命前腾讯混元负责人李建为首席科学家',
      '界面新闻获悉，MiniMax近日任命前腾讯混元大模型技术负责人李建为首席科学家，负责基础模型研发。',
    );
    expect(a.moves[0]).toMatchObject({ person: '李建', from: 'Tencent', to: 'MiniMax' });
  });
});
