// The comparisons behind the matcher: people, moves, headline numbers, concept weights.
import type { Features } from './features.js';
import { FAMILIES, HALF_CONCEPTS, PLACE_PARENT, POLICY_CONCEPTS, POLICY_PLACES, WEAK_CONCEPTS } from './glossary.js';
import { tokenHash } from './hash.js';
import { stem } from './tokens.js';

/** Features with the sets the comparisons need. */
export interface Parsed extends Features {
  ws: Set<number>;
  ys: Set<number>;
  ns: Set<string>;
}

const WEAK_WEIGHT = 0.25;

export function count<T>(a: T[], b: Set<T>): number {
  let k = 0;
  for (const x of a) if (b.has(x)) k++;
  return k;
}

/** A person key's tokens hashed as `mentions` looks them up: as a word (stemmed) and as a romanized name. */
interface PersonHashes {
  words: number[];
  names: number[];
  /** Two tokens: both orders joined (a Chinese name's pinyin written as one word). */
  joined?: [number, number];
}

const PERSON_CACHE_MAX = 4096;
/** By person key: the same few keys are compared against every candidate of every item. */
const personHashes = new Map<string, PersonHashes>();

function hashesOf(p: string): PersonHashes {
  let h = personHashes.get(p);
  if (!h) {
    const toks = p.split(' ');
    h = { words: toks.map((t) => tokenHash(stem(t))), names: toks.map((t) => tokenHash(t)) };
    if (toks.length === 2) h.joined = [tokenHash(toks[0] + toks[1]), tokenHash(toks[1] + toks[0])];
    if (personHashes.size >= PERSON_CACHE_MAX) personHashes.clear();
    personHashes.set(p, h);
  }
  return h;
}

/** Is person key `p` mentioned in the other item's text (Latin tokens, or pinyin of a Chinese name)? */
function mentions(p: string, o: Parsed): boolean {
  const { words, names, joined } = hashesOf(p);
  let every = true;
  for (let i = 0; i < words.length && every; i++) every = o.ws.has(words[i]) || o.ys.has(names[i]);
  if (every) return true;
  if (o.z === 1 && joined) return o.ys.has(joined[0]) || o.ys.has(joined[1]);
  return false;
}

export function samePerson(a: Parsed, b: Parsed): 'same' | 'conflict' | 'unknown' {
  for (const p of a.p) if (b.p.includes(p)) return 'same';
  const aInB = a.p.some((p) => mentions(p, b));
  const bInA = b.p.some((p) => mentions(p, a));
  // Both stories are about a person: they are one only if each names the other's ("the second OpenAI
  // researcher in a week" names the first hire, but is about another person).
  if (a.p.length && b.p.length) return aInB && bInA ? 'same' : 'conflict';
  return aInB || bInA ? 'same' : 'unknown';
}

/** The same person moving between different firms is another event. */
export function movesConflict(a: Parsed, b: Parsed): boolean {
  for (const [p, from, to] of a.m) {
    for (const [q, from2, to2] of b.m) {
      if (!p || p !== q) continue;
      if (differ(from, from2) || differ(to, to2)) return true;
    }
  }
  return false;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * Two firm names in a move differ. Known firms are canonical English names; a name in Chinese is a
 * firm the knowledge does not hold (a new startup, 星衍科技), which its English coverage may call
 * "Xingyan Technology": across scripts they cannot be told apart, so they do not conflict.
 */
function differ(x: string, y: string): boolean {
  return x !== '' && y !== '' && x !== y && CJK.test(x) === CJK.test(y);
}

export function conceptWeight(c: string): number {
  return WEAK_CONCEPTS.has(c) ? WEAK_WEIGHT : HALF_CONCEPTS.has(c) ? 0.5 : 1;
}

function kinds(titleConcepts: string[] | undefined, family: Map<string, string>, firmless = false): Set<string> {
  const out = new Set<string>();
  for (const c of titleConcepts ?? []) {
    const k = family.get(c);
    if (k) out.add(k);
  }
  // Job cuts and a shutdown are the event; hiring elsewhere or departures before are their setting
  // ("cuts 300 roles while its lab keeps hiring", "shuts down after its founders left").
  if (out.has('layoff') || out.has('shutdown')) for (const k of [...out]) if (k !== 'layoff' && k !== 'shutdown') out.delete(k);
  // Pay set to keep people is the event; the departures it answers are its reason ("retention
  // grants after exits", 应对人才流失).
  if ((titleConcepts ?? []).includes('retention')) out.delete('move');
  // Without a firm, a drive to lure talent ("Beijing offers 3 million yuan to lure scientists") is a
  // government's: a policy, not a hire.
  if (firmless && out.has('move') && (titleConcepts ?? []).includes('recruit')) {
    out.delete('move');
    out.add('policy');
  }
  // Without a firm, a place's programme (pay to keep or bring back researchers, grants, housing) is
  // its government's: a policy, not a firm's pay news ("Seoul launches program to stop AI brain drain").
  if (firmless && (out.has('pay') || out.has('launch')) && (titleConcepts ?? []).some((c) => FAMILIES.place.has(c))) out.add('policy');
  // A policy is launched, piloted, opened ("pilot promises two-week visa decisions"), and the pay or
  // rewards it sets are the policy ("rewards of up to 3 million yuan"), not a firm's pay news.
  if (out.has('policy')) {
    out.add('launch');
    out.delete('pay');
  }
  return out;
}

/**
 * The headline tells a move or a hire (joins, leaves, defects, poaches, acqui-hires), not pay set
 * to keep people ("extra options to stem departures").
 */
export function moveHeadline(p: Parsed): boolean {
  const k = kinds(p.tc, FAMILIES.action);
  return k.has('move') && !k.has('pay');
}

/** The headline tells pay (salary, equity, retention, incentives). */
export function payHeadline(p: Parsed): boolean {
  return kinds(p.tc, FAMILIES.action).has('pay');
}

/**
 * One headline tells a person's move, the other only the pay it came with ("Meta's hiring list grows
 * by one: a package over $100 million", after "X joins Meta"): for the same person that is one event.
 * Pay to keep people (retention) stays an event of its own.
 */
export function payOfMove(a: Parsed, b: Parsed): boolean {
  const payOnly = (p: Parsed) => {
    const k = kinds(p.tc, FAMILIES.action);
    return k.size === 1 && k.has('pay') && !p.tc.includes('retention');
  };
  return (payOnly(a) && moveHeadline(b)) || (payOnly(b) && moveHeadline(a));
}

/** Headline concepts that make an event of their own: one headline has it, the other does not. */
const MARKERS = ['talks', 'react', 'reorg'];

/** One headline tells talks, a reaction or a reorganization and the other does not. */
export function markerConflict(a: Parsed, b: Parsed): boolean {
  return MARKERS.some((m) => a.tc?.includes(m) !== b.tc?.includes(m));
}

function courted(p: Parsed): boolean {
  return p.tc?.includes('talks') === true || p.tc?.includes('woo') === true;
}

/**
 * Headlines that name different kinds of event (a launch and a hiring drive), different features
 * (travel vs bills) or different places (two countries' visas) tell different stories. Only when
 * both headlines name one of the family: a headline without it says nothing either way.
 */
export function eventConflict(a: Parsed, b: Parsed): 'action' | 'service' | 'product' | 'place' | null {
  // Results and milestones (revenue, profit, "passes 10 million users") are news of their own: a
  // headline that reports them is not a retelling of one that does not.
  if (a.tc?.includes('results') !== b.tc?.includes('results')) return 'action';
  // Talks are another event than the deal or move they lead to ("in talks to join" before "joins"),
  // and a reaction to news ("AI labs lobby against the H-1B wage rule") another than the news.
  if (markerConflict(a, b)) return 'action';
  // Products name the event of a launch; in a talent story they describe people ("Siri's director").
  const launches = a.o?.includes('superapp') === true && b.o?.includes('superapp') === true;
  for (const name of ['action', 'service', 'product'] as const) {
    if (name === 'product' && !launches) continue;
    const ka = actionKinds(a, name);
    if (!ka.size) continue;
    const kb = actionKinds(b, name);
    if (kb.size && ![...ka].some((k) => kb.has(k))) return name;
  }
  const policy = a.tc?.some((c) => POLICY_CONCEPTS.has(c)) === true && b.tc?.some((c) => POLICY_CONCEPTS.has(c)) === true;
  // A policy story is about the place its headline names first ("US pauses visas for Chinese students").
  const pa = policy && a.pl ? places([a.pl], true) : places(a.tc, policy, a.tp);
  const pb = pa.length ? (policy && b.pl ? places([b.pl], true) : places(b.tc, policy, b.tp)) : pa;
  // Compatible when one place lies in the other (Tokyo, Japan); Beijing and Shanghai do not.
  if (pa.length && pb.length && !pa.some((x) => pb.some((y) => x.includes(y[0]) || y.includes(x[0])))) return 'place';
  return null;
}

/** The places a headline names, each as its chain up to its country: [pudong, shanghai, china]. */
function places(titleConcepts: string[] | undefined, policy: boolean, said: string[] = []): string[][] {
  const out: string[][] = [];
  for (const c of titleConcepts ?? []) {
    // China and the US are a place of their own where the headline says so ("visitors to China").
    if (!FAMILIES.place.has(c) && !(POLICY_PLACES.has(c) && (policy || said.includes(c)))) continue;
    const chain = [c];
    for (let p = PLACE_PARENT.get(c); p && !chain.includes(p); p = PLACE_PARENT.get(p)) chain.push(p);
    out.push(chain);
  }
  return out;
}

/**
 * The kinds of one family a headline names. A move word in a story that is not about talent moves a
 * product ("Grok moves into your DMs"), not a person: it names no kind of event.
 */
function actionKinds(p: Parsed, name: 'action' | 'service' | 'product'): Set<string> {
  const out = kinds(p.tc, FAMILIES[name], name === 'action' && !p.f.length);
  if (name === 'action' && p.o?.length && !p.o.includes('talent')) out.delete('move');
  // In a talent story, a housing subsidy and a tax rebate are two money incentives of one package (杭州人才新政:
  // 购房补贴, 个税返还): coverage picks one to headline. A visa stays another instrument.
  if (name === 'service' && p.o?.includes('talent') && (out.has('subsidy') || out.has('tax'))) out.add('incentive');
  return out;
}

/** The headline counts people (a group moving). */
function hasCount(p: Parsed): boolean {
  return p.k === 1;
}

/** One is a talent story and the other a product story (by the assessment's topics). */
export function topicConflict(a: Parsed, b: Parsed): boolean {
  if (!a.o?.length || !b.o?.length) return false;
  return !a.o.some((t) => b.o!.includes(t));
}

/** A return (boomerang) or an exit to found a company is another event than the person's earlier move. */
export function moveKindConflict(a: Parsed, b: Parsed): boolean {
  // "Three more follow X": a group's move is another event than X's own, even where the group's
  // coverage names X's move.
  if (hasCount(a) !== hasCount(b)) return true;
  // A move called off ("reverses course and stays") is another event than the move, even where its
  // coverage gives the move that was called off.
  if (a.tc?.includes('reverse') !== b.tc?.includes('reverse')) return true;
  // Talks to join are another event than the move they lead to; so is the reorganization after it.
  if (markerConflict(a, b)) return true;
  // A firm courting a person is talks too (a city courting engineers is a policy, told either way).
  if (courted(a) !== courted(b)) return true;
  // Both name the same person leaving the same firm for the same place: one event, however its
  // headlines put it (a founding exit said in one, not the other).
  if (a.m.some(([p, from, to]) => p && from && to && b.m.some(([q, f2, t2]) => q === p && f2 === from && t2 !== '' && !differ(to, t2)))) return false;
  // (Only between two move stories: an analysis that gives no move of its own is not another move.)
  if (a.m.length && b.m.length) for (const marker of ['return', 'found']) if (a.tc?.includes(marker) !== b.tc?.includes(marker)) return true;
  return false;
}

/**
 * Two amounts that may be one sum: equal; or, for money-sized values, within rounding of each other
 * ("over 500 million" and "580 million") or a yuan and a dollar figure of one sum (3亿元 ≈ $42 million).
 */
function sameAmount(x: string, y: string): boolean {
  if (x === y) return true;
  if (x.startsWith('p') || y.startsWith('p')) return false;
  const lo = Math.min(Number(x), Number(y));
  const r = Math.max(Number(x), Number(y)) / lo;
  return lo >= 1e5 && (r <= 1.2 || (r >= 6.2 && r <= 7.6));
}

function anyAmount(ns: string[], other: Parsed): boolean {
  for (const n of ns) {
    if (other.ns.has(n)) return true;
    for (const m of other.n) if (sameAmount(n, m)) return true;
  }
  return false;
}

export function numbersConflict(a: Parsed, b: Parsed): boolean {
  for (const pct of [true, false]) {
    const ta = a.tn.filter((n) => n.startsWith('p') === pct);
    const tb = b.tn.filter((n) => n.startsWith('p') === pct);
    if (ta.length && tb.length && !anyAmount(ta, b) && !anyAmount(tb, a)) return true;
  }
  return false;
}

/** Reads fingerprint data; null when it is not a fingerprint this version understands. */
export function parseData(data: string): Parsed | null {
  try {
    const f = JSON.parse(data) as Features;
    if (!Array.isArray(f.w) || !Array.isArray(f.y) || !Array.isArray(f.n)) return null;
    return { ...f, ws: new Set(f.w), ys: new Set(f.y), ns: new Set(f.n) };
  } catch {
    return null;
  }
}
