// Tokenizing `/talent …` text: words, "quoted phrases" (also “…”, 「…」, 『…』), and
// `key:value` options (`firm:"Moonshot AI"`). Chinese text needs no spaces; it stays one token.
import { SUBCOMMANDS } from './usage.js';
import type { Subcommand } from './types.js';

export interface Token {
  text: string;
  /** The token began with a quote: never an option. */
  quoted: boolean;
}

export interface Option {
  key: string;
  value: string;
}

/** Bad syntax: the reply shows `message` and the usage of `sub` (all usage when absent). */
export class CommandSyntaxError extends Error {
  readonly code = 'COMMAND_SYNTAX';
  constructor(
    message: string,
    readonly sub?: Subcommand,
    readonly suggestions?: string[],
  ) {
    super(message);
    this.name = 'CommandSyntaxError';
  }
}

const CLOSERS: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』', '«': '»' };
const SPACE = /[\s\u3000]/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let cur: Token | null = null;
  let closer: string | null = null;
  for (const ch of text) {
    if (closer) {
      if (ch === closer) closer = null;
      else cur!.text += ch;
    } else if (SPACE.test(ch)) {
      if (cur) out.push(cur);
      cur = null;
    } else if (CLOSERS[ch]) {
      cur ??= { text: '', quoted: true };
      closer = CLOSERS[ch];
    } else {
      cur ??= { text: '', quoted: false };
      cur.text += ch;
    }
  }
  if (closer) throw new CommandSyntaxError(`a quote is not closed: add the closing ${closer}`);
  if (cur) out.push(cur);
  return out.map((t) => ({ ...t, text: t.text.trim() })).filter((t) => t.text || t.quoted);
}

const OPTION_RE = /^([A-Za-z]+)([:：])([\s\S]*)$/;
const NOT_OPTIONS = new Set(['http', 'https', 'mailto']);

/**
 * Splits tokens into words and options. `known` are the option keys of this subcommand; an
 * unknown `key:value` (ASCII colon) is an error so a typo does not silently become a search word.
 */
export function splitOptions(tokens: Token[], known: readonly string[], sub: Subcommand): { words: string[]; options: Option[] } {
  const words: string[] = [];
  const options: Option[] = [];
  for (const t of tokens) {
    const m = t.quoted ? null : OPTION_RE.exec(t.text);
    const key = m?.[1].toLowerCase();
    if (!m || !key || NOT_OPTIONS.has(key)) {
      if (t.text) words.push(t.text);
    } else if (known.includes(key)) {
      const value = m[3].trim();
      if (!value) throw new CommandSyntaxError(`${key}: needs a value, e.g. ${key}:${EXAMPLE[key] ?? 'x'}`, sub);
      options.push({ key, value });
    } else if (m[2] === ':' && m[3].trim()) {
      const hint = known.length ? `options here are ${known.map((k) => `${k}:`).join(', ')}` : 'this command takes no options';
      throw new CommandSyntaxError(`unknown option "${key}:" (${hint}); to search for the words, put them in quotes`, sub);
    } else words.push(t.text);
  }
  return { words, options };
}

const EXAMPLE: Record<string, string> = { firm: 'OpenAI', topic: 'talent', since: '7d', lang: 'zh', page: '2', limit: '10', name: 'techwire', number: '1' };

/** Slack escapes &, < and > in slash-command text; the words people typed are what we search. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Subcommand and tokens. Empty text is `help`. */
export function parseCommand(text: string): { sub: Subcommand; tokens: Token[] } {
  const tokens = tokenize(unescapeSlack(text ?? ''));
  const first = tokens[0];
  if (!first) return { sub: 'help', tokens: [] };
  const name = first.text.toLowerCase();
  const sub = SUBCOMMANDS.find((s) => s === name);
  if (!sub || first.quoted) {
    const close = SUBCOMMANDS.filter((s) => s.startsWith(name.slice(0, 3)) || editDistance(s, name) <= 2);
    throw new CommandSyntaxError(`unknown command "${first.text}"`, undefined, close);
  }
  return { sub, tokens: tokens.slice(1) };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Quotes a value for command text when it holds spaces, colons or nothing. */
export function quoteArg(v: string): string {
  const clean = v
    .replace(/["“”「」『』«»]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return /[\s:：]/.test(clean) || !clean ? `"${clean}"` : clean;
}
