// Who moved where: scores every organisation mention as origin or destination by the
// words around it ("former X", "joins Y", "前X…加盟Y"), then picks the best pair.
import { fold, toSimplified, type FirmHit, type Knowledge } from '../../knowledge/index.js';
import { has, isSpace, words, type Gate } from './gate.js';
import type { Move } from '../../types.js';
import { findPeople } from './people.js';

interface OrgMention {
  org: string;
  start: number;
  end: number;
}

// Destination cues right before a mention, up to two words before it ("joins the rival lab X"), never
// `from` ("joined xAI from Google": the firm after `from` is an origin).
const TO_BEFORE =
  /(?:\bjoin(?:s|ed|ing)?|\bhead(?:s|ed|ing)? to|\bjump(?:s|ed|ing)? to|\bmov(?:e|es|ed|ing) to|\bdefect(?:s|ed|ing)? to|\blands? (?:at|in)|\blanded at|\bstarted at|\bturn(?:s|ed)? up (?:in|at)|\b(?:re)?surface[sd]? (?:at|in)|\b(?:shows?|showed|pops?|popped) up (?:at|in)|\bsigns? (?:on )?with|\bsigned (?:on )?with|\banswers to|\bleft for|\bleaves? for|\bleaving for|\bquits? for|\bquitting for|\bdeparts? for|\bexits? for|\bexits? to|\bto co-found|(?<!\bwho (?:had )?)\bco-found(?:ed|s|ing)?|\bswitch(?:es|ed)? to|\breturn(?:s|ed)? to|\bgone to|\bgoing to|\bworks? for|\boffer from|\boffers from|\bnow (?:leads|heads|runs|works at|works for)|\bis now (?:at|with)|\b(?:been|was|is|were) (?:named|appointed|made) (?:an? |the )?(?:[\w-]+ ){1,5}?at|\b(?:been|was|is|were) (?:named|appointed|hired as|made)(?: as)?|\b(?:researcher|engineer|scientist|veteran|executive|alum|lead|head|chief)s? (?:named|appointed|hired|tapped|picked)(?: as| to)?|\b(?:hired|named|appointed|tapped|joins|joined) as|\b(?:has|have|is|are) (?:launched|founded|co-founded|launching|founding)|\bto (?:start|launch|found)|\blaunches|\bco-founds|\b(?:taken|took|takes|taking) charge of(?: [\w-]+){0,3} at|\bheaded to|\bbound for|\barrival (?:at|in)|\barriv(?:es|ed) (?:at|in)|\b(?:recruited|hired|poached|lured|snapped up|picked up|scooped up|wooed|nabbed|headhunted|acqui-hired|prised away|pried loose|pried away|prized away) by|\b(?:chose|chooses|choosing|opted for|opts for)|\bcom(?:es|e|ing) home to (?:run|lead|head|join)|整体并入|并入|加盟|加入|转投|投奔|入职|出任|流向|跳槽到|跳槽至|跳槽|前往|落户|履新|就任|执掌|投身|牵手|正式加入|赴|转战|改投|转至|转会|出现在|现身|到岗)\s*(?:the\s+|its\s+|a\s+)?(?:(?!from\s)[a-z-]+\s+){0,2}$/i;
// The acqui-hire grammar (a startup's team taken in whole; see docs/relevance.md, "Acqui-hires and founders"),
// read over a longer stretch of the clause than the single cues:
// - "bringing founder P and 30 engineers into the team behind its Qwen app": the firm after "into" takes them;
const BRING_INTO =
  /\b(?:bring(?:s|ing)?|brought|fold(?:s|ed|ing)?|absorb(?:s|ed|ing)?)\b[^.;|\n]{0,70}?\binto\s+(?:the (?:[\w-]+ ){0,2}?(?:team|group|unit|division|lab)s? (?:behind|of|at|inside)\s+)?(?:its\s+|their\s+|the\s+)?(?:[a-z-]+\s+){0,2}$/i;
// - "Alibaba pays $42 million to absorb startup L's team", "OpenAI confirms a deal to bring K's team aboard",
//   "OpenAI is paying $300 million for a warehouse-robot team": the paying firm is the destination;
const ACQUI_AFTER =
  /^(?:'s)?\s*(?:[\w$.,-]+\s+){0,6}?(?:deal|agreement|pact|agrees?|agreed|pays?|paying|paid|will pay|spends?|spending|spent)\b[^.;|\n]{0,50}?\bto (?:bring|absorb|hire|acqui-hire|take on|fold)\b|^(?:'s)?\s*(?:[\w$.,-]+\s+){0,4}?(?:pays?|paying|paid|spends?|spending|spent)\b[^.;|\n]{0,30}?\bfor (?:a|an|the|[A-Z][\w-]*'s) (?:[\w-]+ ){0,3}?(?:team|crew|staff|founders)\b/;
// - 被X以…挖走: the passive names the poaching firm before the verb;
const PASSIVE_ZH_BEFORE = /被\s*$/;
const PASSIVE_ZH_AFTER = /^[^，。；,;\n]{0,20}?(?:挖走|挖角|挖去|招致麾下|收入麾下|招揽|聘走|签下|收编)/;
// - "comes home to run KakaoTalk's AI", "left to lead Meta's lab": a purpose verb on the firm's own team.
const PURPOSE_POSS_BEFORE = /(?<!\bused )\bto (?:run|lead|head|oversee)\s+$/i;
const PURPOSE_POSS_AFTER = /^(?:'s|’s)\s/;
// - "… spent 11 years at Google. At OpenAI she will work on search": a sentence that opens on the firm
//   and says what the person does there next.
const AT_START_BEFORE = /(?:^|[.!?]\s+)At\s+$/;
const AT_NEXT_AFTER =
  /^(?:['’]s\s+[\w-]+(?:\s+[\w-]+)?)?,?\s+(?:he|she|they)\s+(?:will|['’]ll|is to|is set to|now|inherits|takes|joins|starts|gets|leads|heads|runs|oversees)\b/;
// Weaker destination cues (direction words that need a move elsewhere in the text).
const TO_BEFORE_WEAK = /(?:\bto|\bfor|\btoward)\s+(?:the\s+)?$/i;
// Destination cues right after a mention (the hiring side).
const TO_AFTER =
  /^(?:'s)?\s*(?:(?!(?:researcher|scientist|engineer|lead|head|chief|veteran|executive|director|manager|architect|founder|co-founder)s?\b|(?:and|or|but)\b)[\w-]+\s+){0,2}?(?:has\s+|have\s+)?(?:hires|has hired|hired|hire|hiring|acqui-hires|acqui-hired|raids|raided|raiding|scoops up|scooped up|taps|tapped|lures|lured|recruits|recruited|poaches|poached|names|named|appoints|appointed|lands|landed|picks up|picked up|absorbs|absorbed|has added|added|adds|brings on|brought on|has brought in|brought in|brings in|bring in|bring on|bringing in|bringing on|ropes in|roped in|has roped in|draws|drew|snaps up|nabs|nabbed|woos|wooed|picks|has picked|gets|wins|pries (?:loose|away)|pried (?:loose|away)|prises (?:loose|away)|prised (?:loose|away)|prizes away|prized away|'s (?:[\w-]+ ){0,2}?(?:spree|streak|raid|poaching|recruiting drive|talent grab)|'s newest recruit|'s latest recruit|'s latest acqui-hire|'s new|挖来|挖走|招揽|宣布|证实|迎来|引入|任命)|^[\u4e00-\u9fa5\d.“”\"]{0,12}?(?:挖来|挖走|挖角|招揽|聘请|聘用|收编|吸收|引入|迎来|招致麾下)|^(?:今日|今天|日前|近日|正式)?(?:官宣|宣布|任命|聘任)|^(?:再|又|新)?(?:添|迎来?)(?:一员|一位)?[\u4e00-\u9fa5A-Za-z]{0,4}?(?:大将|猛将|悍将|干将|强援)|^\s*(?:正式)?(?:入职|报到)/i;
// Origin cues right before a mention.
const FROM_BEFORE =
  /(?:\bformer|\bex-|\bswap(?:s|ped)?|\btrad(?:es|ed)|\bditch(?:es|ed)?|\bformerly(?: at| of)?|\bpreviously(?: at| with| on| an? [\w-]+(?: [\w-]+)? (?:at|on))?|\bleft|\bleaves|\bleaving|\bdeparts?|\bdeparted|\bexits?|\bquit|\bquits|\bfrom|\byears at|\byears on|\bspent [\w\s]{0,20} at|\bbehind|\balumn\w*|\boutgoing|\bveteran of|\braid(?:s|ed|ing)?|\bscoops? up|\bscooped up|\b(?:spree|streak|raid|poaching) (?:at|on)|前|原|从|离开|曾在|此前在|曾任|曾参与|出身|来自)\s*(?:the\s+)?(?:[\w-]+\s+){0,1}$/i;
// Origin cues right after a mention: its own staff ("X researcher", "X's chief") or its loss.
const FROM_AFTER =
  /^(?:'s)?\s*(?:(?!(?:an?|the|its|their|his|her|said|says|told|tells|confirmed|confirms|announced|announces)\s)[\w-]+\s+){0,3}?(?:researcher|engineer|scientist|lead|head|chief|director|VP|vice president|veteran|alum|architect|manager|founding|co-founder|executive|officer|specialist|expert|builder|creator|counteroffer|counter-offer)s?\b|^\s*(?:loses|lost|has lost|just lost|bleeds|sees|is losing)\b|^[\u4e00-\u9fa5A-Za-z\s]{0,12}?(?:研究员|负责人|工程师|科学家|专家|骨干|高管|总监|副总裁|主管|首席|创始工程师|核心)|^\s*(?:再失|流失|离职|出走)|^\s*系(?:创业|初创)/i;

const UNKNOWN_ORG = [
  {
    need: words('found', 'to launch', 'to start'),
    re: /\b(?:(?:co-?)?found(?:ed|s|ing)?|to (?:found|launch|start))\s+(?:a |an |the |his |her |their )?(?:new\s+)?(?:(?:[A-Za-z-]+\s+){0,2}?(?:startup|start-up|company|lab|venture)\b,?[ ]*)?(?:called +|named +)?([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3})/g,
    side: 'to' as const,
  },
  { need: words("'s new "), re: /'s new (?:company|startup|start-up|venture|lab),?\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})/g, side: 'to' as const },
  // "is raising money for a startup called Lumen Circuits", "building a company named N".
  {
    need: words('called', 'named'),
    re: /\b(?:raising (?:money|funds|capital) for|building|starting|launching|founding|forming|setting up)\s+(?:a|an|her|his|their)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?(?:startup|start-up|company|venture|lab)\s+(?:called|named)\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})/g,
    side: 'to' as const,
  },
  // "Hengyu, founded by former DeepSeek researcher Shao Qiming, has raised…": the company a person named right
  // after "founded by" has just started (checked against the person in extractMove).
  {
    need: words('founded by'),
    re: /\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}),\s+(?:an? (?:[\w-]+ ){0,3}?(?:startup|start-up|company|lab) )?(?:which was |that was )?(?:co-?)?founded by\s+(?:former |ex-)[^,.;|\n]{0,60}/g,
    side: 'to' as const,
    founder: true,
  },
  { need: words('startup', 'start-up'), re: /\b(?:[Ss]tartup|[Ss]tart-up)\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})/g, side: 'from' as const },
  // "Brightline Reasoning, a two-year-old agent startup, is shutting down": the appositive names a startup.
  { need: words('startup', 'start-up'), re: /\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}), an? (?:[\w-]+ ){0,3}?(?:startup|start-up)\b/g, side: 'from' as const },
  {
    need: words('team', 'founder', 'staff', 'brain trust', 'crew'),
    re: /\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})(?:'s?)?\s+(?:[a-z][\w-]*\s+){0,2}?(?:team|founders?|staff|brain trust|crew)\b/g,
    side: 'from' as const,
  },
  // "Kinetra co-founder Owen Achterberg and 40 staff will join…": the startup a co-founder is named by.
  {
    need: words('cofounder', 'co-founder', 'chief executive', 'ceo'),
    re: /\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})(?:'s?)?\s+(?:co-?founders?|chief executive|CEO)\b/g,
    side: 'from' as const,
  },
  // "DeepSeek系创业公司衡宇智能": a startup of a firm's alumni is the new company.
  {
    need: words('系创业', '系初创'),
    re: /系(?:创业|初创)(?:公司|团队|企业)\s*([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}|[\u4e00-\u9fa5]{2,6}?(?=联合创始人|创始人|首席|团队|的|达成|宣布|获|完成|正式|（|\(|，|,|。|$))/g,
    side: 'to' as const,
    alumni: true,
  },
  { need: words('licens'), re: /\blicens(?:e|es|ed|ing)\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})'s?/g, side: 'from' as const },
  // Acqui-hires: "will hire Lumora co-founder X", "is hiring Gripwise founder Y" — the startup is the origin.
  {
    need: words('hir'),
    re: /\b(?:hir(?:e|es|ed|ing)|acqui-hir(?:e|es|ed|ing))\s+([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})(?:'s?)?\s+(?:co-?founders?|founders?|chief executive|CEO|CTO|chief technology officer)\b/g,
    side: 'from' as const,
  },
  // "初创公司Ferrite联合创始人…", "AI眼镜初创公司镜界科技达成协议": a Chinese-described startup.
  // Not after a founding verb: "创办视频生成初创公司Loomframe" is the new company (NEWCO_ZH).
  {
    need: words('初创', '创业'),
    re: /(?<!(?:创立|创办|成立|创建)[^，。；]{0,8}|系)(?:初创|创业)(?:公司|团队|企业)\s*([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}|[\u4e00-\u9fa5]{2,6}?(?=联合创始人|创始人|首席|团队|的|达成|宣布|停止|停运|关停|解散|被|已|将|获|完成|正式|（|\(|，|,|。|$))/g,
    side: 'from' as const,
  },
];
const NOT_ORG = new Set(
  'The A An Its His Her Their This That Both He She It They We Formula One January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(
    ' ',
  ),
);

type ExtraOrg = OrgMention & { side: 'to' | 'from'; founding?: boolean; founderSpan?: [number, number] };
// Not a company name: words a Chinese startup pattern can catch ("初创公司规模最大的…", "成立于2024年").
const NOT_ZH_ORG = /^(?:于|在|时|以来|之初|至今|的|了)|\d|规模|最大|最多|之一/;
// A company being founded now ("has left to found N", "将创办N"), not one founded years ago ("who co-founded N").
const FOUNDING_NOW =
  /\b(?:to|will|is|are|has|have|and|then) (?:co-?found|found|launch|start|set up)|\b(?:launching|founding|starting|building|forming|setting up|raising (?:money|funds|capital) for)\b|(?<!曾|曾经|此前)(?:将|已|正)?(?:创立|创办|成立|创建|联合创立)/;

function unknownOrgs(text: string, folded: string, firms: FirmHit[], isFirm: (s: string) => boolean): ExtraOrg[] {
  const out: ExtraOrg[] = [];
  // Same offsets, but no pattern runs from the title into the summary.
  let joined: string | undefined;
  // "织机智能（Loomstack）": a Chinese startup name glossed in Latin letters goes by the Latin name (read once a pattern matched).
  let gloss: Map<string, string> | undefined;
  for (const { re, side, founder, alumni, need } of UNKNOWN_ORG as Array<{
    re: RegExp;
    side: 'to' | 'from';
    founder?: boolean;
    alumni?: boolean;
    need: Gate;
  }>) {
    if (!has(folded, need)) continue;
    const lines = (joined ??= text.replace(/\n/g, '|'));
    for (const m of lines.matchAll(re)) {
      if (!gloss) {
        gloss = new Map<string, string>();
        for (const g of lines.matchAll(/([\u4e00-\u9fa5]{2,8})[（(]([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})[）)]/g)) gloss.set(g[1], g[2]);
      }
      const written = m[1].replace(/[.,]$/, '');
      const start = m.index + (founder ? m[0].indexOf(m[1]) : m[0].lastIndexOf(m[1]));
      if (/^[\u4e00-\u9fa5]/.test(written) && NOT_ZH_ORG.test(written)) continue;
      const org = [...gloss.entries()].find(([zh]) => written === zh || zh.endsWith(written))?.[1] ?? written;
      if (NOT_ORG.has(org) || /^[A-Z]{1,3}$/.test(org) || isFirm(org) || org.split(' ').some((w) => isFirm(w))) continue;
      if (firms.some((f) => f.start < start + written.length && start < f.end)) continue;
      // "Microsoft's Phi team", "Google's Brain team": a group inside a firm just named, not a startup.
      if (side === 'from' && firms.some((f) => f.end <= start && start - f.end <= 4 && /^\s*(?:'s|’s)?\s*$/.test(lines.slice(f.end, start)))) continue;
      // "to start a London robotics team" starts a team, not a company.
      if (
        side === 'to' &&
        /^\s+(?:[\w-]+\s+){0,2}?(?:team|office|hub|site|unit|group|division|centre|center|lab|startup|start-up|company|venture|firm|nonprofit)\b/.test(
          lines.slice(start + written.length, start + written.length + 40),
        )
      )
        continue;
      // "X, who co-founded Vantor in 2019, has joined Google": a company founded before is where the person comes from.
      const past = side === 'to' && /^(?:co-?founded|founded)\b/i.test(m[0]) && /\bwho\s+(?:had\s+)?$/i.test(lines.slice(Math.max(0, m.index - 12), m.index));
      const founderSpan: [number, number] | undefined = founder ? [m.index, m.index + m[0].length] : undefined;
      out.push({
        org,
        start,
        end: start + written.length,
        side: past ? 'from' : side,
        founding: side === 'to' && !past && (!!alumni || !!founder || FOUNDING_NOW.test(m[0])),
        ...(founderSpan ? { founderSpan } : {}),
      });
    }
  }
  return out;
}

// "the Hangzhou AI lab DeepSeek", "rival start-up Moonshot AI": an appositive descriptor between cue and name.
const DESCRIPTOR =
  /(?<![\w-])(?:the\s+|its\s+|a\s+)?(?:(?!(?:to|for|at|from|of|in|on|with|by|and|as|joins?|joined|leaves?|left|exits?|quits?|moves?)\s)[\w-]+\s+){0,3}?(?:lab|start-?up|company|giant|rival|firm|group|unit|developer|maker|owner|outfit|champion)\s+$/i;
// DESCRIPTOR cannot match without one of its nouns (gate.ts).
const DESCRIPTOR_WORDS = words('lab', 'start', 'company', 'giant', 'rival', 'firm', 'group', 'unit', 'developer', 'maker', 'owner', 'outfit', 'champion');
const DESCRIPTOR_NOUNS = [
  'lab',
  'startup',
  'start-up',
  'company',
  'giant',
  'rival',
  'firm',
  'group',
  'unit',
  'developer',
  'maker',
  'owner',
  'outfit',
  'champion',
];

/**
 * Whether DESCRIPTOR can match: it ends in one of its nouns (any case) and then whitespace to the end,
 * so the noun ends where the trailing whitespace starts.
 */
function endsWithDescriptor(raw: string): boolean {
  let j = raw.length;
  while (j > 0 && isSpace(raw.charCodeAt(j - 1))) j--;
  if (j === raw.length) return false;
  for (const noun of DESCRIPTOR_NOUNS) if (j >= noun.length && raw.slice(j - noun.length, j).toLowerCase() === noun) return true;
  return false;
}
// "From Apple to Meta", "from X to Y": the second name is the destination.
const FROM_X_TO =
  /\bfrom\s+(?:the\s+)?[^,.;:!?\n]{1,40}?\s+to\s+(?:the\s+)?$|\b(?:swap(?:s|ped|ping)?|trad(?:es|ed|ing)|ditch(?:es|ed)?)\s+(?:the\s+)?[^,.;:!?\n]{1,40}?\s+for\s+(?:the\s+)?$|从[^，。；：:\n]{1,20}?(?:到|至|跳到|转到|来到)$/i;
// Denied or unconfirmed reports are not moves.
const DENIAL =
  /\b(?:den(?:y|ies|ied)|rejects?|rejected|dismiss(?:es|ed)?|refutes?|refuted)\b[^.\n]{0,40}\b(?:report|rumou?rs?|claims?|speculation)|\brumou?rs?\b[^.\n]{0,60}\b(?:are|were|is|was) (?:false|untrue|wrong|baseless|unfounded|inaccurate)|\b(?:called|calls) (?:the |that )?(?:reports?|rumou?rs?|claims?) (?:wrong|false|untrue|inaccurate|baseless)|\b(?:is|am|are|remains?) (?:not leaving|staying (?:at|with|put))|\bI am staying\b|\bremains at\b[^.\n]{0,40}\bno plans\b|否认|辟谣|不实|并未离职|未离职|仍在[^，。]{0,10}(?:工作|任职|负责)/i;

// The grammar beyond single cues (see docs/relevance.md, "Move grammar"):
// - a return marker ("returns to", "rejoins", "is back at", "welcomes back", 回归/重返/回到/老东家)
//   fixes the destination: the firm after it is where the person goes, whatever "left X for Y"
//   history the story retells;
// - tenure phrases ("after five years at X", "a stint at X", "在X工作", "此前是X…") name the origin;
// - a purpose clause ("departs X to head research at Y", "will lead … at Y") names the destination;
// - a new company ("leaves to found N", "离职创业，创立N") is a destination even when unknown.
const RETURN_BEFORE =
  /(?:\breturn(?:s|ed|ing)? to|\brejoin(?:s|ed|ing)?|\b(?:is|are|was|now|comes?|came|heads?|headed|going|goes|went) back (?:to|at)|\bback at|\bboomerangs? (?:to|back to)|回归老东家|回归|重返|回到|返回|回流)\s*(?:the\s+)?$/i;
const RETURN_AFTER = /^(?:'s)?\s*(?:welcomes|welcomed|brings|brought|lures|lured|wins|won|woos|wooed|woo|lure|win) back\b|^[\u4e00-\u9fa5]{0,4}?(?:迎回|召回)/i;
const TENURE_BEFORE =
  /(?:\bwho (?:had )?(?:co-)?founded|\bwho (?:ran|runs|led|leads|headed|heads|oversaw|oversees|managed|manages|built)\b[\w\s'-]{0,40}?\b(?:at|for)|\byears? (?:at|with|on)|\bstint (?:at|with)|\btime at|\btenure at|\bdecade at|\bworked (?:at|for|on)|\bspent [\w\s-]{0,25}\b(?:at|with)|\buntil recently (?:at|worked at)|\blate of|\bleaving|\bafter (?:a |an )?[\w\s-]{0,20}\bat|(?<![将正现])在|此前是|此前为|曾是)\s*(?:the\s+)?$/i;
const TENURE_AFTER_ZH = /^(?:工作|任职|就职|负责|效力|待了|的?骨干|大模型团队的?骨干)/;
const PURPOSE_BEFORE =
  /(?:\bnow (?:works?|leads|heads|runs|builds|oversees)\b[\w\s-]{0,35}?\b(?:at|for)|\bto (?:head|lead|run|build|join|work|become)\b[\w\s-]{0,35}?\b(?:at|for)|\bwill (?:lead|head|run|oversee|join|work|report)\b[\w\s-]{0,40}?\b(?:at|for|to)|\bstarts? (?:work )?at|\bwill start at|\bstart at|\baccepted an offer (?:from|at)|\b(?:accepted|accepts|accepting|takes|taking|will take) (?:up )?(?:a|an|the) (?:[\w-]+ ){0,2}?(?:role|position|job|post|seat) (?:at|with)|\boffer (?:from|at)|\b(?:authors?|paper|report) (?:from|by|at)|\bon (?:a|an|the) (?:new )?(?:[\w-]+ )?(?:paper|report|technical report) from|\bon (?:a|an|the)|\bjoined|\bgone to|\bhave joined|\bhas joined|负责|将在|担任)\s*(?:the\s+)?$/i;
const PAPER_AFTER =
  /^(?:'s)?\s*(?:new |latest |recent )?(?:[\w-]+ ){0,3}?(?:paper|technical report|report|affiliation)\b|^(?:的)?(?:最新|新)?(?:发布的)?(?:一篇)?(?:论文|技术报告)/i;
const NEWCO_ZH =
  /(?:创立|创办|成立|创建|另起炉灶，?成立|联合创立)(?:了|的)?(?:(?:一家)?(?:AI|人工智能|大模型)?[\u4e00-\u9fa5]{0,6}?(?:初创公司|新公司|创业公司|公司))?[「“"]?([\u4e00-\u9fa5A-Za-z0-9·]{2,10}?)[」”"]?(?=[，,。、（(；;]|$|，|专注|聚焦|并|获|已完成|完成)/g;

// A relative clause about the person's past ("who joined …", "who left X for …") and a date after
// the firm it names ("… in 2023", "last year").
const WHO_BEFORE = /\bwho\s+(?!will\b|is set to\b|plans to\b)(?:had\s+)?[^,;]{0,110}$/i;
// The verb right before the firm: "who joined X", "who left Y for X" (not "who joined Y from X").
const PAST_MOVE_BEFORE =
  /\b(?:joined|(?:before|after|then) joining|moved to|went to|switched to|jumped to|(?:left|departed|quit)\b[^,;]{1,40}?\bfor)\s+(?:the\s+|its\s+)?$/i;
const DATED_AFTER =
  /^[^,;.]{0,30}?\b(?:in (?:early |late |mid-)?(?:19|20)\d\d|in (?:January|February|March|April|May|June|July|August|September|October|November|December)\b|last (?:year|month|spring|summer|autumn|fall|winter)|earlier this year|years? ago)\b/i;
// The same in Chinese: a dated join before the firm (去年12月从…加盟X) in a clause that ends in 的 before the person.
const PAST_MOVE_BEFORE_ZH = /(?:去年|前年|今年初|上月|(?:19|20)\d\d年|\d{1,2}月)[^，。；]{0,20}?(?:加盟|加入|入职)\s*$/;
const REL_AFTER_ZH = /^[^，。；]{0,25}?的/;
const FROM_ZH_BEFORE = /从\s*$/;

/** Clauses end at these characters (moves are said within one sentence, title or clause). */
function endsClause(c: number): boolean {
  // '\n.!?。！？；;'
  return c === 10 || c === 46 || c === 33 || c === 63 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 59;
}

/** Where clauses end: the offsets of the characters that end one, in order. */
function clauseEnds(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (endsClause(text.charCodeAt(i))) out.push(i);
  return out;
}

/** Start of the clause around `at`: just after the last clause end before it. */
function clauseStart(ends: number[], at: number): number {
  let a = 0;
  for (const e of ends) {
    if (e >= at) break;
    a = e + 1;
  }
  return a;
}

/** End of the clause around `at`: the first clause end at or after it (else the text's end). */
function clauseEnd(ends: number[], at: number, length: number): number {
  for (const e of ends) if (e >= at) return e;
  return length;
}

// The gates (gate.ts): DENIAL, RUMOUR and NEWCO_ZH cannot match without one of these words.
const DENIAL_WORDS = words(
  'deny',
  'denie',
  'reject',
  'dismiss',
  'refut',
  'rumo',
  'call',
  'not leaving',
  'staying',
  'remains at',
  '否认',
  '辟谣',
  '不实',
  '未离职',
  '仍在',
);
const RUMOUR_WORDS = words('传', '正与', '正在与', 'talks', 'discussions', 'negotiations');
const NEWCO_WORDS = words('创立', '创办', '成立', '创建');
const FROM_X_TO_WORDS = words('from', 'swap', 'trad', 'ditch', '从');
const BRING_WORDS = words('bring', 'brought', 'fold', 'absorb');
const INTO_WORDS = words('into');
const PURPOSE_POSS_WORDS = words('to run', 'to lead', 'to head', 'to oversee');
const ACQUI_WORDS = words('deal', 'agreement', 'pact', 'agree', 'pay', 'paid', 'spend', 'spent');
const RETURN_BEFORE_WORDS = words('return', 'rejoin', 'back', 'boomerang', '回归', '重返', '回到', '返回', '回流');
const RETURN_AFTER_WORDS = words('back', '迎回', '召回');
const PAPER_WORDS = words('paper', 'report', 'affiliation', '论文', '技术报告');

// Talks and rumours are not moves yet: "传X或被Y挖走", "Y正与X接触", "Y is in talks to hire X".
const RUMOUR =
  /^传|[|：:｜]传(?=[\u4e00-\u9fa5])|(?:正与|正在与)[^，。；\n]{1,16}?(?:接触|洽谈|谈判|商谈)|\b(?:is|are|was|were) (?:said to be |reportedly )?in (?:advanced |early )?(?:talks|discussions|negotiations) (?:to|with)\b/;

/** `folded` is fold(original) when the caller has it (the knowledge scan's). */
export function extractMove(k: Knowledge, original: string, firms: FirmHit[], folded: string = fold(original)): Move | undefined {
  // A move names two organisations (below): with fewer than two firms named and no word an
  // unknown-organisation pattern needs, there is none.
  const first = firms[0]?.firm;
  const oneFirm = !firms.some((f) => f.firm !== first);
  if (oneFirm && !UNKNOWN_ORG.some((u) => has(folded, u.need)) && !has(folded, NEWCO_WORDS)) return undefined;
  // Rules are written in simplified Chinese; folding keeps offsets, so names come from the original.
  const text = toSimplified(original);
  const isFirm = (s: string) => k.knownOrg(s) !== undefined;
  // One entry per place: two patterns naming the same startup at the same offset count once.
  const extraOrgs = () =>
    [...unknownOrgs(text, folded, firms, isFirm), ...(has(folded, NEWCO_WORDS) ? newCompaniesZh(text, firms, isFirm) : [])].filter(
      (e, i, all) => all.findIndex((o) => o.org === e.org && o.start === e.start) === i,
    );
  // A move names two organisations, each a firm mention or an unknown organisation found by pattern:
  // with fewer than two firms named, the patterns decide first whether there can be a move at all.
  let extra: ExtraOrg[] | undefined;
  if (oneFirm) {
    extra = extraOrgs();
    if (new Set([...firms.map((f) => f.firm), ...extra.map((e) => e.org)]).size < 2) return undefined;
  }
  if ((has(folded, DENIAL_WORDS) && DENIAL.test(text)) || (has(folded, RUMOUR_WORDS) && RUMOUR.test(text))) return undefined;
  // Most items name nobody who could be moving: then the organisations below cannot change the answer.
  const candidates = findPeople(text, firms, isFirm, folded);
  if (!candidates.some((p) => p.score >= 1)) return undefined;
  extra ??= extraOrgs();
  // A startup's name found as an organisation is not the person.
  const people = candidates.filter((p) => !extra.some((e) => e.org === p.name || p.name.includes(e.org)));
  const person = people[0];
  if (!person || person.score < 1) return undefined;
  // "N, founded by former X researcher P": N is P's new company only when P is the person moving.
  for (const e of extra) if (e.founderSpan && !(person.start >= e.founderSpan[0] && person.start < e.founderSpan[1])) e.founding = false;
  const personName = original.slice(person.start, person.start + person.name.length);

  const mentions: OrgMention[] = firms
    .filter((f) => f.term !== person.name && !(person.start < f.end && f.start < person.start + person.name.length))
    .map((f) => ({ org: f.firm, start: f.start, end: f.end }));
  const to = new Map<string, number>();
  const from = new Map<string, number>();
  const back = new Map<string, number>();
  const add = (m: Map<string, number>, org: string, v: number) => m.set(org, (m.get(org) ?? 0) + v);
  for (const e of extra) add(e.side === 'to' ? to : from, e.org, 2);
  const all = [...mentions, ...extra];
  const ends = clauseEnds(text);
  const spans = extra.filter((e) => e.founderSpan && !e.founding);
  const descriptors = has(folded, DESCRIPTOR_WORDS);
  // The patterns below read parts of the text: without their words in the whole text they cannot match (gate.ts).
  const fromXTo = has(folded, FROM_X_TO_WORDS);
  const bringInto = has(folded, BRING_WORDS) && has(folded, INTO_WORDS);
  const purposePoss = has(folded, PURPOSE_POSS_WORDS);
  const acquiAfter = has(folded, ACQUI_WORDS);
  const returnBefore = has(folded, RETURN_BEFORE_WORDS);
  const returnAfter = has(folded, RETURN_AFTER_WORDS);
  const paperAfter = has(folded, PAPER_WORDS);
  const pastStops: string[] = [];
  for (const m of all) {
    // "N, founded by former Google researchers, hires P": the founders' past is not the person's.
    if (spans.some((e) => m.start >= e.founderSpan![0] && m.start < e.founderSpan![1] && m.start > e.start)) continue;
    // The clause is taken around the whole mention: "JD.com" must not end its own clause.
    const cs = clauseStart(ends, m.start);
    const ce = clauseEnd(ends, m.end, text.length);
    const raw = text.slice(Math.max(cs, m.start - 60), m.start);
    const before = descriptors && endsWithDescriptor(raw) ? raw.replace(DESCRIPTOR, '') : raw;
    const after = text.slice(m.end, Math.min(ce, m.end + 45));
    const longBefore = text.slice(Math.max(cs, m.start - 110), m.start);
    const longAfter = text.slice(m.end, Math.min(ce, m.end + 90));
    const toBefore =
      TO_BEFORE.test(before) ||
      (fromXTo && FROM_X_TO.test(before)) ||
      (bringInto && BRING_INTO.test(longBefore)) ||
      (PASSIVE_ZH_BEFORE.test(before) && PASSIVE_ZH_AFTER.test(after)) ||
      (AT_START_BEFORE.test(text.slice(Math.max(0, m.start - 8), m.start)) && AT_NEXT_AFTER.test(after));
    const purpose = !toBefore && (PURPOSE_BEFORE.test(before) || (purposePoss && PURPOSE_POSS_BEFORE.test(before) && PURPOSE_POSS_AFTER.test(after)));
    // 从X挖来: the firm after 从 is where the person was taken from, not the hiring side.
    const toAfter = !FROM_ZH_BEFORE.test(before) && (TO_AFTER.test(after) || (acquiAfter && ACQUI_AFTER.test(longAfter)));
    // "P, who joined Amazon's AGI group in 2023, has accepted a role at Anthropic": a dated move in
    // a relative clause is the person's past; where it led is the latest stop, so the origin.
    if (
      (WHO_BEFORE.test(longBefore) && PAST_MOVE_BEFORE.test(before) && DATED_AFTER.test(after)) ||
      (PAST_MOVE_BEFORE_ZH.test(before) && REL_AFTER_ZH.test(after))
    ) {
      add(from, m.org, 2);
      pastStops.push(m.org);
      continue;
    }
    if ((returnBefore && RETURN_BEFORE.test(before)) || (returnAfter && RETURN_AFTER.test(after))) add(back, m.org, 1);
    if (toBefore) add(to, m.org, 3);
    else if (purpose || (paperAfter && PAPER_AFTER.test(after))) add(to, m.org, 2);
    else if (TO_BEFORE_WEAK.test(before)) add(to, m.org, 1);
    if (toAfter) add(to, m.org, 3);
    if (toBefore || purpose) continue;
    if (FROM_BEFORE.test(before)) add(from, m.org, 3);
    else if (TENURE_BEFORE.test(before)) add(from, m.org, 2);
    if (!toAfter && (FROM_AFTER.test(after) || TENURE_AFTER_ZH.test(after))) add(from, m.org, 2);
  }
  const orgs = new Set(all.map((m) => m.org));
  const net = (org: string, side: 'to' | 'from') => (side === 'to' ? (to.get(org) ?? 0) - (from.get(org) ?? 0) : (from.get(org) ?? 0) - (to.get(org) ?? 0));
  // Ties go to the organisation named more often (the story's subject, not a passing earlier employer).
  const times = new Map<string, number>();
  for (const m of all) times.set(m.org, (times.get(m.org) ?? 0) + 1);
  const named = (o: string) => times.get(o) ?? 0;
  const pick = (side: 'to' | 'from', exclude?: string) =>
    [...orgs].filter((o) => o !== exclude && net(o, side) > 0).sort((a, b) => net(b, side) - net(a, side) || named(b) - named(a))[0];
  // A return names its destination outright; the story's retold history does not count against it.
  const returning = [...back.keys()].filter((o) => orgs.has(o)).sort((a, b) => (back.get(b) ?? 0) - (back.get(a) ?? 0))[0];
  // A company founded now is the latest stop: the firm the person had joined before it is the origin
  // ("weeks after joining Moonshot AI, He Jiaze has left to found Brightloom").
  const founded = returning ? undefined : extra.find((e) => e.founding && orgs.has(e.org))?.org;
  const joinedBefore = founded
    ? mentions
        .map((m) => m.org)
        .filter((o) => o !== founded && (to.get(o) ?? 0) > 0)
        .sort((a, b) => (to.get(b) ?? 0) - (to.get(a) ?? 0))[0]
    : undefined;
  let dest = returning ?? founded ?? pick('to');
  let origin = joinedBefore ?? pastStops.filter((o) => o !== dest).pop() ?? pick('from', dest);
  if (returning && !origin) {
    const cands = [...orgs].filter((o) => o !== returning).sort((a, b) => (from.get(b) ?? 0) + (to.get(b) ?? 0) - ((from.get(a) ?? 0) + (to.get(a) ?? 0)));
    origin = cands[0];
  }
  const cued = (dest ? Math.max(to.get(dest) ?? 0, returning ? 3 : 0) : 0) + (origin ? (from.get(origin) ?? 0) : 0);
  if (dest && !origin) {
    // The other organisation named most often is where the person came from.
    const counts = new Map<string, number>();
    for (const m of mentions) if (m.org !== dest) counts.set(m.org, (counts.get(m.org) ?? 0) + 1);
    origin = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
  if (origin && !dest) dest = pick('to', origin);
  if (!origin || !dest || origin === dest) return undefined;
  // A weakly cued person needs a well-cued move (both sides said in so many words).
  if (person.score < 3 && cued < 5) return undefined;
  // A company outside the reported list has no canonical name readers would know, so it goes by the
  // name the item gives it, its fullest form: a Chinese company by its Chinese name (小鹏汽车, 米哈游,
  // 小红书), any other by its Latin-script name ("Carnegie Mellon University", "Shopee"). Reported firms,
  // and a Chinese rendering of a company from elsewhere (高通 → Qualcomm), keep their canonical names.
  const asWritten = (org: string) => {
    const f = k.firms.get(org);
    if (!f || f.report) return org;
    const script = f.region === 'CN' ? /^[\u3400-\u9fff]/ : /^[A-Za-z]/;
    // The company's own names only, not its products or models (HyperCLOVA X is not Naver).
    const own = (h: FirmHit) => h.kind === 'alias' || h.kind === 'subsidiary' || h.kind === 'superapp';
    const terms = firms.filter((h) => h.firm === org && own(h) && script.test(h.term)).map((h) => original.slice(h.start, h.end));
    return terms.sort((a, b) => b.length - a.length)[0] ?? org;
  };
  // "Cadenza's founder … built Cadenza Labs": an unknown company goes by its fullest name in the item.
  const fullName = (org: string) =>
    isFirm(org) || !/^[A-Z]/.test(org)
      ? org
      : (text.match(
          new RegExp(`\\b${org.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (?:Labs?|AI|Technologies|Robotics|Systems|Research|Inc\\.?)(?![\\w-])`),
        )?.[0] ?? org);
  const r1 = k.firmRegion(origin);
  const r2 = k.firmRegion(dest);
  const role = roleOf(original);
  return {
    person: personName,
    from: asWritten(fullName(origin)),
    to: asWritten(fullName(dest)),
    ...(role ? { role } : {}),
    ...(r1 && r2 ? { direction: `${r1}→${r2}` } : {}),
  };
}

// The title taken in the new job: "named X as its first chief AI officer", "joins Y as head of ChatGPT
// search", 出任智谱首席科学家. Only after a hiring verb (not "served as", "previously … as"), one clause.
const ROLE_EN =
  /\b(?:named|names|appointed|appoints|hired|hires|tapped|taps|recruited|recruits|joins|joined|joining|rejoins|rejoined|returns|returned|returning|brought on|brings on|brought in|brings in|promoted|signs on|signed on)\b(?:(?!\b(?:served|serves|worked|works|was|previously|formerly|who|where)\b)[^.;\n]){0,80}?\bas\s+(?:its|the|their|a|an)?\s*(?:new\s+|first\s+|first-ever\s+)?((?:[\w+&-]+\s+){0,4}?(?:officer|scientist|president|VP|CTO|CEO|COO|CFO|director|head|lead|chief|manager|architect|fellow|adviser|advisor|partner)(?:\s+of\s+[\w+.&-]+(?:\s+[\w+.&-]+){0,3}?)?)(?=\s*[,.;]|\s+(?:to|for|at|in|and|on|with|from|after|where|starting|effective|,)\b|\s*$)/m;
const ROLE_ZH =
  /(?:出任|担任|就任|升任|任命为|履新)[\u4e00-\u9fa5A-Za-z]{0,8}?((?:技术|执行|高级|资深|常务)?(?:首席[\u4e00-\u9fa5A-Za-z]{1,4}?官|首席科学家|首席架构师|副总裁|总裁|副院长|院长|总经理|总监|主任|CTO|CEO|COO|负责人))/g;

function roleOf(text: string): string | undefined {
  const en = ROLE_EN.exec(text)?.[1];
  if (en && !/^(?:a|an|the|its)$/i.test(en)) return en.replace(/\s+/g, ' ').replace(/[.]$/, '').trim();
  for (const m of text.matchAll(ROLE_ZH)) {
    // A title held before ("此前在阶跃星辰担任技术副总裁的…", "一年前…加入X担任…") is not the new one.
    const sentence =
      text
        .slice(0, m.index)
        .split(/[。；;\n]/)
        .pop() ?? '';
    if (!/此前|曾|之前|年前|去年|早年|原本/.test(sentence)) return m[1];
  }
  return undefined;
}

/** Names of a firm's own units (团队 team, 部门 department, 事业部 division…), never a company. */
const IN_HOUSE_UNIT_ZH = /(?:团队|部门|小组|事业部|事业群|业务线|中心)$/;

/** "离职创业，创立元象智能": the new company is the destination (its name as written). */
function newCompaniesZh(text: string, firms: FirmHit[], isFirm: (s: string) => boolean): ExtraOrg[] {
  const out: ExtraOrg[] = [];
  for (const m of text.matchAll(NEWCO_ZH)) {
    const org = m[1];
    const start = m.index + m[0].lastIndexOf(org);
    if (NOT_ZH_ORG.test(org) || isFirm(org) || firms.some((f) => f.start < start + org.length && start < f.end)) continue;
    // "领导其新成立的超级智能团队": a unit set up inside a firm is not a new company.
    if (IN_HOUSE_UNIT_ZH.test(org) || /(?:其|旗下|内部)新$/.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    out.push({ org, start, end: start + org.length, side: 'to', founding: !/(?:曾|曾经|此前)$/.test(text.slice(Math.max(0, m.index - 2), m.index)) });
  }
  return out;
}
