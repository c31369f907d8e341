// SSRF guard: refuse private, loopback, link-local, CGNAT, unique-local, multicast and
// cloud-metadata destinations. Checked on the literal host before connecting and on every
// address DNS returns at connect time (undici `connect.lookup`), so rebinding cannot slip by.
import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { FetchError } from './errors.js';

const v4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) v4.addSubnet(net, bits, 'ipv4');

const v6 = new BlockList();
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
  ['100::', 64], ['2001:db8::', 32], ['2001::', 23],
] as const) v6.addSubnet(net, bits, 'ipv6');

/** Host names that always mean cloud metadata services. */
export const METADATA_HOSTNAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** Expands an IPv6 address to 8 numeric groups (null if it is not IPv6). */
function groups6(ip: string): number[] | null {
  if (isIP(ip) !== 6) return null;
  let s = ip.split('%')[0].toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const [a, b, c, d] = tail[1].split('.').map(Number);
    s = s.slice(0, -tail[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = s.split('::');
  const h = head ? head.split(':') : [];
  const r = rest !== undefined && rest ? rest.split(':') : [];
  const fill = rest !== undefined ? 8 - h.length - r.length : 0;
  return [...h, ...Array(fill).fill('0'), ...r].map((g) => parseInt(g, 16));
}

/** The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d), -compatible or NAT64 IPv6 address. */
function embeddedV4(g: number[]): string | null {
  const zeros5 = g.slice(0, 5).every((x) => x === 0);
  const mapped = zeros5 && (g[5] === 0xffff || g[5] === 0);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !nat64) return null;
  if (zeros5 && g[5] === 0 && g[6] === 0) return null; // :: and ::1 are handled as IPv6
  return [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255].join('.');
}

/** Why an IP address is refused, or null when it is a public unicast address. */
export function blockedReason(ip: string): string | null {
  const kind = isIP(ip);
  if (kind === 4) return v4.check(ip, 'ipv4') ? `${ip} is a private, loopback, link-local or reserved IPv4 address` : null;
  if (kind !== 6) return `${ip} is not an IP address`;
  const g = groups6(ip)!;
  const inner = embeddedV4(g);
  if (inner) return blockedReason(inner) ? `${ip} embeds the refused IPv4 address ${inner}` : null;
  return v6.check(ip.split('%')[0], 'ipv6') ? `${ip} is a loopback, unique-local, link-local or reserved IPv6 address` : null;
}

export function isBlockedAddress(ip: string): boolean {
  return blockedReason(ip) !== null;
}

const REMEDY = 'point the source at a public address, or set fetch.allowPrivateAddresses: true if this host is yours';

/** Throws BLOCKED_ADDRESS for a URL whose host is a refused IP literal or a metadata name. */
export function assertHostAllowed(url: URL, allowPrivate: boolean, allowAddresses: readonly string[] = []): void {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (METADATA_HOSTNAMES.has(host)) {
    throw new FetchError('BLOCKED_ADDRESS', `refused ${url.href}: ${host} is a cloud metadata service; ${REMEDY}`, url.href);
  }
  if (isIP(host) && !allowAddresses.includes(host)) {
    const why = blockedReason(host);
    if (why) throw new FetchError('BLOCKED_ADDRESS', `refused ${url.href}: ${why}; ${REMEDY}`, url.href);
  }
}

/**
 * A `lookup` for net/tls connect that resolves with `base` (dns.lookup by default) and fails
 * with BLOCKED_ADDRESS when any resolved address is refused.
 */
export function guardedLookup(opts: { allowPrivateAddresses?: boolean; allowAddresses?: readonly string[]; lookup?: LookupFunction } = {}): LookupFunction {
  const allow = new Set(opts.allowAddresses ?? []);
  const base: LookupFunction = opts.lookup ?? (dns.lookup as unknown as LookupFunction);
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses as unknown as string, family: 4 }]) as dns.LookupAddress[];
      if (!opts.allowPrivateAddresses) {
        const bad = list.map((a) => (allow.has(a.address) ? null : blockedReason(a.address))).find((r) => r !== null);
        if (bad) {
          const e = new FetchError('BLOCKED_ADDRESS', `refused ${hostname}: it resolves to ${bad}; ${REMEDY}`, hostname);
          return callback(e as unknown as NodeJS.ErrnoException, '', 0);
        }
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
