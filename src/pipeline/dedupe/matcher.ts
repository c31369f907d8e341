// createMatcher(): decides whether two fingerprints (an incoming item and an archived candidate)
// report the same event. Entities decide first (conflicting people, moves, firms or headline
// numbers veto), then time, then the evidence: same person, near-identical text, or enough shared
// words, bilingual concepts and numbers.
import type { NearDupMatcher } from '../../store/store.js';
import {
  conceptWeight,
  count,
  eventConflict,
  moveHeadline,
  moveKindConflict,
  movesConflict,
  numbersConflict,
  parseData,
  payHeadline,
  payOfMove,
  samePerson,
  topicConflict,
  type Parsed,
} from './signals.js';
import { poolSpecificity, UNIFORM, type Specificity } from './specificity.js';

export interface MatcherOptions {
  /** How far back to look: stories further apart are never duplicates. Default 168 h (7 days). */
  maxGapHours?: number;
  /** Same person making the same move, within this gap (later it is a follow-up). Default 48 h. */
  personGapHours?: number;
  /** How far back evidence alone (no person, not the same text) can reach; later it is a follow-up. Default 48 h. */
  windowHours?: number;
  /** Same-language word containment that counts as the same text (republished, retitled). Default 0.7. */
  nearIdentical?: number;
  /** Evidence score needed for a match between items in the same language. Default 2.5. */
  threshold?: number;
  /**
   * Evidence score needed across languages. Default 3: without shared words, a firm's everyday
   * vocabulary (food delivery for Meituan, payments for Alipay) must not make two features one story.
   */
  crossThreshold?: number;
  /**
   * An analysis headline ("Ant's bet on...", "Why ...") retells recent news in its own words: its
   * evidence needs this share of the threshold, and it may retell a move without naming the person.
   * Default 0.6.
   */
  analysisFactor?: number;
}

const CACHE_MAX = 4096;
/** Shared firms are a precondition more than evidence: they count half. */
const FIRM_WEIGHT = 0.5;
/** On evidence alone, the best candidate must beat the runner-up by this factor. */
const MARGIN = 1.3;
/** A shared salient number (5 million yuan = 500万元) counts like a specific concept. */
const NUM_WEIGHT = 1;
/** Same-language headline concepts count half as much again as across languages (shared words say more there). */
const SAME_LANG_HEADLINE = 0.5;
/** Two short texts sharing three words are not "25% the same". */
const MIN_DENOMINATOR = 12;

export type Reason =
  | 'unreadable'
  | 'too-far-apart'
  | 'different-person'
  | 'different-move'
  | 'different-numbers'
  | 'same-text'
  | 'different-firms'
  | 'different-subject'
  | 'different-action'
  | 'different-service'
  | 'different-product'
  | 'different-place'
  | 'different-topic'
  | 'same-person'
  | 'person-not-mentioned'
  | 'outside-window'
  | 'evidence'
  | 'weak-evidence';

export interface Verdict {
  duplicate: boolean;
  reason: Reason;
  /** Evidence score when it was computed. */
  score?: number;
  /** Its parts: specific words, concepts, headline concepts, numbers, romanized names, firms. */
  parts?: Record<'words' | 'concepts' | 'headline' | 'numbers' | 'names' | 'firms', number>;
}

interface Settings {
  maxGap: number;
  personGap: number;
  window: number;
  nearIdentical: number;
  threshold: number;
  crossThreshold: number;
  analysisFactor: number;
}

function settings(opts: MatcherOptions): Settings {
  return {
    maxGap: (opts.maxGapHours ?? 168) * 60,
    personGap: (opts.personGapHours ?? 48) * 60,
    window: (opts.windowHours ?? 48) * 60,
    nearIdentical: opts.nearIdentical ?? 0.7,
    threshold: opts.threshold ?? 2.5,
    crossThreshold: opts.crossThreshold ?? 3,
    analysisFactor: opts.analysisFactor ?? 0.6,
  };
}

/**
 * Is this the same event? Time only bounds how far back to look; the content decides. Conflicting
 * people, moves, headline numbers or firms veto; a move story is retold only by coverage that names
 * its person; otherwise the shared evidence must be specific to the two items: a feature that other
 * candidates share too (a busy firm's everyday words on a busy day) counts for less (`spec`).
 */
function judge(a: Parsed, b: Parsed, o: Settings, spec: Specificity): Verdict {
  const gap = Math.abs(a.t - b.t);
  if (gap > o.maxGap) return { duplicate: false, reason: 'too-far-apart' };
  const person = samePerson(a, b);
  if (person === 'conflict') return { duplicate: false, reason: 'different-person' };
  if (movesConflict(a, b)) return { duplicate: false, reason: 'different-move' };
  if (numbersConflict(a, b)) return { duplicate: false, reason: 'different-numbers' };
  const sameLang = a.z === b.z;
  const shared = sameLang ? count(a.w, b.ws) : 0;
  const containment = shared / Math.max(MIN_DENOMINATOR, Math.min(a.w.length, b.w.length));
  if (sameLang && containment >= o.nearIdentical) return { duplicate: true, reason: 'same-text' };
  const firmsShared = count(a.f, new Set(b.f));
  if (a.f.length && b.f.length && firmsShared === 0) return { duplicate: false, reason: 'different-firms' };
  // Each story's subject (the firm it names first) is among the other's firms. A person's move has
  // two firms either story may name first: one way round is enough when both are about the person.
  if (a.f0 && b.f0) {
    const aInB = b.f.includes(a.f0);
    const bInA = a.f.includes(b.f0);
    if (!(aInB && bInA) && !(person === 'same' && (aInB || bInA))) return { duplicate: false, reason: 'different-subject' };
  }
  if (person === 'same' && moveKindConflict(a, b)) return { duplicate: false, reason: 'different-move' };
  // A headline that does not name the person tells its own event, the person only in passing
  // ("Moonshot sweetens equity to keep engineers", after its co-founder's exit): it must be the same kind.
  if (person === 'same' && !(a.pt && b.pt)) {
    const kind = eventConflict(a, b);
    if (kind && !(kind === 'action' && payOfMove(a, b))) return { duplicate: false, reason: `different-${kind}` };
  }
  if (person === 'same') return gap <= o.personGap ? { duplicate: true, reason: 'same-person' } : { duplicate: false, reason: 'outside-window' };
  if (gap > o.window) return { duplicate: false, reason: 'outside-window' };
  if (topicConflict(a, b)) return { duplicate: false, reason: 'different-topic' };
  // Pay is news about the firm that pays: two firms' grants or raises are two stories, whatever firms
  // each names as the rivals they answer ("OpenAI offers stock awards" after exits to Meta and
  // Google; "Google speeds up vesting" after exits to OpenAI).
  if (a.f0 && b.f0 && a.f0 !== b.f0 && payHeadline(a) && payHeadline(b)) return { duplicate: false, reason: 'different-subject' };
  const kind = eventConflict(a, b);
  if (kind) return { duplicate: false, reason: `different-${kind}` };
  // A move is news about a named person: coverage that never names them tells another story.
  // (A move found only in the summary of a headline about something else, "Moonshot sweetens equity
  // to keep engineers", is background: that story is judged on its evidence.)
  // An analysis of the move ("DeepSeek's rare defection hands Tencent a model architect") may leave
  // the name out: it is judged on its evidence.
  if ((aboutPerson(a) && !analysisOfMove(b)) || (aboutPerson(b) && !analysisOfMove(a))) return { duplicate: false, reason: 'person-not-mentioned' };
  let words = 0;
  if (sameLang) for (const w of a.w) if (b.ws.has(w)) words += spec.word(w);
  let strong = 0;
  for (const c of a.c) if (b.c.includes(c)) strong += conceptWeight(c) * spec.concept(c);
  // Concepts both headlines carry say most about the event (across languages, where there are no
  // shared words, most of all).
  let headline = 0;
  for (const c of a.tc ?? []) if (b.tc?.includes(c)) headline += (conceptWeight(c) / 2) * spec.concept(c);
  let numbers = 0;
  // Amounts and shares are evidence; a small head count ("three", "a trio") only when both headlines give it.
  for (const n of a.n) if (b.ns.has(n) && (salient(n) || (a.tn.includes(n) && b.tn.includes(n)))) numbers += spec.number(n);
  let proper = 0;
  if (!sameLang) for (const y of a.y) if (b.ys.has(y)) proper += spec.proper(y);
  const firmJaccard = a.f.length + b.f.length ? firmsShared / (a.f.length + b.f.length - firmsShared) : 0;
  const specificWords = words / Math.max(MIN_DENOMINATOR, Math.min(a.w.length, b.w.length));
  const score = sameLang
    ? specificWords * 10 + strong + numbers * NUM_WEIGHT + firmJaccard * FIRM_WEIGHT + headline * SAME_LANG_HEADLINE
    : strong + headline + numbers * NUM_WEIGHT + firmJaccard * FIRM_WEIGHT * 0.5 + Math.min(proper, 4) * 0.5;
  const needed = (sameLang ? o.threshold : o.crossThreshold) * (commentsOn(a, b) || commentsOn(b, a) ? o.analysisFactor : 1);
  const parts = {
    words: specificWords * 10,
    concepts: strong,
    headline: sameLang ? headline * SAME_LANG_HEADLINE : headline,
    numbers: numbers * NUM_WEIGHT,
    names: Math.min(proper, 4) * 0.5,
    firms: firmJaccard * FIRM_WEIGHT * (sameLang ? 1 : 0.5),
  };
  return { duplicate: score >= needed, reason: score >= needed ? 'evidence' : 'weak-evidence', score, parts };
}

/** A story about its move's person: the headline names them, tells a move (joins, leaves, hires) or a role ("its AI boss"). */
function aboutPerson(p: Parsed): boolean {
  return p.p.length > 0 && (p.pt !== 0 || (moveHeadline(p) && !teamDeal(p)) || p.tc.includes('chief') || p.tc.includes('vicepresident'));
}

/**
 * An acqui-hire headline that names no one ("Tencent pays 300 million yuan to absorb start-up CodeRiver"):
 * the event is the deal for a team, which other coverage may tell without the founder's name.
 */
function teamDeal(p: Parsed): boolean {
  return p.tc.includes('acquihire') && !['join', 'leave', 'switch', 'recruit'].some((c) => p.tc.includes(c));
}

/**
 * `x` is an analysis headline published after `y`: commentary retells news that came before it,
 * whichever of the two a replica happened to ingest first.
 */
function commentsOn(x: Parsed, y: Parsed): boolean {
  return x.an === 1 && x.t >= y.t;
}

/** An analysis headline about a move ("DeepSeek's rare defection hands Tencent a model architect"). */
function analysisOfMove(p: Parsed): boolean {
  return p.an === 1 && (p.m.length > 0 || moveHeadline(p));
}

function salient(n: string): boolean {
  return n.startsWith('p') || Number(n) >= 20;
}

/** The matcher's decision with its reason, for tests, docs and debugging. `pool`: as the store passes it. */
export function explainMatch(incoming: string, candidate: string, opts: MatcherOptions = {}, pool?: readonly string[]): Verdict {
  const parsed = (pool ?? []).map(parseData).filter((p): p is Parsed => p !== null);
  const a = parseData(incoming);
  const b = pool?.includes(candidate) ? (parsed.find((_, i) => pool[i] === candidate) ?? parseData(candidate)) : parseData(candidate);
  if (!a || !b) return { duplicate: false, reason: 'unreadable' };
  return judge(a, b, settings(opts), parsed.length ? poolSpecificity(parsed, b) : UNIFORM);
}

export function createMatcher(opts: MatcherOptions = {}): NearDupMatcher {
  const o = settings(opts);
  // Parsed fingerprints are cached: an archived candidate is compared against many incoming items.
  const cache = new Map<string, Parsed | null>();
  const parse = (data: string): Parsed | null => {
    let p = cache.get(data);
    if (p === undefined) {
      p = parseData(data);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(data, p);
    }
    return p;
  };
  // The pool is the same array for every candidate of one incoming item: it is judged once.
  let lastKey: readonly string[] | undefined;
  let lastIncoming = '';
  let best: Parsed | undefined;
  return (incoming, candidate, pool) => {
    const a = parse(incoming);
    const b = parse(candidate);
    if (a === null || b === null) return false;
    if (!pool || pool.length < 2) return judge(a, b, o, UNIFORM).duplicate;
    if (pool !== lastKey || incoming !== lastIncoming) {
      lastKey = pool;
      lastIncoming = incoming;
      best = bestOf(
        a,
        pool.map(parse).filter((p): p is Parsed => p !== null),
        o,
      );
    }
    return best === b;
  };
}

/**
 * Of the candidates the incoming item could retell, the one it retells, if any: a decisive match
 * (same person, same text) or, on evidence alone, the clear best. When two different stories are
 * about equally likely the item is posted on its own: a missed fold costs a second post, a false
 * fold hides a story.
 */
function bestOf(a: Parsed, pool: Parsed[], o: Settings): Parsed | undefined {
  const spec = (b: Parsed) => poolSpecificity(pool, b);
  const scored: Array<{ p: Parsed; score: number; duplicate: boolean }> = [];
  for (const b of pool) {
    const v = judge(a, b, o, spec(b));
    if (v.duplicate && v.reason !== 'evidence') return b;
    scored.push({ p: b, score: v.score ?? 0, duplicate: v.duplicate });
  }
  let top: (typeof scored)[number] | undefined;
  for (const s of scored) if (!top || s.score > top.score) top = s;
  if (!top?.duplicate) return undefined;
  // The runner-up is another story only if it is not itself a retelling of the best one (an earlier
  // retelling that was posted on its own, e.g. before the story's other coverage arrived).
  let second = 0;
  for (const s of scored) if (s !== top && s.score > second && !judge(top.p, s.p, o, UNIFORM).duplicate) second = s.score;
  return top.score >= MARGIN * second ? top.p : undefined;
}
