import { describe, expect, it } from 'vitest';
import { classify } from './helpers.js';

// Harder items written for this suite: indirect phrasing, no obvious keywords, near-miss negatives.
const cases: Array<[string[], string, string]> = [
  [[], "OpenAI hires former Airbnb executive as chief people officer", "The executive will oversee human resources and workplace programs as OpenAI's headcount grows."],
  [[], "Microsoft names new head of Xbox marketing", "The company appointed a former Nike executive to lead marketing for its gaming division."],
  [["talent"], "xAI sues former engineer who left for OpenAI", "xAI alleges that Xuechen Li uploaded confidential files about Grok before joining OpenAI."],
  [[], "ByteDance lays off TikTok content moderators in Malaysia", "Hundreds of moderators lost their jobs as TikTok shifts to automated moderation."],
  [[], "WeChat Pay lets tourists link foreign cards", "Tencent said visitors can now link international credit cards to WeChat Pay for payments in China."],
  [[], "Douyin's algorithm faces new regulator scrutiny", "China's cyberspace regulator ordered Douyin to explain how its recommendation algorithm ranks content."],
  [[], "Meta AI app reaches a billion monthly users", "Meta said its AI assistant is now used by a billion people a month across its apps."],
  [["talent"], "Google pays some DeepMind staff to do nothing for a year", "Google DeepMind is using aggressive non-compete agreements in the UK, paying departing AI researchers to sit out for up to a year."],
  [["talent"], "Microsoft hires former DeepMind co-founder to lead consumer AI", "Microsoft has hired Mustafa Suleyman, the co-founder of DeepMind and Inflection AI, to run a new consumer AI unit, along with several Inflection staff."],
  [["talent"], "Apple's AI exodus continues as robotics lead departs for Meta", "Jian Zhang, Apple's lead robotics researcher, is leaving for Meta, the latest in a string of departures from Apple's AI teams."],
  [["talent"], "Chinese AI engineers return home as U.S. visa scrutiny rises", "A growing number of Chinese machine-learning engineers are leaving Silicon Valley for labs in Beijing and Hangzhou, recruiters said."],
  [["talent"], "美团招聘大模型人才 应届博士年薪百万", "美团启动北斗计划，面向全球招募大模型算法人才，顶尖博士年薪可达百万元以上。"],
  [["talent"], "Zhipu loses another founding researcher to a startup", "One of Zhipu AI's earliest researchers has left to start an AI agent company, the third departure this year."],
  [["superapp"], "Alipay's AI assistant now handles hospital appointments", "Ant Group said the assistant inside Alipay can book hospital visits, pay fees and explain medical reports."],
  [["superapp"], "LINE's new AI features aim to keep users in the app", "LY Corp is adding AI summaries and an assistant to LINE as it tries to stop users switching to standalone chatbots."],
  [["superapp"], "Meituan's Keeta brings AI ordering to Saudi Arabia", "Meituan's overseas delivery app Keeta added an AI assistant that takes voice orders in Arabic."],
  [[], "Meituan's Keeta expands to Brazil", "Meituan's delivery service Keeta began operating in two Brazilian cities, hiring thousands of couriers."],
  [["superapp"], "Paytm bets on AI to win back merchants", "Paytm is giving merchants an AI assistant that tracks sales and offers loans, as it tries to grow its super app."],
  [[], "Tesla Optimus robot folds laundry in new video", "Tesla released a video showing its humanoid robot folding shirts, though experts said it may be teleoperated."],
  [[], "Anthropic raises $13 billion at $180 billion valuation", "The funding round was led by investment firms, and Anthropic said it would expand compute and international offices."],
  [[], "Nvidia CEO says China market is worth $50 billion", "Jensen Huang said U.S. export controls have cost Nvidia sales of its H20 chips in China."],
  [["talent"], "Tencent and ByteDance battle for AI PhDs with million-dollar offers", "Both companies are offering packages above 1 million dollars to top machine-learning graduates."],
  [["talent"], "Sutskever's startup adds a former Google Brain optimizer", "Safe Superintelligence has brought in Lukas Brenner, who spent eight years at Google Brain, to work on training efficiency."],
  [["talent"], "The Hangzhou lab that rivals can't raid", "DeepSeek has kept nearly all its core researchers despite offers from ByteDance and Alibaba, according to people close to the company."],
  [["talent"], "Korea courts diaspora AI scientists with tax breaks", "Seoul will exempt income tax for five years for Korean-born machine-learning researchers who return from U.S. labs, the science ministry said."],
  [["superapp"], "Didi adds an AI trip planner to its ride-hailing app", "Didi's new assistant can plan multi-stop trips and book hotels inside the app."],
  [["talent"], "蚂蚁集团AI负责人转投京东", "蚂蚁集团AI负责人许文博已离职，转投京东担任技术副总裁，负责京东言犀大模型。"],
  [[], "Hedge fund hires Goldman trader to run commodities desk", "The fund poached a senior trader from Goldman Sachs to lead its metals and energy book."],
  [[], "Whale song study uses AI to track humpback migration", "Researchers applied a machine-learning model to ten years of recordings to map migration routes."],
  [[], "Company migrates its analytics to Azure in six weeks", "A logistics firm moved its data warehouse and 300 dashboards from on-premises servers to Microsoft Azure."],
  [["talent"], "Anthropic's newest researcher was building Gemini last month", "Ravi Chandran worked on Gemini's long-context training at Google until May. He started at Anthropic this week, a spokesperson confirmed."],
  [["talent"], "Meta's hiring spree reaches Apple's foundation-models group again", "Apple lost another senior researcher, Tom Gunter, to Meta this week, people familiar said."],
  [["talent"], "OpenAI's head of robotics resigns", "Caitlin Kalinowski said she resigned from OpenAI over concerns about the company's defense contract."],
  [["talent"], "Former Tesla AI director returns to OpenAI", "Andrej Karpathy, who led Autopilot vision at Tesla, is rejoining OpenAI."],
  [["talent"], "前OpenAI研究员加盟字节跳动Seed", "曾在OpenAI参与GPT-4训练的研究员吴永辉已加盟字节跳动Seed团队，负责基础模型研究。"],
  [["talent"], "华为盘古大模型负责人离职创业", "华为盘古大模型负责人王云鹤已离职，计划创办一家AI初创公司。"],
  [["talent"], "小红书从阿里挖来通义负责人", "小红书近日从阿里巴巴挖来通义实验室负责人周靖人，负责其大模型业务。"],
  [["superapp"], "Shopee adds AI shopping assistant to its app", "Sea's e-commerce unit Shopee launched an AI assistant that helps shoppers compare products."],
  [["superapp"], "Tencent's Yuanbao comes to WeChat search", "WeChat users can now ask the Yuanbao AI assistant questions directly from the search bar."],
  [["superapp"], "PhonePe launches AI assistant for UPI payments", "India's largest payments app added a conversational assistant for bill payments and money transfers."],
  [[], "Samsung Galaxy S26 brings Gemini to the lock screen", "Samsung's new phone lets users summon Google's Gemini assistant without unlocking."],
  [[], "Kakao Games reports loss on weak mobile titles", "Kakao Games posted a quarterly loss as revenue from its mobile games fell."],
  [[], "Apple opens new store in Mumbai", "Apple's third Indian retail store opened with crowds queuing outside."],
  [[], "Qwen 3 tops open-source leaderboard", "Alibaba's latest Qwen model outperformed rivals on math and coding benchmarks."],
  [[], "Grab expands GrabFood to more cities in Vietnam", "Grab said food delivery is now available in 12 more Vietnamese cities."],
  [[], "微信上线新版表情包功能", "微信更新后，用户可以在聊天中使用全新的动态表情包。"],
  [[], "抖音电商发布双十一战报", "抖音电商公布双十一期间成交额同比增长，家电和美妆品类表现突出。"],
];

describe('hard cases', () => {
  it.each(cases)('%j: %s', (topics, title, summary) => {
    const a = classify(title, summary);
    expect(a.topics, a.why.join(' | ')).toEqual(topics);
    expect(a.relevant).toBe(topics.length > 0);
  });
});
