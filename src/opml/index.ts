// OPML import and export of sources: how people move feed lists between readers. Folders become a
// source's `category` (`AI/China`), a feed's web page its `htmlUrl`, its title is kept as `title`,
// so export gives back what import read; Chinese titles get names from their pinyin.
import { XMLParser } from 'fast-xml-parser';
import { pinyin } from 'pinyin-pro';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { sourceSchema, type SourceConfig } from '../config/schema.js';
import { sourceUrlProblem } from '../sources/ssrf.js';

export class OpmlError extends Error {
  readonly code = 'OPML_INVALID';
}

export interface OpmlFeed {
  name: string;
  url: string;
  htmlUrl?: string;
  /** Folder path, outermost first, joined with "/". */
  category?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attr = (k: string, v: string | undefined) => (v ? ` ${k}="${escapeXml(v)}"` : '');

type ExportSource = Pick<SourceConfig, 'name' | 'url'> & Partial<Pick<SourceConfig, 'title' | 'htmlUrl' | 'category'>>;

/** OPML 2.0; sources with a category are nested in folder outlines (and carry `category` too). */
export function exportOpml(sources: ExportSource[], title = 'talent-radar sources'): string {
  interface Folder {
    feeds: ExportSource[];
    sub: Map<string, Folder>;
  }
  const root: Folder = { feeds: [], sub: new Map() };
  for (const s of sources) {
    let f = root;
    for (const part of (s.category ?? '')
      .split('/')
      .map((p) => p.trim())
      .filter(Boolean)) {
      if (!f.sub.has(part)) f.sub.set(part, { feeds: [], sub: new Map() });
      f = f.sub.get(part)!;
    }
    f.feeds.push(s);
  }
  const lines: string[] = [];
  const emit = (f: Folder, depth: number) => {
    const pad = '  '.repeat(depth + 2);
    for (const s of f.feeds) {
      const t = s.title ?? s.name;
      lines.push(
        `${pad}<outline type="rss" text="${escapeXml(t)}" title="${escapeXml(t)}" xmlUrl="${escapeXml(s.url)}"${attr('htmlUrl', s.htmlUrl)}${attr('category', s.category)}/>`,
      );
    }
    for (const [name, sub] of f.sub) {
      lines.push(`${pad}<outline text="${escapeXml(name)}" title="${escapeXml(name)}">`);
      emit(sub, depth + 1);
      lines.push(`${pad}</outline>`);
    }
  };
  emit(root, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>${escapeXml(title)}</title>\n  </head>\n  <body>\n${lines.join('\n')}\n  </body>\n</opml>\n`;
}

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  htmlUrl?: string;
  category?: string;
  outline?: Outline | Outline[];
}

/** Feeds of an OPML document, with their folder path. DOCTYPEs are refused, entities never expanded. */
export function parseOpml(xml: string): OpmlFeed[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new OpmlError('OPML with a DOCTYPE or entity declarations is refused (possible XML attack)');
  let doc: { opml?: { body?: { outline?: Outline | Outline[] } } };
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: true,
      htmlEntities: false,
      parseAttributeValue: false,
      parseTagValue: false,
    }).parse(xml);
  } catch (err) {
    throw new OpmlError(`not valid XML: ${(err as Error).message}`);
  }
  if (!doc.opml?.body) throw new OpmlError('not an OPML file: no <opml><body>');
  const feeds: OpmlFeed[] = [];
  const walk = (o: Outline | Outline[] | undefined, path: string[], depth: number) => {
    if (depth > 16) return;
    for (const node of Array.isArray(o) ? o : o ? [o] : []) {
      const label = String(node.title ?? node.text ?? '').trim();
      if (node.xmlUrl) {
        // A `category` attribute (comma list of /paths) wins over the folder when the folder is absent.
        const fromAttr =
          typeof node.category === 'string'
            ? node.category
                .split(',')[0]
                ?.replace(/^\/+|\/+$/g, '')
                .trim()
            : '';
        const category = path.length ? path.join('/') : fromAttr || undefined;
        feeds.push({
          name: label || String(node.xmlUrl),
          url: String(node.xmlUrl),
          ...(node.htmlUrl ? { htmlUrl: String(node.htmlUrl) } : {}),
          ...(category ? { category } : {}),
        });
      }
      walk(node.outline, node.xmlUrl ? path : [...path, label.replace(/\//g, '-') || 'folder'], depth + 1);
    }
  };
  walk(doc.opml.body.outline, [], 0);
  return feeds;
}

/** Chinese characters become their pinyin (toneless), so 量子位 is `liang-zi-wei`, not `feed`. */
function romanize(title: string): string {
  if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(title)) return title;
  return title.replace(
    /[\u3400-\u9fff\uf900-\ufaff]+/g,
    (han) => ` ${pinyin(han, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('-').replace(/ü/g, 'v')} `,
  );
}

/** A source name from a feed title: lowercase, dashes, unique among `taken`. */
export function slugName(title: string, taken: Set<string>): string {
  const base =
    romanize(title)
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\w.-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'feed';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

/**
 * Adds the OPML's feeds to a YAML config text, keeping its comments; feeds already present (same
 * URL), invalid ones and ones the SSRF guard refuses are skipped (with the reason).
 */
export function importOpmlIntoConfig(
  opml: string,
  configYaml: string,
): { yaml: string; added: Array<{ name: string; url: string }>; skipped: string[]; reasons: Record<string, string> } {
  const feeds = parseOpml(opml);
  const doc = parseDocument(configYaml);
  if (!isMap(doc.contents)) throw new OpmlError('the config file is not a YAML mapping');
  let seq = doc.get('sources');
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('sources', seq);
  }
  const js = doc.toJS() as { sources?: Array<{ name?: string; url?: string }>; fetch?: { allowPrivateAddresses?: boolean } };
  const existing = js.sources ?? [];
  const allowPrivate = js.fetch?.allowPrivateAddresses === true;
  const urls = new Set(existing.map((s) => s.url));
  const names = new Set(existing.map((s) => s.name ?? ''));
  const added: Array<{ name: string; url: string }> = [];
  const skipped: string[] = [];
  const reasons: Record<string, string> = {};
  const skip = (url: string, why: string) => {
    skipped.push(url);
    reasons[url] = why;
  };
  for (const f of feeds) {
    if (urls.has(f.url)) {
      skip(f.url, 'already a source');
      continue;
    }
    const unsafe = sourceUrlProblem(f.url, allowPrivate);
    if (unsafe) {
      skip(f.url, unsafe);
      continue;
    }
    const entry: Record<string, string> = { name: 'x', url: f.url };
    if (f.name !== f.url && slugName(f.name, new Set()) !== f.name) entry.title = f.name;
    if (f.htmlUrl && sourceSchema.shape.htmlUrl.safeParse(f.htmlUrl).success) entry.htmlUrl = f.htmlUrl;
    if (f.category) entry.category = f.category;
    if (!sourceSchema.safeParse(entry).success) {
      skip(f.url, 'not a valid source');
      continue;
    }
    entry.name = slugName(f.name, names);
    (seq as YAMLSeq).add(doc.createNode(entry));
    urls.add(f.url);
    added.push({ name: entry.name, url: f.url });
  }
  return { yaml: doc.toString(), added, skipped, reasons };
}
