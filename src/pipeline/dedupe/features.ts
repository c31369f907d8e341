// The near-duplicate features of one item: what fingerprint() serializes and the matcher compares.
import type { Assessment, Item } from '../../types.js';
import { cjkShare, foldChars } from './fold.js';
import { personKey } from './names.js';
import { chineseNumbers, englishNumbers } from './numbers.js';
import { stem, tokenize, type TokenSink } from './tokens.js';
import { EN_PHRASE, FAMILIES, POLICY_PLACES } from './glossary.js';

const isPlace = (c: string) => FAMILIES.place.has(c) || POLICY_PLACES.has(c);

const FIRM_SPLIT = /[^a-z0-9]+/;

export interface Features {
  /** Published time, epoch minutes. */
  t: number;
  /** 1 when the text is Chinese. */
  z: 0 | 1;
  /** Canonical firms, lower case, sorted. */
  f: string[];
  /** The first firm the text names (the story's subject, usually in the headline), lower case. */
  f0?: string;
  /** Person keys (script-independent) of the moves. */
  p: string[];
  /** Moves: [personKey, from, to], firms lower case. */
  m: Array<[string, string, string]>;
  /** Salient numbers anywhere; `tn` those in the title. */
  n: string[];
  tn: string[];
  /** Bilingual concepts; `tc` those in the title. */
  c: string[];
  tc: string[];
  /** Hashed lexical tokens, title first. */
  w: number[];
  /** Hashed romanized proper nouns. */
  y: number[];
  /** 1 when the headline counts people ("three engineers", "a trio", "四名研究员"): a group's move. */
  k?: 0 | 1;
  /** The first place the headline names, else the summary (its concept): whose policy a visa or subsidy story is about. */
  pl?: string;
  /** The assessment's topics (talent, superapp): a hiring story and a product story are two events. */
  o?: string[];
  /** 1 when the headline names a person of the moves (the story is about them, not in passing). */
  pt?: 0 | 1;
  /** China or the US named as where the story happens ("visitors to China", 来华, 在美), not as an adjective. */
  tp?: string[];
  /** 1 when the headline reads as analysis of news rather than news ("Ant's bet on...", "Why ...", "...？"). */
  an?: 0 | 1;
}

/**
 * Headlines that comment on news rather than tell it: a firm's bet, plan or push, what a move
 * means, why it happened, a question. Coverage like this retells a recent event in other words.
 */
const EN_ANALYSIS =
  /^[\w.&-]+(?:\s+[\w.&-]+){0,2}?'s\s+(?:[\w'-]+\s+){0,2}?(?:bet|bets|plan|plans|gamble|push|play|ambitions?|weapon|coup|wager|strategy|pitch|bid|answer|playbook|calculus|endgame)(?![\w-])|\b(?:wants?|aims?|hopes?)\s+(?:[\w'-]+,?\s+){0,4}?to\s+(?:be|make|become|turn|replace|own)\b|\b(?:turns?|transforms?)\s+.+\s+into\b|\bbecomes?\s+(?:an?|the)\s+(?!first|largest|biggest|latest|\d)|\btakes?\s+aim\b|\bbets?\s+(?:on|that|it|big)\b|\bis\s+a\s+(?:bet|play|wager|signal)\b|\bwhat\s+.+\s+means?\b|^(?:why|how|what)\b|\?\s*$|\b(?:shows|signals)\s+(?:how|that|why|China|the)\b/i;
const ZH_ANALYSIS = /[？?]|背后|意味着|野心|赌注|新选择|买的是|凭什么|为何|为什么|怎么看|能否|逻辑|棋局|算盘/;

const EN_HEADCOUNT =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|dozens|\d{1,3})\s+(?:more\s+|senior\s+|top\s+|key\s+|core\s+|former\s+)*(?:[A-Za-z-]+\s+){0,3}?(?:researchers|engineers|scientists|employees|staffers|staff|people|members|executives|founders|leaders|veterans|specialists|hires|recruits)\b|\b(?:trio|quartet|pair)\b/i;
// Not an ordinal: 第二位 is "the second".
const ZH_HEADCOUNT = /(?<!第)[二两三四五六七八九十百千\d]+(?:多)?(?:名|位)/;

/** An exit to found a company, in words the glossary cannot hold: "leaves to start his own company". */
const EN_FOUNDING =
  /\b(?:to|and|will)\s+(?:start|launch|found|co-?found|set\s+up|build|form)\s+(?:a|an|his|her|their)?\s*(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:company|startup|start-up|venture|firm|lab|business)\b|\bto\s+(?:co-?)?found\b|\bstrikes?\s+out\s+on\s+(?:his|her|their)\s+own\b/i;

/** Job cuts ("cuts 300 FAIR roles", "to cut jobs"): a layoff, not any cut. */
const EN_LAYOFF =
  /\bcut(?:s|ting)?\s+(?:\d[\d,]*\s+|hundreds\s+of\s+|thousands\s+of\s+)?(?:[A-Za-z-]+\s+){0,2}?(?:jobs|roles|staff|positions|employees|workers|headcount)\b/i;
/** Pay set to keep people ("to stem departures", "to keep engineers"): retention, whatever the move words. */
const EN_RETENTION = /\bto\s+(?:stem|stop|halt|curb|slow|keep|retain|hold\s+on\s+to)\b/i;

/** "Pay" as what people earn ("researcher pay jumps", "pay above 1 million yuan"), not paying with an app. */
const EN_PAY =
  /\b(?:researcher|engineer|staff|employee|worker|talent|graduate|starting|base|top|annual|entry-level)s?\s+pay\b|\bpay\s+(?:rises?|raises?|hikes?|jumps?|cuts?|gaps?|packages?|scales?|bands?|war|bumps?|above|of\s+(?:up\s+to\s+)?[$¥€£\d])|\b(?:offers?|raises?|doubles?|lifts?|boosts?|hikes?)\s+(?:\w+\s+){0,3}?pay\b/i;

/** "U.S." and "U.K." as one word, so they meet "US" and the glossary; the glossary's phrases joined (EN_PHRASE). */
function phrases(s: string): string {
  // Both abbreviations start "U.": without it the first two replacements change nothing.
  if (s.includes('U.')) s = s.replace(/\bU\.S\.?(?![A-Za-z])/g, 'US').replace(/\bU\.K\.?(?![A-Za-z])/g, 'UK');
  return s.replace(EN_PHRASE, (m) => m.replace(/\s+/g, ''));
}

/**
 * Word gates: each English pattern below (case-insensitive, without the u flag, so its letters only
 * meet ASCII letters) cannot match unless the text holds one of these literals, which every branch
 * of the pattern requires. One plain alternation is several times cheaper than the pattern, which
 * then runs only on the few texts that pass.
 */
const gate = (words: string[]) => new RegExp(words.map((w) => w.replace(/[?]/g, '\\$&')).join('|'), 'i');
const GATE_FOUNDING = gate(['company', 'startup', 'start-up', 'venture', 'firm', 'lab', 'business', 'found', 'strike']);
const GATE_PAY = gate(['pay']);
const GATE_LAYOFF = gate(['cut']);
const GATE_RETENTION = gate(['stem', 'stop', 'halt', 'curb', 'slow', 'keep', 'retain', 'hold']);
const GATE_HEADCOUNT = gate([
  'researchers',
  'engineers',
  'scientists',
  'employees',
  'staff',
  'people',
  'members',
  'executives',
  'founders',
  'leaders',
  'veterans',
  'specialists',
  'hires',
  'recruits',
  'trio',
  'quartet',
  'pair',
]);
const GATE_ANALYSIS = gate(["'s", 'want', 'aim', 'hope', 'into', 'become', 'bet', 'play', 'wager', 'signal', 'mean', 'why', 'how', 'what', '?']);

/** re.test(text), skipped when the text has no word of the pattern's gate. */
function gated(re: RegExp, text: string, gateRe: RegExp): boolean {
  return gateRe.test(text) && re.test(text);
}

/** China or the US as the place a headline is about, not the adjective ("Chinese tourists"). */
const EN_PLACE_SAID: Array<[RegExp, string]> = [
  [/\b(?:to|in|into|inside|across|within|throughout)\s+(?:mainland\s+)?China\b/, 'china'],
  [/\b(?:to|in|into|inside|across|within|throughout)\s+(?:the\s+)?(?:US|United\s+States|America)\b/, 'usa'],
];
const ZH_PLACE_SAID: Array<[RegExp, string]> = [
  [/来华|在华|入境中国|访华|中国境内/, 'china'],
  [/赴美|在美国|来美|美国境内/, 'usa'],
];

function placesSaid(title: string, zh: boolean): { tp?: string[] } {
  const tp = (zh ? ZH_PLACE_SAID : EN_PLACE_SAID).filter(([re]) => re.test(title)).map(([, c]) => c);
  return tp.length ? { tp } : {};
}

/** US visa classes: a headline about them is about a US policy wherever its summary looks. */
const US_VISA = /\b(?:H-?1B|O-1A?|[Gg]reen[\s-]+[Cc]ards?)\b|绿卡/;

export const MAX_WORDS = 80;
export const MAX_PROPER = 100;

function numbersOf(text: string, zh: boolean): Set<string> {
  const out = new Set<string>();
  if (zh) chineseNumbers(text, out);
  else englishNumbers(text, out);
  return out;
}

function capped<T>(s: Set<T>, max: number): T[] {
  const out: T[] = [];
  for (const v of s) {
    if (out.length >= max) break;
    out.push(v);
  }
  return out;
}

/**
 * The glossary concepts a text names, in order of appearance, read as the fingerprint reads them
 * (width and traditional characters folded, the glossary's phrases joined): for the gist.
 */
export function conceptsOf(text: string): string[] {
  const sink: TokenSink = { words: new Set(), concepts: new Set(), proper: new Set(), maxWords: 0, maxProper: 0 };
  tokenize(phrases(foldChars(text)), sink, false);
  return [...sink.concepts];
}

export function extractFeatures(item: Item, assessment: Assessment): Features {
  const title = phrases(foldChars(item.title ?? ''));
  const summary = phrases(foldChars((item.summary ?? '').slice(0, 600)));
  const lang = (item.lang ?? '').toLowerCase();
  const zh = lang.startsWith('zh') || (!lang.startsWith('en') && cjkShare(title + summary) > 0.3);
  const skip = new Set<string>();
  // Firms outside the reported list count too (orgs): Zalo's news is not MoMo's.
  const named = assessment.orgs ?? assessment.firms ?? [];
  for (const firm of named) for (const w of firm.toLowerCase().split(FIRM_SPLIT)) if (w) skip.add(stem(w));
  const sink: TokenSink = { words: new Set(), concepts: new Set(), proper: new Set(), skip, maxWords: MAX_WORDS, maxProper: MAX_PROPER };
  // Case is kept: capitalized words are the proper nouns that meet pinyin across scripts.
  tokenize(title, sink, zh);
  const titlePlace = [...sink.concepts].find(isPlace) ?? (US_VISA.test(title) ? 'usa' : undefined);
  if (!zh && gated(EN_FOUNDING, title, GATE_FOUNDING)) sink.concepts.add('found');
  if (!zh && gated(EN_PAY, title, GATE_PAY)) sink.concepts.add('salary');
  if (!zh && gated(EN_LAYOFF, title, GATE_LAYOFF)) sink.concepts.add('layoff');
  if (!zh && gated(EN_RETENTION, title, GATE_RETENTION)) sink.concepts.add('retention');
  const titleConcepts = [...sink.concepts].sort();
  tokenize(summary, sink, zh);
  if (!zh && gated(EN_FOUNDING, summary, GATE_FOUNDING)) sink.concepts.add('found');
  // Concepts keep their order of appearance: the headline's first place, else the summary's.
  const firstPlace = titlePlace ?? [...sink.concepts].find(isPlace);
  const nums = numbersOf(title + ' ' + summary, zh);
  const titleNums = numbersOf(title, zh);
  const moves: Array<[string, string, string]> = [];
  const persons = new Set<string>();
  const lowerTitle = title.toLowerCase();
  let personInTitle = false;
  for (const mv of assessment.moves ?? []) {
    if (mv.person && lowerTitle.includes(mv.person.toLowerCase())) personInTitle = true;
    const p = mv.person ? personKey(mv.person) : '';
    if (p) persons.add(p);
    moves.push([p, (mv.from ?? '').toLowerCase(), (mv.to ?? '').toLowerCase()]);
  }
  const t = Date.parse(item.published);
  return {
    t: Number.isFinite(t) ? Math.floor(t / 60000) : 0,
    z: zh ? 1 : 0,
    f: [...new Set(named.map((f) => f.toLowerCase()))].sort(),
    f0: named[0]?.toLowerCase(),
    p: [...persons],
    m: moves.slice(0, 3),
    n: capped(nums, 12),
    tn: capped(titleNums, 4),
    c: [...sink.concepts].sort(),
    tc: titleConcepts,
    w: capped(sink.words, MAX_WORDS),
    y: capped(sink.proper, MAX_PROPER),
    k: (zh ? ZH_HEADCOUNT.test(title) : gated(EN_HEADCOUNT, title, GATE_HEADCOUNT)) ? 1 : 0,
    o: [...(assessment.topics ?? [])].sort(),
    pl: firstPlace,
    pt: personInTitle ? 1 : 0,
    ...placesSaid(title, zh),
    ...((zh ? ZH_ANALYSIS.test(title) : gated(EN_ANALYSIS, title, GATE_ANALYSIS)) ? { an: 1 as const } : {}),
  };
}
