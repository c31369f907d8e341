import { describe, expect, it } from 'vitest';
import { classify } from './helpers.js';

const superapp: Array<[string, string, string]> = [
  [
    'AI agent in WeChat',
    'WeChat tests an AI agent that books hotels inside chats',
    'Tencent is letting a small share of users ask an assistant in WeChat to compare rooms and pay through partner mini-programs without leaving the conversation.',
  ],
  [
    'Alipay assistant',
    'Alipay adds an AI travel planner',
    "The assistant plans trips, buys train tickets and books hotels for Alipay users through the app's mini-program partners.",
  ],
  [
    'Grab everything app',
    'Grab wants its app to be your bank, taxi and lunch',
    'Grab is adding savings accounts and an AI assistant as it builds a super app for Southeast Asia.',
  ],
  [
    'Gojek agent',
    'Gojek pilots a chatbot that orders food in Javanese',
    'GoTo said the conversational assistant, powered by its own language model, will roll out to Gojek users in Central Java.',
  ],
  [
    'Paytm AI',
    'Paytm puts an AI assistant at the centre of its payments app',
    'The assistant answers questions about spending and books tickets for Paytm users in several Indian languages.',
  ],
  [
    'Kakao',
    'KakaoTalk gets an AI assistant that shops for gifts',
    'Kakao said the assistant can pick and send gifts inside KakaoTalk chats and pay with KakaoPay.',
  ],
  ['LINE', 'LINE launches AI assistant for Mini Apps', 'LY Corp said the assistant can reserve tables and order through LINE Mini Apps in Japan and Taiwan.'],
  [
    'X everything app',
    'X adds shopping to its everything app',
    'The social network will let users buy products from posts and pay with X Money, the company said.',
  ],
  [
    'ecosystem competition',
    'Douyin and WeChat fight for mini-program developers',
    'ByteDance cut its commission on Douyin mini-games as the two super apps compete for developers.',
  ],
  ['zh 智能体', '美团App上线AI助手 可一句话订外卖', '美团在App首页上线AI智能体，用户可以用一句话完成外卖下单和酒店预订。'],
  ['zh 小程序', '支付宝小程序接入AI智能体', '蚂蚁集团宣布支付宝小程序可接入AI智能体，帮助商家自动回复用户咨询。'],
  ['zh super app', '抖音加码本地生活 打造超级应用', '抖音将AI导购助手接入团购与外卖，字节跳动希望把抖音做成超级应用。'],
  ['traditional Chinese', '微信測試AI智能體 可在聊天中叫車', '騰訊表示，微信正在測試AI智能體，用戶可在聊天中通過小程序叫車和訂餐。'],
];

describe('super-app rules', () => {
  it.each(superapp)('%s', (_name, title, summary) => {
    const a = classify(title, summary);
    expect(a.relevant, a.why.join(' | ')).toBe(true);
    expect(a.topics).toContain('superapp');
  });

  it('an AI launch at a super-app firm with no super-app angle is not superapp', () => {
    const a = classify('Alibaba open-sources a new Qwen coding model', 'The model beats rivals on coding benchmarks and is available under an open license.');
    expect(a.topics).not.toContain('superapp');
  });

  it('a gadget "super app" is not a super-app story', () => {
    const a = classify(
      "Robot vacuum maker's new 'super app' maps every room",
      'The companion app combines cleaning schedules, firmware updates and camera feeds.',
    );
    expect(a.relevant).toBe(false);
  });

  it('a move to a super-app to work on the app is a super-app story too', () => {
    const a = classify(
      'Paytm hires Google AI lead Kiran Rao',
      'Kiran Rao, who led AI at Google Pay, joins Paytm to run its consumer assistant and merchant payments.',
    );
    expect(a.topics, a.why.join(' | ')).toEqual(['talent', 'superapp']);
  });

  it('a super-app that only loses the person, or hires for its models, is talent only', () => {
    expect(classify("Kakao's AI lead Min Ji-ho joins Google", 'Min Ji-ho led AI research at Kakao and will work on Gemini in Seoul.').topics).toEqual([
      'talent',
    ]);
    expect(classify('Kakao hires Samsung researcher Yoon Da-eun', 'Yoon Da-eun will train smaller Kanana language models for phones.').topics).toEqual([
      'talent',
    ]);
  });

  it("retention pay for a super-app's AI team is a super-app story too", () => {
    const a = classify('腾讯为微信AI团队发放留任奖金', '腾讯近期向微信AI团队核心成员发放专项留任奖金，以应对字节跳动的挖角。');
    expect(a.topics, a.why.join(' | ')).toEqual(['talent', 'superapp']);
  });

  it("a super-app's own AI named right after it is a feature angle", () => {
    const a = classify("Kakao Pay's AI can now settle group dinners", 'Users ask it in a KakaoTalk chat room and it splits the bill among friends.');
    expect(a.topics, a.why.join(' | ')).toContain('superapp');
  });

  it('an "AI coach" in a super-app is not a sports story', () => {
    const a = classify('Grab launches an AI fitness coach for its drivers', 'The coach in the Grab driver app suggests breaks and stretches between rides.');
    expect(a.why.join(' | ')).not.toContain('sports');
  });
});
