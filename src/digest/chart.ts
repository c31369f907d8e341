// The talent-flow chart: an ECharts sankey rendered to SVG on the server, then to PNG with resvg.
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';

export interface Flow {
  from: string;
  to: string;
  direction?: string;
  count: number;
}

/** SVG of the flows: departing firms on the left, destinations on the right. */
export function flowChartSvg(flows: Flow[], title: string, width = 900, height = 520): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  // Left and right nodes get distinct names so A→B and B→A never make a cycle.
  const left = (n: string) => `${n} ▸`;
  const right = (n: string) => `▸ ${n}`;
  const nodes = new Set<string>();
  for (const f of flows) {
    nodes.add(left(f.from));
    nodes.add(right(f.to));
  }
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: title, left: 'center', textStyle: { fontFamily: 'DejaVu Sans, sans-serif', fontSize: 16 } },
    series: [
      {
        type: 'sankey',
        top: 40,
        bottom: 20,
        left: 150,
        right: 140,
        nodeGap: 10,
        label: { fontFamily: 'DejaVu Sans, sans-serif', fontSize: 12 },
        lineStyle: { color: 'gradient', opacity: 0.5 },
        data: [...nodes].map((name) => (name.endsWith(' ▸') ? { name, label: { position: 'left' } } : { name })),
        links: flows.map((f) => ({ source: left(f.from), target: right(f.to), value: f.count })),
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** PNG bytes of the chart; an empty-state picture when there were no moves. */
export function flowChartPng(flows: Flow[], title: string): Buffer {
  const svg = flows.length
    ? flowChartSvg(flows, title)
    : `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="200"><rect width="100%" height="100%" fill="#fff"/><text x="450" y="100" text-anchor="middle" font-family="DejaVu Sans" font-size="18">${title}: no talent moves this period</text></svg>`;
  const png = new Resvg(svg, { background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return Buffer.from(png);
}
