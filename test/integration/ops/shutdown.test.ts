// SIGTERM on the real bin: polling stops, in-flight work is finished or handed back, the store
// is closed cleanly (the embedded database reopens without recovery), exit code 0.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFeedServer } from '../../fakes/feed-server.js';
import { consoleBot, rss } from '../../support/cli.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { freePort } from '../redis/helpers.js';

const BIN = join(process.cwd(), 'dist/cli.js');

describe('shutdown', () => {
  it('stops cleanly on SIGTERM with exit code 0', async () => {
    if (!existsSync(BIN)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    const feeds = await startFeedServer();
    feeds.set('/f.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss([{ title: 'Quiet day', description: 'Nothing.', link: 'https://x.example/1', guid: '1', pubDate: new Date() }]),
    });
    const cfg = consoleBot(`  - name: f\n    url: ${feeds.url('/f.xml')}`);
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'run'], {
      env: { ...process.env, TALENT_CONFIG: cfg.configPath, DATA_DIR: cfg.dataDir, PORT: String(port), OPS_PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stderr!.on('data', (d) => (log += d));
    try {
      const until = Date.now() + 20_000;
      while (!/"msg":"poll cycle"/.test(log)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`bot did not run a poll cycle:\n${log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).toMatch(/shutting down/);
      expect(log).toMatch(/"msg":"bye"/);
      const store = SqliteStore.open({ dir: cfg.dataDir });
      expect((await store.getSourceStates())[0]).toMatchObject({ name: 'f', initialized: true });
      await store.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await feeds.close();
    }
  });
});
