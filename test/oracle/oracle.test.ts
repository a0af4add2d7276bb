// The oracle's own guarantees: comparisons run in a pinned environment that does not depend on
// what the machine has installed (no rustup rustc from the user's PATH: with one, every Linux run
// of the C conf took three times as long and hit the alarm), and a reference run stopped by the
// alarm is run again alone with a longer one, or marked as timed out (never a plain failure); runs
// that share one parse of the tree (conf-batch -p) give what a fresh conf process gives.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linuxEnv, makeTempDir, oracleSkipReason, PINNED_PATH, pinnedEnv, runOracle, runOracleBatch, snapshotDir, writeFiles } from './oracle.js';

const skip = !!oracleSkipReason();

describe.skipIf(skip)('the oracle', () => {
  it('compares in a pinned environment: system PATH, LC_ALL=C, nothing inherited', () => {
    for (const env of [linuxEnv('x86'), pinnedEnv({ srctree: 'x' })]) {
      expect(env.PATH).toBe(PINNED_PATH);
      expect(env.LC_ALL).toBe('C');
      expect(Object.keys(env).filter((k) => k.startsWith('KCONFIG_') && k !== 'KCONFIG_CONFIG')).toEqual([]);
      expect(env.HOME).toBeUndefined();
      // what Linux's rust_is_available.sh would find
      const rustc = spawnSync('sh', ['-c', 'command -v rustc || true'], { env, encoding: 'utf8' }).stdout.trim();
      expect(rustc.startsWith('/usr/') || rustc.startsWith('/bin') || rustc === '', `rustc found at ${rustc}`).toBe(true);
      expect(rustc).not.toContain('.cargo');
    }
  });

  it('retries a run stopped by the alarm alone with the longer one, and marks one that never ends', async () => {
    const dirs = ['slow', 'endless'].map(() => makeTempDir('ukmenu-oracle-'));
    try {
      writeFiles(dirs[0]!, { Kconfig: 'x := $(shell,sleep 2; echo 1)\nconfig A\n\tint "a"\n\tdefault $(x)\n', '.config': '' });
      writeFiles(dirs[1]!, { Kconfig: 'x := $(shell,sleep 6)\nconfig A\n\tbool "a"\n', '.config': '' });
      const env = pinnedEnv({ KCONFIG_CONFIG: '.config' });
      const job = (cwd: string) => [{ cwd, argv: ['-s', '--olddefconfig', 'Kconfig'], env }];
      const [slow] = await runOracleBatch(job(dirs[0]!), 1, { alarm: 1, retryAlarm: 60 });
      const [endless] = await runOracleBatch(job(dirs[1]!), 1, { alarm: 1, retryAlarm: 2 });
      expect(slow).toMatchObject({ code: 0, retried: true, timedOut: false });
      expect(fs.readFileSync(path.join(dirs[0]!, '.config'), 'utf8')).toContain('CONFIG_A=1');
      expect(endless).toMatchObject({ retried: true, timedOut: true });
    } finally {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  }, 120_000);

  it('a shared parse (conf-batch -p) gives each run what a fresh conf gives: output of the parse, files, exit; a broken tree falls back', async () => {
    // $(info) on stdout, a command writing stderr, a parse warning, values from the environment
    // (each run of the command also adds a line to $(srctree)/runs: once for all the shared runs)
    const tree = 'x := $(shell,echo from-shell; echo to-stderr >&2; echo >> $(srctree)/runs)\n$(info,info $(x))\n' +
      'config A\n\tbool "a"\n\tdefault y\nconfig B\n\tstring "b"\n\tdefault "$(VAL)"\nconfig C\n\tbool\n\tselect A\n\tdepends on UNKNOWN\n' +
      'config D\n\tint "d"\n\trange 1 5\n\tdefault 9\nchoice\n\tprompt "c"\nconfig E\n\tbool "e"\nendchoice\nconfig E\n\tdepends on A\n';
    const broken = 'config A\n\tbool "a"\nif A\n';
    for (const kconfig of [tree, broken]) {
      const src = makeTempDir('ukmenu-oracle-');
      writeFiles(src, { Kconfig: kconfig });
      const env = pinnedEnv({ srctree: src, VAL: 'v', KCONFIG_CONFIG: '.config' });
      const modes = [['--olddefconfig', 'Kconfig'], ['-s', '--allnoconfig', 'Kconfig'], ['--syncconfig', 'Kconfig'], ['--savedefconfig', 'out', 'Kconfig']];
      const inputs = { '.config': 'CONFIG_D=3\nCONFIG_B="x"\n# CONFIG_A is not set\n' };
      const dirs = modes.map(() => makeTempDir('ukmenu-oracle-'));
      try {
        dirs.forEach((d) => writeFiles(d, inputs));
        const shared = await runOracleBatch(modes.map((argv, i) => ({ cwd: dirs[i]!, argv, env })), 2, { shareParse: true });
        if (kconfig === tree) expect(fs.readFileSync(path.join(src, 'runs'), 'utf8')).toBe('\n');
        modes.forEach((argv, i) => {
          const fresh = runOracle({ argv, env, files: inputs });
          expect({ code: shared[i]!.code, stdout: shared[i]!.stdout, stderr: shared[i]!.stderr, files: snapshotDir(dirs[i]!) }, argv.join(' ')).toEqual({
            code: fresh.code, stdout: fresh.stdout, stderr: fresh.stderr, files: fresh.files,
          });
          if (kconfig === tree) expect(fresh.stdout + fresh.stderr).toMatch(/info from-shell[^]*to-stderr|to-stderr[^]*info from-shell/);
          else expect(fresh.code).toBe(1);
        });
      } finally {
        for (const d of [src, ...dirs]) fs.rmSync(d, { recursive: true, force: true });
      }
    }
  }, 120_000);
});
