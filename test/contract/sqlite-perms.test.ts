// The embedded store's files are owner-only: DATA_DIR 0700 and the database 0600 (they used to
// take the process umask: 0777 / 0644 were seen).
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/index.js';

describe('embedded store file modes', () => {
  it('creates DATA_DIR 0700 and the database 0600, whatever the umask', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tr-perms-')), 'data', 'nested');
    const old = process.umask(0o000);
    try {
      const store = SqliteStore.open({ dir });
      await store.ping();
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'talent-radar.db')).mode & 0o777).toBe(0o600);
      await store.close();
    } finally {
      process.umask(old);
    }
  });

  it('narrows an existing world-readable database file to 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-perms-'));
    writeFileSync(join(dir, 'talent-radar.db'), '', { mode: 0o644 });
    const store = SqliteStore.open({ dir });
    expect(statSync(join(dir, 'talent-radar.db')).mode & 0o777).toBe(0o600);
    await store.close();
  });
});
