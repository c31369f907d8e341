// One filter-tag encoding for both backends: the index side and the query side normalize alike,
// and each backend's spelling stays what is already stored (FTS rows, Redis keys).
import { describe, expect, it } from 'vitest';
import { alertTags, FTS_TAGS, KEY_TAGS, queryTags } from '../../../src/store/filter-tags.js';

describe('filter tags', () => {
  it('tags firms case-insensitively', () => {
    const [a] = queryTags({ firms: ['Zhipu AI'] }, FTS_TAGS)[0]!;
    const [b] = queryTags({ firms: [' zhipu ai '] }, FTS_TAGS)[0]!;
    expect(a).toBe(b);
    expect(a).toMatch(/^f[0-9a-z]+$/);
    expect(queryTags({ firms: [' Zhipu AI'] }, KEY_TAGS)).toEqual([['firm:zhipu ai']]);
  });

  it('keeps the stored spellings of both backends', () => {
    const alert = { firms: ['OpenAI', 'Zhipu AI'], topics: ['talent'], lang: 'ZH' };
    expect(alertTags(alert, KEY_TAGS)).toEqual(['firm:openai', 'firm:zhipu ai', 'topic:talent', 'lang:zh']);
    const fts = alertTags(alert, FTS_TAGS);
    expect(fts.slice(2)).toEqual(['ttalent', 'lzh']);
    expect(fts.every((t) => /^[a-z0-9]+$/.test(t))).toBe(true); // one FTS5 token each
  });

  it('finds at query time what was indexed, on either spelling', () => {
    const alert = { firms: ['Moonshot AI'], topics: ['superapp'], lang: 'en' };
    for (const spell of [FTS_TAGS, KEY_TAGS]) {
      const tags = new Set(alertTags(alert, spell));
      const groups = queryTags({ firms: ['moonshot ai', 'OpenAI'], topics: ['superapp'], lang: 'EN' }, spell);
      expect(groups).toHaveLength(3);
      expect(groups.every((g) => g.some((t) => tags.has(t)))).toBe(true);
      expect(queryTags({ firms: ['OpenAI'] }, spell)[0]!.some((t) => tags.has(t))).toBe(false);
    }
    expect(queryTags({}, KEY_TAGS)).toEqual([]);
  });
});
