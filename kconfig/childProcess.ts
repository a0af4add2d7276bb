// node:child_process, loaded on first use: with the streams and sockets it pulls in it costs a
// start-up ~12 ms, and most opens run no process (the tree's $(shell) lines, make's and gcc's
// answers are often all kept or answered in process).
import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';

let loaded: typeof ChildProcess | undefined;

export function childProcess(): typeof ChildProcess {
  return (loaded ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess);
}
