// The relevance engine's knowledge: firms and topic vocabularies from YAML, compiled once
// into one Aho–Corasick automaton. `scan()` finds every firm mention and every term in one pass.
import { resolve } from 'node:path';
import { AhoCorasick } from './aho.js';
import { fold, isWordChar } from './fold.js';
import { compileGuard, passesGuard, type Guard } from './guard.js';
import { readFirmsFile, readTopicsFile } from './load.js';
import type { FamilyEntry, FamilyName, FirmEntry } from './schema.js';
import { suggest } from './suggest.js';

export { KnowledgeError } from './load.js';
export { fold, toSimplified } from './fold.js';
export type { FamilyName } from './schema.js';

export type AliasKind = 'alias' | 'product' | 'model' | 'team' | 'subsidiary' | 'superapp';

export interface FirmInfo {
  name: string;
  region: string;
  ai: boolean;
  report: boolean;
  aliases: string[];
  /** The firm runs a super-app (firms.yml `superapp: true` or a `superapps` list): its own name can stand for its app ("JD.com users"). */
  runsSuperapp?: boolean;
}

export interface FirmHit {
  firm: string;
  term: string;
  kind: AliasKind;
  start: number;
  end: number;
}

export interface TermHit {
  family: FamilyName;
  term: string;
  /** "family:matched text" (folded): the same for every hit of one word, whichever listed term found it. */
  key: string;
  start: number;
  end: number;
}

export interface Scan {
  text: string;
  folded: string;
  firms: FirmHit[];
  terms: TermHit[];
}

type Payload = { t: 'firm'; firm: string; term: string; kind: AliasKind; guard?: Guard } | { t: 'term'; family: FamilyName; term: string; key: string };

export interface Knowledge {
  /** Canonical name → firm. */
  firms: ReadonlyMap<string, FirmInfo>;
  families: Readonly<Record<FamilyName, FamilyEntry>>;
  bias: { talent: number; superapp: number };
  /** Canonical names of the firms reported in assessments. */
  firmNames(): string[];
  /** Canonical name of a reported firm (the ones subscriptions and routes can use). */
  canonicalFirm(nameOrAlias: string): string | undefined;
  /** Canonical name of any organisation in firms.yml, reported or not (for move extraction). */
  knownOrg(nameOrAlias: string): string | undefined;
  suggestFirms(text: string, n: number): string[];
  firmRegion(name: string): string | undefined;
  /** The Latin-script name listed before a Chinese alias in the same firms.yml list ("可灵" → "Kling"), for English display. */
  latinName(term: string): string | undefined;
  scan(text: string): Scan;
}

const KINDS: AliasKind[] = ['alias', 'product', 'model', 'team', 'subsidiary', 'superapp'];
const LISTS: Record<AliasKind, keyof FirmEntry> = {
  alias: 'aliases',
  product: 'products',
  model: 'models',
  team: 'teams',
  subsidiary: 'subsidiaries',
  superapp: 'superapps',
};

/** Short Latin acronyms (JD, QQ, GLM, AWS) match in their written case only. */
function implicitGuard(term: string): Guard | undefined {
  if (/^[A-Za-z0-9.]{1,3}$/.test(term)) return compileGuard({ term, case: true, notBefore: [], notAfter: [], requires: [], notAfterName: false });
  return undefined;
}

/** Keeps the leftmost-longest firm hits so "Alibaba Cloud" is one mention, not two. */
function longest(hits: FirmHit[]): FirmHit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FirmHit[] = [];
  let reach = -1;
  for (const h of hits) {
    if (h.start >= reach) {
      out.push(h);
      reach = h.end;
    }
  }
  return out;
}

export function buildKnowledge(firmEntries: FirmEntry[], topics: ReturnType<typeof readTopicsFile>): Knowledge {
  const ac = new AhoCorasick<Payload>();
  const firms = new Map<string, FirmInfo>();
  const names = new Map<string, string>();
  const superFirms = new Set(firmEntries.filter((f) => f.superapp).map((f) => f.name));
  const latin = new Map<string, string>();
  const HAN = /[\u3400-\u9fff]/;
  for (const f of firmEntries) {
    // firms.yml lists an English name first and its Chinese forms after it ("Kling, 可灵, 可灵AI").
    for (const kind of KINDS) {
      let last: string | undefined;
      for (const term of f[LISTS[kind]] as string[]) {
        if (!HAN.test(term)) last = term;
        else if (last && !latin.has(fold(term))) latin.set(fold(term), last);
      }
    }
    const all = new Set<string>([f.name]);
    for (const kind of KINDS) for (const term of f[LISTS[kind]] as string[]) all.add(term);
    for (const g of f.guarded) all.add(g.term);
    firms.set(f.name, {
      name: f.name,
      region: f.region,
      ai: f.ai,
      report: f.report,
      aliases: [...all].filter((a) => a !== f.name),
      runsSuperapp: f.superapp || f.superapps.length > 0,
    });
    for (const a of all) if (!names.has(fold(a))) names.set(fold(a), f.name);
    const guardedTerms = new Set(f.guarded.map((g) => fold(g.term)));
    const add = (term: string, kind: AliasKind) => {
      if (!guardedTerms.has(fold(term))) ac.add(fold(term), { t: 'firm', firm: f.name, term, kind, guard: implicitGuard(term) });
    };
    add(f.name, 'alias');
    for (const kind of KINDS) for (const term of f[LISTS[kind]] as string[]) add(term, kind);
    // A guarded term listed under a kind too (a model, a super-app) keeps that kind.
    const kindOf = (term: string): AliasKind => KINDS.find((k) => k !== 'alias' && (f[LISTS[k]] as string[]).some((t) => fold(t) === fold(term))) ?? 'alias';
    for (const g of f.guarded) ac.add(fold(g.term), { t: 'firm', firm: f.name, term: g.term, kind: kindOf(g.term), guard: compileGuard(g) });
  }
  for (const [family, entry] of Object.entries(topics.families))
    for (const term of entry.terms) {
      // The text a hit covers is the folded term without a prefix term's "*" (see AhoCorasick.add).
      const f = fold(term);
      const key = `${family}:${f.length > 1 && f.endsWith('*') ? f.slice(0, -1) : f}`;
      ac.add(f, { t: 'term', family: family as FamilyName, term, key });
    }
  ac.build();
  const reportedNames = new Map([...names].filter(([, f]) => firms.get(f)?.report));
  // Move extraction asks about every capitalised word of an item: the answers are kept (a pure function of the name).
  const looked = new Map<string, string | null>();
  const lookup = (s: string): string | undefined => {
    const known = looked.get(s);
    if (known !== undefined) return known ?? undefined;
    const k = fold(s.trim());
    const r = names.get(k) ?? (isWordChar(k[0]) ? names.get(k.replace(/[\s.]+/g, '')) : undefined);
    if (looked.size >= 20_000) looked.clear();
    looked.set(s, r ?? null);
    return r;
  };

  // The kind a firm hit reports: a super-app firm's aliases and products stand for its app.
  const kindOf = (p: Payload & { t: 'firm' }): AliasKind =>
    p.kind !== 'superapp' && superFirms.has(p.firm) && p.kind !== 'model' && p.kind !== 'team' ? 'superapp' : p.kind;
  const scan = (text: string): Scan => {
    const folded = fold(text);
    const firmHits: FirmHit[] = [];
    const terms: TermHit[] = [];
    ac.each(folded, (start, end, p) => {
      if (p.t === 'term') terms.push({ family: p.family, term: p.term, key: p.key, start, end });
      else if (!p.guard || passesGuard(p.guard, text, folded, start, end)) firmHits.push({ firm: p.firm, term: p.term, kind: kindOf(p), start, end });
    });
    return { text, folded, firms: longest(firmHits), terms };
  };

  return {
    firms,
    families: topics.families as Record<FamilyName, FamilyEntry>,
    bias: topics.bias,
    firmNames: () => [...firms.values()].filter((f) => f.report).map((f) => f.name),
    canonicalFirm: (s) => {
      const f = lookup(s);
      return f && firms.get(f)?.report ? f : undefined;
    },
    knownOrg: lookup,
    suggestFirms: (s, n) => suggest(s, reportedNames, n),
    firmRegion: (name) => firms.get(name)?.region,
    latinName: (term) => latin.get(fold(term)),
    scan,
  };
}

/** Loads `firms.yml` and `topics.yml` from `dir` (or the given paths); throws KnowledgeError on a bad entry. */
export function loadKnowledge(dir: string, files: { firms?: string; topics?: string } = {}): Knowledge {
  const firmsFile = files.firms ?? resolve(dir, 'firms.yml');
  const topicsFile = files.topics ?? resolve(dir, 'topics.yml');
  return buildKnowledge(readFirmsFile(firmsFile), readTopicsFile(topicsFile));
}
