// Canonical URLs: one spelling per article, so trackers, AMP variants, `www.`, default ports
// and fragments do not make the same story look new.

const TRACKERS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'spm',
  'scm',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'vero_id',
  'vero_conv',
  'oly_enc_id',
  'oly_anon_id',
  'cmpid',
  'ncid',
  'wt_mc',
  'wt.mc_id',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  '__twitter_impression',
  'rss',
  'feed_id',
  'sr_share',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'amp',
  'outputtype',
  'from_rss',
  'rss_source',
]);
const TRACKER_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmsr'];

function isTracker(key: string, value: string): boolean {
  const k = key.toLowerCase();
  if (k === 'outputtype') return value.toLowerCase() === 'amp';
  if (k === 'amp') return value === '' || value === '1' || value.toLowerCase() === 'true';
  return TRACKERS.has(k) || TRACKER_PREFIXES.some((p) => k.startsWith(p));
}

/** The article behind an AMP cache or viewer URL, if this is one. */
function unwrapAmpCache(u: URL): URL | null {
  const host = u.hostname;
  const m = /^\/[cvi]\/(s\/)?(.+)$/.exec(u.pathname);
  const google = /^\/amp\/(s\/)?(.+)$/.exec(u.pathname);
  const hit = host.endsWith('.cdn.ampproject.org') ? m : /(^|\.)google\.[a-z.]+$/.test(host) ? google : null;
  if (!hit) return null;
  try {
    return new URL(`${hit[1] ? 'https' : 'http'}://${hit[2]}${u.search}`);
  } catch {
    return null;
  }
}

function stripAmpPath(path: string): string {
  let p = path.replace(/\/amp\/?$/i, '/').replace(/^\/amp(\/|$)/i, '/');
  p = p.replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? '');
  return p || '/';
}

/** Canonical form of `url` (resolved against `base`); returns the input trimmed when it is not a URL. */
export function canonicalUrl(url: string, base?: string): string {
  let u: URL;
  try {
    u = new URL(url.trim(), base);
  } catch {
    return url.trim();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  u = unwrapAmpCache(u) ?? u;
  let host = u.hostname.toLowerCase().replace(/\.$/, '');
  host = host.replace(/^(www\d{0,3}|amp)\./, '');
  u.hostname = host;
  u.hash = '';
  u.username = '';
  u.password = '';
  u.pathname = stripAmpPath(u.pathname);
  const kept = [...u.searchParams].filter(([k, v]) => !isTracker(k, v));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  u.search = kept.length ? new URLSearchParams(kept).toString() : '';
  return u.href;
}
