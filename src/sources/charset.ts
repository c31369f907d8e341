// Bytes → text. Order: BOM, Content-Type charset, XML prolog `encoding=`, then sniffing.
// A latin-family declaration over bytes that are valid UTF-8 is a lie we correct.
import iconv from 'iconv-lite';
import chardet from 'chardet';

export interface Decoded {
  text: string;
  /** The charset actually used, lowercase (e.g. utf-8, gb18030, big5, windows-1251). */
  charset: string;
  /** Where it came from. */
  via: 'bom' | 'header' | 'prolog' | 'sniffed' | 'default';
}

const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'gb_2312-80': 'gb18030',
  chinese: 'gb18030',
  csgb2312: 'gb18030',
  'x-euc-cn': 'gb18030',
  'euc-cn': 'gb18030',
  'big5-hkscs': 'big5hkscs',
  'x-x-big5': 'big5',
  'cn-big5': 'big5',
  csbig5: 'big5',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  l1: 'windows-1252',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'utf-16': 'utf-16le',
  unicode: 'utf-16le',
  ucs2: 'utf-16le',
};
const LATIN = new Set(['windows-1252', 'iso-8859-15', 'windows-1250', 'iso-8859-2']);

/** A supported canonical charset name for a label, or null when iconv-lite does not know it. */
export function canonicalCharset(label: string | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  const name = ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null;
  return m ? m[1] : undefined;
}

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  // No BOM but `<?` in UTF-16.
  if (b[0] === 0x3c && b[1] === 0 && b[2] === 0x3f && b[3] === 0) return 'utf-16le';
  if (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] === 0x3f) return 'utf-16be';
  return null;
}

/** The `encoding=` of an XML declaration near the start (after whitespace or comments). */
export function prologEncoding(b: Uint8Array): string | undefined {
  const head = Buffer.from(b.subarray(0, 2048)).toString('latin1');
  const m = /<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1] : undefined;
}

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

const hasHighBytes = (b: Uint8Array) => b.some((x) => x >= 0x80);

function sniff(b: Uint8Array): string {
  if (isUtf8(b)) return 'utf-8';
  for (const m of chardet.analyse(b)) {
    const c = canonicalCharset(m.name);
    if (c && c !== 'utf-8') return c;
  }
  return 'windows-1252';
}

/** Removes the encoding pseudo-attribute so nothing downstream decodes the text again. */
export function stripPrologEncoding(text: string): string {
  return text.replace(/^(\s*(?:<!--[\s\S]*?-->\s*)*<\?xml\s[^>]*?)\s+encoding\s*=\s*["'][^"']*["']/, '$1');
}

function badUtf8Count(buf: Buffer): number {
  let n = 0;
  for (const ch of new TextDecoder('utf-8').decode(buf)) if (ch === '\uFFFD') n++;
  return n;
}

/** Whether a declared charset plausibly fits the bytes; returns the charset to use or null. */
function fit(charset: string | null, buf: Buffer): string | null {
  if (!charset || charset.startsWith('utf-16')) return null; // no BOM and ASCII-looking: a lie
  if (charset === 'utf-8') return isUtf8(buf) || badUtf8Count(buf) <= 4 ? 'utf-8' : null;
  if (LATIN.has(charset) && hasHighBytes(buf) && isUtf8(buf)) return 'utf-8';
  return charset;
}

export function decodeBody(bytes: Uint8Array, contentType?: string): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomCharset(buf);
  const header = fit(canonicalCharset(charsetFromContentType(contentType)), buf);
  const prolog = bom || header ? null : fit(canonicalCharset(prologEncoding(buf)), buf);
  const charset = bom ?? header ?? prolog ?? sniff(buf);
  const via: Decoded['via'] = bom ? 'bom' : header ? 'header' : prolog ? 'prolog' : hasHighBytes(buf) ? 'sniffed' : 'default';
  const text = iconv.decode(buf, charset, { stripBOM: true });
  return { text: stripPrologEncoding(text), charset, via };
}
