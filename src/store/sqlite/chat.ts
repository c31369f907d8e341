// Chat-made state on the embedded store: chat sources, watches, feedback and mutes (store/chat.ts).
// Records are kept as JSON beside the columns that identify or order them.
import type { Database, Statement } from 'better-sqlite3';
import type { ChatSource, Feedback, Mute, Watch } from '../chat.js';
import type { Platform } from '../../types.js';

export class ChatRepo {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.s = {
      addSource: db.prepare('INSERT OR IGNORE INTO chat_sources (name, json, added_at) VALUES (?, ?, ?)'),
      removeSource: db.prepare('DELETE FROM chat_sources WHERE name = ?'),
      dropState: db.prepare('DELETE FROM source_state WHERE name = ?'),
      listSources: db.prepare('SELECT json FROM chat_sources ORDER BY added_at, name').pluck(),
      addWatch: db.prepare('INSERT OR REPLACE INTO watches (id, platform, json, created_at) VALUES (?, ?, ?, ?)'),
      removeWatch: db.prepare('DELETE FROM watches WHERE id = ?'),
      listWatches: db.prepare('SELECT json FROM watches WHERE (@platform IS NULL OR platform = @platform) ORDER BY created_at, id').pluck(),
      addFeedback: db.prepare('INSERT OR IGNORE INTO feedback (alert_id, platform, channel, user, action, at, json) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      listFeedback: db.prepare('SELECT json FROM feedback ORDER BY at, alert_id LIMIT ?').pluck(),
      addMute: db.prepare(`INSERT INTO mutes (platform, channel, source, until_ms, json) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (platform, channel, source) DO UPDATE SET until_ms = excluded.until_ms, json = excluded.json WHERE excluded.until_ms > mutes.until_ms`),
      listMutes: db.prepare('SELECT json FROM mutes WHERE until_ms > ? ORDER BY platform, channel, source').pluck(),
      purgeMutes: db.prepare('DELETE FROM mutes WHERE until_ms <= ?'),
    };
  }

  addSource(src: ChatSource): boolean {
    return this.s.addSource.run(src.name, JSON.stringify(src), src.addedAt).changes > 0;
  }

  removeSource(name: string): boolean {
    return this.db.transaction(() => {
      const gone = this.s.removeSource.run(name).changes > 0;
      if (gone) this.s.dropState.run(name);
      return gone;
    })();
  }

  listSources(): ChatSource[] {
    return (this.s.listSources.all() as string[]).map((j) => JSON.parse(j) as ChatSource);
  }

  addWatch(w: Watch): void {
    this.s.addWatch.run(w.id, w.platform, JSON.stringify(w), w.createdAt);
  }

  removeWatch(id: string): boolean {
    return this.s.removeWatch.run(id).changes > 0;
  }

  listWatches(filter: { platform?: Platform } = {}): Watch[] {
    return (this.s.listWatches.all({ platform: filter.platform ?? null }) as string[]).map((j) => JSON.parse(j) as Watch);
  }

  addFeedback(f: Feedback): boolean {
    return this.s.addFeedback.run(f.alertId, f.platform, f.channel, f.user, f.action, f.at, JSON.stringify(f)).changes > 0;
  }

  listFeedback(limit: number): Feedback[] {
    return (this.s.listFeedback.all(limit) as string[]).map((j) => JSON.parse(j) as Feedback);
  }

  addMute(m: Mute): void {
    this.s.addMute.run(m.platform, m.channel, m.source, Date.parse(m.until), JSON.stringify(m));
  }

  listMutes(nowMs: number): Mute[] {
    return (this.s.listMutes.all(nowMs) as string[]).map((j) => JSON.parse(j) as Mute);
  }

  purge(nowMs: number): void {
    this.s.purgeMutes.run(nowMs);
  }
}
