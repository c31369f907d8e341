import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runClassify } from '../../../src/cli/classify.js';
import { engine } from './helpers.js';

async function run(lines: string[]) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => (text += String(c)));
  const r = await runClassify(Readable.from(lines.map((l) => `${l}\n`)), out, { classifier: engine().classifier });
  return {
    ...r,
    rows: text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('classify CLI over a stream', () => {
  it('writes one line per item and goes on after a bad line', async () => {
    const r = await run([
      JSON.stringify({
        id: 'a1',
        title: 'OpenAI researcher Lena Hoffmann joins Anthropic',
        summary: 'Lena Hoffmann, who worked on reasoning at OpenAI, has joined Anthropic.',
        link: 'https://x.test/1',
        source: 's',
        lang: 'en',
        published: '2026-01-01T00:00:00Z',
      }),
      '{not json',
      JSON.stringify({ id: 'a3' }),
      '',
      JSON.stringify({ id: 7, title: '<b>微信</b>上线AI智能体', summary: '腾讯宣布微信小程序接入AI智能体。' }),
    ]);
    expect(r.count).toBe(4);
    expect(r.errors).toBe(2);
    expect(r.rows).toHaveLength(4);
    expect(r.rows[0]).toMatchObject({ id: 'a1', relevant: true, topics: ['talent'], firms: ['OpenAI', 'Anthropic'] });
    expect(Object.keys(r.rows[0])).toEqual(['id', 'relevant', 'topics', 'firms', 'score', 'moves', 'summary', 'gist', 'why']);
    expect((r.rows[0].moves as Array<{ from: string; to: string }>)[0]).toMatchObject({ from: 'OpenAI', to: 'Anthropic' });
    expect(r.rows[1]).toEqual({ id: null, error: 'line 2 is not valid JSON' });
    expect(r.rows[2]).toMatchObject({ id: 'a3' });
    expect(String(r.rows[2].error)).toMatch(/title/);
    expect(r.rows[3]).toMatchObject({ id: '7', relevant: true, topics: ['superapp'], firms: ['Tencent'] });
    // A Chinese item's gist is English: firms by their English names, products romanized.
    expect(r.rows[3].gist).toMatch(/^Tencent: .*(?:WeChat|Weixin)/);
    expect(String(r.rows[3].gist)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('uses an assessor when given one', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => (text += String(c)));
    const assessor = {
      assess: async (items: unknown[]) => items.map(() => ({ relevant: false, topics: [], score: 0.1, firms: [], moves: [], why: ['fake'], summary: 's' })),
    };
    const r = await runClassify(Readable.from([`${JSON.stringify({ id: 'z', title: 't' })}\n`]), out, { assessor });
    expect(r).toEqual({ count: 1, errors: 0 });
    expect(JSON.parse(text)).toMatchObject({ id: 'z', score: 0.1, why: ['fake'] });
  });
});

describe('classify through the bin', () => {
  it('stops quietly when its reader closes the pipe early (| head): SIGPIPE status 141, no stack trace', async () => {
    const { spawn, spawnSync } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const bin = join(process.cwd(), 'dist/cli.js');
    if (!existsSync(bin)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    const line = JSON.stringify({ id: 'x', title: 'OpenAI researcher Lena Hoffmann joins Anthropic', summary: 'She worked on reasoning.' });
    const child = spawn(process.execPath, [bin, 'classify'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    // The bin may be gone before all input is written: that is the point.
    child.stdin.on('error', () => {});
    // Read the first line, then close our end as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    for (let i = 0; i < 5000; i++) child.stdin.write(`${line}\n`);
    child.stdin.end();
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(141);
  }, 30_000);
});
