// Makes the CLI entry executable so `talent-radar` works as an npm bin.
import { chmodSync, existsSync } from 'node:fs';
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
