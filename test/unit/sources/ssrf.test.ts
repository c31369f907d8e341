import { describe, expect, it } from 'vitest';
import { assertHostAllowed, blockedReason, guardedLookup, isBlockedAddress } from '../../../src/sources/ssrf.js';
import { FetchError } from '../../../src/sources/errors.js';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1', '127.5.5.5', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a9fe:a9fe',
  ])('refuses %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (ip) => {
    expect(blockedReason(ip)).toBeNull();
  });
});

describe('assertHostAllowed', () => {
  it('refuses literal private hosts and metadata names unless allowed', () => {
    for (const u of ['http://127.0.0.1/', 'http://[::1]/', 'http://2130706433/', 'http://metadata.google.internal/', 'http://0x7f.1/']) {
      expect(() => assertHostAllowed(new URL(u), false)).toThrow(FetchError);
      expect(() => assertHostAllowed(new URL(u), true)).not.toThrow();
    }
    expect(() => assertHostAllowed(new URL('http://127.0.0.1/'), false, ['127.0.0.1'])).not.toThrow();
    expect(() => assertHostAllowed(new URL('https://example.com/'), false)).not.toThrow();
  });
});

describe('guardedLookup', () => {
  const base = ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
    cb(null, [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }])) as never;

  it('fails when any resolved address is private (no mixing a public and a private answer)', async () => {
    const err = await new Promise((resolve) => guardedLookup({ lookup: base })('mixed.example', {}, (e) => resolve(e)));
    expect((err as FetchError).code).toBe('BLOCKED_ADDRESS');
  });

  it('answers in both single and all forms when allowed', async () => {
    const lookup = guardedLookup({ lookup: base, allowPrivateAddresses: true });
    const single = await new Promise((resolve) => lookup('x', {}, (_e, address, family) => resolve([address, family])));
    expect(single).toEqual(['93.184.216.34', 4]);
    const all = await new Promise((resolve) => lookup('x', { all: true }, (_e, list) => resolve(list)));
    expect(all).toHaveLength(2);
  });
});
