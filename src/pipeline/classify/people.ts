// Finds the person a story is about: capitalised names near move cues (English) and
// names after a role word (Chinese), scored by how strongly the text ties them to a move.
import { fold, type FirmHit } from '../../knowledge/index.js';
import { isSpace } from '../../knowledge/fold.js';
import { has, words } from './gate.js';

export interface PersonCandidate {
  name: string;
  start: number;
  score: number;
}

// A Latin-script name token: any case-marked letters with diacritics (Zoë, Søren, Łukasz,
// Nguyễn), inner capitals (McAllister, O'Connell, D'Souza, LeCun) and hyphenated parts (Ji-hoon, Dubois-Martin).
const TOKEN = String.raw`(?:(?:O|D|Mc|Mac|Fitz)['’]?)?\p{Lu}[\p{Ll}\p{M}]+(?:['’]?\p{Lu}[\p{Ll}\p{M}]+)?(?:-\p{Lu}?[\p{Ll}\p{M}]+)*`;
// Particles inside a name: van der Berg, von Hagen, de la Fuente, dos Santos, bin Rashid, Ó Briain, Van den Broeck.
const PARTICLE = String.raw`(?:van|von|vom|de|der|den|ap|ab|af|av|y|del|della|des|di|da|das|do|dos|du|la|le|ter|ten|zu|bin|ibn|binti|al|el|Ó|Ní|Nic|Mac|Van|Von|De|Di|Da|Du|La|Le|St\.?)`;
// Runs never cross a line (title | summary) and may be long: the loop below keeps the best run of name tokens.
const EN_NAME = new RegExp(String.raw`(?<![\p{Lu}\p{Ll}\p{M}'’-])(${TOKEN}(?:[ \t]+(?:${PARTICLE}[ \t]+){0,3}${TOKEN}){1,6})(?![\p{Ll}\p{M}])`, 'gu');
// The particles PARTICLE matches, as a set (a token is one exactly when IS_PARTICLE would match it).
const PARTICLES = new Set(
  'van von vom de der den ap ab af av y del della des di da das do dos du la le ter ten zu bin ibn binti al el Ó Ní Nic Mac Van Von De Di Da Du La Le St St.'.split(
    ' ',
  ),
);
const isParticle = (tok: string) => PARTICLES.has(tok);
// "He Jiaze", "He Kaiming": the surname He (何/贺) is kept before a token shaped like a pinyin given name
// ("He Joins", "He Said" are not: their letters do not spell pinyin syllables).
const PINYIN_GIVEN =
  /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)){1,2}$/i;
const SURNAME_PRONOUN = new Set(['He']);
const STOP = new Set(
  `The A An And But Former Ex Co-founder Cofounder Co-Founder Founders Co-founders Another Why How What Inside From To In On At For Of With By As After Before Under Over Into New Old Chief Head Lead Senior Vice President
  Director Founder Researcher Engineer Scientist Veteran Executive Officer Manager Staff Team Lab Labs Research Group Holdings Cloud Unit Division Studio
  January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
  San Francisco New York Menlo Mountain View Silicon Valley Hong North South East West Southeast Asia Europe America American Chinese British
  United States Kingdom London Beijing Shanghai Hangzhou Shenzhen Singapore Seoul Tokyo Jakarta Zurich Paris Bengaluru India Korea Japan China Indonesia
  Superintelligence Intelligence Artificial Machine Learning Deep Models Model Agents Agent Assistant Labs Security Institute University Home Office Department
  Commerce State Street Journal Times Post News Daily Week According People Its His Her Their This That These Those It He She They We Our Some Many Most
  Both Each Every All One Two Three Four Five Several While When Where Despite Since Until Also Still Now Just Only Even More Less Bay Area Cupertino Redmond
  King Cross Road Avenue Square Valley Applied Systems Efficiency Robotics Devices Consumer Data Operations Strategy Platform Products Product Global
  Has Had Have Is Was Were Been Be Would Could Should Must Left Leaves Leaving Leave Joins Joined Joining Join Quits Quit Exits Exit Departs Departed
  Moves Moved Hires Hired Hiring Poaches Poached Lands Landed Names Named Taps Tapped Lures Lured Signs Signed Returns Returned Rejoins Rejoined
  Says Said Steps Down Out Away Off Back Not Top Rival Rivals Startup Talks Amid Than Via Who Whom Whose Which`.split(/\s+/),
);
const AFTER_CUE =
  /^(?:,\s*(?:who|a|an|the|long|previously|formerly|one|chief|head|most|until|to|for)\b|,\s*[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)?['’]s\s+(?:new|incoming|latest|former|first|top)\b|\s+(?:has|had|have|will|is|was|joins|joined|left|leaves|departs|departed|exits|started|appeared|appears|now|said|told|makes|made|swaps|swapped|signs|signed|resurfaces|resurfaced|rejoins|rejoined|quits|quit|is back|heads back|goes back|confirmed|wrote|to|heads|lands|jumps|returned|returns|spent|accepted|took|moved|moves|becomes|became|previously|formerly|ran|led|built|worked|oversaw|helped)\b|'s\s+(?:[\w-]+\s+)?(?:departure|exit|move|hire|arrival|appointment|return|new)\b|\s+and\s+(?:[A-Z\u00C0-\u017F]|co-?founder|fellow)|\s*(?:已|正式|将|加盟|加入|转投|离职|在|出任|此前|确认|宣布|及))/;
const OWNER_AFTER = /^['’]s\s+(?:AI\s+|own\s+|new\s+)?(?:staffers|employees|workforce|company|companies|startup|firm|empire|businesses)\b/;
const BEFORE_CUE =
  /(?:researcher|engineer|scientist|lead|head|chief|director|VP|president|veteran|founders?|co-founders?|executive|officer|architect|manager|hired|appointed|named|including|recruit|founding|offer to|offers to|lured|poached|lost|loses|signed|recruited|welcomed|tapped|hiring of|hire of|appointment of|arrival of|poaching of|departure of|exit of|研究员|工程师|科学家|负责人|专家|骨干|高管|创始人|执行官|架构师|聘用)[,\s]*$/i;

// BEFORE_CUE's words, lower case: the pattern is one of them, then only commas and whitespace to the end.
const BEFORE_CUE_WORDS =
  'researcher engineer scientist lead head chief director vp president veteran founder founders executive officer architect manager hired appointed named including recruit founding lured poached lost loses signed recruited welcomed tapped 研究员 工程师 科学家 负责人 专家 骨干 高管 创始人 执行官 架构师 聘用'
    .split(' ')
    .concat(['offer to', 'offers to', 'hiring of', 'hire of', 'appointment of', 'arrival of', 'poaching of', 'departure of', 'exit of']);

/** Whether BEFORE_CUE can match: the text ends in one of its words (any case), then commas and whitespace. */
function endsWithCue(lead: string): boolean {
  let j = lead.length;
  while (j > 0) {
    const c = lead.charCodeAt(j - 1);
    if (c !== 44 && !isSpace(c)) break;
    j--;
  }
  const tail = lead.slice(Math.max(0, j - 12), j).toLowerCase();
  for (const w of BEFORE_CUE_WORDS) if (tail.endsWith(w)) return true;
  return false;
}

const ZH_NAME =
  /(?:研究员|负责人|工程师|科学家|专家|骨干|总监|副总裁|高管|主管|架构师|创始人|合伙人|大将|老将|教授|博士|成员|员工|CEO|CTO|首席[\u4e00-\u9fa5]{1,3}官|院长|主任|经理|聘请|挖来|大将|老兵|前员工|作者|大牛|元老|技术大拿|带头人|掌门人|操盘手|天才少年|少年|任命|聘任)(?:之一)?\s*([\u4e00-\u9fa5]{2,4}?)(?=已|及|团队|创立|创办|联合创立|创建|正式|将|加盟|加入|离职|转投|出任|在|此前|于|宣布|近日|确认|担任|跳槽|曾|入职|到岗|履新|就任|执掌|回归|重返|投奔|出走|从|离开|升任|发布|表示|称|近日|日前|将|回国|转战|出现|现身|署名|以|首次|也|则|还|随后|近期|被曝|被爆|被|低调|官宣|透露|今年|去年|本月|上月|年初|年底|目前|如今|现已|为(?=[\u4e00-\u9fa5A-Za-z]{0,8}?(?:首席|CTO|CEO|COO|CFO|总裁|院长|负责人|总监|总经理|主任|科学家))|，|,|、|。|：|\s)/g;
// Chinese names in the title's own grammar: "王可馨加盟智谱", "徐岚清转投美团", "李卓入职…" (verb right after the name).
const ZH_NAME_VERB =
  /(?:^|[：:，,\s\u201c\u201d"｜|丨]|前|原|的|之一)([\u4e00-\u9fa5]{2,4}?)(?=(?:日前|近日|近期|已经|已于近日|已|正式|将|于近日|被曝|被爆|传|低调|官宣|宣布|确认|今年|去年|本月|上月|年初|年底|目前|如今|现已|此前|曾)*(?:加盟|加入|转投|入职|到岗|履新|就任|执掌|回归|重返|投奔|跳槽|离职创业|出任|从|离开|离职|出走|回国|转战|改投|在[\u4e00-\u9fa5A-Za-z]{1,8}?(?:工作|任职|就职|效力)))/gm;
// Role and group words that a name pattern may catch in front of a verb ("团队前成员被曝入职…").
const NOT_ZH_NAME =
  /^(?:成员|员工|高管|专家|骨干|大将|老将|团队|元老|核心|主管|总监|负责人|研究员|工程师|科学家|创始人|合伙人|高层|多人|多名|数名|一名|一位|其)/;
const COMPOUND = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '夏侯', '端木', '司徒', '申屠']);
const SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂丛焦向柳邢路岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强柴华车冉房边贝邬蓝滕闫褚缪晏饶伏戚闻骆仇栾商冷郁荣虞奚燕谈巫蔺容符苟郜敖瞿麦佟党阙揭冼佘谌粟郗蒲鄢庹权逯盖桑荆鞠娄宫卓蔚封芮储汲糜宓仲伊邰鄂屠蒙池胥莘贡逄姬郦雍濮扈冀郏浦茹艾庾暨衡匡寇巩晁訾阚蒯竺桓楚汝钦',
  ),
);

/** True when the text has a character of [\u4e00-\u9fa5]. */
function han(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fa5) return true;
  }
  return false;
}
// The gates: ZH_NAME needs one of its role words, ZH_NAME_VERB one of its verbs (or 在 … 工作).
const ZH_NAME_WORDS = words(
  ...'研究员 负责人 工程师 科学家 专家 骨干 总监 副总裁 高管 主管 架构师 创始人 合伙人 大将 老将 教授 博士 成员 员工 CEO CTO 首席 院长 主任 经理 聘请 挖来 老兵 前员工 作者 大牛 元老 技术大拿 带头人 掌门人 操盘手 天才少年 少年 任命 聘任'.split(
    ' ',
  ),
);
const ZH_NAME_VERB_WORDS = words(...'加盟 加入 转投 入职 到岗 履新 就任 执掌 回归 重返 投奔 跳槽 离职创业 出任 从 离开 离职 出走 回国 转战 改投 在'.split(' '));

/** A firm mention over the name hides it, unless the mention starts after the surname ("高乐天" holds 乐天). */
function hiddenByFirm(start: number, end: number, firms: FirmHit[]): boolean {
  return firms.some((f) => f.start < end && start < f.end && f.start <= start);
}

/**
 * Every word of four letters or more capitalised, at least four of them: AP and Bloomberg style
 * headlines. A sentence-case headline has a lower-case verb or noun of that length ("swaps", "leaves").
 */
function isTitleCase(title: string): boolean {
  const long = title.match(/(?<![\p{L}\p{M}'’-])\p{L}[\p{L}\p{M}'’-]{3,}/gu) ?? [];
  return long.length >= 4 && long.every((w) => w[0] !== w[0].toLowerCase());
}

/** `folded` is fold(text) (or of the text toSimplified made it from). */
export function findPeople(text: string, firms: FirmHit[], isFirmName: (s: string) => boolean, folded: string = fold(text)): PersonCandidate[] {
  const found = new Map<string, PersonCandidate>();
  const bump = (name: string, start: number, score: number) => {
    const c = found.get(name);
    if (c) c.score += score;
    else found.set(name, { name, start, score });
  };
  // In a Title Case headline every word is capitalised ("DeepMind Loses a Safety Evaluator"): a name
  // found there counts only when its last word is in the summary too, as a real name is.
  const nl = text.indexOf('\n');
  const titleEnd = nl < 0 ? text.length : nl;
  const titleCase = nl > 0 && isTitleCase(text.slice(0, titleEnd));
  for (const m of text.matchAll(EN_NAME)) {
    const tokens = m[1].split(/\s+/);
    let offset = m.index;
    // Keep the longest run of tokens that are neither stop words nor firm names.
    let run: string[] = [];
    /** Tokens of the run that are not particles. */
    let named = 0;
    let runStart = offset;
    let best: { tokens: string[]; start: number } | undefined;
    for (let ti = 0; ti < tokens.length; ti++) {
      const tok = tokens[ti];
      const at = text.indexOf(tok, offset);
      offset = at + tok.length;
      const particle = isParticle(tok);
      const surname = SURNAME_PRONOUN.has(tok) && ti + 1 < tokens.length && PINYIN_GIVEN.test(tokens[ti + 1]);
      if (!particle && !surname && (STOP.has(tok) || isFirmName(tok))) {
        run = [];
        named = 0;
        continue;
      }
      // A run starts with a name, not a particle ("Van" of "Van den Broeck" is fine once a given name came first).
      if (!run.length && particle && /^\p{Ll}/u.test(tok)) continue;
      if (!run.length) runStart = at;
      run.push(tok);
      if (!particle) named++;
      if (named >= 2 && !particle && (!best || run.length > best.tokens.length)) best = { tokens: [...run], start: runStart };
    }
    if (!best) continue;
    const end = text.indexOf(best.tokens[best.tokens.length - 1], best.start) + best.tokens[best.tokens.length - 1].length;
    const name = text.slice(best.start, end).replace(/\s+/g, ' ');
    // A firm alias that is this very name (a founder listed under the firm) does not hide the person.
    const from = best.start;
    if (firms.some((f) => f.start < end && from < f.end && f.term !== name)) continue;
    if (titleCase && best.start < titleEnd && text.indexOf(best.tokens[best.tokens.length - 1], titleEnd) < 0) continue;
    // "roughly 12 of Elon Musk's AI staffers": the owner of a company, not a person who moves.
    if (OWNER_AFTER.test(text.slice(end, end + 40))) continue;
    let score = 1;
    if (AFTER_CUE.test(text.slice(end, end + 40))) score += 2;
    const lead = text.slice(Math.max(0, best.start - 30), best.start);
    if (endsWithCue(lead) && BEFORE_CUE.test(lead)) score += 2;
    bump(name, best.start, score);
  }
  const zh = (raw: string, start: number, score: number) => {
    // "陈立已离职": a trailing 已/将/在… belongs to the verb, not the name; four characters only with a compound surname.
    let name = raw;
    const compound = COMPOUND.has(name.slice(0, 2));
    if (name.length === 4 && !compound) name = name.slice(0, 3);
    if (name.length >= 3 && '已将在曾于正从被也或'.includes(name[name.length - 1])) name = name.slice(0, -1);
    if (name.length < 2 || (!compound && !SURNAMES.has(name[0])) || (compound && name.length < 3)) return;
    if (NOT_ZH_NAME.test(name)) return;
    if (hiddenByFirm(start, start + name.length, firms)) return;
    bump(name, start, score);
  };
  // Both need a Chinese name ([\u4e00-\u9fa5]{2,4}) and a role word or a verb (gate.ts).
  if (han(text)) {
    if (has(folded, ZH_NAME_WORDS)) for (const m of text.matchAll(ZH_NAME)) zh(m[1], m.index + m[0].length - m[1].length, 3);
    if (has(folded, ZH_NAME_VERB_WORDS)) for (const m of text.matchAll(ZH_NAME_VERB)) zh(m[1], m.index + m[0].length - m[1].length, 3);
  }
  // A name seen again elsewhere (bare Chinese repeats) adds weight.
  for (const c of found.values()) {
    let i = text.indexOf(c.name, c.start + c.name.length);
    while (i >= 0) {
      c.score += 0.5;
      i = text.indexOf(c.name, i + c.name.length);
    }
  }
  return [...found.values()].sort((a, b) => b.score - a.score || a.start - b.start);
}
