#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// The main thread keeps few objects for long (events pass through to the store); a small young
// generation keeps a large scan's memory down at no measured cost in speed.
setFlagsFromString('--max-semi-space-size=4');

const { main } = await import('./cli/main.js');

const onFatal = (error: unknown) => {
  process.stderr.write(`rasoat: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
};
process.on('uncaughtException', onFatal);
process.on('unhandledRejection', onFatal);
// `rasoat audits | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // The terminal went away (a dropped SSH session): nothing more can be shown, but a running
    // scan still ends and is stored as usual (the TUI quits on its own, see runTui).
    if (error.code === 'EIO') return;
    onFatal(error);
  });
}

process.exitCode = await main(process.argv.slice(2));
