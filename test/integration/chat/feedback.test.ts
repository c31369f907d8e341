// "Not relevant" and "Mute source 7 d" on every alert, through the signed Slack and Discord
// endpoints of the whole app, on both backends: stored with the alert's features, mutes per
// channel suppress that source there, metrics and the status page count them, and
// `talent-radar feedback export` writes rows in the dev set's shape.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseEvalRows } from '../../../src/feedback/eval-rows.js';
import { renderStatusPage } from '../../../src/http/status-page.js';
import { runCli } from '../../support/cli.js';
import { APP_ID, CHANNEL } from '../discord/helpers.js';
import { moveStory, startBot, type BotHarness } from './bot-harness.js';
import { eachBackend, textOf } from './harness.js';

const ROUTES = `routes:\n  - platform: slack\n    channel: C0\n  - platform: discord\n    channel: "${CHANNEL}"\n`;
const LONG_GUID = `https://wire.example/news/2026/11/30/${'a-very-long-slug-'.repeat(6)}end`;

eachBackend('feedback on alerts', (backend) => {
  let h: BotHarness;
  let seq = 0;
  beforeEach(async () => {
    h = await startBot(backend, ROUTES, ['wire', 'other']);
    h.slackApi.admins.add('UADMIN');
    h.publish('wire', moveStory(0));
    await h.tick();
    h.publish('wire', moveStory(1, { who: 'Chiara Okafor' }), { ...moveStory(2, { who: 'Dara Sahin' }), guid: LONG_GUID });
    await h.tick();
  });
  afterEach(() => h.close());

  const slackAlert = (who: string) => h.slackApi.messages.find((m) => m.channel === 'C0' && String(m.text).includes(who))!;
  const discordAlert = (who: string) => h.discordApi.messages.find((m) => m.channel_id === CHANNEL && JSON.stringify(m.embeds).includes(who))!;
  const slackClick = async (actionId: string, value: string | undefined, user = 'U2', channel = 'C0') => {
    const n = h.slackApi.responses.length + 1;
    const action: Record<string, unknown> = { action_id: actionId, block_id: 'fb', type: 'button', action_ts: '1.2' };
    if (value !== undefined) action.value = value;
    const status = await h.slackAction({
      type: 'block_actions',
      token: 'legacy',
      api_app_id: 'A1',
      team: { id: 'T1' },
      user: { id: user },
      channel: { id: channel },
      container: { type: 'message' },
      trigger_id: '1.2.3',
      response_url: h.slackApi.responseUrl(`fb${++seq}`),
      actions: [action],
    });
    expect(status).toBe(200);
    await h.slackApi.waitForResponses(n, 10_000);
    return h.slackApi.responses[n - 1]!.body;
  };
  const discordClick = (customId: string, o: { permissions?: string; userId?: string } = {}) =>
    h.discord({
      id: `95${++seq}`,
      application_id: APP_ID,
      type: 3,
      token: `ftok${seq}`,
      version: 1,
      guild_id: '290926798626357999',
      channel_id: CHANNEL,
      channel: { id: CHANNEL, type: 0 },
      member: { user: { id: o.userId ?? '53908232506183680', username: 'Mason' }, roles: [], permissions: o.permissions ?? '0' },
      message: { id: '1' },
      data: { custom_id: customId, component_type: 2 },
    });

  it('puts both buttons on every alert, Slack and Discord (long ids as a remembered hash)', async () => {
    const s = slackAlert('Chiara Okafor');
    const actions = (s.blocks as any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
    const ids = actions.map((e: any) => e.action_id);
    expect(ids).toEqual(expect.arrayContaining(['talent_fb_not_relevant', 'talent_fb_mute']));
    expect(actions.find((e: any) => e.action_id === 'talent_fb_mute').value).toBe('wire:wire-1');
    const d = discordAlert('Chiara Okafor');
    expect(d.components![0].components.map((c: any) => c.custom_id)).toEqual(['talent:fb:not_relevant:wire:wire-1', 'talent:fb:mute:wire:wire-1']);
    const long = discordAlert('Dara Sahin').components![0].components[0].custom_id as string;
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/^talent:fb:not_relevant:#[0-9a-f]{24}$/);
    const r = await discordClick(long);
    expect(textOf(r.json)).toContain('marked not relevant');
    expect((await h.app.store.listFeedback())[0]).toMatchObject({ alertId: `wire:${LONG_GUID}`, platform: 'discord' });
  });

  it('Slack: not relevant is stored once with the features; the export has the dev set fields', async () => {
    const r = await slackClick('talent_fb_not_relevant', 'wire:wire-1');
    expect(r.response_type).toBe('ephemeral');
    expect(r.replace_original).toBe(false);
    expect(textOf(r)).toContain('is marked not relevant');
    expect(textOf(await slackClick('talent_fb_not_relevant', 'wire:wire-1'))).toContain('You already marked');
    await slackClick('talent_fb_not_relevant', 'wire:wire-1', 'U3');
    const fb = await h.app.store.listFeedback();
    expect(fb).toHaveLength(2);
    expect(fb[0]).toMatchObject({
      alertId: 'wire:wire-1',
      platform: 'slack',
      channel: 'C0',
      user: 'U2',
      action: 'not_relevant',
      source: 'wire',
      lang: 'en',
      topics: ['talent'],
      firms: expect.arrayContaining(['OpenAI', 'Meta']),
    });
    expect(fb[0].title).toContain('Chiara Okafor');
    expect(fb[0].score).toBeGreaterThan(0);

    const metrics = await h.app.metrics.registry.metrics();
    expect(metrics).toContain('talent_radar_feedback_total{action="not_relevant",source="wire",topic="talent"} 2');
    const page = renderStatusPage({ app: h.app, states: [], latest: [], feedback: fb });
    expect(page).toMatch(/<h2>Feedback<\/h2>.*<td>wire<\/td><td>2<\/td><td>0<\/td>.*<td>talent<\/td><td>2<\/td>/s);

    const out = await runCli(['feedback', 'export'], h.env);
    expect(out.code).toBe(0);
    const rows = parseEvalRows(out.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: 'wire:wire-1',
      source: 'wire',
      lang: 'en',
      link: 'https://wire.example/story-1',
      labels: { topics: [], firms: [], cluster: null, move: null },
    });
    expect(Object.keys(JSON.parse(out.stdout.split('\n')[0]))).toEqual(['id', 'source', 'lang', 'title', 'summary', 'link', 'published', 'labels', 'feedback']);
    expect(JSON.parse(out.stdout.split('\n')[0]).feedback).toMatchObject({ votes: 2, channels: ['slack:C0'] });
  });

  it('mute: admins only, per channel, suppresses that source there until it expires', async () => {
    const refused = await slackClick('talent_fb_mute', 'wire:wire-1', 'U2');
    expect(textOf(refused)).toMatch(/only workspace admins/);
    expect(await h.app.store.listMutes()).toEqual([]);
    const ok = await slackClick('talent_fb_mute', 'wire:wire-1', 'UADMIN');
    expect(ok.response_type).toBe('in_channel');
    expect(textOf(ok)).toMatch(/Source \\"wire\\" is muted in this channel for 7 days, until \d{4}-\d\d-\d\d/);
    const [m] = await h.app.store.listMutes();
    expect(m).toMatchObject({ platform: 'slack', channel: 'C0', source: 'wire', by: 'UADMIN' });
    expect(Date.parse(m.until) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    h.publish('wire', moveStory(3, { who: 'Elif Haddad' }));
    h.publish('other', moveStory(4, { who: 'Farid Ito', source: 'other' }));
    await h.tick(); // first poll of "other" records its backlog
    h.publish('other', moveStory(5, { who: 'Grace Brandt', source: 'other' }));
    await h.tick();
    const inC0 = h.slackApi.messages.filter((m) => m.channel === 'C0').map((m) => String(m.text));
    expect(inC0.some((t) => t.includes('Elif Haddad'))).toBe(false); // muted source, muted channel
    expect(inC0.some((t) => t.includes('Grace Brandt'))).toBe(true); // another source
    expect(h.discordApi.messages.some((x) => JSON.stringify(x.embeds).includes('Elif Haddad'))).toBe(true); // another channel

    // Discord: Manage Server mutes there.
    const d = await discordClick('talent:fb:mute:wire:wire-1', { permissions: String(1 << 5) });
    expect(d.json.type).toBe(4);
    expect(d.json.data.flags).toBeUndefined();
    expect((await h.app.store.listMutes()).map((x) => `${x.platform}:${x.channel}`).sort()).toEqual([`discord:${CHANNEL}`, 'slack:C0']);
  });

  it('malformed or stale actions get a clear reply and change nothing', async () => {
    expect(textOf(await slackClick('talent_fb_bogus', 'wire:wire-1'))).toMatch(/not one I know/);
    expect(textOf(await slackClick('talent_fb_not_relevant', undefined))).toMatch(/arrived without the alert/);
    expect(textOf(await slackClick('talent_fb_not_relevant', 'wire:nope'))).toMatch(/no longer in the archive/);
    expect(textOf(await slackClick('talent_fb_not_relevant', '#0123456789abcdef01234567'))).toMatch(/no longer in the archive/);
    for (const id of ['talent:fb:', 'talent:fb:not_relevant:', 'talent:fb:nope']) {
      const r = await discordClick(id);
      expect(r.json.data.flags, id).toBe(64);
      expect(textOf(r.json), id).toMatch(/malformed/);
    }
    expect(textOf((await discordClick('talent:fb:bogus:wire:wire-1')).json)).toMatch(/not one I know/);
    expect(textOf((await discordClick('talent:fb:mute:wire:wire-1')).json)).toMatch(/Manage Server/);
    // A forged (unsigned) Slack action is refused before anything runs.
    const res = await fetch(`${h.base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': 'v0=deadbeef',
      },
      body: 'payload=%7B%7D',
    });
    expect(res.status).toBe(401);
    expect(await h.app.store.listFeedback()).toEqual([]);
    expect(await h.app.store.listMutes()).toEqual([]);
  });
});
