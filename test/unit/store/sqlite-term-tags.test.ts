// SQLite search asks `term_tags` (which words occur with which filter tags, src/store/sqlite/term-tags.ts)
// before FTS5 and answers "no match" when a word never occurs with a filter. These tests hold it to
// the plain FTS5 path: same pages, totals and caps for conjunctions with no or few matches, with
// paging and `since`; counts kept right by ingest, purge and the migration; and the folding of
// non-ASCII words checked against SQLite's own tokenizer.
import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import type { Topic } from '../../../src/types.js';
import { generateAlertEntries } from '../../../bench/gen.js';
import { SqliteStore } from '../../../src/store/sqlite/index.js';
import { SearchIndex } from '../../../src/store/sqlite/search.js';
import { RARE, termKeys } from '../../../src/store/sqlite/term-tags.js';
import { bodyIndexText, tagIndexText } from '../../../src/store/sqlite/migrations.js';
import { indexText, STOPWORDS } from '../../../src/store/search-text.js';
import type { IngestEntry, SearchQuery, SearchResult } from '../../../src/store/store.js';

const DAY = 86_400_000;
const view = (r: SearchResult) => ({ total: r.total, capped: r.capped ?? false, hits: r.hits.map((h) => [h.alert.id, h.score, h.snippet]) });

/** A few stories that make rare pairs: talent-topic alerts that mention a super app, a firm with accented and odd-script words. */
function rareEntries(now: Date): IngestEntry[] {
  const mk = (id: string, ageDays: number, title: string, summary: string, topics: Topic[], firms: string[], lang = 'en'): IngestEntry => {
    const published = new Date(now.getTime() - ageDays * DAY).toISOString();
    const item = { id, source: 'rare', title, summary, link: `https://rare.example/${id}`, lang, published, fetchedAt: published };
    return {
      item,
      assessment: { relevant: true, topics, score: 0.7, firms, moves: [], why: [], summary: title },
      keys: [`url:${item.link}`],
      archive: true,
      targets: [],
    };
  };
  return [
    mk('rare-1', 2, 'Researcher joins Meta', 'She built a super app for payments before.', ['talent'], ['Meta']),
    mk('rare-2', 40, 'Scientist leaves xAI', 'Worked on the Grab super app and ride-hailing.', ['talent'], ['xAI']),
    mk('rare-3', 200, 'Chief scientist hires', 'Super app veteran.', ['talent'], ['Alibaba']),
    mk('rare-4', 5, 'Café payments lead joins Meta', 'Naïve Ｈello zürich résumé ﬁnance', ['talent'], ['Meta']),
    mk('rare-5', 9, 'Ørsted engineer joins Tencent', 'Łódź ΣΟΦΙΑ straße', ['talent'], ['Tencent'], 'de'),
  ];
}

async function loadStore(now: Date): Promise<SqliteStore> {
  const store = SqliteStore.open({ file: ':memory:', now: () => now });
  for (let n = 0; n < 4000; n += 2000) {
    await store.ingest({ entries: generateAlertEntries(n, 2000, { now }), matcher: () => false, retentionSec: 400 * 86400, now });
  }
  await store.ingest({ entries: rareEntries(now), matcher: () => false, retentionSec: 400 * 86400, now });
  return store;
}

type Counts = Map<string, { n: number; blocks: Map<number, number> }>;

/** Pair counts (per word and firm/topic tag, and per 8-day block) as the archive's rows say. */
function expectedCounts(db: Database): Counts {
  const out: Counts = new Map();
  type Row = { title: string; summary: string; lang: string; assessment: string; published_ms: number };
  for (const r of db.prepare('SELECT title, summary, lang, assessment, published_ms FROM alerts').all() as Row[]) {
    const block = Math.floor(r.published_ms / 86_400_000 / 8);
    // Firm and topic tags only (`f…`, `t…`): languages are not paired.
    const tags = [...new Set(tagIndexText(r.assessment, r.lang).split(' '))].filter((t) => t[0] === 'f' || t[0] === 't');
    for (const term of termKeys(indexText(r.title), bodyIndexText(r.summary, r.assessment))) {
      for (const tag of tags) {
        const c = out.get(`${term} ${tag}`) ?? { n: 0, blocks: new Map<number, number>() };
        c.n++;
        c.blocks.set(block, (c.blocks.get(block) ?? 0) + 1);
        out.set(`${term} ${tag}`, c);
      }
    }
  }
  return out;
}

/**
 * Checks the stored counts against the rows: every pair's total; the blocks of every pair not
 * `wide`, none for a wide one; `fresh` (nothing purged since counting began): wide exactly when
 * the total is over RARE. Returns how many pairs keep blocks and how many are wide.
 */
function checkCounts(db: Database, fresh: boolean): { rare: number; wide: number } {
  const want = expectedCounts(db);
  const pairs = db.prepare('SELECT term, tag, n, wide FROM term_tags').all() as Array<{ term: string; tag: string; n: number; wide: number }>;
  const blocks = new Map<string, Map<number, number>>();
  for (const r of db.prepare('SELECT term, tag, block, n FROM term_tag_blocks').all() as Array<{ term: string; tag: string; block: number; n: number }>) {
    const m = blocks.get(`${r.term} ${r.tag}`) ?? new Map<number, number>();
    blocks.set(`${r.term} ${r.tag}`, m.set(r.block, r.n));
  }
  expect(new Map(pairs.map((p) => [`${p.term} ${p.tag}`, p.n]))).toEqual(new Map([...want].map(([k, c]) => [k, c.n])));
  let rare = 0;
  let wide = 0;
  for (const p of pairs) {
    const key = `${p.term} ${p.tag}`;
    if (p.wide) {
      wide++;
      expect(blocks.has(key), key).toBe(false);
    } else {
      rare++;
      expect(blocks.get(key), key).toEqual(want.get(key)!.blocks);
    }
    if (fresh) expect(p.wide !== 0, key).toBe(p.n > RARE);
  }
  for (const key of blocks.keys()) expect(want.has(key), key).toBe(true);
  return { rare, wide };
}

describe('sqlite search: words by filter tag', () => {
  it('gives the same pages, totals and caps as FTS5 alone for conjunctions with no or few matches', async () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const store = await loadStore(now);
    const plain = new SearchIndex(store.db, { counts: false });
    const words = [
      '',
      'researcher',
      'chief scientist',
      'joins',
      'talent',
      'super app',
      'payments',
      'AI agent',
      'leaves',
      'ride-hailing',
      'cafe',
      'café',
      'naive',
      'hello',
      'zurich',
      'resume',
      'finance',
      'orsted',
      'lodz',
      'strasse',
      'straße',
      'σοφια',
      'xyzzy',
      'grab super app',
      '"super app" -payments',
      'ByteDance super app',
      'MiniMax ride-hailing',
      'Meta talent',
    ];
    const filters: Array<Pick<SearchQuery, 'firms' | 'topics' | 'lang'>> = [
      {},
      { topics: ['talent'] },
      { topics: ['superapp'] },
      { firms: ['Meta'] },
      { firms: ['xAI', 'Alibaba'] },
      { firms: ['Tencent'], lang: 'de' },
      { topics: ['talent'], firms: ['Meta'] },
      { lang: 'zh' },
      { firms: ['Nobody Inc'] },
    ];
    let compared = 0;
    let empty = 0;
    let few = 0;
    for (const text of words) {
      for (const f of filters) {
        // No bound, a few days, two months, before the oldest alert, after the newest.
        for (const days of [undefined, 3, 60, 500, -2]) {
          const since = days === undefined ? undefined : new Date(now.getTime() - days * DAY).toISOString();
          for (const offset of [0, 7, 195]) {
            const q: SearchQuery = { text, ...f, ...(since ? { since } : {}), limit: 10, offset };
            const got = await store.search(q);
            expect(view(got), JSON.stringify(q)).toEqual(view(plain.search(q, now.getTime())));
            compared++;
            if (offset === 0 && got.total === 0) empty++;
            if (offset === 0 && got.total > 0 && got.total <= 5) few++;
          }
        }
      }
    }
    expect(compared).toBe(words.length * filters.length * 15);
    // Every `since` day of the last ten weeks on dense conjunctions: the time tokens' blocks start
    // and end on every side of the bound.
    for (let days = 0; days <= 70; days++) {
      const since = new Date(now.getTime() - days * DAY - 3_600_000).toISOString();
      for (const q of [{ text: 'joins', topics: ['talent' as Topic] }, { text: 'Meta talent' }, { text: 'researcher', firms: ['OpenAI', 'Meta'] }]) {
        for (const offset of [0, 7]) {
          const full: SearchQuery = { ...q, since, limit: 10, offset };
          expect(view(await store.search(full)), JSON.stringify(full)).toEqual(view(plain.search(full, now.getTime())));
        }
      }
    }
    // Both kinds are there: conjunctions answered with no match and rare ones FTS5 had to find.
    expect(empty).toBeGreaterThan(100);
    expect(few).toBeGreaterThan(10);
    // The accented and folded words are found through their filters, not cut off by the counts.
    expect((await store.search({ text: 'cafe', firms: ['Meta'], limit: 10 })).hits.map((h) => h.alert.id)).toEqual(['rare-4']);
    expect((await store.search({ text: 'hello zurich', topics: ['talent'], limit: 10 })).hits.map((h) => h.alert.id)).toEqual(['rare-4']);
    expect((await store.search({ text: 'ørsted łódź', firms: ['Tencent'], lang: 'de', limit: 10 })).total).toBe(1);
    expect((await store.search({ text: 'super app', topics: ['talent'], limit: 10 })).total).toBe(3);
    await store.close();
  }, 120_000);

  it('keeps the counts right through ingest, purge and the migration that builds them', async () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const store = SqliteStore.open({ file: ':memory:', now: () => now });
    const early = new Date(now.getTime() - 30 * DAY);
    await store.ingest({ entries: generateAlertEntries(0, 500, { now: early }), matcher: () => false, retentionSec: 400 * 86400, now: early });
    await store.ingest({ entries: rareEntries(early), matcher: () => false, retentionSec: 400 * 86400, now: early });
    await store.ingest({ entries: generateAlertEntries(500, 500, { now }), matcher: () => false, retentionSec: 400 * 86400, now });
    const counted = checkCounts(store.db, true);
    expect(counted.rare).toBeGreaterThan(100);
    expect(counted.wide).toBeGreaterThan(10);
    const before = await store.search({ text: 'cafe', firms: ['Meta'], limit: 10 });
    expect(before.total).toBe(1);
    // Archived 30 days ago: purged with a 10-day retention; their pairs go with them.
    await store.purge(now, 10);
    expect((store.db.prepare('SELECT count(*) FROM alerts').pluck().get() as number) < 1005).toBe(true);
    checkCounts(store.db, false);
    expect(store.db.prepare('SELECT count(*) FROM term_tags WHERE n <= 0').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM term_tag_blocks WHERE n <= 0').pluck().get()).toBe(0);
    expect((await store.search({ text: 'cafe', firms: ['Meta'], limit: 10 })).total).toBe(0);
    const days = store.db.prepare('SELECT day, n FROM alert_days ORDER BY day').all();
    expect(days.length).toBeGreaterThan(0);
    expect(days).toEqual(store.db.prepare('SELECT published_ms / 86400000 AS day, count(*) AS n FROM alerts GROUP BY 1 ORDER BY 1').all());
    // A database from before version 7 (no counts, no time tokens): the migration rebuilds the index and counts what is archived.
    const queries: SearchQuery[] = [
      { text: 'joins', since: new Date(now.getTime() - 120 * DAY).toISOString(), limit: 10 },
      { text: 'joins', topics: ['talent'], limit: 10, offset: 3 },
      { text: '', firms: ['Meta'], since: new Date(now.getTime() - 200 * DAY).toISOString(), limit: 10 },
    ];
    const answers = await Promise.all(queries.map((q) => store.search(q)));
    store.db.exec('DROP TABLE term_tags; DROP TABLE term_tag_blocks; DROP TABLE alert_days');
    store.db.pragma('user_version = 6');
    const { migrate } = await import('../../../src/store/sqlite/migrations.js');
    expect(migrate(store.db)).toEqual([7]);
    checkCounts(store.db, true);
    expect(store.db.prepare('SELECT day, n FROM alert_days ORDER BY day').all()).toEqual(days);
    const fresh = new SearchIndex(store.db);
    expect(queries.map((q) => view(fresh.search(q, now.getTime())))).toEqual(answers.map(view));
    expect(answers.every((a) => a.total > 0)).toBe(true);
    await store.close();
  }, 60_000);

  it('counts every ASCII word SQLite indexes (stopwords aside), whatever the script around it (codepoint by codepoint)', () => {
    const store = SqliteStore.open({ file: ':memory:' });
    const db = store.db;
    // The same tokenizer as the archive's index, read from the schema.
    const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'alerts_fts'`).pluck().get() as string;
    db.exec(sql.replace('alerts_fts', 'probe').replace(/content='',\s*contentless_delete=1,/, ''));
    db.exec(`CREATE VIRTUAL TABLE probe_v USING fts5vocab(probe, 'instance')`);
    const insert = db.prepare('INSERT INTO probe (rowid, title, body, tags) VALUES (?, ?, ?, ?)');
    const texts = new Map<number, string>();
    db.transaction(() => {
      for (let c = 0x80; c < 0x30000; c++) {
        if (c >= 0xd800 && c < 0xe000) continue;
        const ch = String.fromCodePoint(c);
        const text = `ab${ch}cd ${ch}x Q${ch}`;
        const indexed = indexText(text);
        texts.set(c, indexed);
        insert.run(c, indexed, '', '');
      }
    })();
    let checked = 0;
    const missing: string[] = [];
    for (const r of db.prepare('SELECT term, doc FROM probe_v').iterate() as IterableIterator<{ term: string; doc: number }>) {
      if (typeof r.term !== 'string' || !/^[a-z0-9]+$/.test(r.term) || STOPWORDS.has(r.term)) continue;
      checked++;
      if (!termKeys(texts.get(r.doc)!).has(r.term)) missing.push(`U+${r.doc.toString(16)} ${r.term}`);
    }
    expect(missing.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
    void store.close();
  }, 120_000);
});
