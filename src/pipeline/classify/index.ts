// The rule engine: one scan per item (firms + topic terms), topic scores, the move, the why.
import type { FirmHit, Knowledge } from '../../knowledge/index.js';
import type { Assessment, Item, Move, Topic } from '../../types.js';
import { buildGist, romanizeName, type GistFacts } from '../gist.js';
import { summarize } from '../summarize.js';
import { talentAngles } from './angles.js';
import { evidence, scoreTopics } from './features.js';
import { extractMove } from './moves.js';

export interface ClassifyHints {
  firms?: string[];
  topics?: Topic[];
}

export interface Classifier {
  readonly threshold: number;
  classify(item: Pick<Item, 'title' | 'summary' | 'lang'> & Partial<Item>, hints?: ClassifyHints): Assessment;
  /** The rule gist for an assessment (the LLM assessor uses it when the model turns an item relevant). */
  gist?(item: Pick<Item, 'title' | 'summary' | 'lang'>, a: Assessment): string;
}

export function createClassifier(knowledge: Knowledge, opts: { threshold?: number } = {}): Classifier {
  const threshold = opts.threshold ?? 0.5;
  const classify: Classifier['classify'] = (item, hints = {}) => {
    const text = `${item.title}\n${item.summary}`;
    const scan = knowledge.scan(text);
    const info = (name: string) => knowledge.firms.get(name);
    const firms: string[] = [];
    const orgs: string[] = [];
    const evidenceFirms: string[] = [];
    let aiFirms = 0;
    const superapps = new Set<string>();
    for (const h of scan.firms) {
      const f = info(h.firm);
      if (f?.ai || h.kind === 'model' || h.kind === 'team') aiFirms++;
      if (h.kind === 'superapp' || (h.kind === 'alias' && f?.runsSuperapp && !f.ai && APP_OF.test(text.slice(h.end, h.end + 24)))) superapps.add(h.firm);
      if ((f?.report || f?.runsSuperapp) && !orgs.includes(h.firm)) orgs.push(h.firm);
      if (f?.report && !firms.includes(h.firm)) {
        firms.push(h.firm);
        evidenceFirms.push(h.term === h.firm ? h.firm : `${h.firm} ← "${h.term}"`);
      }
    }
    const ev = evidence(knowledge, scan);
    const move = extractMove(knowledge, text, scan.firms, scan.folded);
    const scores = scoreTopics(knowledge, ev, {
      aiFirms,
      superapps: superapps.size,
      move: !!move,
      superappHires: superappHires(text, scan.firms, move),
      // Angles said with people count only when an AI role or people term is found, a poaching turned down only with an AI role.
      angles: talentAngles(text, scan.firms, (h) => !!(info(h.firm)?.report || info(h.firm)?.ai), scan.folded, {
        people: ev.counts.aiRole > 0 || ev.counts.people > 0,
        aiRole: ev.counts.aiRole > 0,
      }),
      superappAi: scan.firms.some((h) => h.kind === 'superapp' && SUPERAPP_AI.test(text.slice(h.end, h.end + 12))),
      hints: { talent: !!hints.topics?.includes('talent'), superapp: !!hints.topics?.includes('superapp') },
    });
    let score = Math.max(scores.talent, scores.superapp);
    if (hints.firms?.some((f) => firms.includes(f)) && score > 0.2) score = Math.min(1, score + 0.05);
    const topics: Topic[] = (['talent', 'superapp'] as const).filter((t) => scores[t] >= threshold);
    const relevant = topics.length > 0;
    const moves: Move[] =
      relevant && topics.includes('talent') && move ? [/[\u3400-\u9fff]/.test(move.person) ? { ...move, personLatin: romanizeName(move.person) } : move] : [];
    const why = [...scores.why];
    if (evidenceFirms.length) why.push(`firms: ${evidenceFirms.join(', ')}`);
    if (moves.length) why.push(`move: ${moves[0].person} ${moves[0].from} → ${moves[0].to}${moves[0].direction ? ` (${moves[0].direction})` : ''}`);
    const summary = summarize(item, { moves, firms });
    const out: Assessment = {
      relevant,
      topics,
      score: Math.round(score * 1000) / 1000,
      firms,
      ...(orgs.length > firms.length ? { orgs } : {}),
      moves,
      why,
      summary,
    };
    if (relevant) out.gist = buildGist(item, out, gistFacts(knowledge, scan, ev));
    return out;
  };
  const gist: Classifier['gist'] = (item, a) => {
    const text = `${item.title}\n${item.summary}`;
    const scan = knowledge.scan(text);
    return buildGist(item, a, gistFacts(knowledge, scan, evidence(knowledge, scan)));
  };
  return { threshold, classify, gist };
}

/** What the gist may name: products and teams (with their firm's aliases, for romanizing) and the evidence families. */
function gistFacts(k: Knowledge, scan: ReturnType<Knowledge['scan']>, ev: ReturnType<typeof evidence>): GistFacts {
  const products = scan.firms
    .filter((h) => h.kind !== 'alias' && h.kind !== 'subsidiary')
    .map((h) => ({ term: h.term, aliases: k.firms.get(h.firm)?.aliases ?? [], latin: k.latinName(h.term) }));
  const families = Object.entries(ev.counts)
    .filter(([, n]) => n > 0)
    .map(([f]) => f);
  return { products, families, knownOrg: (s) => k.knownOrg(s) !== undefined, canonicalOrg: (s) => k.knownOrg(s) };
}

// A firm that runs a super-app named for its app: "JD.com users", "Tencent's app", "PDD shoppers", 京东用户.
const APP_OF = /^(?:'s|’s)?\s*(?:(?:own|main|flagship|shopping|mobile|consumer)\s+)?(?:app|users|shoppers)\b|^\s*(?:用户|app(?![a-z]))/i;

// A super-app's own AI right after its name: "LINE's AI can now…", "GrabPay's AI coach", 微信AI…
const SUPERAPP_AI =
  /^(?:'s|’s)?\s*(?:new\s+)?(?:AI|A\.I\.|智能体|AI助手)(?![\w-]*\s+(?:team|teams|lab|engineers|researchers|staff|group|unit|talent|chief|lead|head)\b)/;

// A super-app's own AI team, right after its name: "WeChat's AI engineers", "KakaoTalk's AI tab", 微信AI团队.
const SUPERAPP_AI_TEAM =
  /^(?:'s)?\s*(?:new\s+)?(?:AI|A\.I\.|智能体|大模型)\s*(?:team|teams|tab|engineers|researchers|staff|group|unit|talent|团队|新团队|部门|工程师|人才|骨干)/i;

/**
 * A talent story told from a super-app's side: the person moves to a firm the item names by its
 * super-app (Grab, Paytm, KakaoTalk, 美团, LINE …), or the hiring, pay or retention is for a
 * super-app's own AI team. A super-app that only loses the person (the origin) does not count.
 */
const APP_TEAM = /^\s*(?:团队|team\b)/i;

function superappHires(text: string, hits: FirmHit[], move: { from: string; to: string } | undefined): 'dest' | 'team' | undefined {
  const sa = hits.filter((h) => h.kind === 'superapp');
  // A startup team folded into "千问App团队" joins the app's team, not the super-app business: that needs more than the name.
  if (move && sa.some((h) => h.firm === move.to && !APP_TEAM.test(text.slice(h.end, h.end + 8)))) return 'dest';
  return sa.some((h) => h.firm !== move?.from && SUPERAPP_AI_TEAM.test(text.slice(h.end, h.end + 16))) ? 'team' : undefined;
}
