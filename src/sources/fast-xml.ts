// The common feed in one pass: a strict reader for plain well-formed XML that builds exactly the
// object xml2js 0.5 (over sax, strict, explicitArray, `_` text, `$` attributes, the options
// parse.ts gives rss-parser) builds, about ten times faster. It only takes what it is sure of:
// element and attribute names in ASCII, quoted attributes, the five XML entities and valid
// numeric references (hardenXml turned every other entity into one of those), comments,
// CDATA and processing instructions. Anything else (mismatched tags, unknown entities, text
// outside the root, a DOCTYPE) returns undefined and the caller takes the xml2js path, which
// also owns every error message.

type Obj = Record<string, unknown>;
interface Frame {
  name: string;
  obj: Obj;
  cdata: boolean;
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTR = /[ \t\r\n]+([A-Za-z_:][\w.:-]*)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /[ \t\r\n]*(\/?)>/y;
const CLOSE_END = /[ \t\r\n]*>/y;
/** sax's whitespace: what may stand outside the root. */
const SAX_SPACE = /^[ \t\r\n]*$/;
/** xml2js's test for text it drops (JavaScript's \s, wider than sax's). */
const JS_SPACE = /^\s*$/;
/** Names xml2js keeps its own bookkeeping under: a child so named would collide. */
const RESERVED = new Set(['_', '$', '#name', 'cdata']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(n: number): boolean {
  return n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

/** One entity body (between & and ;) as sax decodes it, or undefined where sax would complain. */
function entity(body: string): string | undefined {
  const named = NAMED[body];
  if (named !== undefined) return named;
  const lc = body.toLowerCase();
  let num: number;
  let digits: string;
  if (/^#x[0-9a-f]+$/.test(lc)) ((digits = lc.slice(2)), (num = parseInt(digits, 16)));
  else if (/^#[0-9]+$/.test(lc)) ((digits = lc.slice(1)), (num = parseInt(digits, 10)));
  else return undefined;
  const canonical = num.toString(lc[1] === 'x' ? 16 : 10);
  if (canonical !== digits.replace(/^0+/, '') || num > 0x10ffff || !isXmlChar(num)) return undefined;
  return String.fromCodePoint(num);
}

/** Text or an attribute value with its references decoded; undefined where sax would complain. */
function decode(raw: string): string | undefined {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0) return undefined;
    const ch = entity(raw.slice(amp + 1, semi));
    if (ch === undefined) return undefined;
    out += raw.slice(from, amp) + ch;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/** xml2js's assignOrPush with explicitArray. */
function push(parent: Obj, key: string, value: unknown): void {
  const cur = parent[key];
  if (cur === undefined) parent[key] = [value];
  else (cur as unknown[]).push(value);
}

/** xml2js's onclosetag for our options: whitespace-only text dropped, a text-only element becomes its text. */
function finish(f: Frame): unknown {
  const obj = f.obj;
  const text = obj._ as string;
  let emptyStr: string | undefined;
  if (!f.cdata && JS_SPACE.test(text)) {
    emptyStr = text;
    delete obj._;
  } else if (Object.keys(obj).length === 1) {
    return text;
  }
  return Object.keys(obj).length ? obj : emptyStr;
}

function root(name: string, value: unknown): Obj {
  const doc = Object.create(null) as Obj;
  doc[name] = value;
  return doc;
}

/** The xml2js document for `xml` (declaration already removed), or undefined to take the xml2js path. */
export function readXml(xml: string): Obj | undefined {
  const stack: Frame[] = [];
  let result: Obj | undefined;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const raw = xml.slice(i, end);
      const top = stack[stack.length - 1];
      if (!top) {
        if (!SAX_SPACE.test(raw)) return undefined;
      } else {
        const text = decode(raw);
        if (text === undefined) return undefined;
        top.obj._ += text;
      }
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close < 0 || xml.slice(lt + 4, close).includes('--')) return undefined;
        i = close + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const top = stack[stack.length - 1];
        const close = xml.indexOf(']]>', lt + 9);
        if (!top || close < 0) return undefined;
        top.obj._ += xml.slice(lt + 9, close);
        top.cdata = true;
        i = close + 3;
      } else return undefined;
      continue;
    }
    if (c === 0x3f /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) return undefined;
      i = close + 2;
      continue;
    }
    if (c === 0x2f /* / */) {
      const top = stack.pop();
      if (!top || !xml.startsWith(top.name, lt + 2)) return undefined;
      CLOSE_END.lastIndex = lt + 2 + top.name.length;
      if (!CLOSE_END.test(xml)) return undefined;
      i = CLOSE_END.lastIndex;
      const value = finish(top);
      const parent = stack[stack.length - 1];
      if (parent) push(parent.obj, top.name, value);
      else result = root(top.name, value);
      continue;
    }
    if (result) return undefined; // a second root
    NAME.lastIndex = lt + 1;
    const m = NAME.exec(xml);
    if (!m || RESERVED.has(m[0])) return undefined;
    const name = m[0];
    const obj: Obj = Object.create(null) as Obj;
    obj._ = '';
    let p = NAME.lastIndex;
    for (;;) {
      ATTR.lastIndex = p;
      const a = ATTR.exec(xml);
      if (!a) break;
      const attrs = (obj.$ ??= Object.create(null)) as Record<string, string>;
      const value = decode(a[2] ?? a[3]);
      if (value === undefined || a[1] in attrs) return undefined;
      attrs[a[1]] = value;
      p = ATTR.lastIndex;
    }
    TAG_END.lastIndex = p;
    const t = TAG_END.exec(xml);
    if (!t) return undefined;
    i = TAG_END.lastIndex;
    const frame: Frame = { name, obj, cdata: false };
    if (!t[1]) {
      stack.push(frame);
      continue;
    }
    const value = finish(frame);
    const parent = stack[stack.length - 1];
    if (parent) push(parent.obj, name, value);
    else result = root(name, value);
  }
  return stack.length || !result ? undefined : result;
}
