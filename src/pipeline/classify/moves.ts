// Who moved where: scores every organisation mention as origin or destination by the
// words around it ("former X", "joins Y", "前X…加盟Y"), then picks the best pair.
import { toSimplified, type FirmHit, type Knowledge } from '../../knowledge/index.js';
import type { Move } from '../../types.js';
import { findPeople } from './people.js';

interface OrgMention {
  org: string;
  start: number;
  end: number;
}

// Destination cues right before a mention.
const TO_BEFORE =
  /(?:\bjoin(?:s|ed|ing)?|\bhead(?:s|ed|ing)? to|\bjump(?:s|ed|ing)? to|\bmov(?:e|es|ed|ing) to|\bdefect(?:s|ed|ing)? to|\blands? (?:at|in)|\blanded at|\bstarted at|\bturn(?:s|ed)? up (?:in|at)|\banswers to|\bleft for|\bleaves? for|\bleaving for|\bdeparts? for|\bexits? for|\bexits? to|\bto co-found|\bco-found(?:ed|s|ing)?|\bswitch(?:es|ed)? to|\breturn(?:s|ed)? to|\bgone to|\bgoing to|\bworks? for|\boffer from|\boffers from|\bnow (?:leads|heads|runs|works at|works for)|\b(?:been|was|is|were) (?:named|appointed|hired as|made)(?: as)?|\b(?:researcher|engineer|scientist|veteran|executive|alum|lead|head|chief)s? (?:named|appointed|hired|tapped|picked)(?: as| to)?|\b(?:hired|named|appointed|tapped|joins|joined) as|\b(?:has|have|is|are) (?:launched|founded|co-founded|launching|founding)|\bto (?:start|launch|found)|\blaunches|\bco-founds|\b(?:taken|took|takes|taking) charge of(?: [\w-]+){0,3} at|\bheaded to|\bbound for|\brecruited by|\bhired by|\bpoached by|\blured by|加盟|加入|转投|投奔|入职|出任|流向|跳槽到|跳槽至|跳槽|前往|落户)\s*(?:the\s+|its\s+|a\s+)?(?:[a-z-]+\s+){0,2}$/i;
// Weaker destination cues (direction words that need a move elsewhere in the text).
const TO_BEFORE_WEAK = /(?:\bto|\bfor|\btoward)\s+(?:the\s+)?$/i;
// Destination cues right after a mention (the hiring side).
const TO_AFTER =
  /^(?:'s)?\s*(?:\w+\s+){0,2}?(?:hires|has hired|hired|taps|tapped|lures|lured|recruits|recruited|poaches|poached|names|named|appoints|appointed|lands|landed|picks up|picked up|absorbs|absorbed|has added|added|adds|brings on|brought on|has brought in|brought in|brings in|draws|drew|snaps up|gets|wins|'s newest recruit|'s latest recruit|'s latest acqui-hire|'s new|挖来|挖走|招揽|宣布|证实|迎来|引入|任命)|^[\u4e00-\u9fa5]{0,10}?(?:挖来|挖走|招揽|聘请|引入|迎来)/i;
// Origin cues right before a mention.
const FROM_BEFORE =
  /(?:\bformer|\bex-|\bformerly(?: at| of)?|\bpreviously(?: at| with| on| an? [\w-]+(?: [\w-]+)? (?:at|on))?|\bleft|\bleaves|\bleaving|\bdeparts?|\bdeparted|\bexits?|\bquit|\bquits|\bfrom|\byears at|\byears on|\bspent [\w\s]{0,20} at|\bbehind|\balumn\w*|\boutgoing|\bveteran of|前|原|从|离开|曾在|此前在|曾任|曾参与|出身|来自)\s*(?:the\s+)?(?:[\w-]+\s+){0,1}$/i;
// Origin cues right after a mention: its own staff ("X researcher", "X's chief") or its loss.
const FROM_AFTER =
  /^(?:'s)?\s*(?:[\w-]+\s+){0,3}?(?:researcher|engineer|scientist|lead|head|chief|director|VP|vice president|veteran|alum|architect|manager|founding|co-founder|executive|officer|specialist|expert)s?\b|^\s*(?:loses|lost|has lost|just lost|bleeds|sees|is losing)\b|^[\u4e00-\u9fa5A-Za-z\s]{0,12}?(?:研究员|负责人|工程师|科学家|专家|骨干|高管|总监|创始工程师|核心)|^\s*(?:再失|流失|离职|出走)/i;

const UNKNOWN_ORG = [
  { re: /\b(?:co-?found(?:ed|s|ing)?|to (?:found|launch))\s+(?:a |an |the )?(?:new\s+)?(?:[a-z-]+\s+){0,2}?(?:startup|company|lab|venture)?,?\s*(?:called\s+|named\s+)?([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})/g, side: 'to' as const },
  { re: /\b(?:startup|start-up)\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})/g, side: 'from' as const },
  { re: /\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})(?:'s)?\s+(?:team|founders?|staff)\b/g, side: 'from' as const },
  { re: /\blicense\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})'s/g, side: 'from' as const },
];
const NOT_ORG = new Set(
  'The A An Its His Her Their This That Both He She It They We Formula One January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' '),
);

function unknownOrgs(text: string, firms: FirmHit[], isFirm: (s: string) => boolean): Array<OrgMention & { side: 'to' | 'from' }> {
  const out: Array<OrgMention & { side: 'to' | 'from' }> = [];
  for (const { re, side } of UNKNOWN_ORG) {
    for (const m of text.matchAll(re)) {
      const org = m[1].replace(/[.,]$/, '');
      const start = m.index + m[0].lastIndexOf(m[1]);
      if (NOT_ORG.has(org) || /^[A-Z]{1,3}$/.test(org) || isFirm(org) || org.split(' ').some((w) => isFirm(w))) continue;
      if (firms.some((f) => f.start < start + org.length && start < f.end)) continue;
      out.push({ org, start, end: start + org.length, side });
    }
  }
  return out;
}

export function extractMove(k: Knowledge, original: string, firms: FirmHit[]): Move | undefined {
  // Rules are written in simplified Chinese; folding keeps offsets, so names come from the original.
  const text = toSimplified(original);
  const isFirm = (s: string) => k.knownOrg(s) !== undefined;
  const people = findPeople(text, firms, isFirm);
  const person = people[0];
  if (!person || person.score < 3) return undefined;
  const personName = original.slice(person.start, person.start + person.name.length);

  const mentions: OrgMention[] = firms.filter((f) => f.term !== person.name).map((f) => ({ org: f.firm, start: f.start, end: f.end }));
  const extra = unknownOrgs(text, firms, isFirm);
  const to = new Map<string, number>();
  const from = new Map<string, number>();
  const add = (m: Map<string, number>, org: string, v: number) => m.set(org, (m.get(org) ?? 0) + v);
  for (const e of extra) add(e.side === 'to' ? to : from, e.org, 2);
  for (const m of [...mentions, ...extra]) {
    const before = text.slice(Math.max(0, m.start - 40), m.start);
    const after = text.slice(m.end, m.end + 45);
    const toBefore = TO_BEFORE.test(before);
    if (toBefore) add(to, m.org, 3);
    else if (TO_BEFORE_WEAK.test(before)) add(to, m.org, 1);
    if (TO_AFTER.test(after)) add(to, m.org, 3);
    if (!toBefore && FROM_BEFORE.test(before)) add(from, m.org, 3);
    if (!toBefore && FROM_AFTER.test(after)) add(from, m.org, 2);
  }
  const orgs = new Set([...mentions, ...extra].map((m) => m.org));
  const net = (org: string, side: 'to' | 'from') => (side === 'to' ? (to.get(org) ?? 0) - (from.get(org) ?? 0) : (from.get(org) ?? 0) - (to.get(org) ?? 0));
  const pick = (side: 'to' | 'from', exclude?: string) =>
    [...orgs].filter((o) => o !== exclude && net(o, side) > 0).sort((a, b) => net(b, side) - net(a, side))[0];
  let dest = pick('to');
  let origin = pick('from', dest);
  if (dest && !origin) {
    // The other organisation named most often is where the person came from.
    const counts = new Map<string, number>();
    for (const m of mentions) if (m.org !== dest) counts.set(m.org, (counts.get(m.org) ?? 0) + 1);
    origin = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
  if (origin && !dest) dest = pick('to', origin);
  if (!origin || !dest || origin === dest) return undefined;
  const r1 = k.firmRegion(origin);
  const r2 = k.firmRegion(dest);
  return { person: personName, from: origin, to: dest, ...(r1 && r2 ? { direction: `${r1}→${r2}` } : {}) };
}
