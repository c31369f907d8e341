// The import graph of src/ has no cycles (issue #15): a module never imports, directly or through
// others, a module that imports it back. Read with the TypeScript compiler's own import scanner,
// so comments and strings never count; type-only imports count too (they tie files together the
// same way), dynamic `import()`s of a literal path as well. And the graph points one way from
// the top: only the CLI imports src/main.ts (createApp).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative specifier ('./x.js', '../y/index.js') → the .ts file under src/ it names, if any. */
function resolveLocal(from: string, spec: string, files: Set<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')].find((f) => files.has(f));
}

function importGraph(root = SRC): Map<string, string[]> {
  const files = new Set(tsFiles(root));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = info.importedFiles.map((f) => resolveLocal(file, f.fileName, files)).filter((f): f is string => !!f);
    graph.set(file, [...new Set(deps)]);
  }
  return graph;
}

/** Cycles met by a depth-first walk (at least one whenever the graph has any), each as the chain that closes it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].sort()) if (!state.has(f)) visit(f);
  return cycles;
}

describe('source structure', () => {
  it('finds a cycle when there is one (the check itself works)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('reads the imports of src/ (static, type-only, export-from and dynamic)', () => {
    const g = importGraph();
    const deps = (f: string) => (g.get(join(SRC, f)) ?? []).map((d) => relative(SRC, d));
    expect(g.size).toBeGreaterThan(100);
    expect(deps('sources/parse.ts')).toEqual(expect.arrayContaining(['sources/json-feed.ts', 'sources/parsed-feed.ts']));
    expect(deps('pipeline/poll.ts')).toContain('sources/parse.ts'); // `import type`
  });

  it('lets only the CLI import src/main.ts: everything else takes what it needs as parameters', () => {
    const g = importGraph();
    const main = join(SRC, 'main.ts');
    const isCli = (f: string) => f === 'cli.ts' || f.startsWith('cli/');
    const importers = [...g].filter(([, deps]) => deps.includes(main)).map(([f]) => relative(SRC, f));
    expect(importers.length).toBeGreaterThan(0); // the CLI does
    expect(importers.filter((f) => !isCli(f))).toEqual([]);
    // Not through another module either: whatever reaches main.ts is itself the CLI.
    const reaches = new Set([main]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [f, deps] of g) if (!reaches.has(f) && deps.some((d) => reaches.has(d))) (reaches.add(f), (grew = true));
    }
    expect(
      [...reaches]
        .filter((f) => f !== main)
        .map((f) => relative(SRC, f))
        .filter((f) => !isCli(f)),
    ).toEqual([]);
  });

  it('has no import cycles in src/', () => {
    const cycles = findCycles(importGraph()).map((c) => c.map((f) => relative(SRC, f)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('ships only the product: benchmark and evaluation code live outside src/ and src/ never imports them', () => {
    const files = tsFiles(SRC);
    const leaks = files.flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((i) => i.fileName)
        .filter((spec) => spec.startsWith('.') && !resolve(dirname(file), spec).startsWith(SRC + sep))
        .map((spec) => `${relative(SRC, file)} → ${spec}`),
    );
    expect(leaks).toEqual([]);
    expect(files.map((f) => relative(SRC, f)).filter((f) => /^(bench|eval)\//.test(f))).toEqual([]);
  });
});
