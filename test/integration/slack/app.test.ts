// Start-up checks: credentials that cannot work are reported with what to do, before any traffic.
import { afterEach, expect, it } from 'vitest';
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { createSlackApp, SlackConfigError } from '../../../src/platforms/slack/app.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const base = () => ({
  http: new HttpServer(silentLogger()),
  handleCommand: async () => ({ type: 'text' as const, ephemeral: true, lines: [] }),
  admins: [],
  log: silentLogger(),
});

it('refuses to start over HTTP without a signing secret', async () => {
  const err = await createSlackApp({ ...base(), botToken: 'xoxb-test', apiUrl: 'http://127.0.0.1:9/api/' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SlackConfigError);
  expect((err as Error).message).toContain('SLACK_SIGNING_SECRET');
});

it('reports a bot token Slack refuses as a configuration error naming SLACK_BOT_TOKEN', async () => {
  fake = await new FakeSlackApi().start();
  const slack = await createSlackApp({ ...base(), botToken: 'xoxb-wrong', signingSecret: 's', apiUrl: fake.url });
  const err = await slack.start().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SlackConfigError);
  expect((err as SlackConfigError).code).toBe('SLACK_CONFIG');
  expect((err as Error).message).toContain('SLACK_BOT_TOKEN');
});

it('starts anyway when Slack is only briefly unreachable (auth.test 503)', async () => {
  fake = await new FakeSlackApi().start();
  fake.failNext('auth.test', { status: 503 });
  const slack = await createSlackApp({ ...base(), botToken: fake.token, signingSecret: 's', apiUrl: fake.url.replace(/\/$/, '') });
  await expect(slack.start()).resolves.toBeUndefined();
  // SLACK_API_URL without the trailing slash still reaches the same API.
  expect(fake.callsTo('auth.test')).toHaveLength(1);
});
