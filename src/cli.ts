#!/usr/bin/env node
// The talent-radar bin. All logic is in cli/main.ts so tests can call it in-process.
import { main, EXIT } from './cli/main.js';
import { readVersion } from './cli/commands.js';

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, version: readVersion() }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`talent-radar: ${String(err)}\n`);
    process.exitCode = EXIT.failure;
  },
);
