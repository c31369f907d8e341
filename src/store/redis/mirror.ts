// A client-side mirror of near-duplicate buckets, so round trip 1 does not read the same busy
// buckets again for every feed. Reading them was most of Redis ingest: ≈ 175 buckets × 64 members
// per 50-item feed, sent as ≈ 22,000 reply strings, decoded, and nearly all unchanged since the
// previous feed.
//
// The mirror holds, for the buckets this client read, the newest members exactly as the candidate
// script returned them (order: score, then member bytes, both descending; at most BUCKET_READ),
// each member's fingerprint data (or "gone" when its data had expired), and the token of the
// archive it reflects: `seq` (every archive increments it, in the same script that adds bucket
// members) and the id archived as number `seq` (`n2id`), which tells a wiped-and-refilled Redis
// apart. This client's own archives are applied to it when its ingest script reports that the
// archive started at the mirror's token (nobody else wrote in between).
//
// Nothing here is trusted: the candidate script uses the mirror only when the archive's token
// still equals the mirror's, every mirrored bucket still has the size the mirror expects (a key
// gone by TTL, or a member added or removed by anything but this code's ingest) and every mirrored
// member's data key still exists (TTL); otherwise it reads every bucket in full, as before. A mirrored bucket is also used only on a batch clock that filters at least as much as the
// read did (`minMs`). So the candidates the decision sees are the ones a full read returns.
import { BUCKET_CAP, BUCKET_READ, type Candidate } from '../near-dup.js';

/** Buckets mirrored (~64 small entries each). Past it the mirror starts over. */
const MAX_BUCKETS = 4096;
/** Fingerprint data strings (~1 KB each). */
const MAX_DATA = 16384;

export interface MirrorMember {
  id: string;
  /** Score: archive time on the batch clock (ms). */
  at: number;
}

interface MirrorBucket {
  /** Newest first, as the script returns them; never mutated (replaced on change). */
  members: readonly MirrorMember[];
  /** The exclusive score bound of the read: members at or below it were left out. */
  minMs: number;
  /** ZCARD expected: what the read saw plus this client's adds (a wrong guess only costs a read). */
  card: number;
}

export interface Token {
  seq: string;
  /** Id archived as number `seq` ('' when none). */
  at: string;
}

/** Byte order of two members (Redis orders equal scores by memcmp). */
function memberCmp(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** What one candidate read offers the script, captured when the read is sent. */
export interface Offer {
  token: Token | undefined;
  /** Per batch bucket: '0' read it, '1' mirrored. */
  mask: string;
  /** Expected ZCARD of each mirrored bucket, in order. */
  cards: number[];
  /** Ids whose data key must still exist. */
  ids: string[];
  /** Mirrored buckets' live members whose data is held, with it, in order (what a full read yields). */
  members: Map<string, Array<Required<Candidate>>>;
}

export class BucketMirror {
  private token: Token | undefined;
  private readonly buckets = new Map<string, MirrorBucket>();
  /** Fingerprint data by alert id; '' = gone (its data key had expired when read). */
  private readonly data = new Map<string, string>();

  /** The mirror's view for `buckets` on a read filtering at `minMs` (exclusive). */
  offer(buckets: readonly string[], minMs: number): Offer {
    const members: Offer['members'] = new Map();
    const ids: string[] = [];
    const cards: number[] = [];
    const seenIds = new Set<string>();
    let mask = '';
    for (const b of buckets) {
      const m = this.token ? this.buckets.get(b) : undefined;
      if (!m || minMs < m.minMs) {
        mask += '0';
        continue;
      }
      const live: Array<Required<Candidate>> = [];
      for (const x of m.members) {
        if (x.at <= minMs) break;
        const d = this.data.get(x.id);
        // Gone (its data had expired): a candidate without data is no candidate.
        if (!d) continue;
        live.push({ id: x.id, data: d, at: x.at });
        if (!seenIds.has(x.id)) (seenIds.add(x.id), ids.push(x.id));
      }
      members.set(b, live);
      mask += '1';
      cards.push(m.card);
    }
    return { token: this.token, mask, cards, ids, members };
  }

  private same(t: Token): boolean {
    return this.token !== undefined && this.token.seq === t.seq && this.token.at === t.at;
  }

  private reset(t: Token | undefined): void {
    this.token = t;
    this.buckets.clear();
    this.data.clear();
  }

  /**
   * A read at `token` returned these buckets in full (`members` as ordered by the script, data ''
   * when gone). Adopted when the mirror is at that token; a different token starts it over there.
   */
  read(token: Token, minMs: number, full: Map<string, { card: number; list: Array<{ id: string; at: number; data: string }> }>): void {
    if (!this.same(token)) this.reset(token);
    if (this.buckets.size + full.size > MAX_BUCKETS || this.data.size > MAX_DATA) this.reset(token);
    for (const [b, { card, list }] of full) {
      const members: MirrorMember[] = [];
      for (const x of list) {
        members.push({ id: x.id, at: x.at });
        this.data.set(x.id, x.data);
      }
      this.buckets.set(b, { members, minMs, card });
    }
  }

  /**
   * This client's ingest script ran from `start` to `end`, archiving `added` (each into its
   * buckets, at `atMs`, with its data). Applied when the mirror was at `start`; else dropped.
   */
  wrote(start: Token, end: Token, added: Array<{ id: string; buckets: readonly string[]; data: string }>, atMs: number): void {
    if (!this.same(start)) return this.reset(undefined);
    for (const a of added) {
      this.data.set(a.id, a.data);
      for (const b of new Set(a.buckets)) {
        const m = this.buckets.get(b);
        if (!m) continue;
        const next = m.members.filter((x) => x.id !== a.id);
        // Re-added while still a member: a full list may now show one the mirror never held.
        if (next.length < m.members.length && m.members.length >= BUCKET_READ) {
          this.buckets.delete(b);
          continue;
        }
        let i = 0;
        while (i < next.length && (next[i].at > atMs || (next[i].at === atMs && memberCmp(next[i].id, a.id) > 0))) i++;
        next.splice(i, 0, { id: a.id, at: atMs });
        if (next.length > BUCKET_READ) next.length = BUCKET_READ;
        this.buckets.set(b, { members: next, minMs: m.minMs, card: Math.min(m.card + 1, BUCKET_CAP) });
      }
    }
    this.token = end;
  }

  clear(): void {
    this.reset(undefined);
  }
}
