import { mkdirSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { flowChartPng, flowChartSvg } from '../../../src/digest/chart.js';
import { CHART_FONT_FAMILY, ChartFontError, chartFontOptions } from '../../../src/digest/fonts.js';
import { loadKnowledge } from '../../../src/knowledge/index.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** RGBA pixels of an SVG drawn the way the digest draws it (the shipped font, no host fonts). */
const pixels = (svg: string) => new Resvg(svg, { background: '#ffffff', font: chartFontOptions() }).render().pixels;
const differing = (a: Buffer, b: Buffer) => {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
};
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** The same label with each CJK character swapped for a private-use one no font has: what tofu looks like. */
const tofu = (s: string) => [...s].map((ch, i) => (CJK.test(ch) ? String.fromCodePoint(0xe000 + i) : ch)).join('');

describe('talent-flow chart', () => {
  const flows = [
    { from: 'OpenAI', to: 'Meta', direction: 'US→US', count: 3 },
    { from: 'Meta', to: 'OpenAI', direction: 'US→US', count: 1 },
    { from: 'Google', to: 'ByteDance', direction: 'US→CN', count: 2 },
    { from: 'Alibaba', to: 'Moonshot AI', direction: 'CN→CN', count: 1 },
  ];
  const cjkFlows = [
    { from: '百度', to: '蓝色光标', count: 3 },
    { from: 'OpenAI', to: 'ソニー', count: 2 },
    { from: '삼성전자', to: '字节跳动', count: 1 },
  ];

  it('renders flows in both directions without a sankey cycle, naming every firm', () => {
    const svg = flowChartSvg(flows, 'Talent flows');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const firm of ['OpenAI', 'Meta', 'Google', 'ByteDance', 'Moonshot AI']) expect(svg).toContain(firm);
  });

  it('renders a PNG, kept as a test artifact', () => {
    const png = flowChartPng(flows, 'Talent flows');
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(png.readUInt32BE(16)).toBe(900); // IHDR width
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/talent-flows.png', png);
  });

  it('renders an empty-state picture when nobody moved', () => {
    const png = flowChartPng([], 'Talent flows');
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
  });

  it('names the shipped font in the SVG and labels Chinese names with the English or pinyin name', () => {
    const k = loadKnowledge('config');
    const svg = flowChartSvg(cjkFlows, 'Talent flows', { knownOrg: k.knownOrg });
    expect(svg).toContain(`font-family:${CHART_FONT_FAMILY}`);
    for (const label of ['>百度 (Baidu)<', '>字节跳动 (ByteDance)<', '>蓝色光标 (Lanse Guangbiao)<', '>ソニー<', '>삼성전자<']) expect(svg).toContain(label);
    expect(svg).not.toContain('▸'); // node ids keep their side marker; labels show the name alone
  });

  it('draws Chinese, Japanese and Korean labels as glyphs, not as empty boxes', () => {
    const k = loadKnowledge('config');
    const svg = flowChartSvg(cjkFlows, 'Talent flows 人才流动', { knownOrg: k.knownOrg });
    const drawn = pixels(svg);
    for (const label of ['百度 (Baidu)', '蓝色光标 (Lanse Guangbiao)', 'ソニー', '삼성전자', '字节跳动 (ByteDance)', 'Talent flows 人才流动']) {
      const boxed = svg.replace(`>${label}<`, `>${tofu(label)}<`);
      expect(boxed, label).not.toBe(svg);
      // Every CJK character drawn as its glyph differs from the box by many pixels; with a font that
      // lacks the script both pictures would be the same boxes.
      const cjkChars = [...label].filter((ch) => CJK.test(ch)).length;
      expect(differing(drawn, pixels(boxed)), label).toBeGreaterThan(20 * cjkChars);
    }
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/talent-flows-cjk.png', flowChartPng(cjkFlows, 'Talent flows 人才流动', { knownOrg: k.knownOrg }));
  });

  it('draws nothing for a label without a font: the glyphs come from the shipped font, not the host', () => {
    const svg = flowChartSvg(cjkFlows, 'Talent flows');
    const bare = new Resvg(svg, { background: '#ffffff', font: { loadSystemFonts: false, fontFiles: [] } }).render().pixels;
    const blank = new Resvg(svg.replace(/>百度 \(Baidu\)</, '><'), { background: '#ffffff', font: { loadSystemFonts: false, fontFiles: [] } }).render().pixels;
    expect(differing(bare, blank)).toBe(0);
    expect(differing(pixels(svg), pixels(svg.replace(/>百度 \(Baidu\)</, '><')))).toBeGreaterThan(100);
  });

  it('refuses to render without its font rather than drawing boxes', () => {
    expect(() => flowChartPng(cjkFlows, 'Talent flows', { fontFile: '/nonexistent/font.ttc' })).toThrow(ChartFontError);
    expect(() => chartFontOptions('/nonexistent/font.ttc')).toThrow(/CHART_FONT_MISSING|chart font not found/);
  });
});
