// XML hardening done on the text BEFORE any parser sees it: DOCTYPEs (with their internal
// subsets, entity and parameter-entity declarations) are cut out, so nothing can be expanded
// and no external DTD, file or URL is ever read. Entity references left behind are made
// literal; well-known HTML entities become numeric references. Linear time.
import { decodeHTMLStrict } from 'entities';

export interface Hardened {
  text: string;
  /** DOCTYPE declarations removed. */
  doctypes: number;
  /** ENTITY declarations removed (inside or outside a DOCTYPE). */
  entityDecls: number;
}

/** Index just past the `>` closing the declaration opened at `start`, skipping quotes, comments and `[...]`. */
function declEnd(s: string, start: number): number {
  let depth = 0;
  let i = start + 2;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const j = s.indexOf(c, i + 1);
      if (j < 0) return s.length;
      i = j + 1;
      continue;
    }
    if (s.startsWith('<!--', i)) {
      const j = s.indexOf('-->', i + 4);
      if (j < 0) return s.length;
      i = j + 3;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return i + 1;
    i++;
  }
  return s.length;
}

function stripDecls(text: string, name: RegExp): { text: string; count: number } {
  let out = '';
  let count = 0;
  let from = 0;
  name.lastIndex = 0;
  for (let m = name.exec(text); m; m = name.exec(text)) {
    const end = declEnd(text, m.index);
    out += text.slice(from, m.index);
    from = end;
    name.lastIndex = end;
    count++;
  }
  return { text: out + text.slice(from), count };
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const TOKEN = /(<!\[CDATA\[[\s\S]*?(?:\]\]>|$))|(<!--[\s\S]*?(?:-->|$))|&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?/g;

/** Makes every `&` safe: predefined and numeric references stay, HTML names become numeric, the rest literal. */
export function fixEntityReferences(text: string): string {
  return text.replace(TOKEN, (all, cdata?: string, comment?: string, ref?: string) => {
    if (cdata || comment) return all;
    if (!ref) return '&amp;';
    if (ref.startsWith('#')) return all;
    const name = ref.slice(0, -1);
    if (XML_ENTITIES.has(name)) return all;
    const decoded = decodeHTMLStrict(`&${ref}`);
    if (decoded !== `&${ref}`) return [...decoded].map((ch) => `&#${ch.codePointAt(0)};`).join('');
    return `&amp;${ref}`;
  });
}

/** Removes DOCTYPE and ENTITY declarations and neutralizes entity references. */
export function hardenXml(text: string): Hardened {
  const a = stripDecls(text, /<!DOCTYPE/gi);
  const entityDecls = (text.match(/<!ENTITY/gi) ?? []).length;
  const b = stripDecls(a.text, /<!(?:ENTITY|ATTLIST|ELEMENT|NOTATION)\b/gi);
  return { text: fixEntityReferences(b.text), doctypes: a.count, entityDecls };
}
