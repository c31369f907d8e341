// HTML → one line of plain text through a real HTML tokenizer (htmlparser2), so attribute values
// never leak into the text (`<a title="1>2">x</a>` is `x`, where a regex saw `2">x`). Scripts,
// styles, comments and embedded objects dropped; block elements and <br> make spaces; every
// entity decoded; whitespace folded.
import { Parser } from 'htmlparser2';

/** Elements whose content is never text for a reader. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'title', 'select', 'textarea']);
/** Elements that separate words when rendered. */
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'td',
  'th',
  'table',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'pre',
  'hr',
  'dd',
  'dt',
  'dl',
  'figure',
  'figcaption',
  'img',
  'aside',
  'nav',
  'main',
  'address',
  'caption',
  'details',
  'summary',
]);
/** Tags looked for in double-escaped HTML (`&lt;p&gt;` in the feed): only these count as markup on the second pass. */
const KNOWN_TAG =
  /<\/?(?:a|abbr|b|big|blockquote|br|center|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul|figure|figcaption|iframe|video|audio|source|picture|section|article|header|footer|script|style|noscript|object|embed|svg|meta|link|form|input|button)\b[^<>]*>/i;

function textOf(html: string): string {
  const out: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) out.push(' ');
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) out.push(' ');
      },
      ontext(text) {
        if (!skipping) out.push(text);
      },
    },
    { decodeEntities: true, recognizeCDATA: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out.join('');
}

export function htmlToText(html: string): string {
  if (!html) return '';
  // No tag and no entity (most titles): the parser would hand the text back as it is.
  let text = /[<&]/.test(html) ? textOf(html) : html;
  // Double-escaped HTML shows up as tags only now; parse once more when known tags appear.
  if (KNOWN_TAG.test(text)) text = textOf(text.replace(/&/g, '&amp;').replace(/<(?![/a-z])/gi, '&lt;'));
  return text
    .replace(/[\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
