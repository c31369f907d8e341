// routes[].folds: thread — late retellings reply under the alert (Slack thread_ts, Discord message
// reference) instead of editing it; `edit` (the default) edits as before. Whole app, both backends.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createSlackClient } from '../../../src/platforms/slack/client.js';
import { SlackPoster } from '../../../src/platforms/slack/poster.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { CHANNEL, sampleAlert } from '../discord/helpers.js';
import { moveStory, startBot, type BotHarness } from './bot-harness.js';
import { eachBackend } from './harness.js';

const ROUTES = `routes:
  - platform: slack
    channel: C0
    folds: thread
  - platform: slack
    channel: C1
  - platform: discord
    channel: "${CHANNEL}"
    folds: thread
`;

eachBackend('threads', (backend) => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await startBot(backend, ROUTES, ['wire', 'other', 'third']);
    for (const s of ['wire', 'other', 'third']) h.publish(s, moveStory(500 + s.length, { source: s }));
    await h.tick();
  });
  afterEach(() => h.close());

  it('replies in the thread where the route says so, edits where it does not', async () => {
    h.publish('wire', moveStory(1, { who: 'Chiara Okafor', to: 'DeepSeek' }));
    await h.tick();
    const orig = (channel: string) => h.slackApi.messages.find((m) => m.channel === channel && !m.thread_ts && String(m.text).includes('Chiara Okafor'))!;
    const dOrig = h.discordApi.messages.find((m) => JSON.stringify(m.embeds).includes('Chiara Okafor'))!;
    expect(orig('C0')).toBeTruthy();

    h.publish('other', moveStory(1, { who: 'Chiara Okafor', to: 'DeepSeek', source: 'other' }));
    await h.tick();
    const replies = h.slackApi.messages.filter((m) => m.channel === 'C0' && m.thread_ts);
    expect(replies).toHaveLength(1);
    expect(replies[0].thread_ts).toBe(orig('C0').ts);
    expect(String(replies[0].text)).toContain('Also reported by');
    expect(JSON.stringify(replies[0].blocks)).toContain('other');
    expect(orig('C0').edited).toBeUndefined();
    expect(orig('C1').edited).toBe(true); // the default: edit
    expect(h.slackApi.messages.filter((m) => m.channel === 'C1' && m.thread_ts)).toHaveLength(0);

    const dReplies = h.discordApi.messages.filter((m) => m.message_reference);
    expect(dReplies).toHaveLength(1);
    expect(dReplies[0].message_reference).toEqual({ message_id: dOrig.id });
    expect(dReplies[0].allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(dReplies[0].embeds)).toContain('other');
    expect(dOrig.edits).toBe(0);

    // A second retelling: a second reply, naming only the new source.
    h.publish('third', moveStory(1, { who: 'Chiara Okafor', to: 'DeepSeek', source: 'third' }));
    await h.tick();
    const again = h.slackApi.messages.filter((m) => m.channel === 'C0' && m.thread_ts);
    expect(again).toHaveLength(2);
    expect(JSON.stringify(again[1].blocks)).toContain('third');
    expect(JSON.stringify(again[1].blocks)).not.toContain('https://other.example');
    expect(h.discordApi.messages.filter((m) => m.message_reference)).toHaveLength(2);
  });
});

it('a retried thread reply on Slack is not posted twice (found by its metadata in the thread)', async () => {
  const fake = await new FakeSlackApi().start();
  try {
    const poster = new SlackPoster({
      client: createSlackClient({ botToken: fake.token, apiUrl: fake.url, log: silentLogger() }),
      log: silentLogger(),
      foldsFor: () => 'thread',
    });
    const alert = sampleAlert({ alsoReportedBy: [{ source: 'Other wire', link: 'https://other.example/1', title: 'Same story', at: '2026-11-28T11:00:00Z' }] });
    const posted = await poster.post(
      { id: 'alert:slack:C9:x', kind: 'alert', platform: 'slack', channel: 'C9', alertId: alert.id, attempts: 0, createdAt: alert.fetchedAt },
      { kind: 'alert', alert },
    );
    const update = {
      id: `update:slack:C9:${alert.id}:1`,
      kind: 'update' as const,
      platform: 'slack' as const,
      channel: 'C9',
      alertId: alert.id,
      attempts: 0,
      createdAt: alert.fetchedAt,
    };
    await poster.update(update, posted.messageId, { kind: 'update', alert });
    await poster.update({ ...update, attempts: 1 }, posted.messageId, { kind: 'update', alert });
    expect(fake.messages.filter((m) => m.thread_ts)).toHaveLength(1);
    expect(fake.callsTo('conversations.replies')).toHaveLength(1);
  } finally {
    await fake.stop();
  }
});
