// Config.uk's `test $(UK_BASE) = $(UK_APP) && echo y || echo n` answered in process
// (src/project/shellTest.ts) against /bin/sh running the same text, as conf runs it: the line of the
// real core from ../shared/unikraft with the app's and the core's own folders, and variations; forms
// it does not read for certain are left to the shell.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDirect } from '../../kconfig/shell.js';
import { runShellTestInProcess } from '../../src/project/shellTest.js';
import { cleanEnv } from './fixtures.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

let real: RealApp;
beforeAll(() => { real = unpackRealApp(false); }, 600_000);
afterAll(() => real?.remove());

/** The core's line with its variables as the engine substitutes them. */
function coreLine(base: string, app: string): string {
  const text = fs.readFileSync(path.join(real.core, 'Config.uk'), 'utf8');
  const m = /\$\(shell,(test \$\(UK_BASE\) = \$\(UK_APP\)[^)]*)\)/.exec(text);
  expect(m, "the core's Config.uk has the line").not.toBeNull();
  return m![1].replace('$(UK_BASE)', base).replace('$(UK_APP)', app);
}

describe('test A = B && echo y || echo n in process = /bin/sh', () => {
  it('answers the lines the core builds, exactly as the shell', () => {
    const cases = [
      coreLine(real.core, real.app),
      coreLine(real.core, real.core),
      coreLine(real.core, `${real.core}/`),
      'test "/x" = /x && echo y || echo n',
      'test a.b,c:d+e@f%g = a.b,c:d+e@f%g && echo y || echo n',
      "test '' = '' && echo y || echo n",
    ];
    for (const cmd of cases) {
      const mine = runShellTestInProcess(cmd);
      expect(mine, cmd).not.toBeNull();
      expect(mine, cmd).toEqual(runDirect(cmd, real.root, cleanEnv()));
    }
    expect(runShellTestInProcess(cases[0])!.out).toBe('n\n');
    expect(runShellTestInProcess(cases[1])!.out).toBe('y\n');
  });

  it('leaves to the shell what it does not read for certain', () => {
    for (const cmd of [
      'test $HOME = /root && echo y || echo n', // an expansion
      'test /a* = /a && echo y || echo n', // a pattern
      'test -n = -n && echo y || echo n', // operands that look like operators
      "test '!' = x && echo y || echo n",
      'test /a = /a && echo yes || echo no', // another command
      'test /a = /a; echo y',
      'test /a = /a b && echo y || echo n',
      "test '/a b' = '/a b' && echo y || echo n", // a blank in an operand
    ]) expect(runShellTestInProcess(cmd), cmd).toBeNull();
  });
});
