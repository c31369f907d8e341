// `talent-radar poll --once` end to end: local feed server → pipeline → embedded store → console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { consoleBot, rss, runCli, tempConfig, type FeedItem } from '../../support/cli.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

const TALENT: FeedItem[] = [
  {
    title: 'OpenAI researcher Lena Varga joins ByteDance Seed team in Singapore',
    description:
      'Lena Varga, a reinforcement learning researcher at OpenAI, has joined ByteDance as head of post-training for its Seed models, the company said.',
    link: 'https://wire.example/2026/openai-varga-bytedance?utm_source=rss',
    guid: 'wire-1',
    pubDate: hoursAgo(2),
  },
  {
    title: 'Meta poaches three Google DeepMind engineers for its superintelligence lab',
    description:
      'Meta Platforms hired three Google DeepMind engineers with pay packages worth tens of millions of dollars, people familiar with the matter said.',
    link: 'https://wire.example/2026/meta-poaches-deepmind',
    guid: 'wire-2',
    pubDate: hoursAgo(3),
  },
];
const IRRELEVANT: FeedItem = {
  title: 'Rangers arrest rhino poaching suspects in Kenya',
  description: 'Wildlife officers detained four men near a conservancy after a rhino was found dead.',
  link: 'https://wire.example/2026/rhino',
  guid: 'wire-3',
  pubDate: hoursAgo(1),
};

describe('poll --once', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
  });
  afterAll(async () => {
    await feeds.close();
  });

  const setup = (extraSource = '') => consoleBot(`  - name: wire\n    url: ${feeds.url('/wire.xml')}\n${extraSource}`);

  it('records the backlog on the first poll, delivers new stories after, and nothing twice', async () => {
    feeds.set('/wire.xml', { body: rss([...TALENT, IRRELEVANT]), headers: { 'content-type': 'application/rss+xml' } });
    const { env, dataDir } = setup();
    const first = await runCli(['poll', '--once'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(''); // first add: everything recorded as seen, nothing delivered
    expect(first.stderr).toMatch(/1 ok/);

    const fresh: FeedItem = {
      title: 'Alibaba Qwen lead Zhou Min leaves to join Moonshot AI',
      description:
        'Zhou Min, who led multimodal work on Alibaba’s Qwen models, has left the company to join Moonshot AI, the Beijing startup behind the Kimi chatbot.',
      link: 'https://wire.example/2026/zhou-min-moonshot',
      guid: 'wire-4',
      pubDate: hoursAgo(0.5),
    };
    feeds.set('/wire.xml', { body: rss([fresh, ...TALENT, IRRELEVANT]), headers: { 'content-type': 'application/rss+xml' } });
    const second = await runCli(['poll', '--once'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Zhou Min');
    expect(second.stdout).toContain('Moonshot AI');
    expect(second.stdout).not.toContain('Lena Varga');
    expect(second.stdout).not.toContain('rhino');

    const third = await runCli(['poll', '--once'], env);
    expect(third.code).toBe(0);
    expect(third.stdout).toBe('');

    const search = await runCli(['search', 'Varga', 'topic:talent', '--json'], env);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)).toMatchObject({ total: 1, hits: [{ title: TALENT[0].title }] });
    const zh = await runCli(['search', '月之暗面'], env); // the Chinese name finds the English story through its firm
    expect(zh.stdout).toContain('Zhou Min');
    const table = await runCli(['sources'], env);
    expect(table.stdout).toMatch(/^SOURCE\s+STATUS/);
    expect(table.stdout).toMatch(/wire\s+ok\s+\d+s ago\s+0/);
    const doctor = await runCli(['doctor'], env);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/✓ source wire — \d+ entries/);
    expect(doctor.stdout).toMatch(/✓ chart font — WenQuanYi Micro Hei \(.*wqy-microhei\.ttc\)/);

    const store = SqliteStore.open({ dir: dataDir });
    const states = await store.getSourceStates();
    expect(states[0]).toMatchObject({ name: 'wire', consecutiveFailures: 0, initialized: true });
    // Relevant backlog is archived (searchable) even though it was not delivered.
    expect((await store.search({ text: 'Varga', limit: 5 })).total).toBe(1);
    await store.close();
  });

  it('ingests a cycle oldest first across feeds: the first report is the alert, a retelling read from an earlier feed folds under it', async () => {
    const original: FeedItem = {
      title: 'Moonshot AI hires Alibaba Qwen lead Zhou Min to run multimodal research',
      description: 'Zhou Min, who led multimodal work on Alibaba’s Qwen models, has joined Moonshot AI, the Beijing startup behind Kimi, the company said.',
      link: 'https://first.example/zhou-min-moonshot',
      guid: 'orig',
      pubDate: hoursAgo(3),
    };
    const retelling: FeedItem = {
      ...original,
      title: 'Alibaba Qwen lead Zhou Min joins Moonshot AI to run multimodal research',
      link: 'https://late.example/zhou-min-joins-moonshot',
      guid: 're',
      pubDate: hoursAgo(1),
    };
    // The feed with the later retelling is listed (and read) first.
    feeds.set('/late.xml', { body: rss([retelling]), headers: { 'content-type': 'application/rss+xml' } });
    feeds.set('/first.xml', { body: rss([original]), headers: { 'content-type': 'application/rss+xml' } });
    const cfg = consoleBot(
      `  - name: late\n    url: ${feeds.url('/late.xml')}\n    backfill: 5\n  - name: first\n    url: ${feeds.url('/first.xml')}\n    backfill: 5`,
    );
    const run = await runCli(['poll', '--once'], cfg.env);
    expect(run.code, run.stderr).toBe(0);
    const store = SqliteStore.open({ dir: cfg.dataDir });
    const got = await store.getAlerts(['first:orig', 'late:re']);
    expect(got.map((a) => a.id)).toEqual(['first:orig']);
    expect(got[0].alsoReportedBy.map((r) => r.link)).toEqual([retelling.link]);
    await store.close();
    expect(run.stdout).toContain(original.link);
  });

  it('delivers the newest N on the first poll with backfill, never items older than maxAgeHours', async () => {
    const old: FeedItem = { ...TALENT[1], guid: 'old-1', link: 'https://wire.example/old', pubDate: hoursAgo(24 * 10) };
    feeds.set('/backfill.xml', { body: rss([TALENT[0], old]), headers: { 'content-type': 'application/rss+xml' } });
    const cfg = consoleBot(`  - name: bf\n    url: ${feeds.url('/backfill.xml')}\n    backfill: 5`, { extra: 'schedule:\n  maxAgeHours: 72\n' });
    const run = await runCli(['poll', '--once'], cfg.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Lena Varga');
    expect(run.stdout).not.toContain('three Google DeepMind engineers');
  });

  it("reads a Chinese source's dates in China time: CST, 年月日 and zoneless formats; clamps future dates and logs it", async () => {
    // Wall-clock time in Beijing `h` hours ago, written the ways Chinese feeds write it.
    const china = (h: number) => new Date(Date.now() - h * 3600_000 + 8 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const hm = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    const cst = (d: Date) => d.toUTCString().replace('GMT', 'CST');
    const zhDate = (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm(d)}`;
    const utcIso = (d: Date) => new Date(d.getTime() - 8 * 3600_000).toISOString().slice(0, 16);
    const a = china(2),
      b = china(5),
      c = china(7);
    const future = new Date(Date.now() + 3 * 3600_000).toUTCString();
    const items = [
      ['cn-1', '前百度研究员王可馨加盟智谱', '智谱宣布，原百度文心大模型研究员王可馨正式加盟，负责GLM系列模型的训练。', cst(a)],
      ['cn-2', '月之暗面推理负责人赵静轩加盟腾讯混元', '月之暗面推理基础设施负责人赵静轩已离职，加盟腾讯混元大模型团队。', zhDate(b)],
      ['cn-3', 'DeepSeek研究员方一鸣加入小米大模型团队', '深度求索MoE架构研究员方一鸣已入职小米，参与MiMo大模型研发。', `${ymd(c)} ${hm(c)}:00`],
      ['cn-4', '阿里通义千问研究员陆浩然转投字节跳动Seed', '通义千问核心研究员陆浩然离职，转投字节跳动Seed大模型团队。', future],
    ];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>cn</title><link>https://cn.example/</link><description>t</description>${items
      .map(
        ([g, t, d, p]) =>
          `<item><title>${t}</title><link>https://cn.example/${g}</link><guid>${g}</guid><description>${d}</description><pubDate>${p}</pubDate></item>`,
      )
      .join('')}</channel></rss>`;
    feeds.set('/cn.xml', { body, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
    const cfg = consoleBot(`  - name: cn\n    url: ${feeds.url('/cn.xml')}\n    lang: zh\n    backfill: 10`, { extra: 'schedule:\n  maxAgeHours: 72\n' });
    const before = Date.now();
    const run = await runCli(['poll', '--once'], { ...cfg.env, LOG_LEVEL: 'info' });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/feed date is in the future; using the fetch time/);
    const store = SqliteStore.open({ dir: cfg.dataDir });
    const got = await store.getAlerts(['cn:cn-1', 'cn:cn-2', 'cn:cn-3', 'cn:cn-4']);
    const at = (id: string) => got.find((x) => x.id === id)!.published;
    expect(at('cn:cn-1').slice(0, 16)).toBe(utcIso(a));
    expect(at('cn:cn-2').slice(0, 16)).toBe(utcIso(b));
    expect(at('cn:cn-3').slice(0, 16)).toBe(utcIso(c));
    expect(Date.parse(at('cn:cn-4'))).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(at('cn:cn-4'))).toBeLessThanOrEqual(Date.now());
    // The stored assessment carries the English gist (no store change: it is part of the assessment JSON).
    expect(got.find((x) => x.id === 'cn:cn-1')!.assessment.gist).toBe('Wang Kexin moves from Baidu to Zhipu AI.');
    await store.close();
  });

  it('rejects a source time zone that is not an IANA name', async () => {
    const cfg = consoleBot(`  - name: cn\n    url: ${feeds.url('/cn.xml')}\n    timezone: Beijing`);
    const run = await runCli(['poll', '--once'], cfg.env);
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/sources\[0\]\.timezone.*IANA/);
  });

  it('backs off a failing source and keeps polling the others', async () => {
    feeds.set('/wire.xml', { body: rss(TALENT), headers: { 'content-type': 'application/rss+xml' } });
    feeds.set('/broken.xml', { status: 500, body: 'oops' });
    const { env, dataDir } = setup(`  - name: broken\n    url: ${feeds.url('/broken.xml')}\n`);
    const run = await runCli(['poll', '--once'], env);
    expect(run.code).toBe(0); // one source failed, the other worked
    expect(run.stderr).toMatch(/broken: \[HTTP_STATUS\]/);
    const store = SqliteStore.open({ dir: dataDir });
    const broken = (await store.getSourceStates()).find((s) => s.name === 'broken')!;
    expect(broken.consecutiveFailures).toBe(1);
    expect(broken.lastErrorCode).toBe('HTTP_STATUS');
    expect(Date.parse(broken.nextPollAt!)).toBeGreaterThan(Date.now());
    expect((await store.getSourceStates()).find((s) => s.name === 'wire')!.initialized).toBe(true);
    await store.close();
  });

  it('tells the channels once when a source is disabled, and again when it recovers', async () => {
    feeds.set('/flaky.xml', { status: 503, body: 'down' });
    const cfg = consoleBot(`  - name: flaky\n    url: ${feeds.url('/flaky.xml')}`, { extra: 'schedule:\n  failuresBeforeDisable: 2\n' });
    const env = cfg.env;
    expect((await runCli(['poll', '--once'], env)).stdout).not.toMatch(/disabled/);
    const second = await runCli(['poll', '--once'], env);
    expect(second.stdout).toMatch(/Feed "flaky" was disabled after repeated failures/);
    const third = await runCli(['poll', '--once'], env);
    expect(third.stdout).not.toMatch(/disabled/); // told once per episode
    feeds.set('/flaky.xml', { body: rss(TALENT), headers: { 'content-type': 'application/rss+xml' } });
    const healed = await runCli(['poll', '--once'], env);
    expect(healed.stdout).toMatch(/Feed "flaky" is working again/);
    const store = SqliteStore.open({ dir: cfg.dataDir });
    expect((await store.getSourceStates())[0]).toMatchObject({ disabled: false, consecutiveFailures: 0 });
    await store.close();
  });

  it('refuses loopback sources unless allowPrivateAddresses, checked after resolving names', async () => {
    const cfg = consoleBot(`  - name: local\n    url: http://localhost:${feeds.port}/wire.xml`, { allowPrivate: false });
    const before = feeds.requests.length;
    const run = await runCli(['poll', '--once'], cfg.env);
    expect(run.code).toBe(1); // every source failed
    expect(run.stderr).toMatch(/BLOCKED_ADDRESS/);
    expect(feeds.requests.length).toBe(before);
  });

  it('exits 78 with every config problem listed', async () => {
    const cfg = tempConfig('sources:\n  - name: a b\n    url: ftp://x\nroutes:\n  - platform: irc\n    channel: c\n');
    const run = await runCli(['poll', '--once'], { TALENT_CONFIG: cfg.configPath, DATA_DIR: cfg.dataDir });
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/sources\[0\]\.name/);
    expect(run.stderr).toMatch(/routes\[0\]\.platform/);
  });

  it('answers usage errors with exit 2', async () => {
    expect((await runCli(['poll'], {})).code).toBe(2);
    expect((await runCli(['frobnicate'], {})).code).toBe(2);
    expect((await runCli(['search'], {})).code).toBe(2);
  });
});
