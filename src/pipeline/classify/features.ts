// Turns one scan (firm mentions + term hits) into topic scores with their evidence.
import type { FamilyName, Knowledge, Scan, TermHit } from '../../knowledge/index.js';
import type { Angles } from './angles.js';

export interface Evidence {
  /** Distinct terms per family, in order of appearance. */
  terms: Partial<Record<FamilyName, string[]>>;
  counts: Record<FamilyName, number>;
}

export interface TopicScores {
  talent: number;
  superapp: number;
  why: string[];
}

/** The families in knowledge order, with their weight and cap (read once per Knowledge). */
interface FamilyList {
  list: Array<{ name: FamilyName; weight: number; cap: number }>;
  /** Every family at 0, in knowledge order: counts start as a copy. */
  zero: Record<FamilyName, number>;
  /** Every family's weight. */
  weights: Record<FamilyName, number>;
}
const familyLists = new WeakMap<Knowledge, FamilyList>();
function familyList(k: Knowledge): FamilyList {
  let fl = familyLists.get(k);
  if (!fl) {
    const list = Object.entries(k.families).map(([name, fam]) => ({ name: name as FamilyName, weight: fam.weight, cap: fam.cap }));
    fl = {
      list,
      zero: Object.fromEntries(list.map((f) => [f.name, 0])) as Record<FamilyName, number>,
      weights: Object.fromEntries(list.map((f) => [f.name, f.weight])) as Record<FamilyName, number>,
    };
    familyLists.set(k, fl);
  }
  return fl;
}

export function evidence(k: Knowledge, scan: Scan): Evidence {
  const terms: Partial<Record<FamilyName, string[]>> = {};
  const hits = scan.terms;
  const firms = scan.firms;
  // A hit's key is `${family}:${folded text it covers}` (knowledge builds it once per term).
  const keyOf = (h: TermHit) => h.key;
  let aiMade: Set<string> | undefined;
  for (const h of hits) if (k.families[h.family].weight < 0 && (aiBefore(scan, h.start) || moneyCoach(scan.text, h))) (aiMade ??= new Set()).add(keyOf(h));
  // Keys are the knowledge's own strings, few per item: a list is quicker than a set.
  const seen: string[] = [];
  for (const h of hits) {
    // A word inside a firm's name or description ("the Seattle retail giant") is not evidence.
    let inFirm = false;
    for (const f of firms)
      if (f.start <= h.start && h.end <= f.end && f.end - f.start > h.end - h.start) {
        inFirm = true;
        break;
      }
    if (inFirm) continue;
    const key = keyOf(h);
    // "an AI spending coach … the coach", "AI教练": a negative word made an AI product is not that trade's story.
    if (aiMade?.has(key)) continue;
    // "bot accounts", "spam bots": fake users, not an assistant.
    if (h.family === 'feature' && /^bots?$/i.test(h.term) && abuseBot(scan.text, h.start, h.end)) continue;
    if (seen.includes(key)) continue;
    seen.push(key);
    (terms[h.family] ??= []).push(scan.text.slice(h.start, h.end));
  }
  const { list, zero } = familyList(k);
  const counts = { ...zero };
  for (const { name, cap } of list) counts[name] = Math.min(terms[name]?.length ?? 0, cap);
  return { terms, counts };
}

/** "an AI coach", "a Grok spending coach", 元宝教练: AI or a model or assistant's name right before, with at most one word between. */
function aiBefore(scan: Scan, start: number): boolean {
  // The pattern needs "AI" inside the 24 characters before.
  const from = Math.max(0, start - 24);
  const ai = scan.text.indexOf('AI', from);
  if (ai >= 0 && ai + 2 <= start && /\bAI[\s-]?(?:[a-z][\w-]*\s+)?$/.test(scan.text.slice(from, start))) return true;
  return scan.firms.some(
    (f) => f.kind === 'model' && f.end <= start && start - f.end <= 24 && /^[\s-]*(?:[a-z][\w-]*\s+)?$/i.test(scan.text.slice(f.end, start)),
  );
}

// A coach for money, work or study is an assistant, not a sports job: "spending coach", "budget coach", 理财教练.
const MONEY_COACH_EN =
  /\b(?:spending|budget|budgeting|money|financial|finance|savings|saving|credit|debt|expense|shopping|career|interview|writing|coding|study|language)\s+$/i;
const MONEY_COACH_ZH = /(?:理财|记账|消费|省钱|购物|财务|职业|面试|写作|学习|口语)$/;
function moneyCoach(text: string, h: { family: FamilyName; term: string; start: number }): boolean {
  if (h.family !== 'sports') return false;
  const before = text.slice(Math.max(0, h.start - 16), h.start);
  return /^coach(?:es)?$/i.test(h.term) ? MONEY_COACH_EN.test(before) : h.term === '教练' && MONEY_COACH_ZH.test(before);
}

function abuseBot(text: string, start: number, end: number): boolean {
  return (
    /\b(?:spam|fake|scalper|scalping|malicious|fraudulent|anti-?)[\s-]*$/i.test(text.slice(Math.max(0, start - 16), start)) ||
    /^\s+(?:accounts?|farms?|traffic|networks?|attacks?)\b/i.test(text.slice(end, end + 12))
  );
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round = (x: number) => Math.round(x * 1000) / 1000;

export interface Signals {
  /** AI labs, model families or AI teams mentioned. */
  aiFirms: number;
  /** Distinct super-apps mentioned. */
  superapps: number;
  /** A named person moving between organisations was found. */
  move: boolean;
  /** A talent story on a super-app's side: the move's destination is named by its super-app ('dest'), or a super-app's AI team hires or keeps people ('team'). */
  superappHires?: 'dest' | 'team';
  /** A super-app's own AI is named right after it ("LINE's AI", 微信AI): a feature angle. */
  superappAi?: boolean;
  /** Talent angles said by two things together (angles.ts): lab alumni founding, a small team bought, hiring at scale, a lab opened somewhere, a poaching turned down, researchers courted, pay said as a figure, keeping researchers, a firm's graduate programme, a rule on who labs may employ. */
  angles?: Angles;
  hints: { talent: boolean; superapp: boolean };
}

/** A family's weight times its count (`weights` from familyList). */
function part(weights: Record<FamilyName, number>, ev: Evidence, f: FamilyName): number {
  return weights[f] * ev.counts[f];
}

function quote(ev: Evidence, fams: FamilyName[]): string {
  return fams
    .filter((f) => ev.terms[f]?.length)
    .map((f) => `${f} "${ev.terms[f]!.slice(0, 3).join('", "')}"`)
    .join(', ');
}

export function scoreTopics(k: Knowledge, ev: Evidence, s: Signals): TopicScores {
  const c = ev.counts;
  const w = familyList(k).weights;
  const ai = c.ai + Math.min(s.aiFirms, 2);
  const negShared = part(w, ev, 'wildlife') + part(w, ev, 'nature') + part(w, ev, 'sports') + part(w, ev, 'showbiz');

  const an = s.angles;
  // People who left a known firm and founded a company, or a small team bought whole, are a move without a named destination.
  const angleMove = !!an && (an.founderExit || an.teamBuy);
  // Hiring at a scale, a lab opened somewhere, a poaching turned down by a researcher, researchers courted: each weighs as one talent-war term.
  // Only with people said (engineers, researchers, a team): "hire 10,000 riders" or "opens Taipei office" alone is not AI talent.
  const withPeople = c.aiRole > 0 || c.people > 0;
  // Pay said as a figure and a firm's graduate programme count the same way; courting or keeping researchers says the people itself.
  const angleWar = an
    ? (withPeople ? +an.headcount + +an.opening + (an.staying && c.aiRole > 0 ? 1 : 0) + +an.payFigure + +an.gradProgram : 0) + +an.courting + +an.keeping
    : 0;
  // A rule on who a lab may employ (a licence before foreign nationals may work on models) weighs as one policy term.
  const anglePolicy = an?.employRule ? 1 : 0;
  let talent =
    part(w, ev, 'move') +
    part(w, ev, 'people') +
    part(w, ev, 'aiRole') +
    part(w, ev, 'war') +
    part(w, ev, 'policy') +
    (s.move || angleMove ? 1.5 : 0) +
    (an?.teamBuy ? k.families.war.weight : 0) +
    angleWar * k.families.war.weight +
    anglePolicy * k.families.policy.weight;
  const moveLike = (c.move > 0 && (c.people > 0 || c.aiRole > 0)) || s.move || angleMove;
  if (!moveLike && c.war === 0 && c.policy === 0 && angleWar === 0 && anglePolicy === 0) talent *= 0.3;
  // Without AI context (terms, labs, models) a move is someone else's story: nurses, bankers, cancer researchers.
  if (ai === 0) talent *= 0.3;
  else talent += Math.min(ai, 3) * 0.3;
  talent += negShared + part(w, ev, 'dataMigration') + part(w, ev, 'earnings');
  // A CFO or a retail chief is not AI talent, unless a named person moves with AI work said in so many words (京东零售智能体).
  if (c.aiRole === 0 && !(s.move && c.ai >= 2)) talent += part(w, ev, 'execRole');
  if (c.policy === 0 && anglePolicy === 0 && c.move === 0) talent += part(w, ev, 'exportControl');
  if (s.hints.talent && talent > 0) talent += 0.4;

  // "Super app" said of a gadget maker's or a bank's app, with no AI and no super-app firm named, is a marketing word, not the beat.
  const strong = s.superapps === 0 && c.ai === 0 && s.aiFirms === 0 ? 0 : part(w, ev, 'superapp');
  const platforms = Math.min(s.superapps, 2) * 1.5;
  const angle = c.feature + (c.ai > 0 || s.aiFirms > 0 ? 1 : 0);
  let superapp = strong + platforms + part(w, ev, 'feature') + part(w, ev, 'ecosystem') + (s.superappAi && c.feature === 0 ? k.families.feature.weight : 0);
  if (s.superapps > 0 && s.aiFirms > 0) superapp += 0.8;
  if (strong === 0 && platforms === 0) superapp *= 0.2;
  // A move between employers that run super-apps is not by itself a super-app story.
  if (s.move && strong === 0) superapp *= 0.6;
  else if (strong === 0 && angle === 0) superapp *= 0.4;
  if (c.gadget > 0 && s.superapps === 0) superapp += part(w, ev, 'gadget');
  superapp += negShared + part(w, ev, 'earnings') + part(w, ev, 'dataMigration') + part(w, ev, 'exportControl');
  if (s.hints.superapp && superapp > 0) superapp += 0.4;

  const t = sigmoid(talent - k.bias.talent);
  // Hiring for a super-app (its new AI chief, its AI team's retention pay) is a super-app story too.
  // A move to a super-app counts when the person's work there is on the app (its assistant, agent, rides, payments …), not only on its models.
  const onTheApp = s.superappHires === 'team' || (s.superappHires === 'dest' && c.feature + c.ecosystem + c.superapp > 0);
  if (onTheApp && t >= 0.5) superapp = Math.max(superapp, k.bias.superapp + 0.5);
  const sa = sigmoid(superapp - k.bias.superapp);
  const why: string[] = [];
  const pos = quote(ev, ['move', 'aiRole', 'people', 'war', 'policy', 'ai']);
  const angles = an
    ? [
        an.founderExit && 'people from a known firm founded a company',
        an.teamBuy && 'a small team bought',
        an.headcount && withPeople && 'hiring at a scale',
        an.opening && withPeople && 'a lab or office opened somewhere',
        an.staying && c.aiRole > 0 && 'a poaching turned down',
        an.courting && 'researchers courted',
        an.payFigure && withPeople && 'pay said as a figure',
        an.keeping && 'keeping researchers',
        an.gradProgram && withPeople && "a firm's graduate programme",
        an.employRule && 'a rule on who labs may employ',
      ].filter((x): x is string => !!x)
    : [];
  if (pos || angles.length) why.push(`talent ${round(t)}: ${[pos, ...angles].filter(Boolean).join(', ')}${s.move ? ', a named person moved' : ''}`);
  const sup = quote(ev, ['superapp', 'feature', 'ecosystem']);
  if (sup || s.superapps) why.push(`superapp ${round(sa)}: ${sup}${s.superapps ? `${sup ? ', ' : ''}${s.superapps} super-app(s) named` : ''}`);
  const neg = quote(ev, ['wildlife', 'nature', 'sports', 'showbiz', 'dataMigration', 'execRole', 'gadget', 'earnings', 'exportControl']);
  if (neg) why.push(`against: ${neg}`);
  return { talent: round(t), superapp: round(sa), why };
}
