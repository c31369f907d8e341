// Making untrusted feed text safe for Slack: escape the three control characters, defuse every
// mention form, and cut to Block Kit limits without splitting an entity or a surrogate pair.

const ZWJ = '\u200D';

/** Removes C0/C1 controls (except newline and tab) that some feeds carry. */
function stripControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
}

/** Breaks bare `@channel`, `@here`, `@everyone` (and `!channel`-style words after `<`) with a zero-width joiner. */
function defuseWords(s: string): string {
  return s.replace(/([@＠!])(channel|here|everyone|subteam)\b/gi, `$1${ZWJ}$2`);
}

/** For mrkdwn: `&`, `<`, `>` escaped, so `<!channel>`, `<@U1>`, `<#C1>` and links in feeds stay plain text. */
export function escapeMrkdwn(input: string): string {
  return defuseWords(stripControls(input).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/**
 * For plain_text objects (headers, button labels): escaped the same way, since Slack decodes the
 * three entities in every text field; mention syntax is defused as well.
 */
export const safePlain = escapeMrkdwn;

/** Cuts to `max` UTF-16 units with an ellipsis; never inside `&amp;`-style entities or surrogate pairs. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const amp = s.lastIndexOf('&', end);
  if (amp >= 0 && amp > end - 6 && s.indexOf(';', amp) >= end) end = amp;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}…`;
}

/** Escaping only lengthens text, so feed text longer than needed is sliced first (50 KB titles stay cheap). */
const pre = (input: string | undefined, max: number): string => {
  const s = (input ?? '').trim();
  return s.length > max + 1 ? s.slice(0, max + 1) : s;
};

/** Escaped and cut: the usual way feed text goes into a mrkdwn field. */
export function mrkdwn(input: string | undefined, max: number): string {
  return cut(escapeMrkdwn(pre(input, max)), max);
}

/** One line, whitespace folded, escaped and cut: for plain_text fields. */
export function plain(input: string | undefined, max: number): string {
  return cut(safePlain(pre((input ?? '').slice(0, max * 4 + 16).replace(/\s+/g, ' '), max)), max);
}

/** One line, whitespace folded and cut, NOT escaped (for text escaped later as a whole). */
export function oneLine(input: string | undefined, max: number): string {
  return cut(pre((input ?? '').slice(0, max * 4 + 16).replace(/\s+/g, ' '), max), max);
}

/** An http(s) URL Slack will accept (≤ max chars), or undefined. */
export function safeUrl(url: string | undefined, max = 3000): string | undefined {
  if (!url || url.length > max) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    const href = u.href;
    return href.length <= max ? href : undefined;
  } catch {
    return undefined;
  }
}

/** `<url|label>` for mrkdwn, or the escaped label alone when the URL is unusable. */
export function link(url: string | undefined, label: string, maxLabel = 200): string {
  const text = mrkdwn(label, maxLabel).replace(/\|/g, '¦') || 'link';
  const href = safeUrl(url, 2000);
  if (!href) return text;
  // `|` and `>` end the link in mrkdwn; URL() already percent-encodes `<`, `>` and spaces.
  return `<${href.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${text}>`;
}

/** Joins lines into chunks of at most `max` chars (one over-long line is cut). */
export function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = cut(raw, max);
    if (cur && cur.length + 1 + line.length > max) {
      chunks.push(cur);
      cur = line;
    } else cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) chunks.push(cur);
  return chunks;
}
