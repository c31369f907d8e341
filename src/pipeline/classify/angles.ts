// Talent angles that single words do not carry: they need two things said together.
//   founderExit  people from a known firm (former/ex-/前 + firm + role) who founded or started a company
//   teamBuy      a firm buys a small team ("the 15-person startup", 收购…团队): an acquisition told as an acqui-hire
//   headcount    hiring at a scale (a number of engineers, 招聘300人, an initial team of 80)
//   opening      a lab, research hub or office opened in a place (Singapore, 硅谷)
//   staying      a poaching turned down or reversed (turned down a $200 million offer, 决定留在OpenAI)
//   courting     a country, city or lab courts or woos researchers (court H-1B holders, woo AI scientists, 向海外科学家抛出橄榄枝)
//   employRule   a rule on who a lab may employ: a licence or permission before foreign nationals may work on models (聘用中国籍研究员须申请许可)
//   payFigure    pay said as a figure for people (stock grants worth $20 million, offering PhDs up to 3 million yuan, 年薪…万元)
//   keeping      keeping or holding on to researchers (keep star researchers, hold on to its best scientists, 留住…研究员)
//   gradProgram  a firm's programme for graduates or fresh PhDs (a programme for fresh AI PhD graduates, grad school, 应届博士)
import { fold, type FirmHit } from '../../knowledge/index.js';
import { has, hasDigit, words } from './gate.js';

export interface Angles {
  founderExit: boolean;
  teamBuy: boolean;
  headcount: boolean;
  opening: boolean;
  staying: boolean;
  courting: boolean;
  employRule: boolean;
  payFigure: boolean;
  keeping: boolean;
  gradProgram: boolean;
}

const ROLE_EN =
  /^(?:'s|’s)?\s*(?:[\w-]+\s+){0,3}?(?:leaders?|leads?|heads?|chiefs?|engineers?|researchers?|scientists?|executives?|execs?|staff(?:ers?)?|employees?|directors?|VPs?|vice presidents?|managers?|founders?|co-founders?|architects?|veterans?|alumni|members?|deans?|fellows?)\b/i;
const ROLE_ZH =
  /^[\u4e00-\u9fa5A-Za-z]{0,10}?(?:负责人|工程师|研究员|科学家|高管|员工|专家|骨干|成员|首席|总监|副总裁|总裁|主管|架构师|技术大牛|老将|元老|创始人|联合创始人|主任|院长|所长|组长|部长|带头人)/;
// "who led the technical team behind Alibaba's Qwen", "who ran … at Google", "formerly of X", "X alumni", 出身X, X老部下
const TENURE_BEFORE =
  /(?:\bwho\s+(?:led|ran|headed|built|managed|oversaw|worked\s+on|spent)\b[^.;]{0,60}?\b(?:at|behind|for|of)\s+(?:the\s+)?|\bformerly\s+(?:of|at)\s+|出身|来自)$/i;
const TENURE_AFTER = /^(?:'s|’s)?\s*(?:alumni|alumnus|veterans?)\b|^(?:老部下|前员工|旧部|出身)/i;

/** People from a known firm: "former Google DeepMind research scientist", "Ex-Kimi engineers", 前谷歌机器人科学家, "who led … behind Alibaba's Qwen". */
function alumni(text: string, hits: FirmHit[]): boolean {
  return hits.some((h) => {
    const before = text.slice(Math.max(0, h.start - 80), h.start);
    const after = text.slice(h.end, h.end + 48);
    if (/(?:\b(?:former|ex)[\s-]+|\bex-|前|原)$/i.test(before) && (ROLE_EN.test(after) || ROLE_ZH.test(after))) return true;
    return TENURE_BEFORE.test(before) || TENURE_AFTER.test(after);
  });
}

// A company founded or started now: "founded by", "started in April by", "Zhou's AI startup", "raise $28m for … startup", 创办, 创立, 创业, 新公司.
const FOUNDING_EN =
  /\b(?:co-?founded|founded|started|set up|launched)\b(?:\s+[\w-]+){0,3}?\s+by\b|(?:'s|’s)\s+(?:new\s+)?(?:[\w-]+\s+){0,3}?(?:startup|start-up|company|venture)\b|\b(?:his|her|their)\s+(?:own\s+)?(?:new\s+)?(?:[\w-]+\s+){0,2}?(?:startup|start-up|company)\b|\b(?:raise|raises|raised|raising)\b[^.]{0,60}?\b(?:for|at)\s+(?:their|his|her|a|an|the)?\s*(?:[\w-]+\s+){0,4}?(?:startup|start-up)\b/i;
const FOUNDING_ZH = /创办|创立|联合创办|创建的|创业|新公司|创始人为/;

// Words FOUNDING_EN or FOUNDING_ZH cannot match without: a founding verb and "by", or a company word, or a Chinese founding word.
const FOUNDED_VERB = words('founded', 'started', 'set', 'launched');
const BY = words('by');
const FOUNDING_NOUN = words('startup', 'start-up', 'company', 'venture', '创办', '创立', '创建的', '创业', '新公司', '创始人为');

function founderExit(text: string, folded: string, hits: FirmHit[]): boolean {
  if (!hits.length || !((has(folded, FOUNDED_VERB) && has(folded, BY)) || has(folded, FOUNDING_NOUN))) return false;
  if (!alumni(text, hits)) return false;
  for (const m of text.matchAll(new RegExp(FOUNDING_EN.source, 'gi'))) {
    // "StepFun, founded by former Microsoft executive …": a known firm's own funding, not a new company.
    if (/^(?:co-?founded|founded|started|set up|launched)/i.test(m[0]) && hits.some((h) => h.end <= m.index && m.index - h.end <= 3)) continue;
    return true;
  }
  for (const m of text.matchAll(new RegExp(FOUNDING_ZH.source, 'g'))) {
    // …创办的月之暗面 / 创立了智谱: the company is a known firm.
    const end = m.index + m[0].length;
    if (hits.some((h) => h.start >= end && h.start - end <= 2)) continue;
    return true;
  }
  return false;
}

// Buying a stake is investing, not taking a team.
const BUY =
  /\b(?:acquires|acquired|acquiring|acquisition|bought|buys|buying|buy)\b(?!\s+(?:of\s+)?(?:a\s+|an\s+)?(?:[\d.]+%\s+|minority\s+|majority\s+|small\s+|controlling\s+)?stake)|收购(?![^，。]{0,12}?(?:股份|股权))|买下|并购/i;
const SMALL_TEAM =
  /\b\d{1,3}-(?:person|people|member|strong)\b|\b(?:its|the|whose)\s+(?:[\w-]+\s+){0,2}?(?:team|staff|engineers|researchers|founders)\b|\bteam\s+of\b|团队|十余人|余名员工|整体加入|创始团队/i;

const PLACE_OPEN =
  /\b(?:open|opens|opened|opening|set\s+up|sets\s+up|setting\s+up|establish(?:es|ed|ing)?|launch(?:es|ed|ing)?|build(?:s|ing)?)\s+(?:an?\s+|its\s+|new\s+|first\s+)*(?:[\w&.-]+\s+){0,3}?(?:lab|laboratory|research\s+(?:hub|centre|center|lab|team|office)|R&D\s+(?:centre|center|hub)|office|hub)\s+in\s+[A-Z]|\b(?:open|opens|opened|opening|set\s+up|sets\s+up|setting\s+up|establish(?:es|ed|ing)?)\s+(?:an?\s+|its\s+|new\s+|first\s+)*[A-Z][\w-]+\s+(?:AI\s+|research\s+|R&D\s+)*(?:lab|laboratory|office|hub|centre|center)\b|(?:在|于)[\u4e00-\u9fa5A-Za-z]{2,6}(?:设立|成立|组建|开设|建立)[\u4e00-\u9fa5A-Za-z]{0,6}(?:研究中心|研发中心|实验室|研究院|研究团队|办公室|分部)/;
const NUMBER = String.raw`(?:about |around |some |up to |more than |over |nearly |roughly )?\d[\d,]*`;
const SCALE = new RegExp(
  String.raw`(?:\b(?:hire|hires|hiring|recruit|recruits|recruiting|add|adds|adding|bring\s+in|grow\s+to)|\b(?:expand|expands|expanding|grow|grows|growing|enlarge|enlarges|boost|boosts)\b[^.]{0,50}?\bby)\s+${NUMBER}\s+(?:more\s+|new\s+)?(?:[\w-]+\s+){0,2}?(?:engineers|researchers|scientists|PhDs|staff|people|employees|specialists|developers)\b` +
    String.raw`|\b(?:hiring|to hire|will hire|plans to hire|recruiting)\s+${NUMBER}\b` +
    String.raw`|\b(?:initial|founding|starting|first)\s+team\s+of\b` +
    String.raw`|(?:招聘|招募|扩招|新增|招揽|引进)(?:约|超过|逾|近|至)?[\d一二三四五六七八九十百千万]+(?:名|人|位)` +
    String.raw`|扩招(?:千人|百人|万人)`,
  'i',
);

// A poaching turned down: "turned down a $200 million Meta offer", "rejected a Meta package", 拒绝了…offer.
const STAYING =
  /\b(?:turn(?:s|ed|ing)?\s+down|rejected|rejects|rebuffed|declined|declines|spurned)\b(?!\s+to\b)[^.;]{0,60}?\b(?:offers?|package|packages|overtures?)\b|(?:拒绝|婉拒|回绝)了?[^。；]{0,20}?(?:offer|邀请|报价|挖角)|\bstay(?:s|ed|ing)?\s+put\b|不去\S{1,12}了/i;

// Courting people, not customers or voters: the object is researchers, engineers, talent or visa holders.
const COURTED_ZH = String.raw`(?:人才|研究员|科学家|工程师|研究人员|博士|(?:签证|H-1B)持有(?:者|人))`;
const COURTING = new RegExp(
  String.raw`\b(?:court|courts|courted|courting|woo|woos|wooed|wooing)\s+(?:[\w$'’.-]+\s+){0,4}?(?:researchers|scientists|engineers|talent|PhDs|(?:visa|H-1B|green[\s-]card)\s+holders|academics|experts|graduates)\b` +
    String.raw`|(?:吸引|争抢|招徕|延揽|揽)[^，。；]{0,12}?${COURTED_ZH}` +
    String.raw`|(?:抛出|伸出)了?橄榄枝[^。；]{0,16}?${COURTED_ZH}|(?:向|对)[^，。；]{0,16}?${COURTED_ZH}(?:抛出|伸出)了?橄榄枝`,
  'i',
);

// A founder and staff taken whole, with no "acquire" said: "take the startup's founders and most of its staff",
// "hires Larkfield's CEO and about 20 researchers", "its founder and team will join Y", 接收…创始人及大部分团队, 吸收…创始团队.
const TEAM_TAKE = new RegExp(
  String.raw`\b(?:take|takes|took|taking|taken|hire|hires|hired|hiring|bring(?:s|ing)?\s+over|brought\s+over|absorb(?:s|ed|ing)?|poach(?:es|ed|ing)?)\s+(?:[\w'’-]+\s+){0,4}?(?:founders?|co-?founders?|CEO|chief\s+executive)\s+and\s+(?:(?:most|many|all|much|some|part|several|key|(?:about|around|nearly|some)?\s*\d+)\s+)?(?:of\s+)?(?:(?:its|the|their)\s+)?(?:[\w-]+\s+){0,2}?(?:staff|employees|team|engineers|researchers|workers)\b` +
    String.raw`|\b(?:founders?|co-?founders?|CEO)\s+and\s+(?:(?:most|many|all|much|some|part|several|key)\s+)?(?:of\s+)?(?:(?:its|the|their)\s+)?(?:staff|employees|team|engineers|researchers)\s+(?:will\s+|are\s+set\s+to\s+|are\s+to\s+|to\s+)?(?:join|joins|joining|go\s+to|move\s+to|head\s+to)\b` +
    String.raw`|(?:接收|接纳|吸收|收编|招揽|聘用|挖走|带走|接手)[^。；]{0,16}?(?:创始团队|创始人[^。；]{0,6}?(?:及|和|与|以及)[^。；]{0,6}?(?:团队|员工|工程师|研究员))` +
    String.raw`|创始人[^。；]{0,6}?(?:及|和|与|带领|率)[^。；]{0,6}?(?:团队|员工)[^。；]{0,4}?(?:加入|加盟|并入)`,
  'i',
);

// A rule on who a lab may employ: in one sentence, foreign nationals as people, a licence, permission or ban,
// and employing or working on something. Chip export rules name buyers and shipments, not people.
const NATIONALS_EN =
  /\b(?:Chinese|Iranian|Russian|North\s+Korean|foreign|non-U\.?S\.?|non-UK|non-British|non-American|non-EU|overseas)(?:[\s-]+(?:national|born|citizen))?[\s-]+(?:researchers?|scientists?|engineers?|employees?|staff(?:ers)?|workers?|nationals|citizens|talent|hires|students)\b/i;
const RESTRICT_EN = /\b(?:licen[cs]es?|licensing|permission|approval|clearance|vetting|screening|restrict\w*|bans?|banned|barred|prohibit\w*)\b/i;
const EMPLOY_EN = /\b(?:employ\w*|hire|hires|hiring|hired|work(?:s|ing)?\s+(?:on|with|at)|access(?:ing)?|handl(?:e|es|ing))\b/i;
const NATIONALS_ZH = /中国籍|外籍|外国籍|[中外]国公民|国家”?公民|华人|华裔/;
const RESTRICT_ZH = /许可|审批|批准|限制|禁止|管制|审查/;
const EMPLOY_ZH = /雇佣|雇用|聘用|聘请|招聘|接触|参与|任职|从事/;
function employRule(text: string): boolean {
  return text
    .split(/[.。;；!?！？\n]/)
    .some((s) => (NATIONALS_EN.test(s) && RESTRICT_EN.test(s) && EMPLOY_EN.test(s)) || (NATIONALS_ZH.test(s) && RESTRICT_ZH.test(s) && EMPLOY_ZH.test(s)));
}

// Pay said as a figure: a pay noun then a sum ("stock grants worth $20 million", "first-year pay of up to 3 million yuan"),
// or paying or offering people a sum ("offering newly minted PhDs up to 3 million yuan"). A price or a round is not pay.
const MONEY = String.raw`(?:(?:US|HK|S|A|C)?\$|€|£|¥)\s?\d[\d,.]*(?:\s*(?:million|billion|thousand|m|bn|k)\b)?|\b\d[\d,.]*\s*(?:million|billion|thousand)?\s*(?:yuan|RMB|renminbi|dollars|euros|pounds|won|yen|rupees)\b`;
const PAY_FIGURE = new RegExp(
  String.raw`\b(?:(?:first-year|annual|starting|base|total|yearly|top)\s+pay|pay\s+(?:of|up\s+to|as\s+much\s+as|reaching|topping|above)|salar(?:y|ies)|compensation|(?:stock|equity|share)\s+(?:grants?|awards?)|pay\s+packages?|sign(?:ing|-on)\s+bonus(?:es)?)\b[^.;]{0,40}?(?:${MONEY})` +
    String.raw`|\b(?:offer(?:s|ed|ing)?|pay(?:s|ing)?|hand(?:s|ed|ing)?|giv(?:e|es|ing)|promis(?:e|es|ed|ing)|dangl(?:e|es|ed|ing))\s+(?:[\w'’-]+\s+){0,4}?(?:researchers|scientists|engineers|PhDs|graduates|hires|recruits|staff|talent|builders|candidates)\s+(?:[\w-]+\s+){0,3}?(?:${MONEY})` +
    String.raw`|(?:年薪|月薪|薪酬|薪资|待遇|股票奖励|期权|年包|总包)[^。；，]{0,16}?\d[\d.]*\s*(?:万|亿|千万|百万)|\d[\d.]*\s*(?:万|亿)元?(?:人民币)?的?(?:年薪|待遇|薪酬|年包|总包)`,
  'i',
);

// Keeping people: "keep star researchers", "hold on to its best scientists", 留住核心研究员 (not "keep its engineers busy").
const KEEPING =
  /\b(?:keep|keeps|keeping|kept|hold(?:s|ing)?\s+on\s+to|held\s+on\s+to|hang(?:s|ing)?\s+on\s+to|hung\s+on\s+to|lock(?:s|ed|ing)?\s+in)\s+(?:(?:its|their|the)\s+)?(?:(?:star|top|best|key|senior|leading|core|prized|elite|most\s+valuable)\s+)?(?:[\w-]+\s+)?(?:researchers|scientists|engineers|talent|PhDs)\b(?!\s+(?:busy|informed|safe|focused|in\s+the\s+loop|out|away)\b)|留住[^，。；]{0,10}?(?:人才|研究员|科学家|工程师|骨干|研究人员|专家)/i;

// A programme for graduates or fresh PhDs: "graduate program", "programme for fresh AI PhD graduates", "grad school",
// "newly minted PhDs", 应届博士, 博士生. It is a firm's talent pipeline only when a firm or lab is named (not a university).
const GRAD_PROGRAM =
  /\b(?:graduate|grad|PhD|doctoral|new[\s-]grad|campus|residency|fellowship|early[\s-]career)\s+(?:program|programme|programs|programmes|scheme|track|intake|hiring|recruiting|recruitment)\b|\bgrad(?:uate)?\s+school\b|\b(?:newly\s+minted|fresh|new)\s+(?:AI\s+)?(?:PhDs|PhD\s+graduates|graduates|doctoral\s+graduates)\b|\bprogram(?:me)?s?\s+for\s+(?:[\w-]+\s+){0,3}?(?:PhDs|PhD\s+(?:graduates|students)|graduates|grad\s+students|doctoral\s+students)\b|应届|博士生|校招|校园招聘/i;

// The gates: each pattern needs one of its words (folded) in the text; see gate.ts.
const BUY_WORDS = words('acquir', 'acquisition', 'bought', 'buy', '收购', '买下', '并购');
const TEAM_TAKE_WORDS = words('founder', 'ceo', 'chief', '创始');
const SCALE_WORDS = words('hir', 'recruit', 'add', 'bring', 'grow', 'expand', 'enlarg', 'boost', 'team', '招聘', '招募', '扩招', '新增', '招揽', '引进');
const OPEN_WORDS = words('open', 'set', 'establish', 'launch', 'build', '设立', '成立', '组建', '开设', '建立');
const STAYING_WORDS = words('turn', 'reject', 'rebuff', 'declin', 'spurn', 'stay', '拒绝', '婉拒', '回绝', '不去');
const COURTING_WORDS = words('court', 'woo', '揽', '吸引', '争抢', '招徕', '橄榄枝');
const NATIONALS_WORDS = words('chinese', 'iranian', 'russian', 'korean', 'foreign', 'non-', 'overseas', '中国籍', '外籍', '外国籍', '公民', '华人', '华裔');
const PAY_WORDS = words(
  'pay',
  'salar',
  'compensation',
  'grant',
  'award',
  'bonus',
  'offer',
  'hand',
  'giv',
  'promis',
  'dangl',
  '年薪',
  '月薪',
  '薪酬',
  '薪资',
  '待遇',
  '股票奖励',
  '期权',
  '年包',
  '总包',
);
const KEEPING_WORDS = words('keep', 'kept', 'hold', 'held', 'hang', 'hung', 'lock', '留住');
const GRAD_WORDS = words('program', 'scheme', 'track', 'intake', 'hiring', 'recruit', 'school', 'phd', 'graduate', '应届', '博士生', '校招', '校园招聘');

/**
 * `firm` tells whether a mention is a firm or lab (reported or an AI lab), not a university or a bank.
 * `need` leaves out angles the score cannot use (they read false): those said with people (`people`: an
 * AI role or people term found) and a poaching turned down (`aiRole`: an AI role found).
 */
export function talentAngles(
  text: string,
  hits: FirmHit[],
  firm: (h: FirmHit) => boolean = () => true,
  folded: string = fold(text),
  need: { people: boolean; aiRole: boolean } = { people: true, aiRole: true },
): Angles {
  const withPeople = need.people;
  return {
    founderExit: founderExit(text, folded, hits),
    teamBuy: (has(folded, BUY_WORDS) && BUY.test(text) && SMALL_TEAM.test(text)) || (has(folded, TEAM_TAKE_WORDS) && TEAM_TAKE.test(text)),
    headcount: withPeople && has(folded, SCALE_WORDS) && SCALE.test(text),
    opening: withPeople && has(folded, OPEN_WORDS) && PLACE_OPEN.test(text),
    staying: need.aiRole && has(folded, STAYING_WORDS) && STAYING.test(text),
    courting: has(folded, COURTING_WORDS) && COURTING.test(text),
    employRule: has(folded, NATIONALS_WORDS) && employRule(text),
    payFigure: withPeople && has(folded, PAY_WORDS) && hasDigit(text) && PAY_FIGURE.test(text),
    keeping: has(folded, KEEPING_WORDS) && KEEPING.test(text),
    gradProgram: withPeople && hits.some(firm) && has(folded, GRAD_WORDS) && GRAD_PROGRAM.test(text),
  };
}
