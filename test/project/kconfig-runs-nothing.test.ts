// `ukmenu --kconfig FILE ...` on a downloaded tree runs the tree's own $(shell,...) lines (as conf
// and mconf do) and nothing else: no make, no compiler, no git. The PATH holds only logging stand-ins
// for the programs an application run uses, and the tree's $(shell) logs each run of its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { rmrf, tmpdir, write } from './fixtures.js';

const STAND_INS = ['make', 'gcc', 'cc', 'git', 'uname', 'kraft', 'tar', 'qemu-system-x86_64', 'qemu-system-aarch64', 'env', 'sh', 'bash', 'node', 'npm'];

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(tmpdir('ukmenu-kconfig-only-'));
  for (const p of STAND_INS) write(path.join(dir, 'spy', p), `#!/bin/sh\necho "${p} $*" >> "${dir}/spy.log"\nexit 1\n`, 0o755);
  write(path.join(dir, 'Kconfig'), [
    'mainmenu "Downloaded tree"',
    'config GREETING',
    '\tstring "Greeting"',
    `\tdefault "$(shell,echo ran >> ${dir}/tree-shell.log; echo hello)"`,
    'config FEATURE',
    '\tbool "A feature"',
    '\tdefault y',
    '',
  ].join('\n'));
});
afterEach(() => rmrf(dir));

async function ukmenu(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: dir, env: { PATH: path.join(dir, 'spy'), HOME: dir, LANG: 'C' },
    stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; },
  });
  return { code, stdout, stderr };
}

const lines = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);

describe('--kconfig FILE runs only the tree\'s own $(shell)', () => {
  it('conf, why and search: one $(shell) run each, no other program', async () => {
    const conf = await ukmenu(['--kconfig', 'Kconfig', 'conf', '--olddefconfig']);
    expect(conf.stderr).toBe('');
    expect(conf.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.config'), 'utf8')).toContain('CONFIG_GREETING="hello"\n');
    const why = await ukmenu(['--kconfig', 'Kconfig', 'why', 'FEATURE']);
    expect(why.code).toBe(0);
    expect(why.stdout).toContain('FEATURE');
    const search = await ukmenu(['--kconfig', 'Kconfig', 'search', 'greet']);
    expect(search.code).toBe(0);
    expect(search.stdout).toContain('GREETING');
    expect(lines(path.join(dir, 'tree-shell.log'))).toEqual(['ran', 'ran', 'ran']);
    expect(lines(path.join(dir, 'spy.log'))).toEqual([]);
  });
});

describe('--help says what opening an application runs', () => {
  it('names make on the app Makefile, gcc -v, the tree\'s $(shell) and --kconfig', async () => {
    const r = await ukmenu(['--help']);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain("make reads the app's Makefile");
    expect(help).toContain('`gcc -v`');
    expect(help).toContain("loading the tree runs the tree's $(shell,...) lines");
    expect(help).toContain("With --kconfig FILE only that tree's own $(shell,...) lines run.");
  });
});
