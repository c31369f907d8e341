// Making feed text safe for Discord: markdown escaped, mass and user/role mentions neutralised,
// lengths cut on code-point boundaries. Discord counts characters; we count UTF-16 units, which is never fewer.

const ZWSP = '\u200b';
const MAX_INPUT = 8192;

/** Breaks @everyone, @here and <@user>, <@!user>, <@&role> so they can never ping, even without allowed_mentions. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@([!&]?)/g, `<@${ZWSP}$1`);
}

/** Backslash-escapes Discord markdown (bold, italic, underline, strike, spoiler, code, quotes, headings, lists, masked links). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]()<>]/g, '\\$&').replace(/^(\s*)([#>-]|\d+\.)(?=\s)/gm, (_m, sp: string, mark: string) => `${sp}\\${mark}`);
}

/** Feed text → safe Discord text (markdown escaped, mentions neutralised, control characters dropped). */
export function safeText(text: string | undefined | null): string {
  if (!text) return '';
  // No Discord text part exceeds 4096 characters and escaping only lengthens, so longer input is cut first.
  const clean = text.slice(0, MAX_INPUT).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
  return neutraliseMentions(escapeMarkdown(clean));
}

/** Plain (non-markdown) text such as footers and author names: only mentions neutralised. */
export function plainText(text: string | undefined | null): string {
  return text ? neutraliseMentions(text.slice(0, MAX_INPUT).replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')) : '';
}

/** Cuts `text` to at most `max` UTF-16 units, ending with an ellipsis, never splitting a surrogate pair or a trailing escape. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
  let cut = text.slice(0, end);
  if (/(^|[^\\])(\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** An http(s) URL Discord accepts as an embed/title link, else undefined (a bad URL would fail the whole message). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 2048 || !URL.canParse(url)) return undefined;
  return /^https?:$/i.test(new URL(url).protocol) ? url : undefined;
}
