// Files shipped with the package (config/, assets/, package.json), found from wherever this module
// runs: src/ under vitest, dist/ when installed, dist-tools/src/ for the eval and the bench.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding talent-radar's package.json (walking up from this module). */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'talent-radar') return (root = dir);
    if (dirname(dir) === dir) throw new Error(`talent-radar: cannot find the package folder above ${fileURLToPath(import.meta.url)}`);
  }
}

/** A path inside the package: packagePath('config', 'firms.yml'). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}
