// Reads firms.yml and topics.yml and checks them; every problem names file, entry and field.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { firmsFileSchema, REQUIRED_FAMILIES, topicsFileSchema, type FirmEntry, type TopicsFile } from './schema.js';

export class KnowledgeError extends Error {
  readonly code = 'KNOWLEDGE_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix the entries above (see the comments at the top of the file for the format).`,
    );
    this.name = 'KnowledgeError';
  }
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new KnowledgeError(file, [
      code === 'ENOENT' ? 'file not found; set classify.firmsFile / classify.topicsFile or restore the shipped file' : `cannot read: ${String(err)}`,
    ]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length)
    throw new KnowledgeError(
      file,
      doc.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`),
    );
  return doc.toJS();
}

function describe(raw: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  let where = path.length
    ? path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(top level)';
  if (path[0] === 'firms' && typeof path[1] === 'number') {
    const entry = (raw as { firms?: Array<{ name?: unknown }> }).firms?.[path[1]];
    const name = entry && typeof entry.name === 'string' ? ` "${entry.name}"` : '';
    const field = path
      .slice(2)
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    where = `firms[${path[1]}]${name}${field ? ` field ${field}` : ''}`;
  } else if (path[0] === 'families' && path[1] !== undefined) {
    const field = path
      .slice(2)
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    where = `family "${String(path[1])}"${field ? ` field ${field}` : ''}`;
  }
  return `${where}: ${issue.message}`;
}

export function readFirmsFile(file: string): FirmEntry[] {
  const raw = readYaml(file);
  const r = firmsFileSchema.safeParse(raw ?? {});
  if (!r.success)
    throw new KnowledgeError(
      file,
      r.error.issues.map((i) => describe(raw, i)),
    );
  const problems: string[] = [];
  const owner = new Map<string, string>();
  r.data.firms.forEach((f, i) => {
    if (owner.has(f.name.toLowerCase())) problems.push(`firms[${i}] "${f.name}" field name: duplicate firm (also defined earlier); merge the two entries`);
    owner.set(f.name.toLowerCase(), f.name);
  });
  if (problems.length) throw new KnowledgeError(file, problems);
  return r.data.firms;
}

export function readTopicsFile(file: string): TopicsFile {
  const raw = readYaml(file);
  const r = topicsFileSchema.safeParse(raw ?? {});
  if (!r.success)
    throw new KnowledgeError(
      file,
      r.error.issues.map((i) => describe(raw, i)),
    );
  const missing = REQUIRED_FAMILIES.filter((f) => !r.data.families[f]);
  if (missing.length)
    throw new KnowledgeError(
      file,
      missing.map((f) => `family "${f}": missing; the rules need it (add it with a weight and terms)`),
    );
  return r.data;
}
