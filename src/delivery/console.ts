// The console "platform": prints alerts, notices and digests to a terminal (stdout by default).
// What a new user sees with no Slack or Discord credentials, so it aims to read well; colours
// only when the stream is a TTY and NO_COLOR is unset.
import type { Alert, Delivery } from '../types.js';
import { alsoTotal } from '../types.js';
import { displayGist } from '../pipeline/gist.js';
import type { DeliveryContent, DigestPayload, Poster, PostResult } from './poster.js';

export interface ConsolePosterOptions {
  out?: NodeJS.WritableStream;
  /** Force colours on or off; default: on for a TTY unless NO_COLOR is set. */
  color?: boolean;
  env?: Record<string, string | undefined>;
  /** Line width for wrapping the summary; default the terminal's columns, else 100. */
  width?: number;
}

type Paint = (code: string, s: string) => string;

function moveLine(m: Alert['assessment']['moves'][number]): string {
  return `${m.person}: ${m.from} → ${m.to}${m.role ? ` (${m.role})` : ''}${m.direction ? ` ${m.direction}` : ''}`;
}

function wrap(text: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}

/** Terminal control characters from feeds never reach the terminal. */
const clean = (s: string): string => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');

export function formatAlert(a: Alert, paint: Paint, width = 100, edited = false): string {
  const x = a.assessment;
  const lines = [paint('1', `${edited ? '✎ ' : '● '}${clean(a.title)}`)];
  const gist = displayGist(a);
  if (gist) lines.push(paint('3', `  ${clean(gist)}`));
  const meta = [clean(a.source), a.published.replace('T', ' ').slice(0, 16) + ' UTC', x.topics.join(', '), x.firms.join(', ')].filter(Boolean);
  lines.push(paint('2', `  ${meta.join(' · ')}`));
  for (const m of x.moves) lines.push(paint('36', `  ↪ ${clean(moveLine(m))}`));
  if (x.summary.trim()) lines.push(...wrap(clean(x.summary), width - 2, '  '));
  lines.push(paint('4', `  ${clean(a.link)}`));
  if (a.alsoReportedBy.length) {
    const more = alsoTotal(a) - a.alsoReportedBy.length;
    lines.push(
      paint('2', `  also reported by: ${a.alsoReportedBy.map((r) => `${clean(r.source)} (${clean(r.link)})`).join(', ')}${more > 0 ? ` +${more} more` : ''}`),
    );
  }
  return lines.join('\n');
}

export function formatDigest(dg: DigestPayload, paint: Paint): string {
  const lines = [paint('1', `■ ${clean(dg.title)}`)];
  for (const s of dg.sections) {
    lines.push(paint('1', `  ${clean(s.heading)} (${s.alerts.length})`));
    for (const a of s.alerts) lines.push(`   • ${clean(a.title)} — ${clean(a.source)}`, paint('2', `     ${clean(a.link)}`));
  }
  if (dg.flows.length) {
    lines.push(paint('1', '  Talent flows'));
    for (const f of dg.flows) lines.push(`   ${clean(f.from)} → ${clean(f.to)}${f.direction ? ` ${f.direction}` : ''} ×${f.count}`);
  }
  return lines.join('\n');
}

export class ConsolePoster implements Poster {
  readonly platform = 'console' as const;
  private readonly out: NodeJS.WritableStream;
  private readonly paint: Paint;
  private readonly width: number;
  private readonly posted = new Map<string, string>();
  private seq = 0;

  constructor(opts: ConsolePosterOptions = {}) {
    this.out = opts.out ?? process.stdout;
    const tty = this.out as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
    const env = opts.env ?? process.env;
    const color = opts.color ?? (tty.isTTY === true && env.NO_COLOR === undefined);
    this.paint = color ? (code, s) => `\u001b[${code}m${s}\u001b[0m` : (_c, s) => s;
    this.width = Math.max(40, opts.width ?? tty.columns ?? 100);
  }

  async post(delivery: Delivery, content: DeliveryContent): Promise<PostResult> {
    this.write(this.render(content, false));
    const messageId = `console-${++this.seq}`;
    this.posted.set(delivery.id, messageId);
    return { messageId };
  }

  async update(_delivery: Delivery, messageId: string, content: DeliveryContent): Promise<void> {
    this.write(`${this.render(content, true)}\n${this.paint('2', `  (update to ${messageId})`)}`);
  }

  /** Only this process's own posts can be found: a terminal has no history to search. */
  async findPosted(delivery: Delivery): Promise<string | null> {
    return this.posted.get(delivery.id) ?? null;
  }

  private render(c: DeliveryContent, edited: boolean): string {
    switch (c.kind) {
      case 'alert':
      case 'update':
        return formatAlert(c.alert, this.paint, this.width, edited || c.kind === 'update');
      case 'notice':
        return this.paint('33', `⚠ ${clean(c.text)}`);
      case 'digest':
        return formatDigest(c.digest, this.paint);
    }
  }

  private write(text: string): void {
    this.out.write(`${text}\n\n`);
  }
}
