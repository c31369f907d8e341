// routes[].mention through the whole app on both backends: only matching alerts in that route's
// channel mention the Slack user group / Discord role; everything else keeps mentions off, and an
// edit (a retelling folded in) does not ping again.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CHANNEL } from '../discord/helpers.js';
import { moveStory, startBot, type BotHarness } from './bot-harness.js';
import { eachBackend } from './harness.js';

const ROLE = '999888777666555444';
const ROUTES = `routes:
  - platform: slack
    channel: C0
    mention: { who: S0TALENT, when: { firms: [DeepSeek], moves: true } }
  - platform: slack
    channel: C2
  - platform: discord
    channel: "${CHANNEL}"
    mention: { who: "${ROLE}", when: { minScore: 0.3, firms: [deepseek] } }
`;

eachBackend('mentions', (backend) => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await startBot(backend, ROUTES, ['wire', 'other']);
    h.publish('wire', moveStory(0));
    h.publish('other', moveStory(100, { source: 'other' }));
    await h.tick();
  });
  afterEach(() => h.close());

  it('mentions on matching alerts only, in the route that asks for it', async () => {
    h.publish('wire', moveStory(1, { who: 'Chiara Okafor', to: 'DeepSeek' }), moveStory(2, { who: 'Dara Sahin', to: 'Meta' }));
    await h.tick();
    const slack = (channel: string, who: string) => h.slackApi.messages.find((m) => m.channel === channel && String(m.text).includes(who))!;
    expect(String(slack('C0', 'Chiara Okafor').text)).toMatch(/^<!subteam\^S0TALENT> /);
    expect((slack('C0', 'Chiara Okafor').blocks as any[])[0]).toMatchObject({ type: 'section', text: { text: '<!subteam^S0TALENT>' } });
    expect(JSON.stringify(slack('C0', 'Dara Sahin'))).not.toContain('subteam');
    expect(JSON.stringify(slack('C2', 'Chiara Okafor'))).not.toContain('subteam');

    const discord = (who: string) => h.discordApi.messages.find((m) => JSON.stringify(m.embeds).includes(who))!;
    expect(discord('Chiara Okafor').content).toBe(`<@&${ROLE}>`);
    expect(discord('Chiara Okafor').allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(discord('Dara Sahin').content).toBeUndefined();
    expect(discord('Dara Sahin').allowed_mentions).toEqual({ parse: [] });

    // The same story retold by another source: the posts are edited, the mention kept, nobody pinged again.
    h.publish('other', { ...moveStory(1, { who: 'Chiara Okafor', to: 'DeepSeek', source: 'other' }) });
    await h.tick();
    const edited = slack('C0', 'Chiara Okafor');
    expect(edited.edited).toBe(true);
    expect(String(edited.text)).toMatch(/^<!subteam\^S0TALENT> /);
    const d = discord('Chiara Okafor');
    expect(d.edits).toBe(1);
    expect(d.content).toBe(`<@&${ROLE}>`);
    expect(d.allowed_mentions).toEqual({ parse: [] });
  });
});
