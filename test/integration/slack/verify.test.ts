// Fixtures copied verbatim from ../shared/corpus/platform/slack/ (Slack's documented example).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeSignature, createSlackVerifier, SlackVerifyError } from '../../../src/platforms/slack/verify.js';

const vector = JSON.parse(readFileSync(new URL('./fixtures/signing_vector.json', import.meta.url), 'utf8'));
const TS = Number(vector.timestamp);

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(SlackVerifyError);
    return (err as SlackVerifyError).code;
  }
}

describe("Slack's documented signing example", () => {
  it('computes the documented signature', () => {
    expect(computeSignature(vector.signing_secret, vector.timestamp, vector.raw_body)).toBe(vector.expected_signature);
  });

  it('accepts the example request with the clock fixed at its timestamp', async () => {
    const verify = createSlackVerifier({ signingSecret: vector.signing_secret, now: () => TS * 1000 });
    await expect(
      verify({ timestamp: vector.headers['X-Slack-Request-Timestamp'], signature: vector.headers['X-Slack-Signature'], body: Buffer.from(vector.raw_body) }),
    ).resolves.toBeUndefined();
  });

  it('rejects the same example today (its timestamp is years old)', async () => {
    const verify = createSlackVerifier({ signingSecret: vector.signing_secret, now: () => Date.UTC(2026, 0, 1) });
    expect(await code(verify({ timestamp: vector.timestamp, signature: vector.expected_signature, body: vector.raw_body }))).toBe(
      'SLACK_TIMESTAMP_OUT_OF_WINDOW',
    );
  });

  it('rejects one changed byte of the body', async () => {
    const verify = createSlackVerifier({ signingSecret: vector.signing_secret, now: () => TS * 1000 });
    const body = vector.raw_body.replace('text=', 'text=x');
    expect(await code(verify({ timestamp: vector.timestamp, signature: vector.expected_signature, body }))).toBe('SLACK_SIGNATURE_INVALID');
  });
});

describe('timestamp window and replay', () => {
  const secret = 's3cret';
  const req = (ts: number, body = 'a=1') => ({ timestamp: String(ts), signature: computeSignature(secret, String(ts), body), body });

  it('accepts exactly five minutes either way and rejects one second more, in both directions', async () => {
    const now = 2_000_000_000;
    const verify = createSlackVerifier({ signingSecret: secret, now: () => now * 1000 });
    await expect(verify(req(now - 300))).resolves.toBeUndefined();
    await expect(verify(req(now + 300))).resolves.toBeUndefined();
    expect(await code(verify(req(now - 301)))).toBe('SLACK_TIMESTAMP_OUT_OF_WINDOW');
    expect(await code(verify(req(now + 301)))).toBe('SLACK_TIMESTAMP_OUT_OF_WINDOW');
  });

  it('rejects a replay inside the window, and forgets it once the window has passed', async () => {
    let now = 2_000_000_000;
    const verify = createSlackVerifier({ signingSecret: secret, now: () => now * 1000 });
    const r = req(now);
    await verify(r);
    expect(await code(verify(r))).toBe('SLACK_REPLAY');
    now += 400;
    // Forgotten, but the timestamp check now rejects it: there is no gap for a replay.
    expect(await code(verify(r))).toBe('SLACK_TIMESTAMP_OUT_OF_WINDOW');
  });

  it('asks the shared `seen` check only for genuine requests, and honours it', async () => {
    const asked: string[] = [];
    const seenBefore = new Set<string>();
    const seen = async (s: string) => {
      asked.push(s);
      const was = seenBefore.has(s);
      seenBefore.add(s);
      return was;
    };
    const now = 2_000_000_000;
    const a = createSlackVerifier({ signingSecret: secret, now: () => now * 1000, seen });
    const b = createSlackVerifier({ signingSecret: secret, now: () => now * 1000, seen });
    const r = req(now);
    await a(r);
    expect(await code(b(r))).toBe('SLACK_REPLAY');
    expect(await code(a({ ...r, signature: 'v0=' + '0'.repeat(64) }))).toBe('SLACK_SIGNATURE_INVALID');
    expect(asked).toHaveLength(2);
  });

  it('rejects missing headers, non-numeric timestamps and a wrong secret', async () => {
    const now = 2_000_000_000;
    const verify = createSlackVerifier({ signingSecret: secret, now: () => now * 1000 });
    expect(await code(verify({ timestamp: undefined, signature: 'v0=1', body: '' }))).toBe('SLACK_SIGNATURE_MISSING');
    expect(await code(verify({ timestamp: 'soon', signature: 'v0=1', body: '' }))).toBe('SLACK_TIMESTAMP_OUT_OF_WINDOW');
    const wrong = { timestamp: String(now), signature: computeSignature('other', String(now), 'a=1'), body: 'a=1' };
    expect(await code(verify(wrong))).toBe('SLACK_SIGNATURE_INVALID');
  });
});
