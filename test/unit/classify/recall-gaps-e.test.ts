import { describe, expect, it } from 'vitest';
import { classify, engine } from './helpers.js';

// Recall gaps found on the fifth blind set (/work/blind/dedupe-blind-e.jsonl), written here as new
// items (not the blind set's lines), each gap with near-miss negatives that must stay irrelevant.
// Each case: [topics it must have (empty = irrelevant), title, summary].
type Case = [string[], string, string];

// Rules on who a lab may employ: an export or security rule that needs a licence, a permission or
// clearance before foreign nationals may work on models ("deemed export", 视同出口). Chip rules are not it.
const employRules: Case[] = [
  [
    ['talent'],
    'Labs may need a licence to hire Chinese engineers under draft U.S. rule',
    'The draft would require permission before foreign-national employees can work on frontier AI models, according to people familiar with it.',
  ],
  [
    ['talent'],
    'Deemed-export plan would cover foreign staff handling model weights',
    'The Commerce Department proposal would make AI labs apply before Chinese and Iranian nationals on their staff can see the weights of advanced models.',
  ],
  [
    ['talent'],
    'UK weighs security clearance for foreign researchers at frontier AI labs',
    'Officials want vetting before non-UK nationals can work with model weights at labs in London, two people briefed on the plan said.',
  ],
  [['talent'], '美国拟规定AI实验室聘用中国籍研究员须申请许可', '草案要求企业在允许外籍研究人员参与前沿大模型训练前，先获得商务部批准。'],
  [['talent'], '新规或禁止中国籍工程师未经许可接触先进模型', '知情人士称，拟议规则将要求实验室为参与前沿AI模型研发的外籍员工申请出口许可。'],
  [['talent'], '“视同出口”新规征求意见，华人AI科学家担忧去留', '多位在美大模型实验室工作的科学家表示，如果规则落地，他们可能考虑回国或前往欧洲。'],
  // Hard negatives: export rules on chips, a cloud rule on firms, Chinese researchers who publish.
  [
    [],
    'U.S. tightens export rules on AI chips to China',
    'The Commerce Department added licence requirements for shipments of advanced GPUs and chipmaking tools to Chinese buyers.',
  ],
  [[], '美国扩大对华AI芯片出口管制', '新规要求向中国出口先进GPU须申请许可证，多家芯片企业股价下跌。'],
  [
    [],
    'Export rule would need licences for cloud access by Chinese companies',
    'Cloud providers would have to get permission before Chinese firms can rent GPUs to train AI models.',
  ],
  [
    [],
    'Chinese researchers train a large model on domestic chips despite export controls',
    'The team at a Beijing university said the model matched rivals trained on Nvidia GPUs.',
  ],
  [[], 'Foreign workers need permits to work at new chip plant, ministry says', 'The factory in Arizona will employ 2,000 people once it opens next year.'],
];

// Pay and retention said by figures and verbs, not by "compensation" or "retention": pay of up to $X
// a year, stock grants of $X, offering PhDs up to X yuan, keeping or holding on to star researchers, 留住.
const payAndKeep: Case[] = [
  [
    ['talent'],
    'OpenAI hands star researchers stock grants worth $20 million',
    'The grants vest over four years and go to about 30 members of the reasoning team, people familiar said.',
  ],
  [
    ['talent'],
    'Tencent offers top AI PhDs as much as 2 million yuan in their first year',
    'New researchers on the Hunyuan team also get their own GPU budget, the company said.',
  ],
  [
    ['talent'],
    'Anthropic moves to hold on to its best scientists as rivals circle',
    'The lab is giving senior research staff extra shares and a bigger say over which models they work on.',
  ],
  [
    ['talent'],
    'Microsoft AI pays its model builders up to $3 million a year',
    'Internal documents show the top band for machine learning researchers now tops that of Azure executives.',
  ],
  [['talent'], '阿里为留住大模型核心研究员推出新职级', '知情人士称，新职级的股票奖励每年最高可达800万元，覆盖通义实验室约40人。'],
  [['talent'], '字节为顶尖AI博士开出每年最高300万元的待遇', '入选者可自主选择研究方向，并使用万卡集群训练模型。'],
  // Hard negatives: money that is not pay, keeping things that are not people, pay with no AI.
  [[], 'AI startup raises $300 million at a $2 billion valuation', 'The company, founded by two former researchers, sells coding tools to banks.'],
  [[], 'OpenAI raises ChatGPT Plus price to $25 a month', 'The company said paying users get more GPT-5 messages and faster image generation.'],
  [[], 'Hospital keeps its top researchers with pay of up to $300,000 a year', 'The cancer centre said the raise covers 120 scientists in its labs.'],
  [[], 'Anthropic keeps its newest models closed as rivals open weights', 'The company said safety testing of Claude would take several more months.'],
  [[], 'Xiaomi offers buyers up to 20,000 yuan off its SU7 cars', 'The carmaker said the discount applies to orders placed before the end of the month.'],
  [[], '医院为留住骨干医生提高薪酬', '院方表示，今年将为200名医生每年增加最高10万元的绩效奖金。'],
];

// A firm's graduate or PhD hiring programme (a talent pipeline): Top Seed, Qingyun, AliStar, residencies
// for fresh PhDs, 应届博士. A university's own degree programme is not it.
const gradPrograms: Case[] = [
  [
    ['talent'],
    'Alibaba expands its programme for fresh AI PhD graduates',
    'The company will take about 300 doctoral students this year into its Qwen and cloud teams.',
  ],
  [['talent'], 'Meta launches residency program for newly minted PhDs in AI', 'Residents will spend a year at FAIR on open research before choosing a team.'],
  [
    ['talent'],
    "Tencent's Qingyun program courts grad students in machine learning",
    'Students who join get their own research agenda and a place on the Hunyuan model team.',
  ],
  [['talent'], '腾讯扩大青云计划，面向应届AI博士', '腾讯表示，入选者可自主选择研究方向，并加入混元大模型团队。'],
  [['talent'], '美团北斗计划面向应届博士开放大模型方向', '美团称，入选者将参与LongCat模型的预训练和推理研究。'],
  // Hard negatives: universities' own programmes, a non-AI firm's scheme.
  [
    [],
    'Stanford launches AI graduate program for working engineers',
    "The two-year master's program covers machine learning and robotics and starts next autumn.",
  ],
  [[], '清华大学新设人工智能博士项目', '学院表示，首批招收50名博士生，研究方向包括大模型和机器人。'],
  [[], 'Supermarket chain expands graduate program for store managers', 'Graduates rotate through buying, logistics and stores over two years.'],
];

// An acqui-hire told as taking a startup's founder and its staff, with no "acquire" said; an agent
// product (browser agent, coding agent) is AI context.
const teamTakes: Case[] = [
  [
    ['talent'],
    'Amazon to take browser-agent startup’s founders and most of its staff',
    'The startup will license its technology to Amazon and wind down its product; investors get their money back.',
  ],
  [
    ['talent'],
    'Google hires voice startup Larkfield’s CEO and about 20 researchers',
    'Larkfield will keep running its speech models for existing customers under a licensing deal.',
  ],
  [
    ['talent'],
    'Coding-agent maker shuts its app as founder and team go to Microsoft',
    'Microsoft agreed to bring over the founder and key engineers; the remaining staff will get severance.',
  ],
  [['talent'], '阿里接收一家AI初创公司的创始人及大部分团队', '该公司的浏览器智能体将于下月停止服务，投资人将拿回本金。'],
  [['talent'], '字节跳动吸收智能体创业公司创始团队，产品停止运营', '知情人士称，公司约15名工程师将加入豆包团队。'],
  // Hard negatives: the same words for non-AI firms, an agent that is a travel agent.
  [[], 'Travel agent app Tripmate shuts down after funding dries up', 'The founder and most staff will join Booking.com, the company said.'],
  [[], 'Bank takes on founder and staff of failed payments startup', 'The lender said the team would run its card business.'],
  [[], '某连锁餐饮品牌接收创始人及大部分门店员工', '公司表示，门店将在下月重新开业。'],
];

// Founders who left a known lab: heads of labs and groups (主任, 院长, 所长, 组长, dean) and R&D staff (研发人员).
const labHeads: Case[] = [
  [['talent'], '前腾讯AI Lab主任创立机器人公司，完成天使轮融资', '公司称已组建30人研发团队，首款产品为家用机器人大模型。'],
  [['talent'], '原阿里达摩院视觉实验室主任创办的AI公司获亿元融资', '公司专注工业质检视觉模型，已从多家大厂招募约40名研发人员。'],
  [['talent'], '前字节跳动Seed团队组长创立具身智能公司', '新公司已完成数千万元种子轮融资，核心成员来自字节和华为。'],
  [
    ['talent'],
    'Former Baidu Research dean starts a robotics model company',
    'The company, founded by the ex-Baidu Research dean this spring, raised $50 million for robot foundation models.',
  ],
  // Hard negatives: a lab head moves to a university (no founding, no AI said), a non-AI founding.
  [[], '前腾讯实验室主任创办的咖啡品牌开出第100家门店', '品牌表示，新店将在上海和杭州开业。'],
  [[], '前华为研究所所长出任大学校长', '该校表示，新校长将推动学科建设和国际合作。'],
];

// A super-app's AI said by what it does: AI used as a tool (uses AI to, an AI filter, system or model in
// the app), recognition (拍照搜同款, 以图搜, AI识别), AI customer service (AI客服), valuation (AI估价),
// answers or collections done on the user's behalf (代为答疑).
const aiAtWork: Case[] = [
  [
    ['superapp'],
    'Grab uses AI to check that delivery riders wear helmets',
    'The app asks riders for a photo before each shift and a model checks it, Grab said.',
  ],
  [
    ['superapp'],
    'KakaoTalk switches on an AI filter for phishing links',
    'Kakao said the filter checks links sent by strangers and warns users before they open them.',
  ],
  [
    ['superapp'],
    'Paytm deploys an AI system that flags fake payment screenshots',
    'Merchants get a warning when a customer shows a doctored confirmation, Paytm said.',
  ],
  [
    ['superapp'],
    'Douyin adds visual search for clothes spotted in videos',
    'Users can photograph an outfit and the app finds similar items to buy, ByteDance said.',
  ],
  [['superapp'], '美团上线以图搜菜，拍照即可找到附近餐厅', '用户上传菜品照片后，系统自动识别菜名并推荐附近门店。'],
  [['superapp'], '支付宝上线AI客服，可处理退款和账单问题', '蚂蚁集团称，新客服可理解口语化描述，平均响应时间缩短一半。'],
  [['superapp'], '京东App上线AI估价，旧手机回收一键下单', '用户拍摄手机外观后，系统给出回收价格并预约上门取件。'],
  [['superapp'], '微信上线AI识别诈骗消息功能', '腾讯表示，陌生人发送的可疑链接将被标记，并提醒用户谨慎转账。'],
  [['superapp'], '抖音商城由豆包代为答疑，商家可一键开通', '字节跳动称，豆包可自动回答买家关于尺码和发货的问题。'],
  // Hard negatives: the same functions outside super-apps, or super-app news with no AI.
  [[], 'Volvo uses AI to spot tired drivers', 'The carmaker said a cabin camera watches eyelids and head position and suggests a break.'],
  [[], 'Trucks must carry driver-fatigue monitors under new EU rules', 'Hauliers have two years to fit the devices, the Commission said.'],
  [[], 'Police warn of scam messages posing as LINE support', 'Officers said fraudsters ask users for verification codes and bank details.'],
  [[], 'Bank uses AI to flag fraudulent transfers', 'The lender said its model blocked 3,000 suspicious payments last month.'],
  [[], 'Gojek drivers protest lower fares in Jakarta', 'Hundreds of drivers gathered outside GoTo’s office, police said.'],
  [[], '警方提醒：冒充客服诈骗高发', '警方表示，骗子常以退款为由诱导受害人转账。'],
  [[], '新款相机支持拍照识别植物', '厂商称，新机内置的识别功能可辨认3000种植物。'],
];

// A super-app firm's consumer shopping apps are its super-app surfaces: Xianyu/闲鱼, Tmall/天猫,
// WeChat's shop (微信小店, WeChat Shop) and Channels (视频号).
const surfaces: Case[] = [
  [
    ['superapp'],
    'Xianyu adds an AI listing assistant that writes descriptions from photos',
    "Sellers on Alibaba's second-hand app can post an item in one tap, the company said.",
  ],
  [['superapp'], '闲鱼上线AI砍价助手', '买家可让助手与卖家自动议价，成交后一键下单。'],
  [['superapp'], '微信小店上线AI选品助手，帮助商家找货', '商家可用一句话描述需求，助手推荐货源并生成商品页面。'],
  [['superapp'], '视频号上线AI带货助手', '主播可让助手自动生成商品讲解脚本，腾讯称已有数千商家使用。'],
  [['superapp'], 'Tmall rolls out an AI shopping agent for Singles’ Day', 'The agent compares prices across stores and applies coupons, Alibaba said.'],
  // Hard negatives: the same apps with no AI.
  [[], '闲鱼二手手机成交量同比增长', '闲鱼表示，今年上半年二手手机交易额增长三成。'],
  [[], 'Xianyu fined over counterfeit listings', 'The regulator said sellers on the platform sold fake handbags.'],
  [[], '微信小店调整商家保证金规则', '新规自下月起实施，部分类目保证金下调。'],
];

// Written after the fix, scored once before any change (15/15).
const afterFix: Case[] = [
  [
    ['talent'],
    'Proposed rule would bar Chinese nationals from frontier AI work without a licence',
    'Labs employing researchers from China would need approval from the Commerce Department before they can access model weights.',
  ],
  [['talent'], '字节跳动为大模型研究员提供最高千万元的股票奖励', '知情人士称，Seed团队核心成员的股票奖励最高可达1000万元。'],
  [['talent'], 'Kuaishou doubles its campus hiring for AI researchers', 'The Kling team will take 200 new graduates with machine learning PhDs this year.'],
  [['talent'], 'Meta takes robotics startup’s co-founders and a dozen engineers', 'The startup said its humanoid models would be licensed to Meta.'],
  [['talent'], '前百度研究院院长创办的大模型公司完成数亿元融资', '公司已组建80人的研发团队。'],
  [
    ['superapp'],
    'Meituan uses AI to spot riders speeding through red lights',
    'The delivery app warns riders and slows new order dispatch for those flagged repeatedly, Meituan said.',
  ],
  [
    ['superapp'],
    'Alipay adds photo search for products seen in shops',
    'Users can photograph an item and compare prices across Taobao and Tmall, Ant Group said.',
  ],
  [['superapp'], '天猫上线AI客服，可自动处理退货申请', '阿里巴巴称，商家可一键开通。'],
  [
    [],
    'Visa rules for Chinese students tightened at U.S. universities',
    'The State Department said applicants in sensitive fields would face extra screening.',
  ],
  [[], 'Taxi firm uses AI to plan routes', 'The company said its drivers save 10 minutes a trip.'],
  [[], 'Startup pays $5 million a year for GPUs', 'The company said its engineers need more compute to train models.'],
  [[], 'Tmall sales rise 10% in Singles’ Day', 'Alibaba said more than 500 brands beat last year’s sales.'],
  [[], 'Chinese engineers at Arizona chip plant need work permits', 'TSMC said it had applied for licences for 500 staff.'],
  [[], 'Stanford PhD program adds AI ethics course', 'The university said students will study how models are trained.'],
  [[], 'WeChat Channels livestreamers hit record sales', 'Tencent said sales on Channels doubled during the festival.'],
];

describe('recall gaps, fifth blind set (own cases)', () => {
  const all: Array<[string, Case]> = [
    ...employRules.map((c) => ['rules on who labs may employ', c] as [string, Case]),
    ...payAndKeep.map((c) => ['pay figures and keeping people', c] as [string, Case]),
    ...gradPrograms.map((c) => ['graduate programmes', c] as [string, Case]),
    ...teamTakes.map((c) => ['a founder and staff taken', c] as [string, Case]),
    ...labHeads.map((c) => ['lab heads found companies', c] as [string, Case]),
    ...aiAtWork.map((c) => ['a super-app’s AI at work', c] as [string, Case]),
    ...surfaces.map((c) => ['super-app surfaces', c] as [string, Case]),
    ...afterFix.map((c) => ['written after the fix', c] as [string, Case]),
  ];
  it.each(all)('%s: %j', (_gap, [topics, title, summary]) => {
    const a = classify(title, summary);
    expect(a.topics, a.why.join(' | ')).toEqual(topics);
    expect(a.relevant).toBe(topics.length > 0);
  });

  it('Xianyu and WeChat’s shop are super-app mentions of their firms, named in English for Chinese text', () => {
    const scan = engine().knowledge.scan('闲鱼 微信小店');
    expect(scan.firms.map((h) => [h.firm, h.kind])).toEqual([
      ['Alibaba', 'superapp'],
      ['Tencent', 'superapp'],
    ]);
    expect(['闲鱼', '微信小店', '视频号', '天猫'].map((t) => engine().knowledge.latinName(t))).toEqual(['Xianyu', 'WeChat Shop', 'WeChat Channels', 'Tmall']);
  });
});
