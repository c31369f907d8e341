// Talent angles that single words do not carry: they need two things said together.
//   founderExit  people from a known firm (former/ex-/前 + firm + role) who founded or started a company
//   teamBuy      a firm buys a small team ("the 15-person startup", 收购…团队): an acquisition told as an acqui-hire
//   headcount    hiring at a scale (a number of engineers, 招聘300人, an initial team of 80)
//   opening      a lab, research hub or office opened in a place (Singapore, 硅谷)
//   staying      a poaching turned down or reversed (turned down a $200 million offer, 决定留在OpenAI)
//   courting     a country, city or lab courts or woos researchers (court H-1B holders, woo AI scientists, 向海外科学家抛出橄榄枝)
import type { FirmHit } from '../../knowledge/index.js';

export interface Angles {
  founderExit: boolean;
  teamBuy: boolean;
  headcount: boolean;
  opening: boolean;
  staying: boolean;
  courting: boolean;
}

const ROLE_EN =
  /^(?:'s|’s)?\s*(?:[\w-]+\s+){0,3}?(?:leaders?|leads?|heads?|chiefs?|engineers?|researchers?|scientists?|executives?|execs?|staff(?:ers?)?|employees?|directors?|VPs?|vice presidents?|managers?|founders?|co-founders?|architects?|veterans?|alumni|members?)\b/i;
const ROLE_ZH =
  /^[\u4e00-\u9fa5A-Za-z]{0,10}?(?:负责人|工程师|研究员|科学家|高管|员工|专家|骨干|成员|首席|总监|副总裁|总裁|主管|架构师|技术大牛|老将|元老|创始人|联合创始人)/;
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

function founderExit(text: string, hits: FirmHit[]): boolean {
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

export function talentAngles(text: string, hits: FirmHit[]): Angles {
  return {
    founderExit: founderExit(text, hits),
    teamBuy: BUY.test(text) && SMALL_TEAM.test(text),
    headcount: SCALE.test(text),
    opening: PLACE_OPEN.test(text),
    staying: STAYING.test(text),
    courting: COURTING.test(text),
  };
}
