// With SLACK_APP_TOKEN the app takes /talent over Socket Mode (no HTTP route), acks on the socket
// and answers through response_url; the Web API base still comes from SLACK_API_URL.
import { afterEach, expect, it } from 'vitest';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import type { CommandRequest, Reply } from '../../../src/commands/types.js';
import { createSlackApp, type SlackApp } from '../../../src/platforms/slack/app.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';
import { FakeSlackSocket } from '../../fakes/slack-socket.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

it('receives /talent over Socket Mode and mounts no HTTP route', async () => {
  const fake = await new FakeSlackApi().start();
  const socket = await new FakeSlackSocket().start();
  fake.socketUrl = socket.url;
  const http = new HttpServer(silentLogger());
  const seen: CommandRequest[] = [];
  const slack: SlackApp = await createSlackApp({
    botToken: fake.token,
    appToken: fake.appToken,
    apiUrl: fake.url,
    http,
    handleCommand: async (req): Promise<Reply> => (seen.push(req), { type: 'text', ephemeral: true, lines: [`over the socket: ${req.text}`] }),
    admins: [],
    log: silentLogger(),
  });
  cleanup.push(
    () => fake.stop(),
    () => socket.stop(),
    () => http.close(),
  );
  await slack.start();
  cleanup.push(() => slack.stop());
  expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
  expect(socket.connections).toBe(1);

  socket.push({
    envelope_id: 'env-1',
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: { team_id: 'T1', channel_id: 'C9', user_id: 'U9', command: '/talent', text: 'firms', response_url: fake.responseUrl('sock'), trigger_id: 't' },
  });
  await fake.waitForResponses(1);
  expect(socket.acks.map((a) => a.envelope_id)).toEqual(['env-1']);
  expect(seen).toMatchObject([{ platform: 'slack', channel: 'C9', user: 'U9', text: 'firms' }]);
  expect(fake.responses[0]).toMatchObject({ id: 'sock', body: { response_type: 'ephemeral', text: 'over the socket: firms' } });

  const port = await http.listen(0, '127.0.0.1');
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x' });
  expect(res.status).toBe(404);
});
