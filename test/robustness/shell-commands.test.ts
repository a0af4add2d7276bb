// $(shell,...) as the C conf runs it, through ukmenu's helper shells and prediction (kconfig/shell.ts):
// the shell's own messages ("sh: 1: ..."), what commands write on stderr, outputs used by later
// commands and macros, long outputs, and stopping at $(error-if) while predicted commands run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KconfigTree } from '../../kconfig/api.js';
import { runConf } from '../../kconfig/conf.js';
import { LINUX_TREE, linuxEnv, makeTempDir, oracleSkipReason, pinnedEnv, runOracle } from '../oracle/oracle.js';

const TREES: Record<string, string> = {
  'missing command and stderr': `
x := $(shell,nonexistent_ukmenu_cmd_42)
y := $(shell,echo to-stderr >&2; echo out)
config A
\tbool "a $(y)"
\tdefault y
`,
  'outputs feeding later commands': `
cc-info := $(shell,echo GCC 120200)
name := $(shell,set -- $(cc-info) && echo $1)
version := $(shell,set -- $(cc-info) && echo $2)
success = $(shell,{ $(1); } >/dev/null 2>&1 && echo "y" || echo "n")
comma := ,
config IS_GCC
\tdef_bool $(success,test "$(name)" = GCC)
config VER
\tint
\tdefault $(version)
config TXT
\tstring
\tdefault "$(shell,printf 'a%sb' "$(comma)")"
config MULTI
\tstring
\tdefault "$(shell,printf 'one\\ntwo\\n\\n')"
`,
  'long output': `
config LONG
\tstring
\tdefault "$(shell,head -c 5000 /dev/zero | tr '\\0' x)"
`,
  'stops at error-if': `
$(error-if,$(shell,echo y),stopped here)
x := $(shell,sleep 0.2; echo late)
config A
\tbool "a"
`,
}

const skip = oracleSkipReason();

describe.skipIf(!!skip)('$(shell,...) vs the C conf', () => {
  it.each(Object.keys(TREES))('%s: same .config, messages and exit code', (name) => {
    const kconfig = TREES[name];
    const dir = makeTempDir('ukmenu-shell-');
    try {
      fs.writeFileSync(path.join(dir, 'Kconfig'), kconfig);
      fs.writeFileSync(path.join(dir, 'auto.conf'), '');
      // both run in their own folder with the same relative names
      const env = pinnedEnv({ KCONFIG_CONFIG: '.config', KCONFIG_AUTOCONFIG: 'auto.conf' });
      let out = '';
      const rc = runConf(['-s', '--olddefconfig', 'Kconfig'], { env, cwd: dir, flavor: 'linux', stdout: (s) => { out += s; }, stderr: (s) => { out += s; } });
      const ours = fs.existsSync(path.join(dir, '.config')) ? fs.readFileSync(path.join(dir, '.config'), 'latin1') : null;
      const c = runOracle({ argv: ['-s', '--olddefconfig', 'Kconfig'], env, files: { Kconfig: kconfig, 'auto.conf': '' } });
      expect(out).toBe(c.stdout + c.stderr);
      expect(rc).toBe(c.code);
      expect(ours).toBe(c.files.get('.config')?.toString('latin1') ?? null);
      if (name === 'outputs feeding later commands') expect(ours).toContain('CONFIG_IS_GCC=y');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!!skip)('$(shell,...) prediction on Linux 6.1', () => {
  // Every command the parse runs was known before it was asked for (those built from earlier
  // outputs included), and nothing was run that the parse did not ask for.
  it.each(['x86', 'arm64'] as const)('%s: every command predicted, none extra', (arch) => {
    const tree = KconfigTree.load('Kconfig', { env: linuxEnv(arch), cwd: LINUX_TREE });
    const stats = tree.shellStats!;
    expect(stats.asked).toBeGreaterThan(50);
    expect(stats).toEqual({ asked: stats.asked, unpredicted: 0, unused: 0 });
  });
});
