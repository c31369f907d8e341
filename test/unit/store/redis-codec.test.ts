// A Redis delivery's 429 retry state is its own hash field; deliveries written before that carried
// it as a `[429 streak=N forgiven=M] ` prefix of lastError, which reads back as the same state.
import { describe, expect, it } from 'vitest';
import { decodeDelivery, encodeRetry } from '../../../src/store/redis/codec.js';

const json = JSON.stringify({ id: 'n1', kind: 'notice', platform: 'console', channel: 'ops', attempts: 0, createdAt: '2026-01-01T00:00:00.000Z' });

describe('redis delivery codec', () => {
  it('round-trips the retry field and leaves lastError the message', () => {
    const d = decodeDelivery(json, '3', '', 'HTTP 429: slow down', encodeRetry({ streak: 2, forgiven: 1 }));
    expect(d).toMatchObject({ attempts: 3, lastError: 'HTTP 429: slow down', retry: { streak: 2, forgiven: 1 } });
    expect(encodeRetry({ streak: 0, forgiven: 0 })).toBe('');
    expect(decodeDelivery(json, '1', '', 'timeout', '').retry).toBeUndefined();
  });

  it('reads the retry state of a delivery written with the old lastError prefix', () => {
    const d = decodeDelivery(json, '4', '', '[429 streak=3 forgiven=2] HTTP 429: slow down', '');
    expect(d).toMatchObject({ lastError: 'HTTP 429: slow down', retry: { streak: 3, forgiven: 2 } });
  });
});
