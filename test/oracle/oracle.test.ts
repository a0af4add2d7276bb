// The oracle's own guarantees: comparisons run in a pinned environment that does not depend on
// what the machine has installed (no rustup rustc from the user's PATH: with one, every Linux run
// of the C conf took three times as long and hit the alarm), and a reference run stopped by the
// alarm is run again alone with a longer one, or marked as timed out (never a plain failure).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linuxEnv, makeTempDir, oracleSkipReason, PINNED_PATH, pinnedEnv, runOracleBatch, writeFiles } from './oracle.js';

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
});
