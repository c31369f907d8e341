// Loads YAML config, validates it with zod, and reports every problem with its path and a hint.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { configSchema, crossChecks, type Config } from './schema.js';

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`config ${file} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig extends Config {
  /** Absolute path of the file read. */
  file: string;
  /** Folder that relative paths in the config (firmsFile, topicsFile) resolve against. */
  dir: string;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(top level)';
}

/** Validates an already-parsed object; `file` is only used in messages. */
export function parseConfig(raw: unknown, file = '<inline>'): Config {
  const result = configSchema.safeParse(raw ?? {});
  const issues = [...(result.success ? [] : result.error.issues), ...crossChecks(raw)];
  if (issues.length || !result.success) {
    throw new ConfigError(
      file,
      issues.map(
        (i) =>
          `${formatPath(i.path)}: ${i.message}${i.message.startsWith('Unrecognized key') ? ' (check the spelling; see config/default.yml for every key)' : ''}`,
      ),
    );
  }
  return result.data;
}

/** Parses YAML text; YAML syntax errors are reported with line numbers. */
export function parseConfigText(text: string, file = '<inline>'): Config {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => `YAML: ${e.message.split('\n')[0]} (fix the syntax at that line)`),
    );
  }
  return parseConfig(doc.toJS(), file);
}

export function loadConfig(path: string): LoadedConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      code === 'ENOENT' ? `file not found; set TALENT_CONFIG to your config file or create ${path}` : `cannot read the file: ${String(err)}`,
    ]);
  }
  return { ...parseConfigText(text, file), file, dir: dirname(file) };
}
