// The event checks behind the near-duplicate decision, on invented items: places that nest, whose
// policy a visa story is about, two people's stories, founding exits told in two scripts, numbers
// written "$2.4B", honorifics, and a talent story next to a product story about one firm.
import { describe, expect, it } from 'vitest';
import { createMatcher, explainMatch, fingerprint, personKey } from '../../../src/pipeline/dedupe/index.js';
import { chineseNumbers, englishNumbers } from '../../../src/pipeline/dedupe/numbers.js';
import { extractFeatures } from '../../../src/pipeline/dedupe/features.js';
import type { Assessment, Item, Move } from '../../../src/types.js';
import { item } from './fixtures.js';
import { engine } from '../classify/helpers.js';

const T = Date.parse('2026-05-04T08:00:00Z');
const at = (h: number) => new Date(T + h * 3600_000).toISOString();
const policy = (firms: string[] = []): Assessment => ({ relevant: true, topics: ['talent'], score: 0.9, firms, moves: [], why: [], summary: '' });
const talent = (firms: string[], move?: Move): Assessment => ({
  relevant: true,
  topics: ['talent'],
  score: 0.9,
  firms,
  moves: move ? [move] : [],
  why: [],
  summary: '',
});
const product = (firms: string[]): Assessment => ({ relevant: true, topics: ['superapp'], score: 0.9, firms, moves: [], why: [], summary: '' });
const verdict = (a: [Item, Assessment], b: [Item, Assessment]) => explainMatch(fingerprint(...b).data, fingerprint(...a).data);

describe('places', () => {
  const japanVisa: [Item, Assessment] = [
    item({
      title: 'Japan widens its fast-track visa to AI engineers',
      summary: 'Engineers earning over 10 million yen qualify for a one-year path to residency.',
      published: at(0),
    }),
    policy(),
  ];
  it('a city lies in its country: Tokyo and Japan can be one story', () => {
    const tokyo: [Item, Assessment] = [
      item({
        title: 'Tokyo courts foreign AI engineers with a one-year visa path',
        summary: 'Engineers earning over 10 million yen qualify for residency in a year.',
        published: at(3),
      }),
      policy(),
    ];
    expect(verdict(japanVisa, tokyo).reason).not.toBe('different-place');
  });
  it('two cities of one country are two places', () => {
    const a: [Item, Assessment] = [item({ title: 'Hangzhou offers AI teams subsidies of up to 100 million yuan', published: at(0) }), policy()];
    const b: [Item, Assessment] = [item({ title: 'Suzhou offers AI teams subsidies of up to 100 million yuan', published: at(1) }), policy()];
    expect(verdict(a, b)).toMatchObject({ duplicate: false, reason: 'different-place' });
  });
  it('a policy story is about the place its headline names first', () => {
    const us: [Item, Assessment] = [
      item({
        title: 'U.S. pauses some student visa interviews for Chinese applicants',
        summary: 'Consulates halted interviews in science fields.',
        published: at(0),
      }),
      policy(),
    ];
    const china: [Item, Assessment] = [
      item({ title: 'China eases visa rules for foreign science graduates', summary: 'Applicants no longer need an invitation letter.', published: at(2) }),
      policy(),
    ];
    expect(verdict(us, china)).toMatchObject({ duplicate: false, reason: 'different-place' });
    const canada: [Item, Assessment] = [item({ title: 'Canada opens fast-track work permits for U.S. H-1B holders in AI', published: at(1) }), policy()];
    const h1b: [Item, Assessment] = [item({ title: 'What the new H-1B rules mean for AI engineers hoping to work in the US', published: at(2) }), policy()];
    expect(verdict(canada, h1b)).toMatchObject({ duplicate: false, reason: 'different-place' });
  });
});

describe('people and moves', () => {
  const first: Move = { person: 'Ines Castellano', from: 'OpenAI', to: 'Meta' };
  const second: Move = { person: 'Tomas Varga', from: 'OpenAI', to: 'Meta' };
  it('a second hire that names the first is another story', () => {
    const a: [Item, Assessment] = [
      item({ title: 'Meta poaches OpenAI inference lead Ines Castellano', summary: 'Castellano will join Meta’s superintelligence lab.', published: at(0) }),
      talent(['Meta', 'OpenAI'], first),
    ];
    const b: [Item, Assessment] = [
      item({
        title: 'Meta hires a second OpenAI researcher in a week',
        summary: 'Tomas Varga follows Ines Castellano from OpenAI to Meta’s superintelligence lab.',
        published: at(20),
      }),
      talent(['Meta', 'OpenAI'], second),
    ];
    expect(verdict(a, b)).toMatchObject({ duplicate: false, reason: 'different-person' });
  });
  it("a group following a person is another event, even when its coverage gives the person's move", () => {
    const lead: [Item, Assessment] = [
      item({ title: 'Kling lead Wan Ziqian leaves Kuaishou to join Loomframe', summary: 'Wan Ziqian joins Loomframe.', published: at(0) }),
      talent(['Kuaishou'], { person: 'Wan Ziqian', from: 'Kuaishou', to: 'Loomframe' }),
    ];
    const group: [Item, Assessment] = [
      item({ title: '可灵再有三名核心成员离职，追随万子谦加入Loomframe', summary: '三名成员追随万子谦从快手加入Loomframe。', lang: 'zh', published: at(20) }),
      talent(['Kuaishou'], { person: '万子谦', from: 'Kuaishou', to: 'Loomframe' }),
    ];
    expect(verdict(lead, group)).toMatchObject({ duplicate: false, reason: 'different-move' });
  });
  it('honorifics are not part of a name', () => {
    expect(personKey('Mr Rizal Pratama')).toBe(personKey('Rizal Pratama'));
    expect(personKey('Dr. Chen Wei')).toBe(personKey('Wei Chen'));
  });
  it('a founding exit told in two scripts is one move, whatever each calls the new company', () => {
    const zh: [Item, Assessment] = [
      item({ title: '字节视觉生成负责人刘欣悦离职创业', summary: '刘欣悦已从字节跳动离职，创办织构智能。', lang: 'zh', published: at(0) }),
      talent(['ByteDance'], { person: '刘欣悦', from: 'ByteDance', to: '织构智能' }),
    ];
    const en: [Item, Assessment] = [
      item({
        title: 'ByteDance video-generation lead Liu Xinyue departs to start Textura AI',
        summary: 'Liu has left ByteDance to found Textura AI.',
        published: at(5),
      }),
      talent(['ByteDance'], { person: 'Liu Xinyue', from: 'ByteDance', to: 'Textura AI' }),
    ];
    expect(verdict(zh, en)).toMatchObject({ duplicate: true, reason: 'same-person' });
  });
  it('"leaves to start a company" is a founding exit, so it is not the same event as a move to a firm', () => {
    const f = extractFeatures(item({ title: 'Kling lead leaves Kuaishou to start a video-AI company', published: at(0) }), talent(['Kuaishou']));
    expect(f.tc).toContain('found');
  });
});

describe('numbers and kinds', () => {
  it('"$2.4B" is 2.4 billion, and H-1B is no number', () => {
    const out = new Set<string>();
    englishNumbers('Google takes a $2.4B license; H-1B holders; a $500M round; 3.1bn yuan', out);
    expect([...out].sort()).toEqual(['2400000000', '3100000000', '500000000']);
    const zh = new Set<string>();
    chineseNumbers('谷歌斥资24亿美元', zh);
    expect([...zh]).toContain('2400000000');
  });
  it('an ordinal is not a headcount: 第二位 is "the second"', () => {
    const f = extractFeatures(item({ title: '一周内第二位：OpenAI研究员转投Meta', lang: 'zh', published: at(0) }), talent(['OpenAI', 'Meta']));
    expect(f.k).toBe(0);
    const g = extractFeatures(item({ title: '三位OpenAI研究员转投Meta', lang: 'zh', published: at(0) }), talent(['OpenAI', 'Meta']));
    expect(g.k).toBe(1);
  });
  it('a hiring story and a product story about one firm are two events', () => {
    const hire: [Item, Assessment] = [
      item({ title: 'LY Corp to hire 200 AI engineers in Japan', summary: 'LINE’s parent is hiring for its AI agent.', published: at(0) }),
      talent(['LY Corp']),
    ];
    const launch: [Item, Assessment] = [
      item({ title: 'LY Corp puts an AI agent in LINE that shops for you', summary: 'LINE’s parent launches its AI agent in Japan.', published: at(1) }),
      product(['LY Corp']),
    ];
    expect(verdict(hire, launch)).toMatchObject({ duplicate: false, reason: 'different-topic' });
  });
  it('a pay story and a city policy are different kinds of event', () => {
    const pay: [Item, Assessment] = [
      item({
        title: '华为“天才少年”年薪上限提至300万元',
        summary: '华为将“天才少年”计划最高档年薪上调至300万元，面向AI方向顶尖应届博士。',
        lang: 'zh',
        published: at(0),
      }),
      talent(['Huawei']),
    ];
    const city: [Item, Assessment] = [
      item({
        title: '苏州出台AI人才新政，最高奖励300万元',
        summary: '苏州市发布人工智能人才专项政策，对引进的顶尖AI人才给予最高300万元安家奖励。',
        lang: 'zh',
        published: at(1),
      }),
      policy(),
    ];
    expect(verdict(pay, city)).toMatchObject({ duplicate: false, reason: 'different-action' });
  });
  it('"golden handcuffs" (金手铐) is retention pay, so it retells a retention grant rather than a poaching story', () => {
    const grant: [Item, Assessment] = [
      item({
        title: '阿里向千问核心成员发放专项留任股票',
        summary: '阿里巴巴近期向千问团队数十名核心研发人员发放限制性股票，分三年归属。',
        lang: 'zh',
        published: at(0),
      }),
      talent(['Alibaba']),
    ];
    const handcuffs: [Item, Assessment] = [
      item({ title: '千问团队屡遭挖角，阿里祭出金手铐', summary: '千问团队核心成员已收到专项股票奖励，分三年归属。', lang: 'zh', published: at(5) }),
      talent(['Alibaba']),
    ];
    expect(verdict(grant, handcuffs).reason).not.toBe('different-action');
  });
  it('a product that "moves into" chats is a launch, not a person\'s move', () => {
    const launch: [Item, Assessment] = [
      item({
        title: 'X launches XChat with Grok summaries and in-chat payments',
        summary: 'X users can ask Grok to summarize threads and pay with X Money.',
        published: at(0),
      }),
      product(['X', 'xAI']),
    ];
    const moves: [Item, Assessment] = [
      item({
        title: 'Grok moves into your DMs, with a wallet attached',
        summary: 'X’s rebuilt messaging app lets Grok summarize threads and pay with X Money.',
        published: at(4),
      }),
      product(['X', 'xAI']),
    ];
    expect(verdict(launch, moves).reason).not.toBe('different-action');
  });
  it('job matching and a budgeting assistant in one super app are two features', () => {
    const jobs: [Item, Assessment] = [item({ title: 'X adds Grok-powered job matching to its app', published: at(0) }), product(['X', 'xAI'])];
    const budget: [Item, Assessment] = [item({ title: 'X Money adds a Grok budgeting assistant', published: at(20) }), product(['X', 'xAI'])];
    expect(verdict(jobs, budget)).toMatchObject({ duplicate: false, reason: 'different-service' });
  });
  it("a city's programme to keep researchers is a policy, not a firm's retention pay", () => {
    const firm: [Item, Assessment] = [
      item({
        title: 'Apple offers retention bonuses to keep AI engineers from Meta',
        summary: 'Apple gave stock grants to AI researchers after departures.',
        published: at(0),
      }),
      talent(['Apple', 'Meta']),
    ];
    const city: [Item, Assessment] = [
      item({
        title: 'Seoul launches program to stop AI brain drain with grants and housing',
        summary: 'The city will fund AI researcher posts and housing.',
        published: at(30),
      }),
      policy(),
    ];
    expect(verdict(firm, city)).toMatchObject({ duplicate: false, reason: 'different-action' });
  });
  it('two super-app operators outside the reported list are two firms (orgs), even with the same words', () => {
    const { classifier } = engine();
    const classified = (title: string, summary: string, h: number): [Item, Assessment] => {
      const it = item({ title, summary, published: at(h) });
      return [it, classifier.classify(it)];
    };
    const zalo = classified(
      "Zalo's new AI assistant pays your bills inside the messenger",
      'Zalo users in Vietnam can now ask an AI assistant to pay electricity bills, book clinic visits and track spending inside the app.',
      0,
    );
    const momo = classified(
      "Vietnam's MoMo adds an AI assistant that pays your bills",
      'MoMo users in Vietnam can now ask an AI assistant to pay electricity bills, track spending and buy insurance inside the app.',
      20,
    );
    expect(zalo[1].firms).toEqual([]);
    expect(zalo[1].orgs).toEqual(['Zalo']);
    expect(momo[1].orgs).toEqual(['MoMo']);
    expect(verdict(zalo, momo)).toMatchObject({ duplicate: false, reason: 'different-firms' });
  });
  it("the same person's move and the pay it came with are one event; two firms' stock grants are two", () => {
    const mover: Move = { person: 'Elena Varga', from: 'OpenAI', to: 'Meta' };
    const joins: [Item, Assessment] = [
      item({
        title: 'OpenAI post-training lead Elena Varga joins Meta',
        summary: 'Elena Varga led post-training for reasoning models at OpenAI.',
        published: at(0),
      }),
      talent(['OpenAI', 'Meta'], mover),
    ];
    const pay: [Item, Assessment] = [
      item({
        title: 'Meta’s hiring list grows by one, with a four-year package over $100 million',
        summary: 'Elena Varga, who led post-training at OpenAI, joins Meta with a package worth more than $100 million.',
        published: at(6),
      }),
      talent(['Meta', 'OpenAI'], mover),
    ];
    expect(verdict(joins, pay)).toMatchObject({ duplicate: true, reason: 'same-person' });
    const openai: [Item, Assessment] = [
      item({
        title: 'OpenAI offers staff special stock awards to stem defections',
        summary: 'OpenAI is giving equity awards after departures to Meta and Google.',
        published: at(0),
      }),
      talent(['OpenAI', 'Meta', 'Google']),
    ];
    const google: [Item, Assessment] = [
      item({
        title: 'Google speeds up stock vesting for DeepMind researchers',
        summary: 'Google is granting extra stock after losing researchers to OpenAI and Meta.',
        published: at(20),
      }),
      talent(['Google', 'OpenAI', 'Meta']),
    ];
    expect(verdict(openai, google)).toMatchObject({ duplicate: false, reason: 'different-subject' });
  });
  it('分账 is a bill feature: AI bill-splitting is not the AI trip planner of the same app', () => {
    const trip: [Item, Assessment] = [
      item({
        title: '支付宝上线AI出行规划师，一句话订好机票酒店',
        summary: '支付宝上线AI出行规划功能，智能体可生成行程并完成预订与支付。',
        lang: 'zh',
        published: at(0),
      }),
      product(['Ant Group']),
    ];
    const split: [Item, Assessment] = [
      item({
        title: '支付宝上线AI分账：拍小票自动算好每人该付多少',
        summary: '支付宝上线AI分账功能，识别小票后按人头分摊，并向好友发起收款。',
        lang: 'zh',
        published: at(30),
      }),
      product(['Ant Group']),
    ];
    expect(verdict(trip, split)).toMatchObject({ duplicate: false, reason: 'different-service' });
  });
  it("in a talent story a housing subsidy and a tax rebate can be one city's package", () => {
    const subsidy: [Item, Assessment] = [
      item({
        title: '杭州发布AI人才新政：顶尖人才最高给予1000万元购房补贴',
        summary: '杭州市发布人工智能人才新政，对顶尖人才给予购房补贴和个税返还。',
        lang: 'zh',
        published: at(0),
      }),
      policy(),
    ];
    const tax: [Item, Assessment] = [
      item({
        title: '杭州“抢人”再加码，大模型工程师可享个税返还',
        summary: '杭州人工智能人才新政明确，大模型工程师可享个税返还，顶尖人才另有购房补贴。',
        lang: 'zh',
        published: at(8),
      }),
      policy(),
    ];
    expect(verdict(subsidy, tax).reason).not.toBe('different-service');
  });
  it('"crosses to a rival" is a move, not a milestone; a Paris lab lies in Europe', () => {
    const mover: Move = { person: 'Yoon Seo-yeon', from: 'Kakao', to: 'LY Corp' };
    const hires: [Item, Assessment] = [
      item({
        title: "LY Corp hires KakaoTalk's AI tab chief to build LINE's agent",
        summary: 'Yoon Seo-yeon has joined LY Corp from Kakao.',
        published: at(0),
      }),
      talent(['LY Corp', 'Kakao'], mover),
    ];
    const crosses: [Item, Assessment] = [
      item({
        title: "Kakao's AI tab architect crosses to rival LINE operator",
        summary: "Yoon Seo-yeon's move to LY Corp comes as both messengers race.",
        published: at(8),
      }),
      talent(['Kakao', 'LY Corp'], mover),
    ];
    expect(verdict(hires, crosses)).toMatchObject({ duplicate: true, reason: 'same-person' });
    const paris: Move = { person: 'Élodie Marchetti', from: 'Mistral AI', to: 'Apple' };
    const lab: [Item, Assessment] = [
      item({
        title: 'Apple hires Mistral AI co-lead Élodie Marchetti to run a new Paris lab',
        summary: 'Élodie Marchetti will head Apple’s new office in Paris.',
        published: at(0),
      }),
      talent(['Apple'], paris),
    ];
    const europe: [Item, Assessment] = [
      item({
        title: "Mistral AI's post-training co-lead leaves for Apple as Europe's talent war spreads",
        summary: 'Élodie Marchetti is the most senior departure from Mistral AI this year.',
        published: at(20),
      }),
      talent(['Apple'], paris),
    ];
    expect(verdict(lab, europe)).toMatchObject({ duplicate: true, reason: 'same-person' });
  });
  it('a group-chat summary feature and in-chat train booking are two features', () => {
    const a: [Item, Assessment] = [item({ title: 'KakaoTalk adds AI summaries for unread group chats', published: at(0) }), product(['Kakao'])];
    const b: [Item, Assessment] = [item({ title: 'KakaoTalk’s AI can now book train tickets inside a chat', published: at(2) }), product(['Kakao'])];
    expect(verdict(a, b)).toMatchObject({ duplicate: false, reason: 'different-service' });
  });
});

describe('candidates and the clear best', () => {
  it('buckets take the headline concepts first: two firmless visa stories meet', () => {
    const a = fingerprint(
      item({
        title: 'Seoul opens a fast visa for AI researchers',
        summary: 'Alignment and chip engineers, founders of startups and their children qualify.',
        published: at(0),
      }),
      policy(),
    );
    const b = fingerprint(item({ title: 'Korea launches AI visa route', summary: 'Researchers get residency in weeks.', published: at(2) }), policy());
    expect(a.buckets.some((k) => k.startsWith('c:visa@'))).toBe(true);
    const bb = new Set(b.buckets);
    expect(a.buckets.some((k) => bb.has(k))).toBe(true);
  });
  it('"pay" is salary when it is what people earn, not when they pay with an app', () => {
    const t = (title: string) => extractFeatures(item({ title, published: at(0) }), talent([])).tc;
    expect(t('PDD offers fresh AI graduates pay above 1 million yuan')).toContain('salary');
    expect(t('DeepSeek raises researcher pay by half')).toContain('salary');
    expect(t('WeChat lets users pay bills inside a chat')).not.toContain('salary');
  });
  it('a runner-up that retells the best is no rival', () => {
    const summary = 'Kakao users can now chat with ChatGPT inside KakaoTalk without leaving the messenger, under the OpenAI partnership.';
    const first = fingerprint(item({ title: 'Kakao embeds ChatGPT directly into KakaoTalk', summary, published: at(0) }), product(['Kakao', 'OpenAI']));
    // A copy of the first, posted on its own (say before the first's other coverage arrived).
    const copy = fingerprint(item({ title: 'Kakao embeds ChatGPT directly into KakaoTalk chats', summary, published: at(1) }), product(['Kakao', 'OpenAI']));
    const incoming = fingerprint(
      item({
        title: 'KakaoTalk now lets users talk to ChatGPT in the messenger',
        summary: 'OpenAI’s ChatGPT is built into KakaoTalk chats through the Kakao partnership, so users need not leave the messenger.',
        published: at(3),
      }),
      product(['Kakao', 'OpenAI']),
    );
    const pool = [first.data, copy.data];
    expect(explainMatch(copy.data, first.data).duplicate).toBe(true);
    const matcher = createMatcher();
    expect(matcher(incoming.data, first.data, pool) || matcher(incoming.data, copy.data, pool)).toBe(true);
  });
});

describe('the event, not its neighbours (second pass)', () => {
  const rao: Move = { person: 'Mira Castell', from: 'Google DeepMind', to: 'xAI' };
  it('a move called off is another event than the move, even when its coverage gives the move', () => {
    const hire: [Item, Assessment] = [
      item({
        title: 'xAI lures DeepMind researcher Mira Castell with a $90 million offer',
        summary: 'Mira Castell is joining xAI, people said.',
        published: at(0),
      }),
      talent(['xAI', 'Google DeepMind'], rao),
    ];
    const stays: [Item, Assessment] = [
      item({
        title: 'Mira Castell reverses course and stays at DeepMind after a counteroffer',
        summary: 'Days after reports she would join xAI, she said she will remain.',
        published: at(2),
      }),
      talent(['Google DeepMind', 'xAI'], rao),
    ];
    expect(verdict(hire, stays)).toMatchObject({ duplicate: false, reason: 'different-move' });
  });
  it('a headline that names the person only in its summary tells its own kind of event', () => {
    const move: Move = { person: 'Lin Qiao', from: 'Moonshot AI', to: 'ByteDance' };
    const joins: [Item, Assessment] = [
      item({ title: 'Moonshot AI co-founder Lin Qiao joins ByteDance', summary: 'Lin Qiao will run long-context research at ByteDance.', published: at(0) }),
      talent(['Moonshot AI', 'ByteDance'], move),
    ];
    const equity: [Item, Assessment] = [
      item({
        title: 'Moonshot AI raises option grants to keep its engineers',
        summary: 'The grants follow co-founder Lin Qiao leaving for ByteDance.',
        published: at(3),
      }),
      talent(['Moonshot AI', 'ByteDance'], move),
    ];
    expect(verdict(joins, equity)).toMatchObject({ duplicate: false, reason: 'different-action' });
  });
  it('two AI products launched in one app are two launches; in a talent story a product only describes', () => {
    const a: [Item, Assessment] = [item({ title: 'KakaoTalk opens ChatGPT to every user in chat rooms', published: at(0) }), product(['Kakao', 'OpenAI'])];
    const b: [Item, Assessment] = [item({ title: "Kakao's Kanana agent can now hail taxis in KakaoTalk", published: at(2) }), product(['Kakao'])];
    expect(verdict(a, b)).toMatchObject({ duplicate: false, reason: 'different-product' });
    const move: Move = { person: 'Ada Brenner', from: 'Apple', to: 'OpenAI' };
    const c: [Item, Assessment] = [
      item({ title: "Apple's Siri lead Ada Brenner joins OpenAI", summary: 'Ada Brenner ran Siri modelling.', published: at(0) }),
      talent(['Apple', 'OpenAI'], move),
    ];
    const d: [Item, Assessment] = [
      item({ title: 'Cupertino loses another manager to the ChatGPT maker', summary: "Ada Brenner's move to OpenAI follows others.", published: at(1) }),
      talent(['Apple', 'OpenAI'], move),
    ];
    expect(verdict(c, d).reason).not.toBe('different-product');
  });
  it('features of one app: fraud alerts, wealth advice, tax refunds, gifts and try-ons are different services', () => {
    const fraud: [Item, Assessment] = [item({ title: 'PhonePe adds an AI assistant that flags suspicious payments', published: at(0) }), product(['PhonePe'])];
    const loan: [Item, Assessment] = [item({ title: 'PhonePe launches an AI credit assistant for shopkeepers', published: at(3) }), product(['PhonePe'])];
    expect(verdict(fraud, loan)).toMatchObject({ duplicate: false, reason: 'different-service' });
    const wealth: [Item, Assessment] = [item({ title: '支付宝上线AI理财助手', published: at(0) }), product(['Ant Group'])];
    const tax: [Item, Assessment] = [item({ title: '支付宝上线AI退税助手', published: at(2) }), product(['Ant Group'])];
    expect(verdict(wealth, tax)).toMatchObject({ duplicate: false, reason: 'different-service' });
  });
  it('a yuan sum and its dollar figure, or "over 500 million" and 580 million, are one amount; "nine-figure" is no count', () => {
    const zh: [Item, Assessment] = [
      item({ title: '腾讯以约3亿元收购AI编程创业公司团队', summary: '腾讯收购了一家AI编程创业公司的团队。', lang: 'zh', published: at(0) }),
      talent(['Tencent']),
    ];
    const en: [Item, Assessment] = [
      item({
        title: 'Tencent buys an AI coding startup team for about $42 million',
        summary: 'Tencent bought the team of a coding startup.',
        published: at(1),
      }),
      talent(['Tencent']),
    ];
    expect(verdict(zh, en).reason).not.toBe('different-numbers');
    const over: [Item, Assessment] = [item({ title: '衡山智能完成超5亿元融资', lang: 'zh', published: at(0) }), talent([])];
    const exact: [Item, Assessment] = [item({ title: '衡山智能完成5.8亿元天使轮融资', lang: 'zh', published: at(1) }), talent([])];
    expect(verdict(over, exact).reason).not.toBe('different-numbers');
    const two: [Item, Assessment] = [item({ title: '衡山智能完成5亿元融资', lang: 'zh', published: at(0) }), talent([])];
    const other: [Item, Assessment] = [item({ title: '潮汐智能完成2亿元融资', lang: 'zh', published: at(1) }), talent([])];
    expect(verdict(two, other)).toMatchObject({ duplicate: false, reason: 'different-numbers' });
    const out = new Set<string>();
    englishNumbers('a nine-figure pay deal and a three-year contract', out);
    expect([...out]).toEqual([]);
  });
  it('a story about a person may name either firm of the move first', () => {
    const move: Move = { person: 'Sun Weiran', from: 'Meta', to: 'Alibaba' };
    const en: [Item, Assessment] = [
      item({ title: 'Meta Llama engineer Sun Weiran returns to China for Alibaba', summary: 'Sun Weiran joined Alibaba.', published: at(0) }),
      talent(['Meta', 'Alibaba'], move),
    ];
    const zh: [Item, Assessment] = [
      item({
        title: '又一位硅谷华人工程师回流：阿里凭什么留住他？',
        summary: '孙蔚然回国加入阿里，今年以来多位工程师回国加入阿里、字节跳动和腾讯。',
        lang: 'zh',
        published: at(1),
      }),
      talent(['Alibaba', 'ByteDance', 'Tencent']),
    ];
    expect(verdict(en, zh).reason).not.toBe('different-subject');
  });
  it('Visa the card network is no visa; an H-1B headline is about the US', () => {
    const card = extractFeatures(item({ title: 'X Money launches a Visa debit card', published: at(0) }), product(['X']));
    expect(card.c).not.toContain('visa');
    const h1b = extractFeatures(
      item({ title: 'AI labs lobby against the H-1B wage rule', summary: 'They warn researchers will go to Canada.', published: at(0) }),
      policy(),
    );
    expect(h1b.pl).toBe('usa');
  });
  it('"rolls out" is a launch, "rolls on" is not; "Doubao-powered" names Doubao', () => {
    expect(extractFeatures(item({ title: 'Grab rolls out an AI assistant', published: at(0) }), product(['Grab'])).tc).toContain('launch');
    expect(extractFeatures(item({ title: "Meta's hiring spree rolls on", published: at(0) }), talent(['Meta'])).tc).not.toContain('launch');
    expect(extractFeatures(item({ title: 'Douyin gives merchants a Doubao-powered sales agent', published: at(0) }), product(['ByteDance'])).tc).toContain(
      'doubao',
    );
  });
  it('concepts both headlines carry count in one language too', () => {
    const a: [Item, Assessment] = [item({ title: 'Naver opens an AI agent marketplace inside LINE Works', published: at(0) }), product(['Naver'])];
    const b: [Item, Assessment] = [item({ title: 'LINE Works becomes a marketplace for AI agents', published: at(0.2) }), product(['Naver'])];
    expect(verdict(a, b).parts?.headline).toBeGreaterThan(0);
  });
});

describe('whose drive, whose story (second pass)', () => {
  it('without a firm, a drive to lure talent is a policy: it can retell a talent scheme', () => {
    const zh: [Item, Assessment] = [
      item({ title: '多部门启动海外高层次人才专项，单人资助最高300万元', summary: '面向海外人工智能科学家。', lang: 'zh', published: at(0) }),
      policy(),
    ];
    const en: [Item, Assessment] = [
      item({
        title: 'Beijing offers up to 3 million yuan a head to lure overseas AI scientists',
        summary: 'The scheme funds overseas scientists.',
        published: at(1),
      }),
      policy(),
    ];
    expect(verdict(zh, en).reason).not.toBe('different-action');
    // A firm's hiring drive is still no policy.
    const drive: [Item, Assessment] = [item({ title: 'OpenAI opens a hiring drive for 200 engineers', published: at(0) }), talent(['OpenAI'])];
    const visa: [Item, Assessment] = [item({ title: 'Seoul launches a visa for AI researchers', published: at(1) }), policy()];
    expect(verdict(drive, visa).duplicate).toBe(false);
  });
  it('a move found only in the summary of a headline about something else does not make it a move story', () => {
    const move: Move = { person: 'Lin Qiao', from: 'Moonshot AI', to: 'ByteDance' };
    const zh: [Item, Assessment] = [
      item({ title: '月之暗面向全员增发期权，应对人才流失', summary: '月之暗面向全体员工增发期权。', lang: 'zh', published: at(0) }),
      talent(['Moonshot AI']),
    ];
    const en: [Item, Assessment] = [
      item({
        title: 'Moonshot AI hands all staff extra options to stem departures',
        summary: 'The grants follow co-founder Lin Qiao leaving for ByteDance.',
        published: at(1),
      }),
      talent(['Moonshot AI', 'ByteDance'], move),
    ];
    expect(verdict(zh, en).reason).not.toBe('person-not-mentioned');
    // A headline that tells the hire ("taps") stays a move story, person named or not.
    const taps: [Item, Assessment] = [
      item({ title: 'LY Corp taps a former Google researcher to lead its LINE agent', summary: 'Kenji Morikawa will lead the agent.', published: at(1) }),
      talent(['LY Corp', 'Google'], { person: 'Kenji Morikawa', from: 'Google', to: 'LY Corp' }),
    ];
    const launch: [Item, Assessment] = [item({ title: 'LY Corp puts an AI agent at the top of LINE', published: at(0) }), product(['LY Corp'])];
    expect(verdict(launch, taps).duplicate).toBe(false);
  });
});

describe('headlines read closer (third pass)', () => {
  it('"two more Gemini pretraining researchers follow" is a group, another event than their lead\'s move', () => {
    const f = extractFeatures(
      item({ title: 'Two more Gemini pretraining researchers follow their former lead to OpenAI', published: at(0) }),
      talent(['Google DeepMind', 'OpenAI']),
    );
    expect(f.k).toBe(1);
  });
  it('job cuts are a layoff; pay set "to stem departures" or "after exits" is retention, not a move', () => {
    const cuts = extractFeatures(item({ title: 'Meta cuts 300 FAIR roles', published: at(0) }), talent(['Meta']));
    expect(cuts.tc).toContain('layoff');
    expect(extractFeatures(item({ title: 'Grab cuts prices for rides', published: at(0) }), product(['Grab'])).tc).not.toContain('layoff');
    const hires: [Item, Assessment] = [item({ title: 'xAI hires a dozen Tesla Autopilot engineers', published: at(0) }), talent(['xAI', 'Tesla'])];
    const grants: [Item, Assessment] = [
      item({ title: 'Tesla offers retention grants to Autopilot engineers after xAI exits', published: at(1) }),
      talent(['Tesla', 'xAI']),
    ];
    expect(verdict(hires, grants)).toMatchObject({ duplicate: false, reason: 'different-action' });
    expect(
      extractFeatures(item({ title: 'Moonshot AI hands staff extra options to stem departures', published: at(0) }), talent(['Moonshot AI'])).tc,
    ).toContain('retention');
  });
  it('a photo feature is an image feature; 支付宝 is Alipay, not the word "payment" inside it', () => {
    expect(
      extractFeatures(item({ title: 'Yahoo Auctions adds an agent that writes listings from a photo', published: at(0) }), product(['LY Corp'])).tc,
    ).toContain('image');
    const zh = extractFeatures(item({ title: '支付宝上线AI出行助手', lang: 'zh', published: at(0) }), product(['Ant Group']));
    expect(zh.tc).toContain('alipay');
    expect(zh.tc).not.toContain('payment');
    expect(extractFeatures(item({ title: '微信支付推出智能体支付', lang: 'zh', published: at(0) }), product(['Tencent'])).tc).toContain('payment');
  });
});

describe('the main event of a headline (third pass)', () => {
  it('job cuts are the event even while another lab keeps hiring', () => {
    const offers: [Item, Assessment] = [item({ title: 'Meta tells recruiters to rein in offers as lab hiring cools', published: at(0) }), talent(['Meta'])];
    const cuts: [Item, Assessment] = [item({ title: 'Meta cuts 300 FAIR roles while its new lab keeps hiring', published: at(2) }), talent(['Meta'])];
    expect(verdict(offers, cuts)).toMatchObject({ duplicate: false, reason: 'different-action' });
  });
  it('a headline about a role ("its AI boss") is about the person its summary names', () => {
    const boss: [Item, Assessment] = [
      item({ title: 'Why Paytm went to Redmond for its AI boss', summary: 'Rohan Mehra built Copilot features for six years.', published: at(0) }),
      talent(['Paytm', 'Microsoft'], { person: 'Rohan Mehra', from: 'Microsoft', to: 'Paytm' }),
    ];
    const product: [Item, Assessment] = [
      item({
        title: 'Paytm wants its assistant to be India’s voice-first broker',
        summary: 'Paytm pushes its assistant into wealth products.',
        published: at(3),
      }),
      { ...talent(['Paytm']), topics: ['superapp', 'talent'] },
    ];
    expect(verdict(boss, product)).toMatchObject({ duplicate: false, reason: 'person-not-mentioned' });
  });
});

describe('Chinese terms inside longer ones (third pass)', () => {
  it('the longest term at a position is the word: 创业公司 is a startup, not a founding; 印度尼西亚 is not India', () => {
    const startup = extractFeatures(item({ title: '亚马逊收编机器人创业公司团队', lang: 'zh', published: at(0) }), talent(['Amazon']));
    expect(startup.tc).toContain('startup');
    expect(startup.tc).not.toContain('found');
    const indo = extractFeatures(item({ title: '印度尼西亚上线AI打车助手', lang: 'zh', published: at(0) }), product(['GoTo']));
    expect(indo.tc).toContain('indonesia');
    expect(indo.tc).not.toContain('india');
    expect(extractFeatures(item({ title: '支付宝上线入境游AI助手，可订高铁', lang: 'zh', published: at(0) }), product(['Ant Group'])).tc).toContain('travel');
  });
  it('a revenue share is a deal term, not results', () => {
    const f = extractFeatures(item({ title: 'WeChat lets developers publish AI agents, with a revenue share', published: at(0) }), product(['Tencent']));
    expect(f.tc).not.toContain('results');
  });
});

describe('China and the US as places (third pass)', () => {
  it('"visitors to China" names a place; "Chinese tourists in Korea" is about Korea', () => {
    const china: [Item, Assessment] = [
      item({ title: 'Alipay launches AI travel assistant for foreign visitors to China', published: at(0) }),
      product(['Ant Group']),
    ];
    const korea: [Item, Assessment] = [
      item({ title: 'Alipay+ brings an AI concierge to Chinese tourists in Korea', published: at(2) }),
      product(['Ant Group']),
    ];
    expect(verdict(china, korea)).toMatchObject({ duplicate: false, reason: 'different-place' });
    const zh: [Item, Assessment] = [item({ title: '支付宝上线来华游客AI旅行助手', lang: 'zh', published: at(1) }), product(['Ant Group'])];
    expect(verdict(china, zh).reason).not.toBe('different-place');
    expect(extractFeatures(item({ title: 'Chinese AI labs court returnees', published: at(0) }), talent([])).tp).toBeUndefined();
  });
});

describe('an analysis of a move (third pass)', () => {
  it('an analysis that gives no move of its own is no other move than a return it discusses', () => {
    const move: Move = { person: 'Zhou Ruoyu', from: 'Anthropic', to: 'Tencent' };
    const back: [Item, Assessment] = [
      item({
        title: 'Anthropic researcher Zhou Ruoyu returns to China as Tencent Hunyuan chief scientist',
        summary: 'Zhou Ruoyu joins Tencent.',
        published: at(0),
      }),
      talent(['Anthropic', 'Tencent'], move),
    ];
    const analysis: [Item, Assessment] = [
      item({
        title: "Tencent's coup shows China can now outbid on prestige",
        summary: 'Hiring Zhou Ruoyu from Anthropic took more than pay.',
        published: at(1),
      }),
      talent(['Tencent', 'Anthropic']),
    ];
    expect(verdict(back, analysis).reason).not.toBe('different-move');
  });
});

describe('payments as a feature (third pass)', () => {
  it('payments are a feature of their own; "pay by chat" is a verb, not the feature; a card is a way to pay', () => {
    const agentPay: [Item, Assessment] = [
      item({
        title: '微信支付推出智能体支付，AI助手可在额度内代付',
        summary: '用户可为助手开通代付并设定额度，超过限额需本人确认。',
        lang: 'zh',
        published: at(0),
      }),
      product(['Tencent']),
    ];
    const bookkeeping: [Item, Assessment] = [
      item({ title: '微信支付上线AI记账助手，自动生成月度报告', summary: '助手自动识别并分类消费记录，每月生成支出报告。', lang: 'zh', published: at(2) }),
      product(['Tencent']),
    ];
    expect(verdict(agentPay, bookkeeping)).toMatchObject({ duplicate: false, reason: 'different-service' });
    const tickets: [Item, Assessment] = [item({ title: '支付宝上线入境游AI助手，可订票点餐', lang: 'zh', published: at(0) }), product(['Ant Group'])];
    const payByChat: [Item, Assessment] = [
      item({ title: "Alipay's AI concierge lets tourists order and pay by chat", published: at(1) }),
      product(['Ant Group']),
    ];
    expect(verdict(tickets, payByChat).reason).not.toBe('different-service');
    const card: [Item, Assessment] = [item({ title: 'X Money launches with a debit card and Grok budgeting', published: at(0) }), product(['X'])];
    const payments: [Item, Assessment] = [item({ title: "Musk's X rolls out payments to all US users", published: at(1) }), product(['X'])];
    expect(verdict(card, payments).reason).not.toBe('different-service');
  });
});

describe('terms inside terms (third pass)', () => {
  it('inside a longer Chinese term no shorter one starts: 微信支付 (WeChat Pay) holds no 支付; "WeChat Pay" is one name', () => {
    const zh = extractFeatures(item({ title: '微信支付上线AI记账助手', lang: 'zh', published: at(0) }), product(['Tencent']));
    expect(zh.tc).toContain('wechatpay');
    expect(zh.tc).not.toContain('payment');
    expect(extractFeatures(item({ title: 'WeChat Pay adds an AI bookkeeping assistant', published: at(0) }), product(['Tencent'])).tc).toContain('wechatpay');
  });
});

describe('analysis headlines and follow-up markers (fourth pass)', () => {
  it('an analysis headline reads as commentary in both languages; a news headline with "push" in it does not', () => {
    const an = (title: string, lang = 'en') => extractFeatures(item({ title, lang, published: at(0) }), product(['Meituan'])).an;
    expect(an("Meituan's quiet bet: letting couriers talk to an AI dispatcher")).toBe(1);
    expect(an('Why Meituan wants an AI in every rider helmet')).toBe(1);
    expect(an('Meituan wants its rider app to become a voice assistant')).toBe(1);
    expect(an('美团骑手AI助手背后：外卖平台的效率竞赛', 'zh')).toBe(1);
    expect(an('骑手用上AI调度，美团能否守住外卖基本盘？', 'zh')).toBe(1);
    expect(an('Meituan adds a voice assistant to its rider app')).toBeUndefined();
    expect(an('Xiaomi hires a dozen engineers for its EV autonomy push')).toBeUndefined();
    expect(an("Baidu's answer-engine lead Zhao Min jumps to Moonshot")).toBeUndefined();
  });

  it('an analysis retells the launch it discusses on weaker evidence; the same evidence between two news headlines is not enough', () => {
    const launch: [Item, Assessment] = [
      item({
        title: 'Meituan adds a voice assistant to its rider app',
        summary: 'Couriers can ask the assistant for routes, report delays and hear new orders read aloud while riding.',
        published: at(0),
      }),
      product(['Meituan']),
    ];
    const analysis: [Item, Assessment] = [
      item({
        title: "Meituan's quiet bet: letting couriers talk to an AI dispatcher",
        summary: 'The voice assistant in the rider app reads orders aloud and reroutes couriers around delays.',
        published: at(5),
      }),
      product(['Meituan']),
    ];
    const v = verdict(launch, analysis);
    expect(v.duplicate).toBe(true);
    const news: [Item, Assessment] = [
      item({ title: 'Meituan lets couriers talk to an AI dispatcher', summary: analysis[0].summary, published: at(5) }),
      product(['Meituan']),
    ];
    // The same words without the analysis frame need the full threshold.
    expect(explainMatch(fingerprint(...news).data, fingerprint(...launch).data).score).toBeCloseTo(v.score!, 5);
    expect(explainMatch(fingerprint(...news).data, fingerprint(...launch).data, { analysisFactor: 1 }).duplicate).toBe(v.score! >= 2.5);
  });

  it('an analysis of a move may leave the name out; a news story about another hire at the firm may not', () => {
    const move: Move = { person: 'Lin Haoran', from: 'Google DeepMind', to: 'Alibaba' };
    const hire: [Item, Assessment] = [
      item({
        title: 'Alibaba hires Google DeepMind researcher Lin Haoran to lead Qwen reasoning',
        summary: 'Lin Haoran, who worked on Gemini reasoning at Google DeepMind, joins Alibaba to run Qwen reasoning research.',
        published: at(0),
      }),
      talent(['Alibaba', 'Google DeepMind'], move),
    ];
    const why: [Item, Assessment] = [
      item({
        title: 'Why Alibaba poached a Gemini reasoning researcher from Google DeepMind',
        summary: 'The Qwen reasoning team gets a Google DeepMind researcher who worked on Gemini reasoning.',
        published: at(6),
      }),
      talent(['Alibaba', 'Google DeepMind']),
    ];
    expect(verdict(hire, why).reason).not.toBe('person-not-mentioned');
    const other: [Item, Assessment] = [
      item({
        title: 'Alibaba poaches a Gemini reasoning researcher from Google DeepMind',
        summary: 'The Qwen reasoning team gets a Google DeepMind researcher who worked on Gemini reasoning.',
        published: at(6),
      }),
      talent(['Alibaba', 'Google DeepMind']),
    ];
    expect(verdict(hire, other)).toMatchObject({ duplicate: false, reason: 'person-not-mentioned' });
  });

  it('talks to join are another event than the move; so are talks toward a deal, in both languages', () => {
    const move: Move = { person: 'Chen Yiming', from: 'Moonshot AI', to: 'ByteDance' };
    const talks: [Item, Assessment] = [
      item({ title: 'Moonshot AI co-founder Chen Yiming in talks to join ByteDance', summary: 'Chen Yiming may join ByteDance Seed.', published: at(0) }),
      talent(['Moonshot AI', 'ByteDance'], move),
    ];
    const joins: [Item, Assessment] = [
      item({ title: 'Moonshot AI co-founder Chen Yiming joins ByteDance', summary: 'Chen Yiming joins ByteDance Seed as vice president.', published: at(30) }),
      talent(['Moonshot AI', 'ByteDance'], move),
    ];
    expect(verdict(talks, joins)).toMatchObject({ duplicate: false, reason: 'different-move' });
    const zhTalks: [Item, Assessment] = [
      item({ title: '月之暗面联合创始人陈一鸣与字节跳动洽谈加盟', lang: 'zh', published: at(2) }),
      talent(['Moonshot AI', 'ByteDance'], { person: '陈一鸣', from: 'Moonshot AI', to: 'ByteDance' }),
    ];
    expect(verdict(joins, zhTalks)).toMatchObject({ duplicate: false, reason: 'different-move' });
    const deal: [Item, Assessment] = [
      item({ title: 'Grab and GoTo hold talks on a merger again', summary: 'The two ride-hailing firms reopened merger negotiations.', published: at(0) }),
      product(['Grab', 'GoTo']),
    ];
    const agreed: [Item, Assessment] = [
      item({ title: 'Grab and GoTo agree to merge ride-hailing businesses', summary: 'The two ride-hailing firms agreed the merger.', published: at(20) }),
      product(['Grab', 'GoTo']),
    ];
    expect(verdict(deal, agreed)).toMatchObject({ duplicate: false, reason: 'different-action' });
  });

  it('a reaction to a policy is another story than the policy; two retellings of the policy are one', () => {
    const rule: [Item, Assessment] = [
      item({
        title: 'U.S. proposes higher H-1B wage floors for software jobs',
        summary: 'The Labor Department plan raises the prevailing wage for H-1B software engineers.',
        published: at(0),
      }),
      policy(),
    ];
    const retold: [Item, Assessment] = [
      item({
        title: 'Labor Department plan would raise H-1B wage floors for software engineers',
        summary: 'The prevailing wage for H-1B software jobs would rise.',
        published: at(3),
      }),
      policy(),
    ];
    const lobby: [Item, Assessment] = [
      item({
        title: 'Tech groups lobby against H-1B wage floor plan',
        summary: 'Industry groups say the Labor Department plan to raise H-1B wages for software engineers would hurt startups.',
        published: at(5),
      }),
      policy(),
    ];
    expect(verdict(rule, retold).duplicate).toBe(true);
    expect(verdict(rule, lobby)).toMatchObject({ duplicate: false, reason: 'different-action' });
    const zh: [Item, Assessment] = [item({ title: '美国科技行业团体反对H-1B工资新规', lang: 'zh', published: at(6) }), policy()];
    expect(verdict(rule, zh)).toMatchObject({ duplicate: false, reason: 'different-action' });
  });

  it('a launch arriving in new markets is a follow-up of the launch', () => {
    const launch: [Item, Assessment] = [
      item({
        title: 'Gojek rolls out an AI assistant for rides, food and payments',
        summary: 'The assistant books rides and orders food in Indonesia.',
        published: at(0),
      }),
      product(['GoTo']),
    ];
    const arrives: [Item, Assessment] = [
      item({
        title: "Gojek's AI assistant arrives in Vietnam and Singapore",
        summary: 'The assistant that books rides and orders food now works in two more markets.',
        published: at(20),
      }),
      product(['GoTo']),
    ];
    expect(verdict(launch, arrives)).toMatchObject({ duplicate: false, reason: 'different-action' });
    const zh: [Item, Assessment] = [item({ title: 'Gojek AI助手登陆越南和新加坡', lang: 'zh', published: at(22) }), product(['GoTo'])];
    expect(verdict(arrives, zh).reason).not.toBe('different-action');
  });

  it("launches in a firm's other apps are other products: Ele.me is not the Qwen app", () => {
    const eleme: [Item, Assessment] = [item({ title: '饿了么上线AI点餐助手，按预算推荐外卖', lang: 'zh', published: at(0) }), product(['Alibaba'])];
    const qwen: [Item, Assessment] = [item({ title: '千问App接入外卖，一句话点餐', lang: 'zh', published: at(1) }), product(['Alibaba'])];
    expect(verdict(eleme, qwen)).toMatchObject({ duplicate: false, reason: 'different-product' });
    const elemeEn: [Item, Assessment] = [
      item({ title: 'Ele.me adds an AI ordering assistant that works to a budget', published: at(2) }),
      product(['Alibaba']),
    ];
    expect(verdict(eleme, elemeEn).reason).not.toBe('different-product');
  });

  it('a hire who then builds a lab with dozens of hires is a follow-up, not the hire retold', () => {
    const move: Move = { person: 'Song Yuwen', from: 'OpenAI', to: 'Tencent' };
    const hire: [Item, Assessment] = [
      item({ title: 'OpenAI researcher Song Yuwen joins Tencent as chief scientist', summary: 'Song Yuwen leaves OpenAI for Tencent.', published: at(0) }),
      talent(['OpenAI', 'Tencent'], move),
    ];
    const build: [Item, Assessment] = [
      item({
        title: "Tencent's new chief scientist Song Yuwen builds a Shenzhen lab with 50 hires",
        summary: 'Song Yuwen, who left OpenAI for Tencent, is hiring.',
        published: at(20),
      }),
      talent(['Tencent', 'OpenAI'], move),
    ];
    expect(verdict(hire, build)).toMatchObject({ duplicate: false, reason: 'different-move' });
  });
});

describe('follow-ups a fifth blind set showed (fourth pass)', () => {
  it('a team reorganized after its lead left is another event, even when its headline names the lead', () => {
    const move: Move = { person: 'Qiao Mingyu', from: 'Baidu', to: 'Meta' };
    const exit: [Item, Assessment] = [
      item({ title: 'Baidu ERNIE vision lead Qiao Mingyu leaves for Meta', summary: 'Qiao Mingyu joins Meta Superintelligence Labs.', published: at(0) }),
      talent(['Baidu', 'Meta'], move),
    ];
    const reorg: [Item, Assessment] = [
      item({ title: '乔明宇离职后，文心视觉团队拆分重组', summary: '乔明宇加盟Meta两周后，百度将文心视觉团队拆分为两个部门。', lang: 'zh', published: at(30) }),
      talent(['Baidu', 'Meta'], { person: '乔明宇', from: 'Baidu', to: 'Meta' }),
    ];
    expect(verdict(exit, reorg)).toMatchObject({ duplicate: false, reason: 'different-move' });
    const en: [Item, Assessment] = [
      item({ title: 'Baidu restructures ERNIE vision team after Qiao Mingyu exit', published: at(31) }),
      talent(['Baidu', 'Meta'], move),
    ];
    expect(verdict(reorg, en).reason).not.toBe('different-move');
  });

  it('a firm that "eyes" an acqui-hire is in talks: the confirmed deal is news of its own', () => {
    const eyes: [Item, Assessment] = [
      item({
        title: 'Anthropic eyes an acqui-hire of robotics startup Gripline',
        summary: 'Anthropic is in early discussions to bring Gripline’s team aboard.',
        published: at(0),
      }),
      talent(['Anthropic']),
    ];
    const done: [Item, Assessment] = [
      item({ title: 'Anthropic confirms deal to bring Gripline robotics team aboard', summary: 'Gripline’s 25 engineers join Anthropic.', published: at(40) }),
      talent(['Anthropic']),
    ];
    expect(verdict(eyes, done)).toMatchObject({ duplicate: false, reason: 'different-action' });
  });

  it("a country's fellowship is its policy: India's fellowship and US green-card waits are two places", () => {
    const india: [Item, Assessment] = [
      item({
        title: 'India launches fellowship to bring diaspora AI researchers home',
        summary: 'Researchers returning from abroad get five-year grants.',
        published: at(0),
      }),
      policy(),
    ];
    const greenCard: [Item, Assessment] = [
      item({
        title: 'Green-card backlog pushes Indian-born AI researchers to consider going home',
        summary: 'Researchers abroad weigh a return.',
        published: at(2),
      }),
      policy(),
    ];
    // A fellowship and a visa are also two instruments; the places differ either way.
    expect(verdict(india, greenCard).duplicate).toBe(false);
    expect([extractFeatures(...india).pl, extractFeatures(...greenCard).pl]).toEqual(['india', 'usa']);
  });

  it('an AI keyboard is another feature than AI search in one app', () => {
    const keyboard: [Item, Assessment] = [item({ title: '微信输入法上线AI改写，一键润色聊天回复', lang: 'zh', published: at(0) }), product(['Tencent'])];
    const search: [Item, Assessment] = [item({ title: '微信搜一搜上线AI深度搜索模式', lang: 'zh', published: at(1) }), product(['Tencent'])];
    expect(verdict(keyboard, search)).toMatchObject({ duplicate: false, reason: 'different-service' });
  });
});

describe('courting (fourth pass)', () => {
  it('"courts" woos: it is no lawsuit; a firm courting a person is talks, a city courting engineers a policy told either way', () => {
    const trip: [Item, Assessment] = [item({ title: "Gojek's AI trip planner courts tourists in six languages", published: at(0) }), product(['GoTo'])];
    expect(extractFeatures(...trip).tc).not.toContain('legal');
    const move: Move = { person: 'Wen Jiahao', from: 'Alibaba', to: 'Baidu' };
    const courts: [Item, Assessment] = [
      item({ title: "Baidu courts Alibaba's Qwen coding lead Wen Jiahao, sources say", published: at(0) }),
      talent(['Baidu', 'Alibaba'], move),
    ];
    const joined: [Item, Assessment] = [
      item({ title: 'Baidu confirms Qwen coding lead Wen Jiahao has joined ERNIE', published: at(40) }),
      talent(['Baidu', 'Alibaba'], move),
    ];
    expect(verdict(courts, joined)).toMatchObject({ duplicate: false, reason: 'different-move' });
    const tokyo: [Item, Assessment] = [
      item({
        title: 'Tokyo courts foreign AI engineers with a one-year residency path',
        summary: 'Engineers earning over 10 million yen qualify.',
        published: at(0),
      }),
      policy(),
    ];
    const japan: [Item, Assessment] = [
      item({
        title: 'Japan offers foreign AI engineers a one-year path to residency',
        summary: 'Engineers earning over 10 million yen qualify.',
        published: at(2),
      }),
      policy(),
    ];
    expect(verdict(tokyo, japan).duplicate).toBe(true);
  });
  it('medical-insurance claims are a health and insurance feature, not trip booking', () => {
    const claims: [Item, Assessment] = [item({ title: '支付宝上线AI医保报销助手，拍照即可理赔', lang: 'zh', published: at(0) }), product(['Ant Group'])];
    const trips: [Item, Assessment] = [item({ title: '支付宝上线入境游AI助手，可打车点餐', lang: 'zh', published: at(1) }), product(['Ant Group'])];
    expect(verdict(claims, trips)).toMatchObject({ duplicate: false, reason: 'different-service' });
  });
});

describe("a policy's instrument (fourth pass)", () => {
  it('a visa scheme and a subsidy scheme are two policies; a tax-free bonus is a tax measure in both languages', () => {
    const visa: [Item, Assessment] = [item({ title: 'K字签证实施首月：海外青年科技人才申请踊跃', lang: 'zh', published: at(0) }), policy()];
    const subsidy: [Item, Assessment] = [item({ title: '多部门启动海外AI人才专项补贴，单人最高300万元', lang: 'zh', published: at(2) }), policy()];
    expect(verdict(visa, subsidy)).toMatchObject({ duplicate: false, reason: 'different-service' });
    expect(extractFeatures(item({ title: "Beijing's new lure: tax-free signing bonuses for AI returnees", published: at(0) }), policy()).tc).toContain('tax');
    expect(extractFeatures(item({ title: '海归AI人才签约奖金免征个税', lang: 'zh', published: at(0) }), policy()).tc).toContain('tax');
  });
});

describe('features a fifth blind set named (fourth pass)', () => {
  it('a chat digest is a summary feature, not a scam filter; a price budget is no bookkeeping feature', () => {
    const digests: [Item, Assessment] = [item({ title: 'LINE adds AI digests of unread group chats', published: at(0) }), product(['LY Corp'])];
    const scams: [Item, Assessment] = [
      item({ title: 'LINE starts warning users about scam messages with an AI filter', published: at(2) }),
      product(['LY Corp']),
    ];
    expect(verdict(digests, scams)).toMatchObject({ duplicate: false, reason: 'different-service' });
    const order: [Item, Assessment] = [item({ title: '千问App上线AI点外卖，可按口味和预算推荐', lang: 'zh', published: at(0) }), product(['Alibaba'])];
    const books: [Item, Assessment] = [item({ title: '千问App上线AI记账，可导入支付宝账单', lang: 'zh', published: at(1) }), product(['Alibaba'])];
    expect(extractFeatures(...order).tc).not.toContain('budget');
    expect(verdict(order, books)).toMatchObject({ duplicate: false, reason: 'different-service' });
  });
  it("Meituan's delivery app and its Dianping app are two products of one firm", () => {
    const waimai: [Item, Assessment] = [item({ title: '美团外卖上线AI菜单翻译，外国游客可用母语点单', lang: 'zh', published: at(0) }), product(['Meituan'])];
    const dianping: [Item, Assessment] = [item({ title: '大众点评上线AI找店助手，一句话生成路线', lang: 'zh', published: at(1) }), product(['Meituan'])];
    expect(verdict(waimai, dianping)).toMatchObject({ duplicate: false, reason: 'different-product' });
  });
  it('AI-written replies are a feature of their own, not a creator marketplace', () => {
    const replies: [Item, Assessment] = [item({ title: 'X tests Grok-written replies for business accounts in DMs', published: at(0) }), product(['X'])];
    const market: [Item, Assessment] = [item({ title: 'X opens a Grok-run marketplace for creators', published: at(3) }), product(['X'])];
    expect(verdict(replies, market)).toMatchObject({ duplicate: false, reason: 'different-service' });
    const zh: [Item, Assessment] = [item({ title: 'X测试Grok智能回复，商家私信可自动回复', lang: 'zh', published: at(4) }), product(['X'])];
    expect(verdict(replies, zh).reason).not.toBe('different-service');
  });
});
