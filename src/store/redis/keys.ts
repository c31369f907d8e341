// Key layout. Everything a multi-key command or script touches shares one hash tag, derived
// from the prefix, so Redis Cluster routes it to one slot (no CROSSSLOT); single-key state
// (claimOnce, cache) is left untagged and spreads over the cluster.

export interface Keys {
  prefix: string;
  /** `${prefix}{tag}:` — the tagged base every script derives its keys from. */
  base: string;
  key(k: string): string;
  bucket(b: string): string;
  /** An archived alert's fingerprint data, once (bucket members are bare ids); expires with the buckets. */
  fpData(id: string): string;
  /** An alert's mutable fields (hash: also, n, pub, ...). */
  alert(id: string): string;
  /** An alert's document (string); alerts archived before it moved here keep it as the hash field `doc`. */
  alertDoc(id: string): string;
  posted(alertId: string): string;
  sourceState(name: string): string;
  lease(name: string): string;
  delivery(id: string): string;
  marker(id: string): string;
  /** Alerts by archive time (ms). */
  timeArchived: string;
  /** Alerts by published time (ms), doc numbers. */
  timePublished: string;
  docIds: string;
  seq: string;
  sources: string;
  subs: string;
  digests: string;
  stream: string;
  delayed: string;
  dead: string;
  /** Chat-made state (store/chat.ts): hashes keyed by name, id or identity. */
  chatSources: string;
  watches: string;
  feedback: string;
  mutes: string;
  once(k: string): string;
  cache(k: string): string;
}

export const GROUP = 'workers';

export function makeKeys(prefix = 'tr:'): Keys {
  if (/[{}]/.test(prefix)) throw new Error(`redis store: key prefix "${prefix}" must not contain { or } (it is used as a hash tag)`);
  const tag = prefix.replace(/:+$/, '') || 'tr';
  const base = `${prefix}{${tag}}:`;
  return {
    prefix,
    base,
    key: (k) => `${base}k:${k}`,
    bucket: (b) => `${base}b:${b}`,
    fpData: (id) => `${base}d:${id}`,
    alert: (id) => `${base}a:${id}`,
    alertDoc: (id) => `${base}ad:${id}`,
    posted: (id) => `${base}p:${id}`,
    sourceState: (n) => `${base}src:${n}`,
    lease: (n) => `${base}l:${n}`,
    delivery: (id) => `${base}o:d:${id}`,
    marker: (id) => `${base}o:m:${id}`,
    timeArchived: `${base}t:arch`,
    timePublished: `${base}t:pub`,
    docIds: `${base}n2id`,
    seq: `${base}seq`,
    sources: `${base}srcs`,
    subs: `${base}subs`,
    digests: `${base}digests`,
    stream: `${base}o:stream`,
    delayed: `${base}o:delayed`,
    dead: `${base}o:dead`,
    chatSources: `${base}chat:srcs`,
    watches: `${base}chat:watches`,
    feedback: `${base}chat:fb`,
    mutes: `${base}chat:mutes`,
    once: (k) => `${prefix}once:${k}`,
    cache: (k) => `${prefix}cache:${k}`,
  };
}
