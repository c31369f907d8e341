// Shared set-up: the fake Slack API, our real HttpServer on port 0, and a Slack app wired to both.
import { HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { Metrics } from '../../../src/metrics.js';
import type { CommandRequest, Reply } from '../../../src/commands/types.js';
import { createSlackApp, type SlackApp } from '../../../src/platforms/slack/app.js';
import { computeSignature } from '../../../src/platforms/slack/verify.js';
import { FakeSlackApi } from '../../fakes/slack-api.js';

export const SECRET = 'test-signing-secret';
export const NOW_SEC = 1_800_000_000;

export interface Harness {
  fake: FakeSlackApi;
  http: HttpServer;
  slack: SlackApp;
  base: string;
  requests: CommandRequest[];
  metrics: Metrics;
  close(): Promise<void>;
}

export async function startHarness(
  handle: (req: CommandRequest) => Promise<Reply>,
  opts: { admins?: string[]; seen?: (s: string) => Promise<boolean> } = {},
): Promise<Harness> {
  const fake = await new FakeSlackApi().start();
  const http = new HttpServer(silentLogger());
  const requests: CommandRequest[] = [];
  const metrics = new Metrics();
  const slack = await createSlackApp({
    botToken: fake.token,
    signingSecret: SECRET,
    apiUrl: fake.url,
    http,
    handleCommand: (req) => {
      requests.push(req);
      return handle(req);
    },
    admins: opts.admins ?? [],
    log: silentLogger(),
    metrics,
    now: () => NOW_SEC * 1000,
    seen: opts.seen,
  });
  await slack.start();
  const port = await http.listen(0, '127.0.0.1');
  return {
    fake,
    http,
    slack,
    base: `http://127.0.0.1:${port}`,
    requests,
    metrics,
    async close() {
      await slack.stop();
      await http.close();
      await fake.stop();
    },
  };
}

export function slashBody(fake: FakeSlackApi, text: string, fields: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    channel_id: 'C1',
    channel_name: 'talent',
    user_id: 'U1',
    user_name: 'ada',
    command: '/talent',
    text,
    response_url: fake.responseUrl('cmd1'),
    trigger_id: '1.2.3',
    ...fields,
  }).toString();
}

export async function postSigned(
  base: string,
  body: string,
  opts: { ts?: number; secret?: string; signature?: string; type?: string } = {},
): Promise<Response> {
  const ts = String(opts.ts ?? NOW_SEC);
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': opts.type ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': opts.signature ?? computeSignature(opts.secret ?? SECRET, ts, body),
    },
    body,
  });
}

/** A promise with its resolver outside, to hold a handler until the test lets it go. */
export function gate<T = void>(): { promise: Promise<T>; open: (v: T) => void } {
  let open!: (v: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}
