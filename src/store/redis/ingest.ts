// ingest in two round trips: (1) one pipeline reading every key owner, every bucket and the
// archive sequence; (2) one script that claims and writes everything. If another replica
// archived an alert in between, the script refuses before writing and the batch is re-read
// (rare; bounded), so near-duplicates are never decided on a stale view.
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { IngestBatch, IngestOutcome, IngestStatus } from '../store.js';
import type { Alert } from '../../types.js';
import type { Keys } from './keys.js';
import type { Scripts } from './scripts.js';
import { encodeAlertDoc } from './codec.js';
import { entryKeys, planBatch, type KeyOwner, type Snapshot } from './plan.js';
import { BUCKET_CAP, BUCKET_READ, type Candidate } from '../near-dup.js';
import { ALSO_KEEP, ALSO_UPDATE_EVERY, alsoReport } from '../also.js';
import { alertTokens } from './text.js';
import { alertTags, KEY_TAGS } from '../filter-tags.js';
import type { BucketMirror, Token } from './mirror.js';

const MAX_ATTEMPTS = 5;

export interface IngestCtx {
  redis: Redis;
  k: Keys;
  scripts: Scripts;
  now: () => Date;
  /** This client's mirror of near-duplicate buckets (only used when the script confirms it). */
  mirror?: BucketMirror;
}

async function readSnapshot(ctx: IngestCtx, batch: IngestBatch, nowMs: number): Promise<{ snap: Snapshot; seq: string }> {
  const keys = [...new Set(batch.entries.flatMap(entryKeys))];
  const ids = [...new Set(batch.entries.map((e) => e.item.id))];
  const buckets = [...new Set(batch.entries.flatMap((e) => e.fingerprint?.buckets ?? []))];
  const p = ctx.redis.pipeline();
  p.get(ctx.k.seq);
  p.mget(keys.map(ctx.k.key));
  for (const id of ids) p.exists(ctx.k.alert(id));
  // Live while now < claimTime + retention, on the batch clock.
  const minMs = nowMs - batch.retentionSec * 1000;
  const min = `(${minMs}`;
  // What the mirror holds for these buckets, captured now (the script checks it is still true).
  const offer = buckets.length && ctx.mirror ? ctx.mirror.offer(buckets, minMs) : undefined;
  const mirrorArgs =
    offer?.token && offer.mask.includes('1') ? [offer.token.seq, offer.token.at, offer.mask, offer.cards.length, ...offer.cards, ...offer.ids] : [];
  // Newest members of each bucket only (same bound as SQLite), and each member's data once.
  if (buckets.length)
    (p as unknown as Record<string, (...a: Array<string | number>) => void>).tr_candidates(
      ctx.k.seq,
      ctx.k.base,
      min,
      BUCKET_READ,
      buckets.length,
      ...buckets,
      ...mirrorArgs,
    );
  const res = (await p.exec()) ?? [];
  const failed = res.find(([err]) => err);
  if (failed) throw failed[0];
  const vals = res.map(([, v]) => v);
  const owners = new Map<string, KeyOwner | null>();
  (vals[1] as Array<string | null>).forEach((v, i) => owners.set(keys[i], parseKey(v, nowMs)));
  const archived = new Set(ids.filter((_, i) => Number(vals[2 + i]) === 1));
  const snap: Snapshot = { owners, buckets: new Map(), archived };
  if (buckets.length) {
    const reply = vals[2 + ids.length] as unknown[];
    const dataIds = reply[buckets.length] as string[];
    const dataVals = reply[buckets.length + 1] as string[];
    const cards = reply[buckets.length + 2] as number[];
    const token: Token = { seq: String(reply[buckets.length + 3]), at: String(reply[buckets.length + 4]) };
    const mirrored = reply[buckets.length + 5] === 1;
    const dataOf = new Map<string, string>();
    dataIds.forEach((id, i) => dataOf.set(id, dataVals[i]));
    const full = new Map<string, { card: number; list: Array<{ id: string; at: number; data: string }> }>();
    buckets.forEach((b, i) => {
      if (mirrored && offer!.mask[i] === '1') {
        snap.buckets.set(b, offer!.members.get(b)!);
        return;
      }
      const members: Array<Required<Candidate>> = [];
      const flat = reply[i] as string[];
      const list: Array<{ id: string; at: number; data: string }> = [];
      let legacy = false;
      for (let j = 0; j + 1 < flat.length; j += 2) {
        const m = flat[j];
        const cut = m.indexOf('\u0001');
        // Bare id (data stored once), or a member written before that (id \u0001 data).
        if (cut < 0) {
          // Its data expired with the member (same TTL): as good as gone.
          const data = dataOf.get(m) ?? '';
          const at = Number(flat[j + 1]);
          list.push({ id: m, at, data });
          if (data) members.push({ id: m, data, at });
        } else {
          legacy = true;
          members.push({ id: m.slice(0, cut), data: m.slice(cut + 1), at: Number(flat[j + 1]) });
        }
      }
      // Buckets holding old-style members are always read.
      if (!legacy) full.set(b, { card: cards[i], list });
      snap.buckets.set(b, members);
    });
    ctx.mirror?.read(token, minMs, full);
  }
  return { snap, seq: (vals[0] as string | null) ?? '0' };
}

/** Mirrors parse_key in the script: `expiresMs \u0001 owner \u0001 root`. */
function parseKey(v: string | null, nowMs: number): KeyOwner | null {
  if (!v) return null;
  const [exp, owner, root] = v.split('\u0001');
  return Number(exp) > nowMs && owner !== undefined ? { owner, root: root ?? owner } : null;
}

/** A report's field in its alert's hash: hashed, so a long link does not turn the hash from a listpack into a table. */
function reportKey(item: { source: string; link: string }): string {
  return createHash('sha1').update(`${item.source}\u0001${item.link}`).digest('base64url').slice(0, 20);
}

/** The filter sets an archived alert joins (the script prefixes `f:`; search.ts reads them). */
function filterKeys(alert: Pick<Alert, 'lang' | 'assessment'>): string[] {
  return alertTags({ firms: alert.assessment.firms, topics: alert.assessment.topics, lang: alert.lang }, KEY_TAGS);
}

export async function runIngest(ctx: IngestCtx, batch: IngestBatch): Promise<IngestOutcome[]> {
  const now = batch.now ?? ctx.now();
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  for (let attempt = 1; ; attempt++) {
    const { snap, seq } = batch.entries.length
      ? await readSnapshot(ctx, batch, nowMs)
      : { snap: { owners: new Map(), buckets: new Map(), archived: new Set<string>() }, seq: '0' };
    const plans = planBatch(batch, snap, nowMs);
    const entries = batch.entries.map((e, i) => {
      const alert: Alert = { ...e.item, assessment: e.assessment, alsoReportedBy: [], archivedAt: nowIso };
      // A 'seen' prediction means a key of this very item exists; the script can only disagree if
      // that key expired in the last milliseconds, and then it treats the item as seen too.
      const archive = e.archive && plans[i].predicted !== 'seen';
      // A near-duplicate pick (nd) makes the script record a duplicate or a seen item, never
      // archive it: what only archiving reads (document, tokens, filters, buckets, data) stays home.
      const indexed = plans[i].nd === '';
      return {
        id: e.item.id,
        keys: plans[i].keys,
        nd: plans[i].nd,
        archive: e.archive,
        doc: archive && indexed ? encodeAlertDoc(alert) : '',
        pub: String(Date.parse(e.item.published) || nowMs),
        tok: archive && indexed ? alertTokens(alert) : [],
        fl: archive && indexed ? filterKeys(alert) : [],
        buckets: indexed ? (e.fingerprint?.buckets ?? []) : [],
        data: indexed ? (e.fingerprint?.data ?? '') : '',
        targets: e.targets.map((t) => [t.platform, t.channel]),
        rk: `${e.item.source}\u0001${e.item.link}`,
        rh: reportKey(e.item),
        rep: JSON.stringify(alsoReport(e.item)),
      };
    });
    const chk = attempt < MAX_ATTEMPTS && plans.some((p, i) => p.predicted === 'new' && (batch.entries[i].fingerprint?.buckets.length ?? 0) > 0);
    const plan = {
      ret: batch.retentionSec,
      mret: Math.max(batch.retentionSec, 7 * 86400),
      cap: BUCKET_CAP,
      ak: ALSO_KEEP,
      ae: ALSO_UPDATE_EVERY,
      now: nowIso,
      nowMs: String(nowMs),
      seq,
      chk,
      e: entries,
      stn: batch.sourceState?.name ?? '',
      st: batch.sourceState ? JSON.stringify(batch.sourceState) : '',
      rn: batch.release?.name ?? '',
      ro: batch.release?.owner ?? '',
    };
    const out = (await ctx.scripts.ingest(ctx.k.seq, ctx.k.base, JSON.stringify(plan))) as Array<string | number>;
    if (out[0] === 'conflict') continue;
    if (ctx.mirror) {
      const n = batch.entries.length * 3;
      const added: Array<{ id: string; buckets: readonly string[]; data: string }> = [];
      batch.entries.forEach((e, i) => {
        // Archived by this script: an entry with a document that came out new.
        if (out[i * 3] === 'new' && entries[i].doc && e.fingerprint?.buckets.length)
          added.push({ id: e.item.id, buckets: e.fingerprint.buckets, data: e.fingerprint.data });
      });
      const tok = (k: number): Token => ({ seq: String(out[n + k]), at: String(out[n + k + 1] ?? '') });
      ctx.mirror.wrote(tok(0), tok(2), added, nowMs);
    }
    return batch.entries.map((e, i) => {
      const status = out[i * 3] as IngestStatus;
      const dup = String(out[i * 3 + 1] ?? '');
      const o: IngestOutcome = { id: e.item.id, status, enqueued: Number(out[i * 3 + 2]) || 0 };
      if (status === 'duplicate') o.duplicateOf = dup;
      return o;
    });
  }
}
