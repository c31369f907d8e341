// `/talent sources add|remove` and the list, from Slack and Discord, on both store backends:
// the real handler behind the signed endpoints, a probe through the poller's fetcher and SSRF guard.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { rss, runCli } from '../../support/cli.js';
import { startBot } from './bot-harness.js';
import { eachBackend, MANAGE_GUILD, startChat, textOf, type ChatHarness } from './harness.js';

const FEED = rss(
  [
    {
      title: 'OpenAI researcher joins DeepSeek',
      description: 'A move.',
      link: 'https://techwire.example/1',
      guid: 't1',
      pubDate: new Date('2026-11-20T10:00:00Z'),
    },
    { title: 'Second', description: 'x', link: 'https://techwire.example/2', guid: 't2', pubDate: new Date('2026-11-21T10:00:00Z') },
  ],
  'Techwire AI',
);
const ATOM =
  '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><entry><title>One</title><link href="https://a.example/1"/><id>a1</id><updated>2026-11-20T10:00:00Z</updated></entry></feed>';

eachBackend('sources from chat', (backend) => {
  let h: ChatHarness;
  beforeEach(async () => {
    h = await startChat(backend);
    h.slackApi.admins.add('UADMIN');
    h.feeds.set('/techwire.xml', { headers: { 'content-type': 'application/rss+xml' }, body: FEED });
    h.feeds.set('/atom.xml', { headers: { 'content-type': 'application/atom+xml' }, body: ATOM });
    h.feeds.set('/page.html', { headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><body>Not a feed</body></html>' });
    h.feeds.set('/gone.xml', { status: 404, body: 'no' });
  });
  afterEach(() => h.close());

  it('Slack: an admin adds a feed; the reply says title, item count and kind; the list shows it; remove drops it', async () => {
    const added = await h.slash(`sources add <${h.feedUrl('/techwire.xml')}> techwire`, 'UADMIN');
    expect(added.response_type).toBe('in_channel');
    expect(textOf(added)).toContain('Added source \\"techwire\\": “Techwire AI”, RSS, 2 items now');
    expect(await h.store.listChatSources()).toMatchObject([
      { name: 'techwire', url: h.feedUrl('/techwire.xml'), kind: 'rss', title: 'Techwire AI', addedBy: 'UADMIN', platform: 'slack', channel: 'C1' },
    ]);
    const listed = await h.slash('sources');
    expect(listed.response_type).toBe('ephemeral');
    expect(textOf(listed)).toMatch(/wire: not polled yet/);
    expect(textOf(listed)).toMatch(/Added from chat/);
    expect(textOf(listed)).toMatch(/techwire \(http:\/\/feeds\.example:\d+\/techwire\.xml, by UADMIN/);
    const removed = await h.slash('sources remove techwire', 'UADMIN');
    expect(textOf(removed)).toContain('Removed source \\"techwire\\"');
    expect(await h.store.listChatSources()).toEqual([]);
  });

  it('Slack: the name defaults to the host, and Atom feeds are recognised', async () => {
    const added = await h.slash(`sources add ${h.feedUrl('/atom.xml')}`, 'UADMIN');
    expect(textOf(added)).toContain('Added source \\"feeds.example\\": “Atom wire”, Atom, 1 item now');
  });

  it('Slack: bad input gets a clear reply and changes nothing', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [`sources add ${h.feedUrl('/techwire.xml')} x`, 'UPLAIN', /only workspace admins/],
      ['sources add http://169.254.169.254/latest/meta-data x', 'UADMIN', /private or internal address/],
      [`sources add http://intranet.example/rss intra`, 'UADMIN', /private or internal address/],
      ['sources add http://10.1.2.3/feed.xml ten', 'UADMIN', /private or internal address/],
      [`sources add ${h.feedUrl('/page.html')} page`, 'UADMIN', /is not a feed I can read/],
      [`sources add ${h.feedUrl('/gone.xml')} gone`, 'UADMIN', /couldn't fetch .*404/],
      [`sources add http://nowhere.invalid/rss nope`, 'UADMIN', /couldn't fetch/],
      [`sources add ${h.feedUrl('/techwire.xml')} wire`, 'UADMIN', /already a source named \\"wire\\" \(from the config file\)/],
      [`sources add ${h.feedUrl('/techwire.xml')} WIRE`, 'UADMIN', /already a source named/],
      ['sources add ftp://x.example/feed y', 'UADMIN', /only http and https/],
      ['sources add not-a-url', 'UADMIN', /is not a URL/],
      [`sources add ${h.feedUrl('/techwire.xml')} bad/name`, 'UADMIN', /can't be a source name/],
      ['sources remove wire', 'UADMIN', /comes from the config file/],
      ['sources remove nothing', 'UADMIN', /no source \\"nothing\\" added from chat/],
    ];
    for (const [text, user, want] of cases) {
      const r = await h.slash(text, user);
      expect(r.response_type, text).toBe('ephemeral');
      expect(textOf(r), text).toMatch(want);
    }
    expect(await h.store.listChatSources()).toEqual([]);
    // A duplicate chat name, and the same URL under another name.
    await h.slash(`sources add ${h.feedUrl('/techwire.xml')} techwire`, 'UADMIN');
    expect(textOf(await h.slash(`sources add ${h.feedUrl('/atom.xml')} techwire`, 'UADMIN'))).toMatch(/already a source named \\"techwire\\" \(from chat\)/);
    expect(textOf(await h.slash(`sources add ${h.feedUrl('/techwire.xml')} other`, 'UADMIN'))).toMatch(/already polled as \\"techwire\\"/);
    expect(textOf(await h.slash('sources remove techwire', 'UPLAIN'))).toMatch(/only workspace admins/);
    expect((await h.store.listChatSources()).map((s) => s.name)).toEqual(['techwire']);
    // The private address was never fetched; the feed server saw only the allowed probes.
    expect(h.feeds.requests.map((r) => r.path).every((p) => ['/techwire.xml', '/atom.xml', '/page.html', '/gone.xml'].includes(p))).toBe(true);
  });

  it('Discord: sources-add and sources-remove need Manage Server and reply like Slack', async () => {
    const refused = await h.command('sources-add', [
      { name: 'url', value: h.feedUrl('/techwire.xml') },
      { name: 'name', value: 'techwire' },
    ]);
    expect(refused.data.flags).toBe(64);
    expect(await h.store.listChatSources()).toEqual([]);
    const ok = await h.command(
      'sources-add',
      [
        { name: 'url', value: h.feedUrl('/techwire.xml') },
        { name: 'name', value: 'techwire' },
      ],
      { permissions: MANAGE_GUILD },
    );
    expect(ok.data.flags).toBeUndefined();
    expect(textOf(ok.data)).toContain('“Techwire AI”, RSS, 2 items now');
    expect(await h.store.listChatSources()).toMatchObject([{ name: 'techwire', platform: 'discord' }]);
    const blocked = await h.command(
      'sources-add',
      [
        { name: 'url', value: 'http://192.168.0.10/rss' },
        { name: 'name', value: 'lan' },
      ],
      { permissions: MANAGE_GUILD },
    );
    expect(textOf(blocked.data)).toMatch(/private or internal address/);
    expect(textOf((await h.command('sources')).data)).toMatch(/techwire/);
    const gone = await h.command('sources-remove', [{ name: 'name', value: 'techwire' }], { permissions: MANAGE_GUILD });
    expect(textOf(gone.data)).toContain('Removed source');
    expect(await h.store.listChatSources()).toEqual([]);
  });
});

eachBackend('sources from chat in the whole app', (backend) => {
  it('the CLI table lists a chat source after the config ones, marked (chat), with its health', async () => {
    const h = await startBot(backend, 'routes:\n  - platform: console\n    channel: console\n');
    try {
      h.slackApi.admins.add('UADMIN');
      h.feeds.set('/added.xml', { headers: { 'content-type': 'application/rss+xml' }, body: FEED });
      expect(textOf(await h.slash(`sources add ${h.feeds.url('/added.xml')} added`, 'UADMIN'))).toContain('Added source');
      await h.tick();
      const table = await runCli(['sources'], h.env);
      expect(table.code).toBe(0);
      const lines = table.stdout.trim().split('\n');
      expect(lines[1]).toMatch(/^wire\s/);
      expect(lines[2]).toMatch(/^added \(chat\)\s+ok\s/);
    } finally {
      await h.close();
    }
  });
});
