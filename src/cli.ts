#!/usr/bin/env node
// The talent-radar bin. All logic is in cli/dispatch.ts so tests can call it in-process.
import { main, EXIT } from './cli/dispatch.js';
import { readVersion } from './cli/command-table.js';

// A reader that stops early (`talent-radar classify < items.jsonl | head`) closes the pipe: stop
// quietly with the status a process killed by SIGPIPE has (128 + 13), as `cat` does, instead of
// dying on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(141);
  throw err;
});

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, version: readVersion() }).then(
  (code) => {
    process.exitCode = code;
    // A failed start (bad token, store unreachable) may leave a handle open: exit anyway, soon.
    if (code !== 0) setTimeout(() => process.exit(code), 1000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`talent-radar: ${String(err)}\n`);
    process.exitCode = EXIT.failure;
  },
);
