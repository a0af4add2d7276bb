// Cancelling a build while its dry run counts the steps, with the real make: both stop, and nothing
// either started is left. The Makefile (the test's own) makes the dry run slow: under -n it runs a
// long $(shell), while the real build compiles with a long recipe.
//
// Needs make (Debian: make); without CI a missing one skips, with CI=true it fails.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { BuildSession } from '../../src/build/build.js';
import { groupAlive, spawnGroup, type ProcessHandle, type Spawner } from '../../src/build/process.js';
import { findProgram } from '../../src/build/tools.js';
import { requireOrSkip } from '../ci.js';
import { until } from './fake.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-cancel-dry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Live processes (not zombies) whose command line contains `marker`. */
function processesWith(marker: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(marker) && !/\) [ZX] /.test(readFileSync(`/proc/${e}/stat`, 'utf8'))) out.push(`${e}: ${cmd}`);
    } catch { /* gone */ }
  }
  return out;
}

test('cancel while the dry run counts: make, the dry run and what they started all stop', async (ctx) => {
  requireOrSkip('make', !!findProgram('make'), (note) => ctx.skip(note));
  const real = `ukmenu-real-${process.pid}`;
  const dry = `ukmenu-dry-${process.pid}`;
  writeFileSync(path.join(dir, 'Makefile'), [
    // only a dry run (make -n: "n" in the first word of MAKEFLAGS) reads this slowly
    'ifneq (,$(findstring n,$(firstword -$(MAKEFLAGS))))',
    `SLOW := $(shell sh -c 'sleep 60' ${dry})`,
    'endif',
    'all: a.o b.o',
    `a.o: ; @printf '  %-7s %s\\n' CC 'lib: a.o'; sh -c 'sleep 61' ${real}`,
    `b.o: ; @printf '  %-7s %s\\n' CC 'lib: b.o'; sh -c 'sleep 62' ${real}`,
    '',
  ].join('\n'));
  const procs: ProcessHandle[] = [];
  const spawn: Spawner = (command, args, opts) => {
    const h = spawnGroup(command, args, opts);
    procs.push(h);
    return h;
  };
  const env = { PATH: process.env.PATH, LC_ALL: 'C' };
  const session = new BuildSession({ invocation: { make: 'make', args: [], cwd: dir, env, compiler: 'gcc', how: 'test' }, jobs: 2, spawn });
  const done = session.start();
  await until(() => processesWith(dry).length > 0 && processesWith(real).length > 0, 60_000, 'the dry run and the build');
  expect(procs).toHaveLength(2);
  expect(session.progress.counting).toBe(true);
  expect(session.progress.fraction()).toBeNull();
  await session.cancel();
  const r = await done;
  expect(r.cancelled).toBe(true);
  for (const p of procs) expect(groupAlive(p.pid!)).toBe(false);
  expect(processesWith(real)).toEqual([]);
  expect(processesWith(dry)).toEqual([]);
}, 120_000);
