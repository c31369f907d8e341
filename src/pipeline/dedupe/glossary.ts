// A small bilingual concept glossary for the beat (AI talent moves, super-app features), so English
// and Chinese coverage of one event share features. Format: `id|english words|chinese terms`.
// English words are matched after stemming (see tokens.ts), Chinese terms as substrings. An English
// term of several words ("wechat pay", "rolls out") is read as one word (EN_PHRASE).
const RAW = `
ride|ride,rides,hail,taxi,cab,mobility|打车,网约车,叫车,出行
food|food,meal,meals,lunch,dinner,takeout,takeaway|外卖,点餐,订餐,餐饮
restaurant|restaurant,restaurants,table,dine|餐厅,到店,订座
hotel|hotel,hotels|酒店,酒旅
medicine|medicine,pharmacy,drug,drugs|买药,送药,医药,药品
health|health,clinic,clinics,hospital,hospitals,medical,outpatient|医疗,挂号,医院,健康,门诊,就医,问诊
bill|bill,bills,utility,utilities|账单,帐单,缴费,水电,燃气,话费,分账,分帐,分摊,算账,算帐
payment|payment,payments,wallet,wallets,checkout|支付,付款,收款,钱包,代付
paying|pay,pays,paying|
transfer|transfer,transfers,remittance|转账,汇款
loan|loan,loans,lending,credit|贷款,信贷,借贷
insurance|insurance,reimbursement,reimbursements|保险,医保,理赔,报销
miniprogram|miniprogram,miniprograms,miniapp,miniapps|小程序
merchant|merchant,merchants,seller,sellers,shop,shops,store,stores|商家,商户,店铺,卖家
agent|agent,agents,agentic|智能体
assistant|assistant,assistants,copilot,butler,concierge,chatbot,chatbots|助手,管家,助理,机器人助手
chat|chat,chats,conversation,conversations,messenger,messaging,message|聊天,对话,消息
shopping|shopping,shopper,buy,purchase,purchases,product,products,bundle,bundles,commerce,ecommerce|购物,导购,商品,电商,购买
superapp|superapp,everything|超级应用,超级app
recruit|recruit,recruits,recruited,recruiting,recruitment,hire,hires,hired,hiring,poach,poaches,poached,poaching,lure,lures,lured,taps,tapped,appoints,appointed|招聘,招募,招揽,挖来,挖角,挖走,引进,校招,任命,出任
engineer|engineer,engineers,engineering|工程师,工程人才
researcher|researcher,researchers,scientist,scientists|研究员,科学家,研究人员
join|join,joins,joined,joining|加盟,加入,入职
leave|leave,leaves,left,depart,departs,departure,departing,exit,exits,quit,quits|离职,离开,出走,离队
switch|defect,defects,jump,jumps,move,moves,switch,crosses to,crossed to,crosses over to,crossed over to|转投,跳槽
vicepresident|vice,vp|副总裁
chief|chief,head,lead,leads,director,boss|负责人,主管,总监,一号位
founder|founder,founders,cofounder,founding|创始,联合创始人
pretrain|pretraining,pretrain|预训练
rl|reinforcement,rlhf,reward|强化学习,奖励模型
inference|inference,serving|推理服务,推理系统,推理基础
infra|infrastructure,infra|基础设施
multimodal|multimodal|多模态
video|video,videos|视频
speech|speech,voice,audio|语音,音频,声音
image|image,images,photo,photos,picture,pictures|图像,图片,照片
code|code,coding|代码,编程
visa|visa,visas,h1b,permit,permits,residency,greencard|签证,居留,绿卡,工作许可
subsidy|subsidy,subsidies,fellowship,fellowships|补贴,补助,资助
salary|salary,salaries,compensation,package,packages,paycheck,wage,wages|薪酬,年薪,薪资,起薪,薪水,工资,月薪
equity|equity,stock,stocks,shares,options,profitsharing,bonus,bonuses|股票,股权,期权,利润分享,分红,奖金
retention|retention,retain,golden handcuffs,golden handcuff|留任,保留,留住,应对人才流失,留人,金手铐
talent|talent,talents|人才
overseas|overseas,abroad,home,returnee|海外,回国,归国
results|revenue,revenues,profit,profits,earnings,quarterly,quarter,milestone,surpasses,passes,crosses,tops,triple,triples,tripled,statistics|收入,营收,利润,财报,季度,盈利,亏损,股价,突破,创新高,同比,数据显示,翻三倍
return|return,returns,returning,rejoin,rejoins,rejoined,boomerang|回归,重返,回流,回到
talks|eyes,eyeing,mulls,mulling,in talks,hold talks,holds talks,held talks,holding talks,merger talks,resume talks,resumes talks,nears deal,nears a deal|洽谈,接洽,商谈,谈判,传闻
woo|courts,courting,woos,wooing,woo|
reorg|reorganize,reorganizes,reorganization,reorganise,reorganises,reorganisation,restructure,restructures,restructuring,reshuffle,reshuffles,split up,splits up,broken up|重组,拆分,调整架构,架构调整,组织调整
react|lobby,lobbies,lobbying,oppose,opposes,opposed,opposition,backlash,pushback,protest,protests,criticize,criticizes,criticise,criticises,slams|反对,抗议,批评,质疑,游说
expand|arrives,arrive,expands to,expands into,expansion to,comes to|登陆,进军,拓展至,扩展至
reverse|reverses,reversal,reversed,uturn,counteroffer,counteroffers,stays,rejects,rejected|反悔,留下,拒绝,回绝,婉拒,变卦,留在
found|found,founds,cofounds|创业,创办,自立门户,另起炉灶,创立
housing|housing,house,home|住房,安家
school|school,schools,children,child|子女,入学,学校
embodied|embodied,robot,robots,robotics,humanoid|具身,机器人
model|llm,llms,model,models|大模型,模型
driving|selfdriving,driverless,autonomous,robotaxi,robotaxis|自动驾驶,无人驾驶,智驾
chip|chip,chips,accelerator,accelerators,gpu,gpus|芯片,算力芯片
game|game,games,gaming|游戏
search|search|搜索,搜一搜
reply|reply,replies,autoreply,autoreplies,smart reply,smart replies,auto-reply|自动回复,智能回复,回复助手
keyboard|keyboard,keyboards|输入法,键盘
test|test,tests,testing,trial,pilot,beta|测试,灰度,试点,内测
launch|launch,launches,launched,rollout,rollouts,rolls out,rolled out,rolling out,roll out,debut,debuts,unveil,unveils,release,releases|上线,推出,发布,亮相
open|open,opens,opening|开放,开通
developer|developer,developers|开发者
marketplace|marketplace,storefront,platform|商店,平台,市场
delivery|delivery,deliveries,courier|配送,送达,即时零售
travel|flight,flights,ticket,tickets,travel,train,trains,rail,railway,trip,trips|机票,订票,火车票,旅行,行程,抢票,购票,车票,春运,高铁,动车,火车
city|city,cities|城市
user|user,users|用户
acquihire|acquihire,acquisition,acquire,acquires,absorb,absorbs|收购,并购,收编,整体并入
startup|startup,startups|创业公司,初创
lab|lab,labs,laboratory|实验室
team|team,teams,group,unit|团队,事业群
memo|memo,email|内部邮件,内部信
million|million,millions|百万
billion|billion,billions|亿
driver|driver,drivers,rider,riders|司机,骑手,网约车司机
summary|summary,summaries,digest,digests,summarize,summarizes,summarise,summarises,recap,recaps|总结,摘要,纪要
graduate|graduate,graduates,grad,grads,phd,phds,doctorate,doctoral,postdoc,postdocs|应届生,毕业生,博士,博士后
intern|intern,interns,internship,internships|实习
passport|passport,passports|护照,出境
lottery|lottery|抽签,摇号
funding|funding,financing,fundraise,fundraising,raises,raised,round,investors,backed|融资,募资,领投,跟投
valuation|valuation,valued|估值
ipo|ipo,listing|上市,招股
license|license,licenses,licensing,licence|授权,许可费
double|double,doubles,doubled,twofold|翻倍,翻番
incentive|incentive,incentives,award,awards|激励,奖励
layoff|layoff,layoffs,redundancy,redundancies|裁员
shutdown|shutdown,shuts,closes,closure,disband,disbands,disbanded|关停,解散,倒闭,停止运营
legal|lawsuit,lawsuits,sues,sued,in court,court rules,court ruling,court case,court order,noncompete,litigation|起诉,诉讼,竞业,法院,仲裁
policy|policy,policies,programme,scheme|政策,新政,办法,细则
festival|festival,holiday|春节,假期
tourist|tourist,tourists,visitor,visitors,inbound,foreigner,foreigners|游客,入境,外国人,外籍
language|language,languages,multilingual,dialect,dialects,english|语言,方言,多语种,英文,英语
compare|compare,compares,comparison,price,prices,discount,discounts,coupon,coupons|比价,价格,优惠,折扣,优惠券
university|university,universities,professor,professors,academic,academia,tsinghua,peking|大学,教授,学术,清华,北大
reasoning|reasoning|推理
alignment|alignment,safety|对齐,安全
posttrain|posttraining|后训练
opensource|opensource|开源
datacenter|datacenter,datacenters|数据中心,智算中心
superintelligence|superintelligence|超级智能
grocery|grocery,groceries|买菜,生鲜
fraud|fraud,scam,scams,scammer,scammers,suspicious|诈骗,反诈,风控,欺诈,可疑交易
wealth|investment,investments,investing,investor,wealth,adviser,advisers,advisor,robo|理财,投顾,基金,财富管理,投资建议
tax|tax,taxes,taxfree,taxed|退税,税务,报税,个税,免税,税收
gift|gift,gifts,gifting|礼物,送礼,礼品
creator|creator,creators,influencer,influencers|创作者,网红,达人,博主
support||客服,售后,人工客服
tryon|tryon|试衣,试穿,虚拟试穿
budget|budgeting,bookkeeping,expense tracker,spending tracker|记账,记帐,账本,帐本
jobs|job matching,job-matching,job seeker,job seekers,job search,job board,job boards,jobs board,job listings,job postings,jobs feature,jobs tool,job-search|求职,找工作,招聘平台
card|card,cards,debit,visa debit,visa credit,visa prepaid,visa card,visa cards,visa network,visa inc|信用卡,借记卡,银行卡
bank|bank,banks,banking,deposit,deposits|银行,存款
redpacket|hongbao,redpacket|红包
livestream|livestream,livestreaming,livestreams,streamer,streamers|直播,主播
map|map,maps,navigation|地图,导航
translate|translate,translates,translation,translator|翻译
ads|ad,ads,advertising,advertiser,advertisers|广告
seasia|southeast|东南亚
beijing|beijing|北京
shanghai|shanghai|上海
hangzhou|hangzhou|杭州
shenzhen|shenzhen|深圳
singapore|singapore|新加坡
uk|britain,british,uk,england,scotland|英国
london|london|伦敦
indonesia|indonesia,indonesian,bahasa|印尼,印度尼西亚
jakarta|jakarta|雅加达
india|india,indian|印度
korea|korea,korean|韩国
japan|japan,japanese|日本
usa|american,america,washington,california|美国,华盛顿,加州
china|china,chinese|中国,国内
hongkong|hong|香港
canada|canada,canadian,toronto,montreal,vancouver,ottawa|加拿大,多伦多,渥太华
uae|uae,emirates,dubai,abu,dhabi|阿联酋,迪拜,阿布扎比
germany|germany,german,berlin,munich|德国,柏林
france|france,french,paris|法国,巴黎
switzerland|switzerland,swiss,zurich|瑞士,苏黎世
taiwan|taiwan,taipei|台湾,台北
vietnam|vietnam,vietnamese|越南
thailand|thailand,thai,bangkok|泰国
brazil|brazil,brazilian|巴西
guangzhou|guangzhou|广州
suzhou|suzhou|苏州
chengdu|chengdu|成都
wuhan|wuhan|武汉
nanjing|nanjing|南京
wuxi|wuxi|无锡
xian|xian|西安
chongqing|chongqing|重庆
tianjin|tianjin|天津
hefei|hefei|合肥
xiamen|xiamen|厦门
qingdao|qingdao|青岛
pudong|pudong|浦东
haidian|haidian,zhongguancun|海淀,中关村
nanshan|nanshan|南山
seoul|seoul|首尔
tokyo|tokyo|东京
bengaluru|bengaluru,bangalore|班加罗尔
australia|australia,australian,sydney,melbourne|澳大利亚,澳洲
malaysia|malaysia,malaysian,kuala|马来西亚
philippines|philippines,philippine,filipino,manila|菲律宾
israel|israel,israeli,tel|以色列
netherlands|netherlands,dutch,amsterdam|荷兰
europe|europe,european,eu|欧洲,欧盟
wechat|wechat,weixin|微信
wechatpay|wechatpay,wechat pay|微信支付
revshare|revenue share,revenue sharing,revenue split|
alipay|alipay|支付宝
taobao|taobao|淘宝
douyin|douyin|抖音
doubao|doubao|豆包
yuanbao|yuanbao|元宝
hunyuan|hunyuan|混元
qwen|qwen,tongyi|通义,千问
ernie|ernie|文心
kling|kling|可灵
siri|siri|
gemini|gemini|
chatgpt|chatgpt|
claude|claude|
grok|grok|
copilot|copilot|
kanana|kanana|
kimi|kimi|
alexa|alexa|
quark|quark|夸克
wenxiaoyan|wenxiaoyan|文小言
zhixiaobao|zhixiaobao|支小宝
eleme|eleme|饿了么
keeta|keeta|
amap|amap|高德
dianping|dianping|大众点评
tiktok|tiktok|
capcut|capcut|剪映
feishu|feishu,lark|飞书
dingtalk|dingtalk|钉钉
soundbox|soundbox|
waimai|meituan waimai|美团外卖
`;

export const EN_CONCEPT = new Map<string, string>();
/** Chinese terms grouped by the char code of their first character, longest first. */
export const ZH_CONCEPT = new Map<number, Array<[string, string]>>();

const phrases: string[] = [];
for (const line of RAW.split('\n')) {
  if (!line.trim()) continue;
  const [id, en = '', zh = ''] = line.split('|');
  for (const w of en.split(',')) {
    if (w.includes(' ')) phrases.push(w);
    if (w) EN_CONCEPT.set(w.replace(/ /g, ''), id);
  }
  for (const t of zh.split(',')) {
    if (!t) continue;
    const list = ZH_CONCEPT.get(t.charCodeAt(0)) ?? [];
    list.push([t, id]);
    list.sort((a, b) => b[0].length - a[0].length);
    ZH_CONCEPT.set(t.charCodeAt(0), list);
  }
}

/**
 * The glossary's English terms of several words, longest first: text is rewritten with each joined
 * ("WeChat Pay" → "WeChatPay", "Visa debit" → "Visadebit") before it is tokenized, so the phrase is one
 * word with its concept, and its parts ("pay", "visa") say nothing on their own.
 */
export const EN_PHRASE = new RegExp(
  `\\b(?:${phrases
    .sort((a, b) => b.length - a.length)
    .map((p) => p.split(' ').join('\\s+'))
    .join('|')})\\b`,
  'gi',
);

/** Chinese cities and districts the glossary knows (each also a place of its own). */
const CHINESE_CITIES = [
  'beijing',
  'shanghai',
  'hangzhou',
  'shenzhen',
  'guangzhou',
  'suzhou',
  'chengdu',
  'wuhan',
  'nanjing',
  'wuxi',
  'xian',
  'chongqing',
  'tianjin',
  'hefei',
  'xiamen',
  'qingdao',
];
const DISTRICTS = ['pudong', 'haidian', 'nanshan'];

/** AI assistants and models whose names mostly restate their firm: half weight as evidence, and a product family of their own. */
const BRAND_PRODUCTS = ['chatgpt', 'claude', 'grok', 'gemini', 'siri', 'copilot', 'qwen', 'ernie'];
/** A firm's standalone apps and devices besides its flagship: a launch in Ele.me is not one in the Qwen app. */
const SIDE_APPS = ['eleme', 'waimai', 'keeta', 'amap', 'dianping', 'tiktok', 'capcut', 'feishu', 'dingtalk', 'soundbox'];

/**
 * Concept families for the "same kind of event" check on headlines: a launch is not a hiring drive,
 * a travel feature is not a bill-payment feature, a Canadian visa is not a Japanese one.
 */
export const FAMILIES: Record<'action' | 'service' | 'product' | 'place', Map<string, string>> = {
  // concept → the kind of event it names
  action: new Map([
    ...['join', 'leave', 'switch', 'recruit', 'acquihire'].map((c) => [c, 'move'] as [string, string]),
    ...['launch', 'test', 'open'].map((c) => [c, 'launch'] as [string, string]),
    ...['salary', 'equity', 'retention', 'incentive'].map((c) => [c, 'pay'] as [string, string]),
    ['results', 'results'],
    ...['funding', 'valuation', 'ipo'].map((c) => [c, 'funding'] as [string, string]),
    ['layoff', 'layoff'],
    ['shutdown', 'shutdown'],
    ['expand', 'expand'],
    ['legal', 'legal'],
    ...['visa', 'subsidy', 'policy'].map((c) => [c, 'policy'] as [string, string]),
  ]),
  // the feature a super-app launch is about
  service: new Map(
    [
      'ride',
      'driver',
      'payment',
      'food',
      'restaurant',
      'hotel',
      'medicine',
      'health',
      'bill',
      'transfer',
      'loan',
      'insurance',
      'travel',
      'game',
      'video',
      'search',
      'reply',
      'keyboard',
      'image',
      'speech',
      'code',
      'redpacket',
      'summary',
      'grocery',
      'bank',
      'livestream',
      'map',
      'translate',
      'ads',
      'fraud',
      'wealth',
      'tax',
      'gift',
      'creator',
      'support',
      'tryon',
      'budget',
      'jobs',
      // a policy's instrument: a visa is not a subsidy
      'visa',
      'subsidy',
    ]
      .map((c) => [c, c] as [string, string])
      // A card is a way to pay: "launches a debit card" and "rolls out payments" can be one launch.
      .concat([['card', 'payment']]),
  ),
  // the AI assistant or model a launch puts in an app: Kakao's Kanana is not ChatGPT in KakaoTalk
  product: new Map(
    [...BRAND_PRODUCTS, ...SIDE_APPS, 'doubao', 'yuanbao', 'hunyuan', 'kling', 'kanana', 'kimi', 'alexa', 'quark', 'wenxiaoyan', 'zhixiaobao'].map((c) => [
      c,
      c,
    ]),
  ),
  // where a policy or a launch happens (China and the US are in nearly every story of the beat)
  place: new Map(
    [
      ...CHINESE_CITIES,
      ...DISTRICTS,
      'seoul',
      'tokyo',
      'bengaluru',
      'australia',
      'malaysia',
      'philippines',
      'israel',
      'netherlands',
      'europe',
      'singapore',
      'uk',
      'london',
      'indonesia',
      'jakarta',
      'india',
      'korea',
      'japan',
      'hongkong',
      'canada',
      'uae',
      'germany',
      'france',
      'switzerland',
      'taiwan',
      'vietnam',
      'thailand',
      'brazil',
      'seasia',
    ].map((c) => [c, c]),
  ),
};

/**
 * A city counts as its country too: "Tokyo courts AI engineers" and "Japan widens a visa" can be one
 * story; Tokyo and Osaka, or Beijing and Shanghai, cannot.
 */
export const PLACE_PARENT = new Map<string, string>([
  ...CHINESE_CITIES.map((c) => [c, 'china'] as [string, string]),
  // Districts lie in their city.
  ['pudong', 'shanghai'],
  ['haidian', 'beijing'],
  ['nanshan', 'shenzhen'],
  ['seoul', 'korea'],
  ['tokyo', 'japan'],
  ['bengaluru', 'india'],
  ['london', 'uk'],
  ['jakarta', 'indonesia'],
  ...['indonesia', 'singapore', 'thailand', 'vietnam', 'malaysia', 'philippines'].map((c) => [c, 'seasia'] as [string, string]),
  // Paris is in France, France in Europe: a Paris lab and "Europe's talent war" can be one story.
  ...['uk', 'germany', 'france', 'switzerland', 'netherlands'].map((c) => [c, 'europe'] as [string, string]),
]);

/**
 * China and the US are in nearly every story of the beat, so they name no place of their own,
 * except in policy stories (visas, subsidies), where a US rule and a Chinese one are two stories.
 */
export const POLICY_CONCEPTS = new Set(['visa', 'subsidy', 'policy']);
export const POLICY_PLACES = new Set(['usa', 'china']);

/** Concepts so common in this beat that they say little about which event a story covers. */
export const WEAK_CONCEPTS = new Set([
  'model',
  'user',
  'team',
  'lab',
  'launch',
  'researcher',
  'engineer',
  'talent',
  'china',
  'usa',
  'join',
  'leave',
  'switch',
  'chief',
  'recruit',
  'agent',
  'assistant',
  'million',
  'billion',
  'open',
  'test',
  'platform',
  'marketplace',
]);

/** Concepts that count half: brands that mostly restate the firm, and everyday super-app vocabulary. */
export const HALF_CONCEPTS = new Set([
  'wechat',
  'wechatpay',
  'alipay',
  'taobao',
  'douyin',
  ...BRAND_PRODUCTS,
  ...SIDE_APPS,
  'chat',
  'miniprogram',
  'superapp',
  'shopping',
  'payment',
  'paying',
  'merchant',
  'delivery',
  'city',
  'startup',
  'founder',
  'vicepresident',
]);
