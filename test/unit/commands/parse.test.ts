import { describe, expect, it } from 'vitest';
import { CommandSyntaxError, parseCommand, quoteArg, splitOptions, tokenize } from '../../../src/commands/parse.js';
import { parseSince } from '../../../src/commands/search-options.js';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe('tokenize', () => {
  it('splits on spaces (ASCII and ideographic) and keeps quoted phrases whole', () => {
    expect(texts('search  "chief scientist"   firm:OpenAI')).toEqual(['search', 'chief scientist', 'firm:OpenAI']);
    expect(texts('search 字节跳动\u3000挖人')).toEqual(['search', '字节跳动', '挖人']);
    expect(texts('search “天才少年” 「月之暗面」')).toEqual(['search', '天才少年', '月之暗面']);
  });

  it('joins a quoted value to its option key', () => {
    const t = tokenize('firm:"Moonshot AI" "firm:literal"');
    expect(t).toEqual([
      { text: 'firm:Moonshot AI', quoted: false },
      { text: 'firm:literal', quoted: true },
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(() => tokenize('search "open')).toThrow(CommandSyntaxError);
  });
});

describe('splitOptions', () => {
  it('separates known options, keeps URLs, quoted text and Chinese colons as words', () => {
    const r = splitOptions(tokenize('DeepSeek https://x.example/a "note: x" 消息:OpenAI firm:OpenAI TOPIC:talent'), ['firm', 'topic'], 'search');
    expect(r.words).toEqual(['DeepSeek', 'https://x.example/a', 'note: x', '消息:OpenAI']);
    expect(r.options).toEqual([
      { key: 'firm', value: 'OpenAI' },
      { key: 'topic', value: 'talent' },
    ]);
  });

  it('rejects an unknown option and an empty value', () => {
    expect(() => splitOptions(tokenize('frim:OpenAI'), ['firm'], 'search')).toThrow(/unknown option "frim:"/);
    expect(() => splitOptions(tokenize('firm:'), ['firm'], 'search')).toThrow(/firm: needs a value/);
  });

  it('accepts a full-width colon for known options', () => {
    expect(splitOptions(tokenize('firm：字节跳动'), ['firm'], 'search').options).toEqual([{ key: 'firm', value: '字节跳动' }]);
  });
});

describe('parseCommand', () => {
  it('reads the subcommand case-insensitively; empty text is help', () => {
    expect(parseCommand('SEARCH x').sub).toBe('search');
    expect(parseCommand('   ').sub).toBe('help');
  });

  it("undoes Slack's &amp; &lt; &gt; escaping", () => {
    expect(parseCommand('search AT&amp;T &lt;b&gt;').tokens.map((t) => t.text)).toEqual(['AT&T', '<b>']);
  });

  it('suggests the closest subcommand for a typo', () => {
    try {
      parseCommand('subscrbe OpenAI');
      expect.unreachable();
    } catch (err) {
      expect((err as CommandSyntaxError).suggestions).toContain('subscribe');
    }
  });
});

describe('parseSince and quoteArg', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  it('reads spans and dates', () => {
    expect(parseSince('7d', now)).toBe('2026-11-13T12:00:00.000Z');
    expect(parseSince('24h', now)).toBe('2026-11-19T12:00:00.000Z');
    expect(parseSince('2w', now)).toBe('2026-11-06T12:00:00.000Z');
    expect(parseSince('2026-01-01', now)).toBe('2026-01-01T00:00:00.000Z');
    expect(parseSince('yesterday', now)).toBeUndefined();
    expect(parseSince('2026-13-45', now)).toBeUndefined();
  });

  it('quotes values with spaces or colons', () => {
    expect(quoteArg('OpenAI')).toBe('OpenAI');
    expect(quoteArg('Moonshot AI')).toBe('"Moonshot AI"');
    expect(quoteArg('a "b" c')).toBe('"a b c"');
  });
});
