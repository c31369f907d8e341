import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportOpml, importOpmlIntoConfig, OpmlError, parseOpml } from '../../src/opml/index.js';
import { parseConfigText } from '../../src/config/load.js';
import { runCli, tempConfig } from '../support/cli.js';

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="AI">
    <outline type="rss" text="TechCrunch AI" xmlUrl="https://techcrunch.com/category/artificial-intelligence/feed/"/>
    <outline type="rss" text="量子位 &amp; friends" xmlUrl="https://www.qbitai.com/feed"/>
  </outline>
  <outline type="rss" title="Dup" xmlUrl="https://already.example/feed"/>
  <outline type="rss" text="Not http" xmlUrl="ftp://x.example/feed"/>
</body></opml>`;

const CONFIG = `# my config — comments must survive
sources:
  - name: already
    url: https://already.example/feed   # keep me
routes:
  - platform: console
    channel: console
`;

describe('OPML', () => {
  it('reads nested outlines and decodes entities', () => {
    expect(parseOpml(OPML).map((f) => f.name)).toEqual(['TechCrunch AI', '量子位 & friends', 'Dup', 'Not http']);
  });

  it('imports new http(s) feeds into the config, keeping comments, skipping duplicates and bad URLs', () => {
    const r = importOpmlIntoConfig(OPML, CONFIG);
    expect(r.added.map((a) => a.url)).toEqual(['https://techcrunch.com/category/artificial-intelligence/feed/', 'https://www.qbitai.com/feed']);
    expect(r.skipped).toEqual(['https://already.example/feed', 'ftp://x.example/feed']);
    expect(r.yaml).toContain('# my config — comments must survive');
    expect(r.yaml).toContain('# keep me');
    const cfg = parseConfigText(r.yaml);
    // Chinese titles are named from their pinyin (they used to become `friends`, or `feed`, `feed-2`).
    expect(cfg.sources.map((s) => s.name)).toEqual(['already', 'techcrunch-ai', 'liang-zi-wei-friends']);
  });

  it('exports OPML that imports back to the same feeds', () => {
    const xml = exportOpml([{ name: 'a&b', url: 'https://a.example/feed?x=1&y=2' }]);
    expect(parseOpml(xml)).toEqual([{ name: 'a&b', url: 'https://a.example/feed?x=1&y=2' }]);
  });

  it('round-trips htmlUrl, folders and Chinese titles (issue 12)', () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
  <outline text="中文">
    <outline text="科技" title="科技">
      <outline type="rss" text="量子位" xmlUrl="https://www.qbitai.com/feed" htmlUrl="https://www.qbitai.com/"/>
      <outline type="rss" text="机器之心" xmlUrl="https://www.jiqizhixin.com/rss" htmlUrl="https://www.jiqizhixin.com/"/>
    </outline>
  </outline>
  <outline text="English"><outline type="rss" text="The Verge AI" xmlUrl="https://www.theverge.com/ai/rss/index.xml" htmlUrl="https://www.theverge.com/ai"/></outline>
  <outline type="rss" text="36氪" xmlUrl="https://36kr.com/feed"/>
</body></opml>`;
    const r = importOpmlIntoConfig(opml, 'sources: []\n');
    const cfg = parseConfigText(r.yaml);
    expect(cfg.sources.map((s) => s.name)).toEqual(['liang-zi-wei', 'ji-qi-zhi-xin', 'the-verge-ai', '36-ke']);
    expect(cfg.sources[0]).toMatchObject({ title: '量子位', htmlUrl: 'https://www.qbitai.com/', category: '中文/科技' });
    expect(cfg.sources[2]).toMatchObject({ category: 'English', htmlUrl: 'https://www.theverge.com/ai' });
    const back = parseOpml(exportOpml(cfg.sources));
    expect(back).toEqual([
      { name: '36氪', url: 'https://36kr.com/feed' },
      { name: '量子位', url: 'https://www.qbitai.com/feed', htmlUrl: 'https://www.qbitai.com/', category: '中文/科技' },
      { name: '机器之心', url: 'https://www.jiqizhixin.com/rss', htmlUrl: 'https://www.jiqizhixin.com/', category: '中文/科技' },
      { name: 'The Verge AI', url: 'https://www.theverge.com/ai/rss/index.xml', htmlUrl: 'https://www.theverge.com/ai', category: 'English' },
    ]);
  });

  it('skips feeds the SSRF guard refuses, with the reason', () => {
    const opml = `<opml version="2.0"><body><outline type="rss" text="meta" xmlUrl="http://169.254.169.254/latest"/><outline type="rss" text="tunnel" xmlUrl="http://[2002:7f00:1::]/feed"/><outline type="rss" text="creds" xmlUrl="https://u:p@x.example/feed"/></body></opml>`;
    const r = importOpmlIntoConfig(opml, 'sources: []\n');
    expect(r.added).toEqual([]);
    expect(r.skipped).toHaveLength(3);
    expect(r.reasons['http://169.254.169.254/latest']).toMatch(/BLOCKED|refused/);
  });

  it('refuses DOCTYPEs and non-OPML documents with a clear error', () => {
    expect(() => parseOpml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><opml><body/></opml>')).toThrow(OpmlError);
    expect(() => parseOpml('<rss><channel/></rss>')).toThrow(/not an OPML file/);
  });

  it('works through the CLI: sources import writes the config, sources export prints OPML', async () => {
    const cfg = tempConfig(CONFIG);
    const opmlPath = `${cfg.dir}/feeds.opml`;
    (await import('node:fs')).writeFileSync(opmlPath, OPML);
    const imp = await runCli(['sources', 'import', opmlPath], { TALENT_CONFIG: cfg.configPath, DATA_DIR: cfg.dataDir });
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/imported 2 source/);
    expect(readFileSync(cfg.configPath, 'utf8')).toContain('qbitai');
    const exp = await runCli(['sources', 'export'], { TALENT_CONFIG: cfg.configPath, DATA_DIR: cfg.dataDir });
    expect(parseOpml(exp.stdout)).toHaveLength(3);
  });
});
