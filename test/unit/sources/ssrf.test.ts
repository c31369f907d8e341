import { describe, expect, it } from 'vitest';
import { alwaysBlockedReason, assertHostAllowed, blockedReason, guardedLookup, isBlockedAddress, sourceUrlProblem } from '../../../src/sources/ssrf.js';
import { FetchError } from '../../../src/sources/errors.js';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '127.5.5.5',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
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
    cb(null, [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ])) as never;

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

describe('IPv6 forms that wrap an IPv4 address (issue 12)', () => {
  it.each([
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['2002:a9fe:a9fe::1', '6to4 of 169.254.169.254'],
    ['2002:5db8:d822::1', '6to4 of a public address: the whole tunnel range is refused'],
    ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'],
    ['64:ff9b::10.0.0.1', 'NAT64, dotted'],
    ['64:ff9b:1::7f00:1', 'local-use NAT64'],
    ['64:ff9b:1:7f00:1:0:0:0', 'local-use NAT64, /48 form'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001::1', 'Teredo prefix'],
    ['::7f00:1', 'IPv4-compatible 127.0.0.1'],
    ['::a9fe:a9fe', 'IPv4-compatible 169.254.169.254'],
    ['::ffff:0:7f00:1', 'SIIT (IPv4-translated) 127.0.0.1'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['2606:4700::5efe:c0a8:101', 'ISATAP wrapping 192.168.1.1'],
    ['fe80::1%eth0', 'link-local with a zone'],
  ])('refuses %s (%s)', (ip) => {
    expect(blockedReason(ip)).not.toBeNull();
  });

  it.each(['64:ff9b::808:808', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '2606:4700::5efe:808:808'])('allows the public %s', (ip) => {
    expect(blockedReason(ip)).toBeNull();
  });

  it('keeps link-local and metadata addresses refused even with allowPrivateAddresses', async () => {
    for (const ip of [
      '169.254.169.254',
      '169.254.0.1',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:169.254.169.254',
      '64:ff9b::a9fe:a9fe',
      '2002:a9fe:a9fe::',
      '100.100.100.200',
    ]) {
      expect(alwaysBlockedReason(ip), ip).not.toBeNull();
      const host = ip.includes(':') ? `[${ip}]` : ip;
      expect(() => assertHostAllowed(new URL(`http://${host}/`), true), ip).toThrow(FetchError);
    }
    for (const ip of ['127.0.0.1', '10.0.0.1', '::1', 'fd12::1']) expect(alwaysBlockedReason(ip), ip).toBeNull();
    const meta = ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
      cb(null, [{ address: '169.254.169.254', family: 4 }])) as never;
    const err = await new Promise((resolve) => guardedLookup({ lookup: meta, allowPrivateAddresses: true })('metadata.google.internal', {}, (e) => resolve(e)));
    expect((err as FetchError).code).toBe('BLOCKED_ADDRESS');
  });

  it('sourceUrlProblem: the one check for URLs from config, OPML and chat', () => {
    expect(sourceUrlProblem('https://example.com/feed.xml')).toBeNull();
    expect(sourceUrlProblem('file:///etc/passwd')).toMatch(/only http/);
    expect(sourceUrlProblem('http://user:pw@example.com/')).toMatch(/credentials/);
    expect(sourceUrlProblem('http://[2002:7f00:1::]/')).toMatch(/6to4/);
    expect(sourceUrlProblem('http://127.0.0.1/')).toMatch(/refused/);
    expect(sourceUrlProblem('http://127.0.0.1/', true)).toBeNull();
    expect(sourceUrlProblem('http://169.254.169.254/', true)).toMatch(/metadata/);
  });
});
