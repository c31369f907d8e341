// HTML → one line of plain text: scripts, styles and comments dropped, tags removed,
// every entity decoded, whitespace folded.
import { decodeHTML } from 'entities';

const BLOCK = /<\/?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|pre|hr|dd|dt|figure|figcaption)\b[^>]*>/gi;
const TAG_NAMES = 'a|abbr|b|big|blockquote|br|center|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul|figure|figcaption|iframe|video|audio|source|picture|section|article|header|footer|script|style|noscript|object|embed|svg|meta|link|form|input|button';
const KNOWN_TAG = new RegExp(`</?(?:${TAG_NAMES})\\b[^>]*>`, 'gi');

function strip(html: string, anyTag: boolean): string {
  return html
    .replace(/<!\[CDATA\[|\]\]>/g, ' ')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|noscript|template|iframe|object|svg)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(BLOCK, ' ')
    .replace(anyTag ? /<\/?[A-Za-z!?][^>]*>/g : KNOWN_TAG, ' ');
}

export function htmlToText(html: string): string {
  if (!html) return '';
  let text = decodeHTML(strip(html, true));
  // Double-escaped HTML (`&lt;p&gt;` in the feed) shows up as tags only now; drop known ones.
  if (/<\/?[a-z]/i.test(text)) text = strip(text, false);
  return text
    .replace(/[\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
