// The talent-flow chart: an ECharts sankey rendered to SVG on the server, then to PNG with resvg,
// which draws its text with the font the project ships (fonts.ts), never the host's.
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, chartFontOptions } from './fonts.js';
import { chartLabel, type OrgLookup } from './labels.js';

export interface Flow {
  from: string;
  to: string;
  direction?: string;
  count: number;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Firm knowledge lookup, for "百度 (Baidu)" labels; without it Chinese names get pinyin. */
  knownOrg?: OrgLookup;
  /** Font file for resvg; default the shipped one (tests point it elsewhere). */
  fontFile?: string;
}

const FONT_SIZE = 12;
const FULL_WIDTH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** Rough width of a label in pixels, to leave room for it beside the nodes. */
function labelWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += FULL_WIDTH.test(ch) ? FONT_SIZE : FONT_SIZE * 0.6;
  return Math.ceil(w);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** SVG of the flows: departing firms on the left, destinations on the right. */
export function flowChartSvg(flows: Flow[], title: string, opts: ChartOptions = {}): string {
  const { width = 900, height = 520 } = opts;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  // Left and right nodes get distinct ids so A→B and B→A never make a cycle; labels show the name.
  const left = (n: string) => `${n} ▸`;
  const right = (n: string) => `▸ ${n}`;
  const labels = new Map<string, string>();
  for (const f of flows) {
    labels.set(left(f.from), chartLabel(f.from, opts.knownOrg));
    labels.set(right(f.to), chartLabel(f.to, opts.knownOrg));
  }
  const widest = (side: string) => Math.max(0, ...[...labels].filter(([id]) => id.startsWith(side) || id.endsWith(side)).map(([, l]) => labelWidth(l)));
  const margin = (side: string) => Math.min(Math.round(width * 0.35), Math.max(100, widest(side) + 16));
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    title: { text: title, left: 'center', textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 16 } },
    series: [
      {
        type: 'sankey',
        top: 40,
        bottom: 20,
        left: margin(' ▸'),
        right: margin('▸ '),
        nodeGap: 10,
        label: { fontFamily: CHART_FONT_FAMILY, fontSize: FONT_SIZE, formatter: (p: { name: string }) => labels.get(p.name) ?? p.name },
        lineStyle: { color: 'gradient', opacity: 0.5 },
        data: [...labels.keys()].map((name) => (name.endsWith(' ▸') ? { name, label: { position: 'left' } } : { name })),
        links: flows.map((f) => ({ source: left(f.from), target: right(f.to), value: f.count })),
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** SVG of the picture sent when nobody moved in the period. */
export function emptyChartSvg(title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="200"><rect width="100%" height="100%" fill="#fff"/><text x="450" y="100" text-anchor="middle" font-family="${CHART_FONT_FAMILY}" font-size="18">${escapeXml(title)}: no talent moves this period</text></svg>`;
}

/** PNG of an SVG, its text drawn with the shipped font only; throws ChartFontError without it. */
export function svgToPng(svg: string, fontFile?: string): Buffer {
  return Buffer.from(new Resvg(svg, { background: '#ffffff', font: chartFontOptions(fontFile) }).render().asPng());
}

/** PNG bytes of the chart; an empty-state picture when there were no moves. */
export function flowChartPng(flows: Flow[], title: string, opts: ChartOptions = {}): Buffer {
  return svgToPng(flows.length ? flowChartSvg(flows, title, opts) : emptyChartSvg(title), opts.fontFile);
}
