// Deterministic bench data: RSS feeds with a realistic mix (about 30% talent / super-app
// stories in English and Chinese from templates, the rest tech news, some cross-outlet
// rewrites), archived alerts for search, and search queries. Pure: a seed in, data out.
import type { IngestEntry } from '../src/store/store.js';
import type { Topic } from '../src/types.js';

export type Rng = () => number;

/** Small fast PRNG (mulberry32). */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Firms as the knowledge base names them, with a Chinese name where the feeds use one. */
export const FIRMS: ReadonlyArray<{ en: string; zh: string }> = [
  { en: 'OpenAI', zh: 'OpenAI' },
  { en: 'Anthropic', zh: 'Anthropic' },
  { en: 'Google DeepMind', zh: '谷歌' },
  { en: 'Meta', zh: 'Meta' },
  { en: 'Microsoft', zh: '微软' },
  { en: 'Apple', zh: '苹果' },
  { en: 'xAI', zh: 'xAI' },
  { en: 'ByteDance', zh: '字节跳动' },
  { en: 'Alibaba', zh: '阿里巴巴' },
  { en: 'Tencent', zh: '腾讯' },
  { en: 'Baidu', zh: '百度' },
  { en: 'DeepSeek', zh: 'DeepSeek' },
  { en: 'Moonshot AI', zh: '月之暗面' },
  { en: 'Zhipu AI', zh: '智谱' },
  { en: 'MiniMax', zh: 'MiniMax' },
  { en: 'Xiaomi', zh: '小米' },
  { en: 'Nvidia', zh: '英伟达' },
];
const SUPERAPPS = ['WeChat', 'Alipay', 'Grab', 'Douyin', 'Meituan app', 'KakaoTalk', 'Paytm app', 'Gojek'];
const SUPERAPPS_ZH = ['微信', '支付宝', '抖音', '美团App', '淘宝', '快手App'];
const FIRST = ['Wei', 'Lina', 'Jason', 'Priya', 'Daniel', 'Mei', 'Alex', 'Sofia', 'Kenji', 'Omar', 'Hannah', 'Rui', 'Lukas', 'Ana', 'Tomás', 'Yuki'];
const LAST = ['Zhang', 'Chen', 'Wu', 'Patel', 'Kim', 'Garcia', 'Novak', 'Okafor', 'Rossi', 'Tanaka', 'Levin', 'Huang', 'Schmidt', 'Silva'];
const ZH_SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '林', '郭', '何', '高', '罗'];
const ZH_GIVEN = ['伟', '娜', '磊', '洋', '静', '帆', '敏', '晓明', '杰', '昊', '悦', '峰', '思远', '子涵', '一鸣', '嘉怡', '浩然', '雨桐'];
const ZH_NAMES = ZH_SURNAMES.flatMap((s) => ZH_GIVEN.slice(0, 6).map((g) => s + g));
const zhPerson = (r: Rng) => pick(r, ZH_SURNAMES) + pick(r, ZH_GIVEN);
const FEATURES = [
  'ride-hailing',
  'food delivery',
  'bill payments',
  'hotel booking',
  'mini-programs',
  'insurance',
  'grocery delivery',
  'micro-loans',
  'ticketing',
  'health care',
];
const ZH_FEATURES = ['打车', '外卖', '缴费', '酒店预订', '小程序', '保险', '买菜', '理财', '购票', '挂号'];
const MODELS = ['Pro', 'Air', 'Max', 'Lite', 'Ultra', 'Mini', 'Plus', 'S', 'X', 'Neo'];
const FIXES = [
  'faster builds',
  'a new garbage collector',
  'better error messages',
  'HTTP/3 support',
  'smaller binaries',
  'a plugin API',
  'async I/O',
  'improved caching',
];
const ROLES = ['chief scientist', 'head of research', 'VP of AI', 'lead researcher', 'head of post-training', 'CTO'];
const ZH_ROLES = ['首席科学家', '研究负责人', '技术副总裁', '大模型团队负责人', '首席技术官'];
const GADGETS = ['laptop', 'smartwatch', 'router', 'phone', 'e-reader', 'mirrorless camera', 'VR headset', 'keyboard'];
const TECH = ['Rust', 'Kubernetes', 'PostgreSQL', 'WebAssembly', 'Linux', 'TypeScript', 'SQLite', 'React', 'Go', 'Kafka'];
const CO = ['Intel', 'AMD', 'Samsung', 'Sony', 'Dell', 'Cisco', 'Oracle', 'IBM', 'Uber', 'Spotify', 'Netflix', 'Shopify'];
const ZH_IRR = ['手机评测', '新能源汽车销量', '芯片出口数据', '电商大促', '游戏版号', '光伏产能', '房地产政策'];

interface Story {
  title: string;
  summary: string;
  lang: 'en' | 'zh';
  relevant: boolean;
}

function enPerson(r: Rng): string {
  return `${pick(r, FIRST)} ${pick(r, LAST)}`;
}
function twoFirms(r: Rng): [{ en: string; zh: string }, { en: string; zh: string }] {
  const a = pick(r, FIRMS);
  let b = pick(r, FIRMS);
  while (b === a) b = pick(r, FIRMS);
  return [a, b];
}

/** One relevant story and its rewrites (another outlet's wording of the same news). */
export function relevantStory(r: Rng, rewrite = 0): Story {
  const kind = r();
  if (kind < 0.25) {
    const [a, b] = twoFirms(r);
    const p = zhPerson(r);
    const role = pick(r, ZH_ROLES);
    const titles = [`${a.zh}${role}${p}离职，加盟${b.zh}`, `消息称${p}已从${a.zh}跳槽至${b.zh}，出任${role}`, `${b.zh}挖角${a.zh}：${p}加入负责大模型研发`];
    return {
      lang: 'zh',
      relevant: true,
      title: titles[rewrite % 3],
      summary: `据知情人士透露，${a.zh}${role}${p}已经离职，将加盟${b.zh}负责大模型团队。这是今年${b.zh}从${a.zh}挖来的第${2 + Math.floor(r() * 6)}位核心研究员，人才争夺战持续升温。`,
    };
  }
  if (kind < 0.7) {
    const [a, b] = twoFirms(r);
    const p = enPerson(r);
    const role = pick(r, ROLES);
    const titles = [
      `${a.en} ${role} ${p} leaves to join ${b.en}`,
      `${b.en} hires ${a.en}'s ${p} as ${role}`,
      `${p} departs ${a.en} for ${b.en} in latest AI talent move`,
    ];
    return {
      lang: 'en',
      relevant: true,
      title: titles[rewrite % 3],
      summary: `${p}, who led research on large language models at ${a.en}, is joining ${b.en} as ${role}, according to people familiar with the matter. ${b.en} has hired ${3 + Math.floor(r() * 9)} researchers from rival labs this year as the war for AI talent intensifies.`,
    };
  }
  if (kind < 0.85) {
    const app = pick(r, SUPERAPPS);
    const [f1, f2] = [pick(r, FEATURES), pick(r, FEATURES)];
    const users = Math.floor(50 + r() * 900);
    const titles = [
      `${app} adds AI agents for ${f1} and ${f2} in super-app push`,
      `${app} turns into an everything app: AI assistant now handles ${f1}`,
      `Super-app race: ${app} bundles AI agent with ${f2}`,
    ];
    return {
      lang: 'en',
      relevant: true,
      title: titles[rewrite % 3],
      summary: `${app} is rolling out an AI agent that handles ${f1} and ${f2} inside its super app, its latest step to keep ${users} million users in one app.`,
    };
  }
  const app = pick(r, SUPERAPPS_ZH);
  const [f1, f2] = [pick(r, ZH_FEATURES), pick(r, ZH_FEATURES)];
  const users = 2 + Math.floor(r() * 9);
  const titles = [`${app}上线AI智能体支持${f1}，超级应用之争升级`, `${app}接入大模型助手，${f1}与${f2}一站办理`, `超级应用：${app}推出AI助理，覆盖${f2}`];
  return {
    lang: 'zh',
    relevant: true,
    title: titles[rewrite % 3],
    summary: `${app}宣布在超级应用内上线AI智能体，用户可以直接完成${f1}和${f2}，月活用户超过${users}亿。`,
  };
}

export function irrelevantStory(r: Rng): Story {
  const k = r();
  if (k < 0.15) {
    const t = pick(r, ZH_IRR);
    return {
      lang: 'zh',
      relevant: false,
      title: `${t}：${pick(r, ['华东', '华南', '华北', '西南', '全国'])}${Math.floor(r() * 12) + 1}月数据出炉，同比${r() < 0.5 ? '增长' : '下降'}${(r() * 40).toFixed(1)}%`,
      summary: `最新${t}显示同比增长${Math.floor(r() * 40)}%，分析人士认为市场仍在调整。`,
    };
  }
  if (k < 0.45) {
    const g = pick(r, GADGETS);
    const c = pick(r, CO);
    return {
      lang: 'en',
      relevant: false,
      title: `${c} ${g} ${pick(r, MODELS)} ${Math.floor(r() * 90) + 10} review: ${pick(r, ['fast', 'solid', 'pricey', 'underwhelming'])} and ${pick(r, ['light', 'loud', 'bright', 'quiet'])}, $${Math.floor(99 + r() * 2000)}`,
      summary: `We spent ${2 + Math.floor(r() * 6)} weeks with the new ${g} from ${c}. Battery life, build quality and price all matter here.`,
    };
  }
  if (k < 0.75) {
    const t = pick(r, TECH);
    return {
      lang: 'en',
      relevant: false,
      title: `${t} ${Math.floor(r() * 9)}.${Math.floor(r() * 40)}.${Math.floor(r() * 10)} released with ${pick(r, FIXES)} and ${pick(r, FIXES)}`,
      summary: `The ${t} project shipped a release with ${10 + Math.floor(r() * 90)} fixes, better tooling and a new default configuration.`,
    };
  }
  const c = pick(r, CO);
  return {
    lang: 'en',
    relevant: false,
    title: `${c} reports ${pick(r, ['Q1', 'Q2', 'Q3', 'Q4'])} revenue of $${(1 + r() * 90).toFixed(2)} billion, ${r() < 0.5 ? 'up' : 'down'} ${(r() * 30).toFixed(1)}%`,
    summary: `${c} said revenue rose ${Math.floor(r() * 30)}% as demand for its hardware and cloud services held up; shares moved after hours.`,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface GenItem extends Story {
  guid: string;
  link: string;
  published: string;
}

export function rssXml(name: string, items: GenItem[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>${new Date(i.published).toUTCString()}</pubDate><description>${esc(`<p>${i.summary}</p>`)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(name)}</title><link>https://${name}.example/</link><description>Bench feed ${esc(name)}</description>\n${body}\n</channel></rss>\n`;
}

export interface GenFeed {
  name: string;
  items: GenItem[];
  xml: string;
}

/**
 * `feeds` × `perFeed` items; `relevantShare` of them relevant stories; about a third of those
 * re-tell a story another outlet already carried (a cross-outlet rewrite).
 */
export function generateFeeds(opts: { feeds: number; perFeed: number; seed?: number; relevantShare?: number; now?: Date }): GenFeed[] {
  const r = rng(opts.seed ?? 1);
  const share = opts.relevantShare ?? 0.3;
  const now = (opts.now ?? new Date()).getTime();
  const stories: Array<{ seed: number; used: number }> = [];
  const out: GenFeed[] = [];
  for (let f = 0; f < opts.feeds; f++) {
    const name = `outlet-${f}`;
    const items: GenItem[] = [];
    for (let i = 0; i < opts.perFeed; i++) {
      let story: Story;
      if (r() < share) {
        if (stories.length && r() < 0.35) {
          const s = pick(r, stories);
          s.used++;
          story = relevantStory(rng(s.seed), s.used);
        } else {
          const seed = Math.floor(r() * 2 ** 31);
          stories.push({ seed, used: 0 });
          story = relevantStory(rng(seed));
        }
      } else story = irrelevantStory(r);
      const published = new Date(now - Math.floor(r() * 48 * 3600_000)).toISOString();
      items.push({ ...story, guid: `${name}-${i}`, link: `https://${name}.example/news/${i}-${Math.floor(r() * 1e9).toString(36)}`, published });
    }
    out.push({ name, items, xml: rssXml(name, items) });
  }
  return out;
}

/** Archived alerts for the search bench: relevant stories, spread over a year, real firm names. */
export function generateAlertEntries(start: number, count: number, opts: { seed?: number; now: Date }): IngestEntry[] {
  const r = rng((opts.seed ?? 7) + start);
  const base = opts.now.getTime();
  const out: IngestEntry[] = [];
  for (let n = start; n < start + count; n++) {
    const s = relevantStory(r, Math.floor(r() * 3));
    const published = new Date(base - Math.floor(r() * 365 * 86400_000)).toISOString();
    const firms = FIRMS.filter((f) => s.title.includes(f.en) || s.title.includes(f.zh) || s.summary.includes(f.en)).map((f) =>
      f.en === 'Google DeepMind' ? 'Google' : f.en,
    );
    const topics: Topic[] = /super|超级|app|App/i.test(s.title) ? ['superapp'] : ['talent'];
    const item = {
      id: `bench-${n}`,
      source: `outlet-${n % 200}`,
      title: s.title,
      summary: s.summary,
      link: `https://outlet-${n % 200}.example/a/${n}`,
      lang: s.lang,
      published,
      fetchedAt: published,
    };
    out.push({
      item,
      assessment: { relevant: true, topics, score: 0.5 + r() / 2, firms, moves: [], why: [], summary: s.title },
      keys: [`url:${item.link}`],
      archive: true,
      targets: [],
    });
  }
  return out;
}

export interface BenchQuery {
  text: string;
  firms?: string[];
  topics?: Topic[];
  since?: string;
  lang?: string;
  limit: number;
  /** Query shape, for per-shape latency. */ kind?: string;
}

/** Varied /talent search queries: English and Chinese words, names, filters. */
export function generateQueries(n: number, opts: { seed?: number; now: Date }): BenchQuery[] {
  const r = rng(opts.seed ?? 99);
  const words = ['researcher', 'chief scientist', 'joins', 'talent', 'super app', 'payments', 'AI agent', 'leaves', 'hires', 'post-training', 'ride-hailing'];
  const out: BenchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const k = r();
    const since = new Date(opts.now.getTime() - Math.floor(1 + r() * 90) * 86400_000).toISOString();
    const firm = pick(r, FIRMS);
    const canon = firm.en === 'Google DeepMind' ? 'Google' : firm.en;
    if (k < 0.25) out.push({ kind: 'word', text: pick(r, words), limit: 10 });
    else if (k < 0.4) out.push({ kind: 'surname', text: `${pick(r, LAST)}`, limit: 10 });
    else if (k < 0.55)
      out.push({ kind: 'chinese', text: pick(r, [...ZH_NAMES, '加盟', '首席科学家', '超级应用', '大模型', '离职', ...SUPERAPPS_ZH]), limit: 10 });
    else if (k < 0.7) out.push({ kind: 'word+firm', text: pick(r, words), firms: [canon], limit: 10 });
    else if (k < 0.8) out.push({ kind: 'word+topic', text: pick(r, words), topics: [pick(r, ['talent', 'superapp'] as const)], limit: 10 });
    else if (k < 0.9) out.push({ kind: 'two words+since', text: `${firm.en.split(' ')[0]} ${pick(r, words)}`, since, limit: 10 });
    else out.push({ kind: 'firm+since only', text: '', firms: [canon], since, limit: 10 });
  }
  return out;
}
