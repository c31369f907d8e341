// The target of subscribe/unsubscribe: a topic (talent, superapp) or a firm by name or alias,
// optionally marked `firm:X` / `topic:Y`. Unknown firms come back with "did you mean".
import type { Subscription } from '../types.js';
import type { FirmKnowledge } from './deps.js';
import { CommandSyntaxError, splitOptions, type Token } from './parse.js';
import { parseTopic } from './search-options.js';
import type { Subcommand } from './types.js';

export type Target = Pick<Subscription, 'kind' | 'value'>;

/** The raw target text and an explicit kind when written as firm:X or topic:Y. */
export function targetText(tokens: Token[], sub: Subcommand): { text: string; kind?: 'firm' | 'topic' } {
  const { words, options } = splitOptions(tokens, ['firm', 'topic'], sub);
  if (options.length > 1 || (options.length === 1 && words.length)) throw new CommandSyntaxError('give one firm or topic at a time', sub);
  if (options.length === 1) return { text: options[0].value, kind: options[0].key as 'firm' | 'topic' };
  const text = words.join(' ').trim();
  if (!text) throw new CommandSyntaxError('say which firm or topic, e.g. OpenAI or talent', sub);
  return { text };
}

export function resolveTarget(raw: { text: string; kind?: 'firm' | 'topic' }, knowledge: FirmKnowledge, sub: Subcommand): Target {
  if (raw.kind !== 'firm') {
    const topic = parseTopic(raw.text);
    if (topic) return { kind: 'topic', value: topic };
    if (raw.kind === 'topic') throw new CommandSyntaxError(`topic must be talent or superapp, not "${raw.text}"`, sub, ['talent', 'superapp']);
  }
  const firm = knowledge.canonicalFirm(raw.text);
  if (firm) return { kind: 'firm', value: firm };
  throw new CommandSyntaxError(`I don't know the firm or topic "${raw.text}"`, sub, knowledge.suggestFirms(raw.text, 5));
}

export function describe(t: Target): string {
  return t.kind === 'topic' ? `the ${t.value === 'talent' ? 'AI talent' : 'super-app'} topic` : t.value;
}
