// The store contract on the embedded backend (file in a temp dir, and in memory), plus what only SQLite has:
// migrations, reopening, WAL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, LATEST_VERSION, MIGRATIONS, migrate, SqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { runStoreContract } from './store-contract.js';
import { T0, batch, entry, item } from './store-contract-fixtures.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'talent-radar-sqlite-'));
  dirs.push(d);
  return d;
}

runStoreContract(
  'sqlite (file)',
  async () => SqliteStore.open({ dir: tempDir() }),
  async (s: Store) => s.close(),
);
runStoreContract('sqlite (:memory:)', async () => SqliteStore.open({ file: ':memory:' }));

describe('sqlite specifics', () => {
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates the folder, uses WAL, and applies migrations once', async () => {
    const dir = join(tempDir(), 'nested', 'data');
    const s = SqliteStore.open({ dir });
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(migrate(s.db)).toEqual([]);
    await s.close();
    const again = SqliteStore.open({ dir });
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    await again.close();
  });

  it('keeps data across reopen', async () => {
    const dir = tempDir();
    const s = SqliteStore.open({ dir });
    await s.ingest(batch([entry(item('keep', { title: 'OpenAI researcher joins Moonshot' }), { targets: [{ platform: 'console', channel: 'stdout' }] })]));
    await s.addSubscription({ platform: 'slack', channel: 'C1', kind: 'topic', value: 'talent', createdAt: T0.toISOString() });
    await s.close();
    const r = SqliteStore.open({ dir });
    expect((await r.getAlert('keep'))?.title).toBe('OpenAI researcher joins Moonshot');
    expect((await r.search({ text: 'moonshot', limit: 5 })).total).toBe(1);
    expect(await r.listSubscriptions()).toHaveLength(1);
    expect((await r.outboxStats()).pending).toBe(1);
    expect((await r.ingest(batch([entry(item('keep'))])))[0].status).toBe('seen');
    await r.close();
  });

  it('migrates a database created by an older schema version, indexing its alerts for search', async () => {
    const dir = tempDir();
    const raw = new Database(join(dir, DB_FILE));
    expect(migrate(raw, MIGRATIONS, 1)).toEqual([1]);
    raw
      .prepare(
        `INSERT INTO alerts (rid, id, source, title, summary, link, lang, published, published_ms, fetched_at, assessment, archived_at, archived_ms)
      VALUES (1, 'legacy', 'old', '前百度研究员加盟智谱', '旧的摘要', 'https://old.example/1', 'zh', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        T0.toISOString(),
        T0.getTime(),
        T0.toISOString(),
        JSON.stringify({ relevant: true, topics: ['talent'], score: 0.7, firms: ['Zhipu AI'], moves: [], why: [], summary: '' }),
        T0.toISOString(),
        T0.getTime(),
      );
    raw.close();
    const s = SqliteStore.open({ dir });
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect((await s.search({ text: '智谱', limit: 5 })).hits.map((h) => h.alert.id)).toEqual(['legacy']);
    expect((await s.search({ text: '', firms: ['zhipu ai'], limit: 5 })).total).toBe(1);
    await s.close();
  });

  it('migration 6 moves a 429 retry state out of last_error into its own columns', async () => {
    const dir = tempDir();
    const raw = new Database(join(dir, DB_FILE));
    expect(migrate(raw, MIGRATIONS, 5)).toEqual([1, 2, 3, 4, 5]);
    const ins = raw.prepare(
      `INSERT INTO outbox (id, kind, platform, channel, body, attempts, created_at, last_error) VALUES (?, 'notice', 'console', 'ops', 'x', 3, ?, ?)`,
    );
    ins.run('limited', T0.toISOString(), '[429 streak=2 forgiven=1] HTTP 429: slow down');
    ins.run('plain', T0.toISOString(), 'HTTP 502: bad gateway');
    raw.close();
    const s = SqliteStore.open({ dir });
    const got = await s.claimDeliveries('c1', 10, 30_000, new Date(T0.getTime() + 1000));
    const byId = new Map(got.map((d) => [d.id, d]));
    expect(byId.get('limited')).toMatchObject({ lastError: 'HTTP 429: slow down', retry: { streak: 2, forgiven: 1 } });
    expect(byId.get('plain')).toMatchObject({ lastError: 'HTTP 502: bad gateway' });
    expect(byId.get('plain')!.retry).toBeUndefined();
    await s.close();
  });

  it('refuses a database from a newer build with a clear error', () => {
    const dir = tempDir();
    const raw = new Database(join(dir, DB_FILE));
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => SqliteStore.open({ dir })).toThrow(/newer|upgrade/);
  });

  it('two stores on one file share leases, claims and the outbox', async () => {
    const dir = tempDir();
    const a = SqliteStore.open({ dir });
    const b = SqliteStore.open({ dir });
    expect(await a.leaseSource('feed', 'replica-a', 10_000)).not.toBeNull();
    expect(await b.leaseSource('feed', 'replica-b', 10_000)).toBeNull();
    const e = entry(item('shared'), { targets: [{ platform: 'console', channel: 'stdout' }] });
    const [first, second] = await Promise.all([a.ingest(batch([e])), b.ingest(batch([e]))]);
    expect([first[0].status, second[0].status].sort()).toEqual(['new', 'seen']);
    const claims = [...(await a.claimDeliveries('ca', 10, 60_000)), ...(await b.claimDeliveries('cb', 10, 60_000))];
    expect(claims.map((d) => d.id)).toEqual(['alert:console:stdout:shared']);
    await a.close();
    await b.close();
  });

  it('reports a closed store as unavailable', async () => {
    const s = SqliteStore.open({ file: ':memory:' });
    await s.ping();
    await s.close();
    await expect(s.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('a DATA_DIR that cannot be a folder is a StoreUnavailableError that says what to fix', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => SqliteStore.open({ dir: join(file, 'data') })).toThrow(/DATA_DIR/);
    try {
      SqliteStore.open({ dir: join(file, 'data') });
    } catch (err) {
      expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    }
  });
});
