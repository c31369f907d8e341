// Small state: poll leases, per-source state, subscriptions, digest modes, once-keys and cache.
import type { Database, Statement } from 'better-sqlite3';
import type { DigestMode, DigestSetting, Platform, SourceState, Subscription } from '../../types.js';

interface SubRow {
  platform: Platform;
  channel: string;
  kind: 'firm' | 'topic';
  value: string;
  created_by: string | null;
  created_at: string;
}

export class StateRepo {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.s = {
      // SET NX PX: taken only when free or expired.
      lease: db.prepare(`INSERT INTO leases (name, owner, expires_ms) VALUES (?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_ms = excluded.expires_ms WHERE leases.expires_ms <= ? OR leases.owner = excluded.owner`),
      renew: db.prepare('UPDATE leases SET expires_ms = ? WHERE name = ? AND owner = ? AND expires_ms > ?'),
      release: db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?'),
      getState: db.prepare('SELECT json FROM source_state WHERE name = ?').pluck(),
      allStates: db.prepare('SELECT json FROM source_state ORDER BY name').pluck(),
      saveState: db.prepare('INSERT OR REPLACE INTO source_state (name, json) VALUES (?, ?)'),
      addSub: db.prepare('INSERT OR IGNORE INTO subscriptions (platform, channel, kind, value, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      removeSub: db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel = ? AND kind = ? AND value = ?'),
      listSubs: db.prepare(`SELECT * FROM subscriptions WHERE (@platform IS NULL OR platform = @platform) AND (@channel IS NULL OR channel = @channel)
        ORDER BY platform, channel, created_at, kind, value`),
      setDigest: db.prepare('INSERT OR REPLACE INTO digests (platform, channel, mode) VALUES (?, ?, ?)'),
      listDigests: db.prepare('SELECT platform, channel, mode FROM digests ORDER BY platform, channel'),
      once: db.prepare(`INSERT INTO once_keys (key, expires_ms) VALUES (?, ?)
        ON CONFLICT (key) DO UPDATE SET expires_ms = excluded.expires_ms WHERE once_keys.expires_ms <= ?`),
      cacheGet: db.prepare('SELECT value FROM cache WHERE key = ? AND expires_ms > ?').pluck(),
      cacheSet: db.prepare('INSERT OR REPLACE INTO cache (key, value, expires_ms) VALUES (?, ?, ?)'),
      purgeLeases: db.prepare('DELETE FROM leases WHERE expires_ms <= ?'),
      purgeOnce: db.prepare('DELETE FROM once_keys WHERE expires_ms <= ?'),
      purgeCache: db.prepare('DELETE FROM cache WHERE expires_ms <= ?'),
    };
  }

  lease(name: string, owner: string, ttlMs: number, nowMs: number): boolean {
    return this.s.lease.run(name, owner, nowMs + ttlMs, nowMs).changes > 0;
  }

  renew(name: string, owner: string, ttlMs: number, nowMs: number): boolean {
    return this.s.renew.run(nowMs + ttlMs, name, owner, nowMs).changes > 0;
  }

  release(name: string, owner: string): void {
    this.s.release.run(name, owner);
  }

  getState(name: string): SourceState | null {
    const json = this.s.getState.get(name) as string | undefined;
    return json ? (JSON.parse(json) as SourceState) : null;
  }

  allStates(): SourceState[] {
    return (this.s.allStates.all() as string[]).map((j) => JSON.parse(j) as SourceState);
  }

  saveState(state: SourceState): void {
    this.s.saveState.run(state.name, JSON.stringify(state));
  }

  addSub(sub: Subscription): boolean {
    return this.s.addSub.run(sub.platform, sub.channel, sub.kind, sub.value, sub.createdBy ?? null, sub.createdAt).changes > 0;
  }

  removeSub(sub: Pick<Subscription, 'platform' | 'channel' | 'kind' | 'value'>): boolean {
    return this.s.removeSub.run(sub.platform, sub.channel, sub.kind, sub.value).changes > 0;
  }

  listSubs(filter: { platform?: Platform; channel?: string } = {}): Subscription[] {
    const rows = this.s.listSubs.all({ platform: filter.platform ?? null, channel: filter.channel ?? null }) as SubRow[];
    return rows.map((r) => {
      const sub: Subscription = { platform: r.platform, channel: r.channel, kind: r.kind, value: r.value, createdAt: r.created_at };
      if (r.created_by !== null) sub.createdBy = r.created_by;
      return sub;
    });
  }

  setDigest(platform: Platform, channel: string, mode: DigestMode): void {
    this.s.setDigest.run(platform, channel, mode);
  }

  listDigests(): DigestSetting[] {
    return this.s.listDigests.all() as DigestSetting[];
  }

  claimOnce(key: string, ttlSec: number, nowMs: number): boolean {
    return this.s.once.run(key, nowMs + ttlSec * 1000, nowMs).changes > 0;
  }

  cacheGet(key: string, nowMs: number): string | null {
    return (this.s.cacheGet.get(key, nowMs) as string | undefined) ?? null;
  }

  cacheSet(key: string, value: string, ttlSec: number, nowMs: number): void {
    this.s.cacheSet.run(key, value, nowMs + ttlSec * 1000);
  }

  purge(nowMs: number): void {
    this.s.purgeLeases.run(nowMs);
    this.s.purgeOnce.run(nowMs);
    this.s.purgeCache.run(nowMs);
  }
}
