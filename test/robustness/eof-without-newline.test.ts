// A statement that ends at the end of a sourced file without a newline: the C lexer has already
// gone back to the including file when it hands over that T_EOL, so the entry (and its
// properties) belong to the including file, at the statement's line. An `endif`/`endmenu` there
// then closes it without "'if' in different file than 'if'", and a dependency loop names the
// including file. Found by the error differential (seed 12345, case seed 3374583331); each tree
// is compared live with the C conf of Linux 6.1 and with Unikraft's (v5.2).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConf } from '../../kconfig/conf.js';
import { makeTempDir, oracleSkipReason, pinnedEnv, runOracle, writeFiles, type RunOptions, type RunResult } from '../oracle/oracle.js';
import { runUnikraftConf, unikraftConfMissing } from '../oracle/unikraft-conf.js';

const TREES: Record<string, Record<string, string>> = {
  'an if opened at the end of a sourced file, closed by the includer': {
    Kconfig: 'config A\n\tbool "a"\nsource "Kconfig.1"\nendif\nconfig C\n\tbool "c"\n',
    'Kconfig.1': 'config B\n\tbool "b"\nif A',
  },
  'a menu opened at the end of a sourced file, closed by the includer': {
    Kconfig: 'source "Kconfig.1"\nconfig C\n\tbool "c"\n\tdefault y\nendmenu\n',
    'Kconfig.1': 'menu "m"',
  },
  'a choice opened at the end of a sourced file, closed by the includer': {
    Kconfig: 'source "Kconfig.1"\nconfig C\n\tbool "c"\nendchoice\n',
    'Kconfig.1': 'choice\n\tprompt "p"',
  },
  'a default at the end of a sourced file, in a dependency loop': {
    Kconfig: 'source "Kconfig.1"\n',
    'Kconfig.1': 'config A\n\tbool "a"\n\tdepends on B\nconfig B\n\tbool "b"\n\tdefault y if A',
  },
  // the differential's case, the first statements of its tree and all of its sourced file
  'the differential case: a choice after broken statements, ended by an endif, then another endif': {
    Kconfig: 'menuconfig T\n  tristate "t"\nif T\nmenuconfig X\n\ttristate "x"\nif X\nsource "Kconfig.1"\n' +
      'config S\n  bool "s"\nendif # X\nconfig U\n\tbool "u"\nendif # T\n',
    'Kconfig.1': 'config R\n \ttristate "R" if B\n \tdepends on Q || H && Q = \n \thelp\n\tIf unsure, say N.\n\t    choice',
  },
};

interface Side { code: number; output: string; config: string | undefined }

function engineSide(files: Record<string, string>, opts: RunOptions, flavor: 'linux' | 'unikraft'): Side {
  const dir = makeTempDir('ukmenu-eof-e-');
  try {
    writeFiles(dir, files);
    let output = '';
    const code = runConf(opts.argv, { env: opts.env as Record<string, string>, cwd: dir, flavor, stdout: (s) => { output += s; }, stderr: (s) => { output += s; } });
    const cfg = path.join(dir, '.config');
    return { code, output, config: fs.existsSync(cfg) ? fs.readFileSync(cfg, 'latin1') : undefined };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function cSide(run: (o: RunOptions) => RunResult, files: Record<string, string>, opts: RunOptions): Side {
  const r = run({ ...opts, files });
  expect(r.signal, r.stderr).toBeUndefined();
  return { code: r.code, output: r.stdout + r.stderr, config: r.files.get('.config')?.toString('latin1') };
}

const REFERENCES = [
  { name: 'Linux 6.1', flavor: 'linux', run: runOracle, missing: () => !!oracleSkipReason() },
  { name: "Unikraft's v5.2", flavor: 'unikraft', run: runUnikraftConf, missing: unikraftConfMissing },
] as const;

for (const ref of REFERENCES) {
  describe.skipIf(ref.missing())(`end of a sourced file without a newline: the engine as ${ref.name}'s C conf`, () => {
    for (const [title, files] of Object.entries(TREES)) {
      it.each(['--olddefconfig', '--allnoconfig'])(`${title} (%s)`, (mode) => {
        const opts = { argv: ['-s', mode, 'Kconfig'], env: pinnedEnv({ KCONFIG_CONFIG: '.config' }) };
        const c = cSide(ref.run, files, opts);
        expect(c.output).toContain('no new line at end of file');
        expect(engineSide(files, opts, ref.flavor)).toEqual(c);
      });
    }
  });
}
