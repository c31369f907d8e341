import { describe, expect, it } from 'vitest';
import { createMatcher, exactKeys, explainMatch, fingerprint, MAX_BUCKETS } from '../../../src/pipeline/dedupe/index.js';
import type { Assessment, Item } from '../../../src/types.js';
import { assess, item } from './fixtures.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';

const T = Date.parse('2026-03-02T09:00:00Z');
const at = (hours: number) => new Date(T + hours * 3600_000).toISOString();

/** Runs items in order through exact keys + fingerprint + a real (in-memory) SQLite store; returns duplicateOf per item. */
async function run(pairs: Array<[Item, Assessment]>): Promise<Array<string | null>> {
  const store = SqliteStore.open({ file: ':memory:' });
  const matcher = createMatcher();
  const out: Array<string | null> = [];
  try {
    for (const [it, a] of pairs) {
      const entries = [{ item: it, assessment: a, keys: exactKeys(it), fingerprint: fingerprint(it, a), archive: true, targets: [] }];
      const [o] = await store.ingest({ entries, matcher, retentionSec: 86400 * 30, now: new Date(it.published) });
      out.push(o.status === 'duplicate' ? (o.duplicateOf ?? null) : null);
    }
  } finally {
    await store.close();
  }
  return out;
}

function verdict(a: [Item, Assessment], b: [Item, Assessment]) {
  return explainMatch(fingerprint(...a).data, fingerprint(...b).data);
}

function sharesBucket(a: [Item, Assessment], b: [Item, Assessment]): boolean {
  const bb = new Set(fingerprint(...b).buckets);
  return fingerprint(...a).buckets.some((k) => bb.has(k));
}

const ellison = { person: 'Mara Ellison', from: 'Nvidia', to: 'ByteDance' };
const moveA: [Item, Assessment] = [
  item({
    id: 'a1',
    title: 'Nvidia robotics researcher Mara Ellison joins ByteDance Seed',
    summary:
      'Mara Ellison, who led simulation research for Nvidia’s robotics group for six years, has joined ByteDance’s Seed team in Singapore to work on embodied foundation models, two people said.',
    published: at(0),
  }),
  assess(['Nvidia', 'ByteDance'], ellison),
];

describe('near duplicates: same event', () => {
  it('folds a run of copies of one story into the first, numbered headlines included', async () => {
    const copies: Array<[Item, Assessment]> = Array.from({ length: 30 }, (_, i) => [
      item({
        id: `k${i}`,
        title: `Nvidia robotics researcher Mara Ellison joins ByteDance Seed (copy ${i})`,
        summary: `${moveA[0].summary} Outlet ${i} reports.`,
        link: `https://copy${i}.example/story`,
        source: `outlet${i}`,
        published: at(i / 10),
      }),
      assess(['Nvidia', 'ByteDance'], ellison),
    ]);
    const out = await run(copies);
    expect(out[0]).toBeNull();
    expect(out.slice(1)).toEqual(Array(29).fill('k0'));
  });

  it('matches a rewrite of a move by another outlet', async () => {
    const b: [Item, Assessment] = [
      item({
        id: 'a2',
        title: 'TikTok owner lands a senior Nvidia simulation scientist',
        summary: 'Ellison’s departure is the latest in a run of exits from the chipmaker’s research arm to Chinese labs offering larger packages.',
        published: at(9),
      }),
      assess(['ByteDance', 'Nvidia'], ellison),
    ];
    expect(verdict(b, moveA)).toMatchObject({ duplicate: true, reason: 'same-person' });
    expect(await run([moveA, b])).toEqual([null, 'a1']);
  });

  it('matches a republished story with a new headline and tracking parameters in the link', async () => {
    const [orig] = moveA;
    const b: [Item, Assessment] = [
      item({
        id: 'a3',
        title: 'Why ByteDance just won a robotics researcher from Nvidia',
        summary: orig.summary,
        link: `${orig.link}?utm_source=newsletter&utm_medium=email`,
        published: at(20),
      }),
      assess([]),
    ];
    expect(verdict(b, moveA)).toMatchObject({ duplicate: true, reason: 'same-text' });
    expect(await run([moveA, b])).toEqual([null, 'a1']);
  });

  it('matches Chinese and English coverage of one move (Chinese name vs pinyin)', async () => {
    const zh: [Item, Assessment] = [
      item({
        id: 'z1',
        lang: 'zh',
        title: '通义千问研究员林书瑶离职，加盟腾讯混元',
        summary: '多位知情人士透露，阿里通义千问团队负责多模态训练的研究员林书瑶已于近日离职，加入腾讯混元大模型团队，负责视频理解方向。',
        published: at(0),
      }),
      assess(['Alibaba', 'Tencent'], { person: '林书瑶', from: 'Alibaba', to: 'Tencent' }),
    ];
    const en: [Item, Assessment] = [
      item({
        id: 'e1',
        title: 'Tencent’s Hunyuan hires a Qwen multimodal researcher',
        summary:
          'Lin Shuyao, who trained multimodal variants of Alibaba’s Qwen models, has left for Tencent to work on video understanding, people familiar said.',
        published: at(14),
      }),
      assess(['Tencent', 'Alibaba'], { person: 'Lin Shuyao', from: 'Alibaba', to: 'Tencent' }),
    ];
    expect(sharesBucket(en, zh)).toBe(true);
    expect(verdict(en, zh)).toMatchObject({ duplicate: true, reason: 'same-person' });
    expect(await run([zh, en])).toEqual([null, 'z1']);
  });

  it('matches Chinese and English coverage of one super-app feature through concepts and numbers', async () => {
    const zh: [Item, Assessment] = [
      item({
        id: 'z2',
        lang: 'zh',
        title: '支付宝上线AI旅行助手，一句话预订机票酒店',
        summary: '蚂蚁集团宣布支付宝AI旅行助手正式上线，用户用一句话描述行程，智能体即可比价并预订机票和酒店，首批覆盖200个城市。',
        published: at(0),
      }),
      assess(['Ant Group']),
    ];
    const en: [Item, Assessment] = [
      item({
        id: 'e2',
        title: 'Alipay’s new AI travel assistant books your flights and hotels',
        summary:
          'Ant Group’s assistant, live in 200 Chinese cities at launch, compares fares and books flights and hotels after users describe a trip in one sentence.',
        published: at(11),
      }),
      assess(['Ant Group']),
    ];
    expect(sharesBucket(en, zh)).toBe(true);
    expect(verdict(en, zh)).toMatchObject({ duplicate: true, reason: 'evidence' });
    expect(await run([zh, en])).toEqual([null, 'z2']);
  });

  it('matches an English rewrite of a no-person story', async () => {
    const a: [Item, Assessment] = [
      item({
        id: 'g1',
        title: 'Grab adds an AI trip planner that books rides, hotels and meals',
        summary:
          'Grab’s consumer app in Singapore and Malaysia now has an assistant that plans a weekend trip, books hotels and rides and reserves restaurant tables from one chat.',
        published: at(0),
      }),
      assess(['Grab']),
    ];
    const b: [Item, Assessment] = [
      item({
        id: 'g2',
        title: 'Grab’s new assistant plans your weekend trip from one chat',
        summary:
          'The planner books hotels, rides and restaurant tables in one conversation, part of Grab’s push to keep travellers in its super app in Singapore and Malaysia.',
        published: at(16),
      }),
      assess(['Grab']),
    ];
    expect(verdict(b, a).duplicate).toBe(true);
    expect(await run([a, b])).toEqual([null, 'g1']);
  });

  it('lets exact keys catch the same link before any near-duplicate check', async () => {
    const b: [Item, Assessment] = [
      item({ id: 'x2', title: 'Completely different words here for the test', link: moveA[0].link, published: at(1) }),
      assess([]),
    ];
    expect(await run([moveA, b])).toEqual([null, 'a1']);
  });
});

describe('near misses: different events', () => {
  it('keeps two researchers joining the same firm in the same week apart', async () => {
    const b: [Item, Assessment] = [
      item({
        id: 'm2',
        title: 'Google DeepMind researcher Tomas Reyes joins ByteDance Seed',
        summary:
          'Tomas Reyes, who led simulation research at Google DeepMind, has joined ByteDance’s Seed team in Singapore to work on embodied foundation models, two people said.',
        published: at(30),
      }),
      assess(['Google', 'ByteDance'], { person: 'Tomas Reyes', from: 'Google', to: 'ByteDance' }),
    ];
    expect(verdict(b, moveA)).toMatchObject({ duplicate: false, reason: 'different-person' });
    expect(await run([moveA, b])).toEqual([null, null]);
  });

  it('keeps the same person in a different move apart', async () => {
    const b: [Item, Assessment] = [
      item({
        id: 'm3',
        title: 'Mara Ellison leaves ByteDance for Meta after a short stint',
        summary: 'Mara Ellison, who joined ByteDance from Nvidia, is leaving for Meta’s superintelligence lab.',
        published: at(40),
      }),
      assess(['ByteDance', 'Meta'], { person: 'Mara Ellison', from: 'ByteDance', to: 'Meta' }),
    ];
    expect(verdict(b, moveA)).toMatchObject({ duplicate: false, reason: 'different-move' });
    expect(await run([moveA, b])).toEqual([null, null]);
  });

  it('keeps stories about the same firms with different headline numbers apart', async () => {
    const a: [Item, Assessment] = [
      item({
        id: 'n1',
        title: 'Tencent to recruit 500 AI researchers for WeChat agents',
        summary: 'Tencent will hire researchers for its WeChat agent effort, offering uncapped pay to top candidates.',
        published: at(0),
      }),
      assess(['Tencent']),
    ];
    const b: [Item, Assessment] = [
      item({
        id: 'n2',
        title: 'Tencent to recruit 3,000 interns for WeChat agents',
        summary: 'Tencent will hire interns for its WeChat agent effort, offering return offers to top candidates.',
        published: at(20),
      }),
      assess(['Tencent']),
    ];
    expect(verdict(b, a)).toMatchObject({ duplicate: false, reason: 'different-numbers' });
    expect(await run([a, b])).toEqual([null, null]);
  });

  it('keeps a follow-up published days later apart', async () => {
    const a: [Item, Assessment] = [
      item({
        id: 'f1',
        title: 'WeChat tests an AI assistant that books rides inside chats',
        summary:
          'Tencent is testing an assistant that users can mention in a WeChat conversation to hail a car through partner mini-programs. The trial covers a small share of users.',
        published: at(0),
      }),
      assess(['Tencent']),
    ];
    const b: [Item, Assessment] = [
      item({
        id: 'f2',
        title: 'WeChat’s ride-booking assistant reaches every user after trial',
        summary:
          'Tencent said the in-chat assistant that hails cars through mini-programs is now available to all WeChat users, and drivers report more orders from chats.',
        published: at(80),
      }),
      assess(['Tencent']),
    ];
    expect(verdict(b, a)).toMatchObject({ duplicate: false, reason: 'outside-window' });
    expect(await run([a, b])).toEqual([null, null]);
  });

  it('keeps two different features of one super-app apart', async () => {
    const a: [Item, Assessment] = [
      item({
        id: 's1',
        title: 'WeChat adds AI summaries for busy group chats',
        summary: 'Tencent is rolling out a feature that condenses unread group messages into a short digest, powered by its Hunyuan models.',
        published: at(0),
      }),
      assess(['Tencent']),
    ];
    const b: [Item, Assessment] = [
      item({
        id: 's2',
        title: 'WeChat lets merchants run AI customer service in mini-programs',
        summary: 'Merchants can now switch on an AI agent that answers buyer questions inside their WeChat mini-programs, Tencent said.',
        published: at(6),
      }),
      assess(['Tencent']),
    ];
    expect(verdict(b, a).duplicate).toBe(false);
    expect(await run([a, b])).toEqual([null, null]);
  });

  it('keeps different features of one super-app apart across languages', () => {
    const zh = (title: string, summary: string, firm: string): [Item, Assessment] => [item({ lang: 'zh', title, summary, published: at(0) }), assess([firm])];
    const en = (title: string, summary: string, firm: string): [Item, Assessment] => [item({ title, summary, published: at(6) }), assess([firm])];
    const pairs: Array<[[Item, Assessment], [Item, Assessment]]> = [
      [
        zh('微信上线AI群聊摘要功能', '腾讯宣布微信上线基于混元大模型的群聊摘要功能，可将未读消息整理成简短摘要，首批向部分用户开放。', 'Tencent'),
        en(
          'WeChat lets merchants run AI customer service in mini-programs',
          'Merchants can now switch on an AI agent that answers buyer questions inside their WeChat mini-programs and handles payments, Tencent said.',
          'Tencent',
        ),
      ],
      [
        zh('支付宝上线AI理财助手', '蚂蚁集团宣布支付宝上线AI理财助手，可根据用户的收支情况推荐基金组合，并通过小程序提醒异常支出。', 'Ant Group'),
        en(
          'Alipay opens its mini-program platform to outside AI agents',
          'Ant Group will let third-party agents call Alipay payment and mini-program services through a standard protocol.',
          'Ant Group',
        ),
      ],
      [
        zh('美团外卖上线AI点餐助手', '美团在外卖App上线AI点餐助手，用户一句话即可下单，并推荐附近商家。', 'Meituan'),
        en(
          'Meituan lets restaurants use AI to write menus and answer reviews',
          'Merchants on Meituan can generate menu descriptions and reply to customer reviews with an AI tool, the food delivery giant said.',
          'Meituan',
        ),
      ],
    ];
    for (const [a, b] of pairs) {
      const v = verdict(b, a);
      expect(v.duplicate).toBe(false);
      expect(['weak-evidence', 'different-service', 'different-action']).toContain(v.reason);
    }
  });

  it('keeps stories about different firms apart even with similar wording', async () => {
    const a: [Item, Assessment] = [
      item({
        id: 'd1',
        title: 'Meituan puts an AI agent on its app home page',
        summary: 'The agent books meals, hotels and medicine delivery from one request.',
        published: at(0),
      }),
      assess(['Meituan']),
    ];
    const b: [Item, Assessment] = [
      item({
        id: 'd2',
        title: 'Didi puts an AI agent on its app home page',
        summary: 'The agent books rides, hotels and car rentals from one request.',
        published: at(3),
      }),
      assess(['Didi']),
    ];
    expect(verdict(b, a)).toMatchObject({ duplicate: false, reason: 'different-firms' });
  });
});

describe('fingerprint shape', () => {
  it('keeps buckets few, prefixed and time-celled, and data readable by the matcher', () => {
    const fp = fingerprint(...moveA);
    expect(fp.buckets.length).toBeGreaterThan(4);
    expect(fp.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    for (const b of fp.buckets) expect(b).toMatch(/^[fpncl]:[^@]+@[ab]\d+$/);
    expect(fp.buckets).toContain(fp.buckets.find((b) => b.startsWith('p:ellison mara@')));
    expect(explainMatch(fp.data, fp.data).duplicate).toBe(true);
    expect(explainMatch('not json', fp.data)).toMatchObject({ duplicate: false, reason: 'unreadable' });
  });

  it('never matches stories more than a week apart', () => {
    const [it0, a0] = moveA;
    const later: [Item, Assessment] = [{ ...it0, id: 'late', published: at(24 * 9) }, a0];
    expect(verdict(later, moveA)).toMatchObject({ duplicate: false, reason: 'too-far-apart' });
  });
});
