// SSRF guard: refuse private, loopback, link-local, CGNAT, unique-local, multicast and
// cloud-metadata destinations. Checked on the literal host before connecting and on every
// address DNS returns at connect time (undici `connect.lookup`), so rebinding cannot slip by.
import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { FetchError } from './errors.js';

const v4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  v4.addSubnet(net, bits, 'ipv4');

const v6 = new BlockList();
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2001::', 23],
  ['3fff::', 20],
  ['5f00::', 16],
] as const)
  v6.addSubnet(net, bits, 'ipv6');

/**
 * Link-local and cloud-metadata destinations: refused even with `allowPrivateAddresses` (a feed on
 * your own network is a reason to allow private ranges; the instance's credentials never are).
 */
const alwaysV4 = new BlockList();
for (const [net, bits] of [
  ['169.254.0.0', 16],
  ['100.100.100.200', 32],
  ['192.0.0.192', 32],
] as const)
  alwaysV4.addSubnet(net, bits, 'ipv4');
const alwaysV6 = new BlockList();
for (const [net, bits] of [
  ['fe80::', 10],
  ['fd00:ec2::254', 128],
  ['fd20:ce::254', 128],
] as const)
  alwaysV6.addSubnet(net, bits, 'ipv6');

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

const v4of = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');

/**
 * Every IPv4 address an IPv6 address wraps, by the transition mechanisms that route to it:
 * IPv4-mapped (::ffff:0:0/96), SIIT (::ffff:0:0:0/96), IPv4-compatible (::/96), NAT64
 * (64:ff9b::/96 and the local-use 64:ff9b:1::/48), 6to4 (2002::/16), Teredo (2001::/32, server
 * and obfuscated client) and ISATAP (…:0:5efe:a.b.c.d, any prefix).
 */
export function embeddedV4s(g: number[]): string[] {
  const out: string[] = [];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) out.push(v4of(g[6], g[7])); // mapped
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) out.push(v4of(g[6], g[7])); // SIIT
  if (zeros(0, 6) && !(g[6] === 0 && g[7] <= 1)) out.push(v4of(g[6], g[7])); // compatible (not :: or ::1)
  if (g[0] === 0x64 && g[1] === 0xff9b) {
    if (zeros(2, 6)) out.push(v4of(g[6], g[7])); // well-known NAT64 prefix
    // 64:ff9b:1::/48 (RFC 8215) is for local NAT64 set-ups; the IPv4 can sit at any RFC 6052 offset.
    if (g[2] === 1) out.push(v4of(g[6], g[7]), [g[3] >> 8, g[3] & 255, g[4] & 255, g[5] >> 8].join('.')); // /96 and /48 (RFC 6052 §2.2) forms
  }
  if (g[0] === 0x2002) out.push(v4of(g[1], g[2])); // 6to4
  if (g[0] === 0x2001 && g[1] === 0) out.push(v4of(g[2], g[3]), v4of(g[6] ^ 0xffff, g[7] ^ 0xffff)); // Teredo server, client
  if ((g[4] & 0xfdff) === 0 && g[5] === 0x5efe) out.push(v4of(g[6], g[7])); // ISATAP
  return out;
}

/** Why an IP address is refused even when private addresses are allowed (link-local, metadata), or null. */
export function alwaysBlockedReason(ip: string): string | null {
  const kind = isIP(ip);
  if (kind === 4) return alwaysV4.check(ip, 'ipv4') ? `${ip} is a link-local or cloud metadata address` : null;
  if (kind !== 6) return `${ip} is not an IP address`;
  const bare = ip.split('%')[0];
  if (alwaysV6.check(bare, 'ipv6')) return `${ip} is a link-local or cloud metadata address`;
  const inner = embeddedV4s(groups6(bare)!).find((v) => alwaysV4.check(v, 'ipv4'));
  return inner ? `${ip} wraps the link-local or metadata address ${inner}` : null;
}

/** Why an IP address is refused, or null when it is a public unicast address. */
export function blockedReason(ip: string): string | null {
  const kind = isIP(ip);
  if (kind === 4) return v4.check(ip, 'ipv4') ? `${ip} is a private, loopback, link-local or reserved IPv4 address` : null;
  if (kind !== 6) return `${ip} is not an IP address`;
  const bare = ip.split('%')[0];
  const g = groups6(bare)!;
  // 6to4 and Teredo are deprecated tunnels that a feed host has no reason to use; refused whole.
  if (g[0] === 0x2002) return `${ip} is a 6to4 address (2002::/16), refused`;
  if (g[0] === 0x2001 && g[1] === 0) return `${ip} is a Teredo address (2001::/32), refused`;
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return `${ip} is a local-use NAT64 address (64:ff9b:1::/48), refused`;
  const inner = embeddedV4s(g).find((v) => v4.check(v, 'ipv4'));
  if (inner) return `${ip} embeds the refused IPv4 address ${inner}`;
  return v6.check(bare, 'ipv6') ? `${ip} is a loopback, unique-local, link-local or reserved IPv6 address` : null;
}

export function isBlockedAddress(ip: string): boolean {
  return blockedReason(ip) !== null;
}

const REMEDY = 'point the source at a public address, or set fetch.allowPrivateAddresses: true if this host is yours';

/** Throws BLOCKED_ADDRESS for a URL whose host is a refused IP literal or a metadata name. */
export function assertHostAllowed(url: URL, allowPrivate: boolean, allowAddresses: readonly string[] = []): void {
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (allowPrivate) {
    // Even then: never the link-local / metadata addresses (names are checked at connect time).
    const why = isIP(host) && !allowAddresses.includes(host) ? alwaysBlockedReason(host) : null;
    if (why) throw new FetchError('BLOCKED_ADDRESS', `refused ${url.href}: ${why}; no setting allows it`, url.href);
    return;
  }
  if (METADATA_HOSTNAMES.has(host)) {
    throw new FetchError('BLOCKED_ADDRESS', `refused ${url.href}: ${host} is a cloud metadata service; ${REMEDY}`, url.href);
  }
  if (isIP(host) && !allowAddresses.includes(host)) {
    const why = blockedReason(host);
    if (why) throw new FetchError('BLOCKED_ADDRESS', `refused ${url.href}: ${why}; ${REMEDY}`, url.href);
  }
}

/**
 * The check for every feed URL a person gives (config file, OPML import, chat): http(s) only, no
 * credentials in it (the config file, the operator's own, may carry them), and not a refused
 * address literal. Returns the problem, or null.
 */
export function sourceUrlProblem(raw: string, allowPrivate = false, opts: { allowCredentials?: boolean } = {}): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${raw} is not an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${raw}: only http and https feeds are fetched`;
  if (!opts.allowCredentials && (url.username || url.password)) return `${url.host}: credentials in a feed URL are refused (they would be stored and shown)`;
  try {
    assertHostAllowed(url, allowPrivate);
  } catch (err) {
    return (err as Error).message;
  }
  return null;
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
      {
        const check = opts.allowPrivateAddresses ? alwaysBlockedReason : blockedReason;
        const bad = list.map((a) => (allow.has(a.address) ? null : check(a.address))).find((r) => r !== null);
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
