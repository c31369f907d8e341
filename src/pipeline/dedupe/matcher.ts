// createMatcher(): decides whether two fingerprints (an incoming item and an archived candidate)
// report the same event. Entities decide first (conflicting people, moves, firms or headline
// numbers veto), then time, then the evidence: same person, near-identical text, or enough shared
// words, bilingual concepts and numbers.
import type { NearDupMatcher } from '../../store/store.js';
import { conceptWeight, count, movesConflict, numbersConflict, parseData, samePerson, type Parsed } from './signals.js';

export interface MatcherOptions {
  /** Stories further apart are never duplicates. Default 168 h (7 days). */
  maxGapHours?: number;
  /** Same person making the same move, within this gap. Default 48 h. */
  personGapHours?: number;
  /** Evidence-based matches (no person) within this gap. Default 36 h. */
  windowHours?: number;
  /** Same-language word containment that counts as the same text (republished, retitled). Default 0.7. */
  nearIdentical?: number;
  /** Evidence score needed for a match between items in the same language. Default 2. */
  threshold?: number;
  /**
   * Evidence score needed across languages. Default 3: without shared words, a firm's everyday
   * vocabulary (food delivery for Meituan, payments for Alipay) must not make two features one story.
   */
  crossThreshold?: number;
}

const CACHE_MAX = 4096;
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
  | 'same-person'
  | 'outside-window'
  | 'evidence'
  | 'weak-evidence';

export interface Verdict {
  duplicate: boolean;
  reason: Reason;
  /** Evidence score when it was computed. */
  score?: number;
}

interface Settings {
  maxGap: number;
  personGap: number;
  window: number;
  nearIdentical: number;
  threshold: number;
  crossThreshold: number;
}

function settings(opts: MatcherOptions): Settings {
  return {
    maxGap: (opts.maxGapHours ?? 168) * 60,
    personGap: (opts.personGapHours ?? 48) * 60,
    window: (opts.windowHours ?? 36) * 60,
    nearIdentical: opts.nearIdentical ?? 0.7,
    threshold: opts.threshold ?? 2,
    crossThreshold: opts.crossThreshold ?? 3,
  };
}

function judge(a: Parsed, b: Parsed, o: Settings): Verdict {
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
  if (person === 'same') return gap <= o.personGap ? { duplicate: true, reason: 'same-person' } : { duplicate: false, reason: 'outside-window' };
  if (gap > o.window) return { duplicate: false, reason: 'outside-window' };
  let strong = 0;
  for (const c of a.c) if (b.c.includes(c)) strong += conceptWeight(c);
  // Across languages there are no shared words; concepts both headlines carry say most about the event.
  let headline = 0;
  if (!sameLang) for (const c of a.tc ?? []) if (b.tc?.includes(c)) headline += conceptWeight(c) / 2;
  const numbers = count(a.n, b.ns);
  const firmJaccard = a.f.length + b.f.length ? firmsShared / (a.f.length + b.f.length - firmsShared) : 0;
  const score = sameLang
    ? containment * 10 + strong + numbers * 2 + firmJaccard
    : strong + headline + numbers * 2 + firmJaccard * 0.5 + Math.min(count(a.y, b.ys), 4) * 0.5;
  const needed = sameLang ? o.threshold : o.crossThreshold;
  return { duplicate: score >= needed, reason: score >= needed ? 'evidence' : 'weak-evidence', score };
}

/** The matcher's decision with its reason, for tests, docs and debugging. */
export function explainMatch(incoming: string, candidate: string, opts: MatcherOptions = {}): Verdict {
  const a = parseData(incoming);
  const b = parseData(candidate);
  if (!a || !b) return { duplicate: false, reason: 'unreadable' };
  return judge(a, b, settings(opts));
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
  return (incoming, candidate) => {
    const a = parse(incoming);
    const b = parse(candidate);
    return a !== null && b !== null && judge(a, b, o).duplicate;
  };
}
