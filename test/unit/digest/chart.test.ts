import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowChartPng, flowChartSvg } from '../../../src/digest/chart.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('talent-flow chart', () => {
  const flows = [
    { from: 'OpenAI', to: 'Meta', direction: 'US→US', count: 3 },
    { from: 'Meta', to: 'OpenAI', direction: 'US→US', count: 1 },
    { from: 'Google', to: 'ByteDance', direction: 'US→CN', count: 2 },
    { from: 'Alibaba', to: 'Moonshot AI', direction: 'CN→CN', count: 1 },
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
});
