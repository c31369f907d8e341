import { describe, expect, it } from 'vitest';
import { classify } from './helpers.js';

const negatives: Array<[string, string, string]> = [
  [
    'wildlife poaching',
    'Park rangers arrest elephant poachers near border',
    'Two men were detained after tusks were found in their vehicle; conservation groups praised the quick response.',
  ],
  [
    'bird migration',
    'Cranes begin autumn migration over the Baltic',
    'Birdwatchers counted thousands of cranes heading south as the migration season started early.',
  ],
  ['zh bird migration', '洞庭湖候鸟迁徙高峰到来', '保护区监测到大批候鸟在湿地停歇，观鸟爱好者纷纷前往。'],
  [
    'cloud migration',
    'Insurer completes migration of claims system to Google Cloud',
    'The company moved 200 workloads and its core database off on-premises servers over six months.',
  ],
  ['talent show', 'Teen magician wins televised talent show', 'The 15-year-old beat a dance troupe in the public vote and will perform at a royal gala.'],
  ['zh talent show', '选秀节目总决赛落幕 新人歌手夺冠', '该综艺节目总决赛收视创新高，冠军将签约经纪公司。'],
  [
    'sports transfer',
    'Striker joins rival club in record transfer',
    'The forward signed a four-year deal after his club accepted a transfer fee of €80 million.',
  ],
  [
    'non-AI exec hire',
    'Microsoft names new chief financial officer',
    'The company appointed a former bank executive as CFO, overseeing investor relations and financial planning.',
  ],
  [
    'gadget super app',
    "Fitness tracker maker unveils a 'super app' for its wearables",
    'The companion app merges sleep tracking, firmware updates and Bluetooth pairing into one screen.',
  ],
  [
    'AI launch without angle',
    'Anthropic releases Claude model with longer context',
    'The new model handles larger documents and is available through the API and to paid subscribers.',
  ],
  ['zh AI launch', '百度发布文心大模型新版本', '百度发布文心大模型新版本，推理能力提升，API价格下调。'],
  [
    'export controls',
    'Washington tightens export controls on AI chips to China',
    'The rules restrict sales of advanced Nvidia and AMD accelerators and require licenses for some cloud services.',
  ],
  ['earnings', 'Meituan quarterly profit beats estimates', 'Revenue rose 20 percent on food delivery orders, and the company raised guidance for the year.'],
  ['zh earnings', '腾讯第三季度营收同比增长', '腾讯发布财报，第三季度营收同比增长15%，游戏和广告业务表现强劲。'],
  [
    'Amazon river',
    'Amazon rainforest fires spread as drought deepens',
    'Satellite data show fires along the Amazon basin have doubled compared with last year.',
  ],
  ['apple harvest', 'Apple harvest in Kashmir hit by early snow', 'Growers say the apple crop lost a fifth of its value after branches broke under the snow.'],
  [
    'Tesla coil',
    'Science museum restores century-old Tesla coil',
    'The restored Tesla coil will produce lightning-like sparks for visitors during weekend shows.',
  ],
  [
    'meta-analysis',
    'Meta-analysis finds coffee linked to lower stroke risk',
    'A meta-analysis of 40 cohort studies found moderate coffee drinkers had a slightly lower risk of stroke.',
  ],
  ['grab bars', 'Grab bars and ramps: making bathrooms safer for seniors', 'Occupational therapists recommend installing grab bars near toilets and showers.'],
  [
    'non-AI researchers moving',
    'Cancer researchers leave NIH for Europe amid funding cuts',
    'Dozens of senior scientists have left the agency for universities in Germany and France, recruiters said.',
  ],
  ['nurses abroad', 'Nurses leave Kerala for jobs in the Gulf', 'Recruiters are offering salaries several times higher than local hospitals pay.'],
];

describe('traps and non-relevant items', () => {
  it.each(negatives)('%s is not relevant', (_name, title, summary) => {
    const a = classify(title, summary);
    expect(a.relevant, a.why.join(' | ')).toBe(false);
    expect(a.topics).toEqual([]);
    expect(a.moves).toEqual([]);
  });

  it('name traps yield no firm', () => {
    expect(classify(...(negatives.find((n) => n[0] === 'Amazon river')!.slice(1) as [string, string])).firms).toEqual([]);
    expect(classify(...(negatives.find((n) => n[0] === 'apple harvest')!.slice(1) as [string, string])).firms).toEqual([]);
    expect(classify(...(negatives.find((n) => n[0] === 'Tesla coil')!.slice(1) as [string, string])).firms).toEqual([]);
    expect(classify(...(negatives.find((n) => n[0] === 'meta-analysis')!.slice(1) as [string, string])).firms).toEqual([]);
    expect(classify(...(negatives.find((n) => n[0] === 'grab bars')!.slice(1) as [string, string])).firms).toEqual([]);
    expect(classify('Grab a coffee before the keynote', 'Organisers told attendees to grab a snack.').firms).toEqual([]);
  });

  it('people and things that share a product name are not the firm', () => {
    expect(classify('Claude Shannon biography wins science book prize', 'The book traces the information theory pioneer.').firms).toEqual([]);
    expect(classify('Gemini exchange fined by regulators', 'The crypto exchange founded by the Winklevoss twins agreed to pay a penalty.').firms).toEqual([]);
    expect(classify('Professor Liu Bing wins chemistry award', 'Liu Bing was honoured for work on catalysts.').firms).toEqual([]);
    expect(classify('两名天才少年考入少年班', '两名14岁的天才少年今年考入大学少年班。').firms).toEqual([]);
    expect(classify('Amazon-backed Anthropic hires a Google researcher', 'The researcher joins from Google.').firms).toContain('Amazon');
  });

  it('a product that merely ends in X is not X', () => {
    expect(classify('SpaceX launches 30 satellites', 'The rocket lifted off from Florida.').firms).not.toContain('X');
    expect(classify('Google Pixel X review: a fine camera phone', 'The phone posts and shares photos quickly.').firms).not.toContain('X');
    expect(classify('Tesla Model X recall covers 9,000 vehicles', 'Owners will get a software update.').firms).toEqual(['Tesla']);
    expect(classify('Naver updates HyperCLOVA X for enterprise users', 'The model now supports longer documents.').firms).toEqual([]);
    expect(classify('Researcher announces move in a post on X', 'She wrote on X that she is joining a new lab.').firms).toEqual(['X']);
    expect(classify('X rolls out payments to more users', 'Musk said the social network will become an everything app.').firms).toContain('X');
  });

  it("another firm's superintelligence lab is not Meta's", () => {
    expect(classify('微软成立超级智能实验室', '微软AI宣布新成立超级智能实验室，由前谷歌研究员领导。').firms).not.toContain('Meta');
    expect(
      classify('Microsoft sets up a superintelligence lab in London', 'The superintelligence unit will be led by a former Google researcher.').firms,
    ).not.toContain('Meta');
    expect(classify('Meta超级智能实验室再添一员', '前OpenAI研究员已加入该团队。').firms).toContain('Meta');
  });
});

describe('words that change sides with their context', () => {
  it('poachers beside AI labs are a talent war; beside rhinos they are wildlife', () => {
    const lab = classify(
      'Chip startup staff get a payday as the firm fends off poachers',
      'Engineers can sell vested shares in a tender as OpenAI and Meta bid for its AI researchers.',
    );
    expect(lab.relevant).toBe(true);
    expect(lab.topics).toContain('talent');
    expect(classify('Rangers arrest poachers after rhino killing', 'Poachers removed the horn of a black rhino in a private conservancy.').relevant).toBe(
      false,
    );
  });
  it('algorithm engineers are AI talent, and a technical director is no board director', () => {
    const a = classify(
      'Retailer lures about 30 Meituan delivery algorithm engineers',
      "Around 30 members of Meituan's dispatch algorithm team, including two technical directors, have joined over two months.",
    );
    expect(a.relevant).toBe(true);
    expect(a.topics).toContain('talent');
  });
});
