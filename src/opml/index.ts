// OPML import and export of sources: how people move feed lists between readers.
import { XMLParser } from 'fast-xml-parser';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { sourceSchema, type SourceConfig } from '../config/schema.js';

export class OpmlError extends Error {
  readonly code = 'OPML_INVALID';
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function exportOpml(sources: Array<Pick<SourceConfig, 'name' | 'url'>>, title = 'talent-radar sources'): string {
  const outlines = sources.map((s) => `    <outline type="rss" text="${escapeXml(s.name)}" title="${escapeXml(s.name)}" xmlUrl="${escapeXml(s.url)}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>${escapeXml(title)}</title>\n  </head>\n  <body>\n${outlines.join('\n')}\n  </body>\n</opml>\n`;
}

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  outline?: Outline | Outline[];
}

/** Feeds of an OPML document (nested folders flattened). DOCTYPEs are refused, entities never expanded. */
export function parseOpml(xml: string): Array<{ name: string; url: string }> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new OpmlError('OPML with a DOCTYPE or entity declarations is refused (possible XML attack)');
  let doc: { opml?: { body?: { outline?: Outline | Outline[] } } };
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: false }).parse(xml);
  } catch (err) {
    throw new OpmlError(`not valid XML: ${(err as Error).message}`);
  }
  if (!doc.opml?.body) throw new OpmlError('not an OPML file: no <opml><body>');
  const feeds: Array<{ name: string; url: string }> = [];
  const walk = (o: Outline | Outline[] | undefined) => {
    for (const node of Array.isArray(o) ? o : o ? [o] : []) {
      if (node.xmlUrl) feeds.push({ name: String(node.title ?? node.text ?? node.xmlUrl), url: String(node.xmlUrl) });
      walk(node.outline);
    }
  };
  walk(doc.opml.body.outline);
  return feeds;
}

/** A source name from a feed title: lowercase, dashes, unique among `taken`. */
export function slugName(title: string, taken: Set<string>): string {
  const base = title.toLowerCase().normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'feed';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

/** Adds the OPML's feeds to a YAML config text, keeping its comments; feeds already present (same URL) are skipped. */
export function importOpmlIntoConfig(opml: string, configYaml: string): { yaml: string; added: Array<{ name: string; url: string }>; skipped: string[] } {
  const feeds = parseOpml(opml);
  const doc = parseDocument(configYaml);
  if (!isMap(doc.contents)) throw new OpmlError('the config file is not a YAML mapping');
  let seq = doc.get('sources');
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('sources', seq);
  }
  const existing = (doc.toJS() as { sources?: Array<{ name?: string; url?: string }> }).sources ?? [];
  const urls = new Set(existing.map((s) => s.url));
  const names = new Set(existing.map((s) => s.name ?? ''));
  const added: Array<{ name: string; url: string }> = [];
  const skipped: string[] = [];
  for (const f of feeds) {
    if (urls.has(f.url) || !sourceSchema.safeParse({ name: 'x', url: f.url }).success) {
      skipped.push(f.url);
      continue;
    }
    const entry = { name: slugName(f.name, names), url: f.url };
    (seq as YAMLSeq).add(doc.createNode(entry));
    urls.add(f.url);
    added.push(entry);
  }
  return { yaml: doc.toString(), added, skipped };
}
