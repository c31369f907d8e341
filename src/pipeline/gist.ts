// The English gist: one short sentence for readers who do not read the item's language,
// built only from what the engine found (the move, firms in their English canonical names,
// products romanized, the key number). No model needed; an LLM may replace it (src/llm/).
import { pinyin } from 'pinyin-pro';
import type { Assessment, Item, Move } from '../types.js';
import { isChinese, plainText, sentences } from './summarize.js';
import { conceptsOf } from './dedupe/features.js';
import { FAMILIES } from './dedupe/glossary.js';

export const GIST_LIMIT = 200;

const HAN = /[\u3400-\u9fff]/;
const HAN_G = /[\u3400-\u9fff]/g;
const COMPOUND = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '夏侯', '端木', '司徒', '申屠']);

const cap = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const syllables = (s: string, surname = false) =>
  pinyin(s, { toneType: 'none', type: 'array', ...(surname ? { surname: 'head' as const } : {}) }).map((x) => x.replace(/ü/g, 'u').replace(/v/g, 'u'));

// Romanizing is a pure function of its input and pinyin is slow: the answers are kept (the same
// people and products come back in item after item). Bounded: a full memo starts over.
const MEMO_LIMIT = 10_000;
function remember<K, V>(memo: Map<K, V>, key: K, make: () => V): V {
  let v = memo.get(key);
  if (v === undefined) {
    v = make();
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, v);
  }
  return v;
}
const names = new Map<string, string>();
const NO_ALIASES: readonly string[] = [];
const terms = new WeakMap<readonly string[], Map<string, string>>();

/** "徐岚清" → "Xu Lanqing", "欧阳晓明" → "Ouyang Xiaoming"; a Latin name is returned as is. */
export function romanizeName(name: string): string {
  if (!HAN.test(name)) return name;
  return remember(names, name, () => romanizeHan(name));
}

function romanizeHan(name: string): string {
  const n = name.replace(/\s+/g, '');
  const cut = COMPOUND.has(n.slice(0, 2)) && n.length > 2 ? 2 : 1;
  const syl = syllables(n, true);
  return `${cap(syl.slice(0, cut).join(''))} ${cap(syl.slice(cut).join(''))}`.trim();
}

/** A Chinese term in Latin script: an alias of the same firm when one spells its pinyin ("淘宝" → "Taobao"), else pinyin. */
export function romanizeTerm(raw: string, aliases: readonly string[] = NO_ALIASES): string {
  if (!HAN.test(raw)) return raw;
  // Keyed by the alias list itself: knowledge hands out one list per firm, and lists are not changed.
  let memo = terms.get(aliases);
  if (!memo) terms.set(aliases, (memo = new Map()));
  return remember(memo, raw, () => romanizeHanTerm(raw, aliases));
}

function romanizeHanTerm(raw: string, aliases: readonly string[]): string {
  // Generic tails ("混元大模型", "美团App", "通义实验室") romanize badly; the name before them is enough.
  const term = raw.replace(/(?:大模型|模型|智能助手|助手|App|APP|团队|实验室|事业群)$/, '') || raw;
  const parts = pinyin(term, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const joined = parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const alias = aliases.find((a) => !HAN.test(a) && a.toLowerCase().replace(/[^a-z0-9]/g, '') === joined);
  if (alias) return alias;
  return parts
    .map((p, i) => (i === 0 || !/^[a-z]/.test(p) ? cap(p) : p))
    .join('')
    .replace(/ü/g, 'u');
}

/** The firm's own Latin alias that spells the term's pinyin ("淘宝" → "Taobao"), if any. */
function pinyinAlias(term: string, aliases: readonly string[]): string | undefined {
  const r = romanizeTerm(term, aliases);
  return aliases.includes(r) ? r : undefined;
}

const CN_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3, 百: 100 };
function englishAmount(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(1)} billion`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)} million`;
  if (n >= 1e3 && n % 1000 === 0) return `${n / 1000},000`;
  return String(n);
}

/** The story's key number in English: "$2 billion", "30%", "10 billion yuan", "500 million users". */
export function keyNumber(text: string): string | undefined {
  const en =
    /(?:US)?\$\s?\d[\d,.]*\s?(?:billion|million|bn|m|k)?\b|\b\d[\d,.]*\s?%|\b\d[\d,.]*\s?(?:billion|million)\s+(?:users|people|researchers|engineers|dollars|yuan)\b/i.exec(
      text,
    );
  const zh = /(\d+(?:\.\d+)?)\s*(万亿|亿|万|千|百)?\s*(美元|元|人民币|用户|名|人|%)/.exec(text);
  if (en && (!zh || en.index <= zh.index)) return en[0].replace(/\s+/g, ' ').trim();
  if (!zh) return undefined;
  const n = Number(zh[1]) * (zh[2] === '万亿' ? 1e12 : zh[2] ? CN_UNIT[zh[2]] : 1);
  const unit = zh[3];
  if (unit === '%') return `${zh[1]}%`;
  if (unit === '美元') return `$${englishAmount(n)}`;
  if (unit === '元' || unit === '人民币') return `${englishAmount(n)} yuan`;
  return `${englishAmount(n)} ${unit === '用户' ? 'users' : 'people'}`;
}

export interface GistFacts {
  /** Product, model, team or super-app names found, with their firm's aliases and listed English name (for romanizing). */
  products?: Array<{ term: string; aliases: readonly string[]; latin?: string }>;
  /** Families of evidence found (feature, policy, war, ...). */
  families?: string[];
  /** Whether the move's destination is a firm the engine knows (else: a new company). */
  knownOrg?: (name: string) => boolean;
  /** Canonical (English) name of a known organisation a move names as written (小鹏汽车 → XPeng). */
  canonicalOrg?: (name: string) => string | undefined;
}

function list(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

// Chinese titles a move may carry, in English for the gist (a title not listed is left out).
const ROLE_EN: Record<string, string> = {
  首席科学家: 'chief scientist',
  首席技术官: 'CTO',
  首席执行官: 'CEO',
  首席运营官: 'COO',
  首席AI官: 'chief AI officer',
  首席人工智能官: 'chief AI officer',
  首席架构师: 'chief architect',
  副总裁: 'vice president',
  技术副总裁: 'vice president of technology',
  总裁: 'president',
  副院长: 'deputy head',
  技术负责人: 'technical lead',
  总经理: 'general manager',
  总监: 'director',
  技术总监: 'technical director',
};

function moveSentence(m: Move, facts: GistFacts, num?: string): string {
  const who = romanizeName(m.person);
  const latin = (org: string) => (HAN.test(org) ? (facts.canonicalOrg?.(org) ?? romanizeTerm(org)) : org);
  const to = latin(m.to);
  const from = latin(m.from);
  const founding = facts.knownOrg && !facts.knownOrg(m.to);
  const core = founding ? `${who} leaves ${from} to found ${to}` : `${who} moves from ${from} to ${to}`;
  const role = m.role && HAN.test(m.role) ? ROLE_EN[m.role.replace(/^(?:高级|资深|常务)/, '')] : m.role;
  return `${core}${role ? ` as ${role}` : ''}${num ? ` (${num})` : ''}.`;
}

// The services a super-app feature is for (the dedupe glossary's service concepts), in English.
const SERVICE_EN: Record<string, string> = {
  ride: 'ride-hailing',
  driver: 'drivers',
  payment: 'payments',
  food: 'food delivery',
  restaurant: 'restaurants',
  hotel: 'hotel booking',
  medicine: 'medicine',
  health: 'health care',
  bill: 'bills',
  transfer: 'money transfers',
  loan: 'loans',
  insurance: 'insurance',
  travel: 'travel',
  game: 'games',
  video: 'video',
  search: 'search',
  reply: 'replies',
  keyboard: 'typing',
  image: 'images',
  speech: 'voice',
  code: 'coding',
  redpacket: 'red packets',
  summary: 'summaries',
  grocery: 'groceries',
  bank: 'banking',
  livestream: 'livestreaming',
  map: 'maps',
  translate: 'translation',
  ads: 'ads',
  fraud: 'fraud checks',
  wealth: 'wealth management',
  tax: 'tax',
  gift: 'gifts',
  creator: 'creators',
  support: 'customer service',
  tryon: 'virtual try-on',
  budget: 'bookkeeping',
  jobs: 'job matching',
};

/**
 * What a Chinese super-app item's AI is and what it is for, from its headline's concepts (the
 * summary's when the headline names none): "AI assistant for bills and money transfers".
 */
function featurePhrase(title: string, body: string): string | undefined {
  const servicesOf = (cs: string[]) => [...new Set(cs.map((c) => SERVICE_EN[FAMILIES.service.get(c) ?? '']).filter((x): x is string => !!x))];
  const head = conceptsOf(title);
  let services = servicesOf(head);
  const all = services.length ? head : [...head, ...conceptsOf(body)];
  if (!services.length) services = servicesOf(all);
  const noun = all.includes('agent') ? 'AI agent' : all.includes('assistant') ? 'AI assistant' : 'AI features';
  return services.length ? `${noun} for ${list(services.slice(0, 3))}` : undefined;
}

// What a talent story without a named move is about (the dedupe glossary's concepts), in English, most telling first.
const TALENT_EN: Array<[string, string]> = [
  ['retention', 'retention pay'],
  ['equity', 'stock grants'],
  ['acquihire', 'an acqui-hire'],
  ['layoff', 'job cuts'],
  ['reorg', 'a reorganization'],
  ['graduate', 'graduate hiring'],
  ['recruit', 'hiring'],
  ['salary', 'pay'],
  ['incentive', 'incentives'],
  ['visa', 'visas'],
  ['subsidy', 'subsidies'],
];

/** "retention pay and stock grants for AI researchers": a Chinese talent story without a move, from its headline first. */
function talentPhrase(title: string, body: string): string | undefined {
  // Graduate hiring says the hiring already.
  const pick = (cs: string[]) => TALENT_EN.filter(([c]) => cs.includes(c) && !(c === 'recruit' && cs.includes('graduate'))).map(([, en]) => en);
  const head = conceptsOf(title);
  let parts = pick(head);
  const all = [...head, ...conceptsOf(body)];
  if (!parts.length) parts = pick(all);
  if (!parts.length) return undefined;
  const who = all.includes('researcher') ? 'AI researchers' : all.includes('engineer') ? 'AI engineers' : 'AI talent';
  return `${list(parts.slice(0, 2))} for ${who}`;
}

function topicPhrase(a: Assessment, facts: GistFacts, products: string[], title: string, body: string): string {
  const fam = new Set(facts.families ?? []);
  const what = products.length ? ` ${list(products.slice(0, 2))}` : '';
  if (a.topics.includes('superapp') && !a.topics.includes('talent')) {
    const feature = featurePhrase(title, body);
    if (feature) return `${feature} in${what || ' its super-app'}`;
    if (fam.has('feature')) return `AI assistant or agent features in${what || ' its super-app'}`;
    if (fam.has('ecosystem')) return `super-app ecosystem moves${what ? ` around${what}` : ''}`;
    return `super-app strategy${what ? ` for${what}` : ''}`;
  }
  const about = talentPhrase(title, body);
  if (about) return about;
  if (fam.has('policy')) return `AI talent policy${what ? ` (${what.trim()})` : ''}`;
  if (fam.has('war')) return `competition for AI talent${what ? ` around${what}` : ''}`;
  if (fam.has('move')) return `AI staff moves${what ? ` around${what}` : ''}`;
  return `AI talent news${what ? ` about${what}` : ''}`;
}

function fit(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= GIST_LIMIT) return t;
  const cut = t.slice(0, GIST_LIMIT - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > GIST_LIMIT / 2 ? cut.slice(0, at) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** One short English sentence for a relevant item (mostly Latin script even for Chinese items). */
export function buildGist(
  item: Pick<Item, 'title' | 'summary' | 'lang'>,
  a: Pick<Assessment, 'topics' | 'firms' | 'moves' | 'summary'>,
  facts: GistFacts = {},
): string {
  const title = plainText(item.title);
  const body = plainText(item.summary);
  const zh = isChinese(`${title}${body}`, item.lang);
  const num = keyNumber(`${title} ${body}`);
  if (a.moves[0]) {
    // Every firm the item is about is named in English, the move's two first.
    const m = a.moves[0];
    const others = a.firms.filter((f) => f !== m.from && f !== m.to).slice(0, 3);
    return fit(`${moveSentence(m, facts, num).slice(0, -1)}${others.length ? `; also ${list(others)}` : ''}.`);
  }
  if (!zh) {
    // English items already speak English: the lead sentence says more than the headline.
    const lead = sentences(a.summary || body)[0] ?? title;
    return fit(lead.length >= 40 ? lead : title);
  }
  const products = [
    ...new Set(
      (facts.products ?? [])
        .map((p) => (HAN.test(p.term) ? (pinyinAlias(p.term, p.aliases) ?? p.latin ?? romanizeTerm(p.term, p.aliases)) : p.term))
        .filter((p) => !HAN.test(p) && !a.firms.includes(p)),
    ),
  ];
  const firms = a.firms.length ? list(a.firms.slice(0, 4)) : 'Chinese tech firms';
  const phrase = topicPhrase(a as Assessment, facts, products, title, body);
  return fit(`${firms}: ${phrase}${num ? ` (${num})` : ''}.`);
}

/** Share of letters in Latin script (a gist should be mostly Latin). */
export function latinShare(s: string): number {
  const han = s.match(HAN_G)?.length ?? 0;
  const latin = s.match(/[A-Za-z]/g)?.length ?? 0;
  return latin + han ? latin / (latin + han) : 1;
}

/** The gist to show under an alert's headline: absent when it would only repeat the headline or the summary shown. */
export function displayGist(alert: { title: string; summary?: string; assessment: Pick<Assessment, 'gist' | 'summary'> }): string | undefined {
  const g = alert.assessment.gist?.trim();
  if (!g) return undefined;
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[\s.…]+/g, ' ')
      .trim();
  const gn = norm(g);
  const shown = norm(`${alert.title} ${alert.assessment.summary || alert.summary || ''}`);
  return shown.includes(gn) ? undefined : g;
}
