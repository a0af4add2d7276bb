// The $(shell) helper shells (kconfig/shell.ts) end with ukmenu: after `ukmenu conf --olddefconfig`
// exits, no process of its session is left, running or as a zombie (unreaped helpers are inherited
// by PID 1, which on some machines never reaps them). Runs the real program (bundled from the
// sources into a scratch folder) in a new session and lists that session with procps' ps.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../ci.js';
import { CORPUS_DIR, corpusEnv } from '../fixtures/corpus.js';
import { LINUX_TREE, linuxEnv, makeTempDir, oracleSkipReason, pinnedEnv, REPO_ROOT } from '../oracle/oracle.js';

const have = (p: string) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0;
const skip = requireOrSkip('ps and setsid (procps, util-linux)', have('ps') && have('setsid')) || !!oracleSkipReason();

// the session leader runs ukmenu, then lists what is left of its session besides itself and ps
const LEADER = '"$@"; echo "exit $?"; ps -o pid=,stat=,args= --sid $$ | awk -v me=$$ \'$1 != me && $3 != "ps" && $3 != "awk"\'';

describe.skipIf(skip)('helper shells end with ukmenu', () => {
  let bundle: string;
  beforeAll(() => {
    bundle = makeTempDir('ukmenu-reap-');
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', bundle], { cwd: REPO_ROOT, stdio: 'ignore' });
  }, 120_000);
  afterAll(() => fs.rmSync(bundle, { recursive: true, force: true }));

  function leftover(cwd: string, env: Record<string, string>, args: string[]): string {
    const r = spawnSync('setsid', ['-w', 'sh', '-c', LEADER, 'sh', process.execPath, path.join(bundle, 'ukmenu.js'), ...args], {
      cwd, env, encoding: 'utf8', timeout: 300_000,
    });
    expect(r.stdout, r.stderr).toMatch(/^exit 0$/m);
    return r.stdout.replace(/^exit 0\n/m, '');
  }

  it('Linux 6.1 x86 (three helpers): none left', () => {
    const dir = makeTempDir('ukmenu-reap-run-');
    try {
      fs.writeFileSync(path.join(dir, '.config'), '');
      expect(leftover(dir, linuxEnv('x86', { srctree: LINUX_TREE }), ['conf', '-s', '--olddefconfig', 'Kconfig'])).toBe('');
      expect(fs.readFileSync(path.join(dir, '.config'), 'utf8')).toContain('CONFIG_X86_64=y');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('the Unikraft corpus (one helper): none left', () => {
    const dir = makeTempDir('ukmenu-reap-run-');
    try {
      fs.writeFileSync(path.join(dir, 'auto.conf'), '');
      const env = pinnedEnv({ ...corpusEnv(path.join(dir, '.config')), PATH: undefined, KCONFIG_AUTOCONFIG: path.join(dir, 'auto.conf') });
      expect(leftover(CORPUS_DIR, env, ['conf', '-s', '--olddefconfig', 'unikraft/Config.uk'])).toBe('');
      expect(fs.readFileSync(path.join(dir, '.config'), 'utf8')).toContain('CONFIG_LIBUKDEBUG=y');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
