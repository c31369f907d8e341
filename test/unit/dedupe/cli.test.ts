import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDedupe } from '../../../src/cli/dedupe.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import type { Assessment, Item } from '../../../src/types.js';

const assess = (item: Item): Assessment => ({
  relevant: true,
  topics: ['talent'],
  score: 1,
  firms: /Kakao/.test(item.title) ? ['Kakao'] : [],
  moves: [],
  why: [],
  summary: item.title,
});

async function dedupe(lines: string[]): Promise<{ out: Array<Record<string, unknown>>; count: number }> {
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c) => chunks.push(String(c)));
  input.end(lines.join('\n') + '\n');
  const store = SqliteStore.open({ file: ':memory:' });
  try {
    const { count } = await runDedupe(input, output, { store, assess });
    return {
      out: chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
      count,
    };
  } finally {
    await store.close();
  }
}

const line = (o: Record<string, unknown>) => JSON.stringify(o);
const base = { source: 'wire', lang: 'en', published: '2026-04-01T08:00:00Z' };

describe('runDedupe (talent-radar dedupe)', () => {
  it('writes {"id","duplicateOf"} per item in order, using the caller ids', async () => {
    const { out, count } = await dedupe([
      line({
        ...base,
        id: 'first',
        title: 'Kakao opens an AI agent store inside KakaoTalk chats',
        summary: 'Users can summon partner agents in chats to book tables and send gifts.',
        link: 'https://a.example/1',
      }),
      line({ ...base, id: 'same-link', title: 'A different headline entirely for the same page', summary: '', link: 'https://a.example/1' }),
      line({
        ...base,
        id: 'other',
        title: 'Regional bank completes mainframe migration to the cloud',
        summary: 'Nightly batches now finish in a third of the time.',
        link: 'https://b.example/2',
      }),
    ]);
    expect(count).toBe(3);
    expect(out).toEqual([
      { id: 'first', duplicateOf: null },
      { id: 'same-link', duplicateOf: 'first' },
      { id: 'other', duplicateOf: null },
    ]);
  });

  it('canonicalizes links, so tracking parameters do not hide the same page', async () => {
    const { out } = await dedupe([
      line({ ...base, id: 'p1', title: 'Kakao opens an AI agent store inside KakaoTalk chats', link: 'https://a.example/story/9' }),
      line({
        ...base,
        id: 'p2',
        title: 'Headline rewritten by the newsletter desk today',
        link: 'https://a.example/story/9?utm_source=newsletter&utm_medium=email#top',
      }),
    ]);
    expect(out).toEqual([
      { id: 'p1', duplicateOf: null },
      { id: 'p2', duplicateOf: 'p1' },
    ]);
  });

  it('answers a bad line with an error and goes on', async () => {
    const { out, count } = await dedupe([
      '{not json',
      line({ ...base, id: 'no-title', summary: 'x' }),
      line({ ...base, id: 7, title: 'Kakao opens an AI agent store inside KakaoTalk chats', link: 'https://a.example/7' }),
    ]);
    expect(count).toBe(1);
    expect(out[0]).toMatchObject({ id: null, error: expect.stringMatching(/not JSON/) });
    expect(out[1]).toMatchObject({ id: 'no-title', error: expect.stringMatching(/missing "title"/) });
    expect(out[2]).toEqual({ id: '7', duplicateOf: null });
  });
});
