// `/talent watch`, `watch me`, `watches`, `unwatch` through the signed Slack and Discord endpoints
// of the whole app, on both store backends; matching alerts reach channels and DMs through the
// real pipeline and outbox, once per story, even when no route sends them.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CHANNEL, commandPayload } from '../discord/helpers.js';
import { moveStory, startBot, type BotHarness } from './bot-harness.js';
import { eachBackend, textOf } from './harness.js';

const ROUTES = 'routes:\n  - platform: slack\n    channel: CROUTE\n    topics: [superapp]\n';
const DISCORD_USER = '53908232506183680';

eachBackend('watches', (backend) => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await startBot(backend, ROUTES);
    h.slackApi.admins.add('UADMIN');
    h.publish('wire', moveStory(0));
    await h.tick(); // the backlog is recorded, not posted
  });
  afterEach(() => h.close());

  const posted = (channel: string) => h.slackApi.messages.filter((m) => m.channel === channel).map((m) => String(m.text));
  const discordPosted = (channel: string) => h.discordApi.messages.filter((m) => m.channel_id === channel).map((m) => JSON.stringify(m.embeds));

  it('posts matching new alerts to the watching channel and DMs, once, on Slack and Discord', async () => {
    const refused = await h.slash('watch "Chiara Okafor"', 'U2');
    expect(textOf(refused)).toMatch(/only workspace admins.*watch me/);
    const ok = await h.slash('watch "Chiara Okafor"', 'UADMIN');
    expect(ok.response_type).toBe('in_channel');
    expect(textOf(ok)).toContain('This channel will get every new alert matching \\"Chiara Okafor\\"');
    const mine = await h.slash('watch me firm:DeepSeek -Costa', 'U2');
    expect(mine.response_type).toBe('ephemeral');
    expect(textOf(mine)).toContain("I'll send you a direct message");
    expect(h.slackApi.callsTo('conversations.open').map((c) => c.body.users)).toEqual(['U2']);

    const dm = await h.discord(commandPayload('watch-me', [{ name: 'query', value: 'Okafor' }], { userId: DISCORD_USER }));
    expect(dm.status).toBe(200);
    expect(dm.json.data.flags).toBe(64);
    expect(h.discordApi.dmChannels.get(DISCORD_USER)).toBeTruthy();
    const refusedD = await h.discord(commandPayload('watch', [{ name: 'query', value: 'Sahin' }]));
    expect(textOf(refusedD.json)).toMatch(/Manage Server/);
    const chan = await h.discord(
      commandPayload(
        'watch',
        [
          { name: 'query', value: 'Sahin' },
          { name: 'firm', value: 'DeepSeek' },
        ],
        { permissions: String(1 << 5) },
      ),
    );
    expect(chan.json.data.flags).toBeUndefined();

    h.publish(
      'wire',
      moveStory(1, { who: 'Chiara Okafor' }),
      moveStory(2, { who: 'Dara Sahin', to: 'DeepSeek' }),
      moveStory(3, { who: 'Bruno Costa', to: 'DeepSeek' }),
    );
    await h.tick();
    expect(posted('C1')).toEqual([expect.stringContaining('Chiara Okafor')]);
    expect(posted('DU2')).toEqual([expect.stringContaining('Dara Sahin')]);
    expect(posted('CROUTE')).toEqual([]);
    const dmChannel = h.discordApi.dmChannels.get(DISCORD_USER)!;
    expect(discordPosted(dmChannel)).toEqual([expect.stringContaining('Chiara Okafor')]);
    expect(discordPosted(CHANNEL)).toEqual([expect.stringContaining('Dara Sahin')]);

    // Nothing new: nothing posted again.
    await h.tick();
    expect(h.slackApi.callsTo('chat.postMessage')).toHaveLength(2);
    expect(h.discordApi.messages).toHaveLength(2);
  });

  it('lists watches numbered, unwatches by number with the admin rule for channel watches', async () => {
    await h.slash('watch "H-1B"', 'UADMIN');
    await h.slash('watch me researcher lang:en', 'U2');
    await h.slash('watch me firm:Meta', 'U3');
    const list = await h.slash('watches', 'U2');
    expect(list.response_type).toBe('ephemeral');
    const text = textOf(list);
    expect(text).toMatch(/1\. \\"H-1B\\" — this channel/);
    expect(text).toMatch(/2\. researcher lang:en — your DMs/);
    expect(text).not.toContain('firm:Meta');
    expect(textOf(await h.slash('unwatch 5', 'U2'))).toMatch(/There is no watch 5 here \(there are 2\)/);
    expect(textOf(await h.slash('unwatch 1', 'U2'))).toMatch(/only workspace admins/);
    expect(textOf(await h.slash('unwatch 2', 'U2'))).toContain('Stopped watching researcher lang:en for you');
    expect((await h.app.store.listWatches()).map((w) => w.query).sort()).toEqual(['"H-1B"', 'firm:Meta']);
    expect(textOf(await h.slash('unwatch 1', 'UADMIN'))).toContain('This channel no longer watches');
    expect((await h.app.store.listWatches()).map((w) => w.query)).toEqual(['firm:Meta']);
    const d = await h.discord(commandPayload('watches', [], { userId: '999' }));
    expect(textOf(d.json)).toMatch(/No watches here yet/);
  });

  it('bad input gets a clear reply and saves nothing', async () => {
    h.slackApi.noDm.add('U9');
    const cases: Array<[string, string, RegExp]> = [
      ['watch', 'UADMIN', /say what to watch for/],
      ['watch me', 'U2', /say what to watch for/],
      ['watch firm:Nopeco', 'UADMIN', /I don't know the firm/],
      ['watch since:7d openai', 'UADMIN', /unknown option \\"since:\\"/],
      ['watch me researcher', 'U9', /could not open a direct message/],
      ['unwatch', 'U2', /give the number of a watch/],
      ['unwatch two', 'U2', /give the number of a watch/],
      ['unwatch 1', 'U2', /There is no watch 1 here/],
    ];
    for (const [text, user, want] of cases) {
      const r = await h.slash(text, user);
      expect(r.response_type, text).toBe('ephemeral');
      expect(textOf(r), text).toMatch(want);
    }
    expect(await h.app.store.listWatches()).toEqual([]);
  });
});
