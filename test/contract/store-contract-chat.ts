// Contract: what people set up from chat — sources, watches, feedback, mutes (store/chat.ts).
import { expect, it } from 'vitest';
import type { ChatSource, Feedback, Mute, Watch } from '../../src/store/store.js';
import type { StoreGetter } from './store-contract.js';
import { DAY, T0, at } from './store-contract-fixtures.js';

const source = (name: string, o: Partial<ChatSource> = {}): ChatSource => ({
  name,
  url: `https://${name}.example/feed.xml`,
  kind: 'rss',
  title: `${name} news`,
  addedBy: 'U1',
  addedAt: T0.toISOString(),
  platform: 'slack',
  channel: 'C1',
  ...o,
});

const watch = (id: string, o: Partial<Watch> = {}): Watch => ({
  id,
  platform: 'slack',
  channel: 'C1',
  from: 'C1',
  query: '"H-1B" visa firm:OpenAI',
  filter: { text: '"H-1B" visa', firms: ['OpenAI'], topics: ['talent'], lang: 'en' },
  createdBy: 'U1',
  createdAt: T0.toISOString(),
  ...o,
});

const feedback = (alertId: string, o: Partial<Feedback> = {}): Feedback => ({
  alertId,
  platform: 'discord',
  channel: '42',
  user: 'u7',
  action: 'not_relevant',
  at: T0.toISOString(),
  source: 'wire',
  lang: 'en',
  title: 'A story',
  summary: 'What happened.',
  link: 'https://news.example/a',
  published: T0.toISOString(),
  topics: ['talent'],
  firms: ['OpenAI'],
  score: 0.7,
  moves: [{ person: 'Jane Doe', from: 'OpenAI', to: 'DeepSeek' }],
  ...o,
});

export function chatContract(get: StoreGetter): void {
  it('adds chat sources once by name, lists them oldest first, removes them with their poll state', async () => {
    const s = get();
    expect(await s.addChatSource(source('techwire'))).toBe(true);
    expect(await s.addChatSource(source('techwire', { url: 'https://other.example/rss' }))).toBe(false);
    expect(await s.addChatSource(source('aaa', { addedAt: at(1000).toISOString(), title: undefined }))).toBe(true);
    expect(await s.listChatSources()).toEqual([source('techwire'), source('aaa', { addedAt: at(1000).toISOString(), title: undefined })]);
    await s.saveSourceState({ name: 'techwire', url: 'https://techwire.example/feed.xml', consecutiveFailures: 0, initialized: true, disabled: false });
    await s.saveSourceState({ name: 'config-src', url: 'https://c.example/rss', consecutiveFailures: 0, initialized: true, disabled: false });
    expect(await s.removeChatSource('techwire')).toBe(true);
    expect(await s.removeChatSource('techwire')).toBe(false);
    expect((await s.listChatSources()).map((x) => x.name)).toEqual(['aaa']);
    expect((await s.getSourceStates()).map((x) => x.name)).toEqual(['config-src']);
    // Re-added under the same name, it starts fresh: its first poll records the backlog again.
    expect(await s.addChatSource(source('techwire'))).toBe(true);
    expect(await s.leaseSource('techwire', 'o', 10_000)).toEqual({ state: null });
  });

  it('keeps watches with every field, filters by platform, removes by id', async () => {
    const s = get();
    const dm = watch('w2', { channel: 'D9', user: 'U9', createdAt: at(5).toISOString() });
    await s.addWatch(watch('w1'));
    await s.addWatch(dm);
    await s.addWatch(watch('w3', { platform: 'discord', channel: '42', from: '42', createdAt: at(9).toISOString() }));
    expect(await s.listWatches({ platform: 'slack' })).toEqual([watch('w1'), dm]);
    expect((await s.listWatches()).map((w) => w.id)).toEqual(['w1', 'w2', 'w3']);
    expect(await s.removeWatch('w1')).toBe(true);
    expect(await s.removeWatch('w1')).toBe(false);
    expect((await s.listWatches()).map((w) => w.id)).toEqual(['w2', 'w3']);
  });

  it('records one verdict per person, alert, channel and action, with the features, oldest first', async () => {
    const s = get();
    expect(await s.addFeedback(feedback('a1'))).toBe(true);
    expect(await s.addFeedback(feedback('a1', { at: at(5).toISOString() }))).toBe(false);
    expect(await s.addFeedback(feedback('a1', { action: 'mute', at: at(3).toISOString() }))).toBe(true);
    expect(await s.addFeedback(feedback('a1', { user: 'u8', at: at(1).toISOString() }))).toBe(true);
    const all = await s.listFeedback();
    expect(all.map((f) => [f.user, f.action])).toEqual([
      ['u7', 'not_relevant'],
      ['u8', 'not_relevant'],
      ['u7', 'mute'],
    ]);
    expect(all[0]).toEqual(feedback('a1'));
    expect(await s.listFeedback(1)).toHaveLength(1);
  });

  it('mutes a source per channel until it expires; a later mute extends, an earlier one does not shorten', async () => {
    const s = get();
    const m: Mute = { platform: 'slack', channel: 'C1', source: 'wire', until: at(7 * DAY).toISOString(), by: 'U1' };
    await s.addMute(m);
    await s.addMute({ ...m, channel: 'C2', until: at(DAY).toISOString() });
    await s.addMute({ ...m, until: at(DAY).toISOString(), by: 'U2' });
    expect(await s.listMutes(T0)).toEqual([m, { ...m, channel: 'C2', until: at(DAY).toISOString() }]);
    expect(await s.listMutes(at(2 * DAY))).toEqual([m]);
    await s.addMute({ ...m, until: at(9 * DAY).toISOString() });
    expect((await s.listMutes(at(8 * DAY))).map((x) => x.channel)).toEqual(['C1']);
    expect(await s.listMutes(at(10 * DAY))).toEqual([]);
  });
}
