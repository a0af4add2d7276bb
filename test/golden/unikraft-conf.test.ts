// What only Unikraft's v5.2 kconfig does, checked against Unikraft's own C conf (built from the real
// core in ../shared/unikraft by test/oracle/build-unikraft-oracle.sh): syncconfig's outputs on the
// corpus (auto.conf, auto.conf.cmd with its list of Kconfig files, tristate.config, the C header,
// the include/config/*.h dependency files), rsource/osource (which the C tools lack: the engine
// must do what `source` with the resolved path does) and UKMENU_KCONFIG_FLAVOR (each flavor
// matches its own C conf on a tree where the two differ).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConf, type ConfOptions } from '../../kconfig/conf.js';
import { unifiedDiff } from '../differential/diff-text.js';
import { CORPUS_DIR, corpusEnv } from '../fixtures/corpus.js';
import { makeTempDir, oracleSkipReason, pinnedEnv, runOracle, snapshotDir, writeFiles, type RunResult } from '../oracle/oracle.js';
import { runUnikraftConf, unikraftConfMissing } from '../oracle/unikraft-conf.js';

const GOLDEN = path.join(CORPUS_DIR, 'golden');
const skip = unikraftConfMissing() || !!oracleSkipReason();

interface Side { code: number; stdout: string; stderr: string; files: Map<string, Buffer> }

/** The engine in `dir` (files collected afterwards), flavor from the file name and environment unless given. */
function engine(dir: string, argv: string[], env: Record<string, string>, flavor?: ConfOptions['flavor']): Side {
  let stdout = '';
  let stderr = '';
  const code = runConf(argv, { env, cwd: dir, flavor, stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr, files: snapshotDir(dir) };
}

/** Differences between a reference run and the engine's (empty: identical), files byte for byte. */
function differences(ref: RunResult | Side, e: Side, label: string): string[] {
  const out: string[] = [];
  if (ref.code !== e.code) out.push(`exit: ${label} ${ref.code}, engine ${e.code}`);
  if (ref.stdout !== e.stdout) out.push(`stdout:\n${unifiedDiff(ref.stdout, e.stdout, label, 'engine')}`);
  if (ref.stderr !== e.stderr) out.push(`stderr:\n${unifiedDiff(ref.stderr, e.stderr, label, 'engine')}`);
  for (const f of new Set([...ref.files.keys(), ...e.files.keys()])) {
    const a = ref.files.get(f);
    const b = e.files.get(f);
    if (a && b && a.equals(b)) continue;
    out.push(`${f}: ${!a ? 'engine only' : !b ? `${label} only` : `differs\n${unifiedDiff(a.toString('latin1'), b.toString('latin1'), label, 'engine')}`}`);
  }
  return out;
}

/** Runs a reference and the engine on the same files, each in its own folder with the same names. */
function compare(files: Record<string, string>, argv: string[], env: Record<string, string>, ref: 'unikraft' | 'linux', flavor?: ConfOptions['flavor']) {
  const outputs = (m: Map<string, Buffer>) => new Map([...m].filter(([f]) => !/(^|\/)(Kconfig|Config\.uk|[^/]*\.uk)$/.test(f)));
  const c = makeTempDir('ukmenu-v52-c-');
  const e = makeTempDir('ukmenu-v52-e-');
  try {
    writeFiles(c, files);
    writeFiles(e, files);
    const r = (ref === 'unikraft' ? runUnikraftConf : runOracle)({ argv, env, cwd: c });
    const en = engine(e, argv, env, flavor);
    // the trees themselves are not outputs (the rsource test gives the two sides different ones)
    return { ref: { ...r, files: outputs(r.files) }, engine: { ...en, files: outputs(en.files) } };
  } finally {
    fs.rmSync(c, { recursive: true, force: true });
    fs.rmSync(e, { recursive: true, force: true });
  }
}

describe.skipIf(skip)("v5.2 specifics vs Unikraft's own C conf", () => {
  let corpus: string; // a private copy: syncconfig writes include/config/ into the working folder
  beforeAll(() => {
    corpus = makeTempDir('ukmenu-v52-corpus-');
    fs.cpSync(CORPUS_DIR, corpus, { recursive: true, filter: (src) => !src.startsWith(GOLDEN) });
  });
  afterAll(() => fs.rmSync(corpus, { recursive: true, force: true }));

  /** Runs in the corpus copy, outputs under out/ (removed with include/ before and after). */
  function corpusRun(run: () => RunResult | Side): RunResult | Side {
    const clean = () => { for (const d of ['out', 'include']) fs.rmSync(path.join(corpus, d), { recursive: true, force: true }); };
    clean();
    fs.mkdirSync(path.join(corpus, 'out'));
    fs.copyFileSync(path.join(GOLDEN, 'olddefconfig-x86_64.in.config'), path.join(corpus, 'out/.config'));
    try {
      const r = run();
      return { ...r, files: new Map([...snapshotDir(path.join(corpus, 'out'))].map(([k, v]) => [`out/${k}`, v] as [string, Buffer]).concat([...snapshotDir(path.join(corpus, 'include'))].map(([k, v]) => [`include/${k}`, v] as [string, Buffer]))) };
    } finally {
      clean();
    }
  }

  it('the reference itself: alldefconfig on the corpus is the golden file', () => {
    const dir = makeTempDir('ukmenu-v52-');
    try {
      const env = pinnedEnv({ ...corpusEnv(path.join(dir, '.config')), PATH: undefined });
      const r = runUnikraftConf({ argv: ['-s', '--alldefconfig', 'unikraft/Config.uk'], env, cwd: corpus, collect: false });
      expect(r.code, r.stderr).toBe(0);
      expect(fs.readFileSync(path.join(dir, '.config'), 'utf8')).toBe(fs.readFileSync(path.join(GOLDEN, 'alldefconfig.out.config'), 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('syncconfig on the corpus: .config, auto.conf, auto.conf.cmd, tristate.config, config.h and include/config/*.h', () => {
    const env = pinnedEnv({
      ...corpusEnv('out/.config'), PATH: undefined, KCONFIG_AUTOCONFIG: 'out/auto.conf', KCONFIG_AUTOHEADER: 'out/config.h',
      KCONFIG_TRISTATE: 'out/tristate.config',
    });
    const argv = ['-s', '--syncconfig', 'unikraft/Config.uk'];
    const c = corpusRun(() => runUnikraftConf({ argv, env, cwd: corpus, collect: false }));
    const e = corpusRun(() => engine(corpus, argv, env));
    expect(c.code, c.stderr).toBe(0);
    // v5.2 writes auto.conf.cmd at a fixed place in the working folder, not next to auto.conf
    for (const f of ['out/auto.conf', 'include/config/auto.conf.cmd', 'out/tristate.config', 'out/config.h']) expect(c.files.has(f), f).toBe(true);
    expect(c.files.get('include/config/auto.conf.cmd')!.toString()).toContain('unikraft/lib/Config.uk');
    expect([...c.files.keys()].filter((f) => f.startsWith('include/config/')).length).toBeGreaterThan(20);
    const d = differences(c, e, 'Unikraft conf');
    expect(d.length, d.join('\n')).toBe(0);
  });

  // rsource is relative to the including file, osource skips what is missing: in the C tools'
  // terms, `source` of the resolved path (v5.2's source already skips missing files and globs)
  const RS_TREE = {
    'Config.uk': 'mainmenu "rsource test"\nconfig TOP\n\tbool "top"\n\tdefault y\nsource "sub/Config.uk"\n',
    'sub/Config.uk': 'config SUB\n\tbool "sub"\n\tdefault y\nrsource "more/*.uk"\nosource "sub/none/Config.uk"\n',
    'sub/more/a.uk': 'config MORE_A\n\tint "a"\n\tdefault 7\n\tdepends on SUB\n',
    'sub/more/b.uk': 'config MORE_B\n\tstring "b"\n\tdefault "b"\n',
  };
  it('rsource/osource: what source with the resolved path gives', () => {
    const resolved = { ...RS_TREE, 'sub/Config.uk': RS_TREE['sub/Config.uk'].replace('rsource "more/*.uk"', 'source "sub/more/*.uk"').replace('osource', 'source') };
    const env = pinnedEnv({ CONFIG_: 'CONFIG_', KCONFIG_CONFIG: '.config', KCONFIG_AUTOCONFIG: 'auto.conf' });
    const argv = ['--olddefconfig', 'Config.uk'];
    const { ref } = compare({ ...resolved, 'auto.conf': '' }, argv, env, 'unikraft');
    const { engine: e } = compare({ ...RS_TREE, 'auto.conf': '' }, argv, env, 'unikraft');
    expect(ref.code, ref.stderr).toBe(0);
    expect(ref.files.get('.config')!.toString()).toContain('CONFIG_MORE_A=7');
    const d = differences(ref, e, 'Unikraft conf');
    expect(d.length, d.join('\n')).toBe(0);
  });

  // source's glob is glob(3): a name that a link pointing nowhere stands for is found (lstat), and
  // then cannot be opened; `.*` matches `.` and `..`
  it('source globs as glob(3) does: .* reaches . and ..; a link that points nowhere is an error', () => {
    const tree = (dir: string, dangling: boolean) => {
      writeFiles(dir, {
        'Config.uk': `mainmenu "glob test"\nconfig TOP\n\tbool "top"\n\tdefault y\nsource "a/b/.*/Config.uk"\nsource "a/missing/Config.uk"\n${dangling ? 'source "a/gone/Config.uk"\n' : ''}`,
        'a/Config.uk': 'config UP\n\tbool "reached through a/b/.."\n\tdefault y\n',
        'a/b/Config.uk': 'config HERE\n\tbool "reached through a/b/."\n\tdefault y\n',
        'a/b/.h/Config.uk': 'config HIDDEN\n\tint "hidden"\n\tdefault 3\n',
        'auto.conf': '',
      });
      fs.mkdirSync(path.join(dir, 'a/gone'), { recursive: true });
      fs.symlinkSync('/nonexistent/Config.uk', path.join(dir, 'a/gone/Config.uk'));
    };
    const env = pinnedEnv({ CONFIG_: 'CONFIG_', KCONFIG_CONFIG: '.config', KCONFIG_AUTOCONFIG: 'auto.conf' });
    const argv = ['--olddefconfig', 'Config.uk'];
    for (const dangling of [false, true]) {
      const c = makeTempDir('ukmenu-v52-glob-c-');
      const e = makeTempDir('ukmenu-v52-glob-e-');
      try {
        tree(c, dangling);
        tree(e, dangling);
        const ref = runUnikraftConf({ argv, env, cwd: c });
        const en = engine(e, argv, env);
        if (dangling) expect(ref.code, ref.stderr).not.toBe(0);
        else for (const line of ['CONFIG_HERE=y', 'CONFIG_UP=y', 'CONFIG_HIDDEN=3']) expect(ref.files.get('.config')?.toString()).toContain(line);
        const d = differences(ref, en, 'Unikraft conf');
        expect(d.length, d.join('\n')).toBe(0);
      } finally {
        fs.rmSync(c, { recursive: true, force: true });
        fs.rmSync(e, { recursive: true, force: true });
      }
    }
  });

  // v5.2 and 6.1 differ here: an out-of-range int is clamped to the reformatted bound (v5.2: 16)
  // or the bound's text (6.1: 0x10); an imply of a symbol whose dependencies are n
  const FLAVOR_TREE = 'config N\n\tint "n"\n\trange 1 0x10\n\tdefault 100\n' +
    'config T\n\ttristate "t"\n\tdepends on DEP\n' + 'config DEP\n\tbool "dep"\n' +
    'config I\n\ttristate "i"\n\tdefault y\n\timply T\n' + 'config M\n\tbool "m"\n\tdefault y\n\toption modules\n';
  const flavorEnv = (extra: Record<string, string> = {}) => pinnedEnv({ CONFIG_: 'CONFIG_', KCONFIG_CONFIG: '.config', ...extra });
  it.each([
    ['a tree named Kconfig, no flavor given: Linux 6.1', 'Kconfig', {}, 'linux'],
    ['a tree named Kconfig, UKMENU_KCONFIG_FLAVOR=unikraft: Unikraft v5.2', 'Kconfig', { UKMENU_KCONFIG_FLAVOR: 'unikraft' }, 'unikraft'],
    ['a tree named Config.uk, no flavor given: Unikraft v5.2', 'Config.uk', {}, 'unikraft'],
    ['a tree named Config.uk, UKMENU_KCONFIG_FLAVOR=linux: Linux 6.1', 'Config.uk', { UKMENU_KCONFIG_FLAVOR: 'linux' }, 'linux'],
  ] as const)('UKMENU_KCONFIG_FLAVOR: %s', (_name, top, extra, ref) => {
    // 6.1 has no `option modules`: its tree gets the bare `modules` line
    const text = (flavor: string) => (flavor === 'linux' ? FLAVOR_TREE.replace('option modules', 'modules') : FLAVOR_TREE);
    const argv = ['-s', '--olddefconfig', top];
    const env = flavorEnv(extra);
    const { ref: r, engine: e } = compare({ [top]: text(ref) }, argv, env, ref);
    const otherRef = ref === 'linux' ? 'unikraft' : 'linux';
    const other = compare({ [top]: text(otherRef) }, argv, env, otherRef).ref;
    expect(other.code, other.stderr).toBe(0);
    expect(r.code, r.stderr).toBe(0);
    // the tree tells the two apart, so matching one is matching the right one
    expect(other.files.get('.config')?.toString()).not.toBe(r.files.get('.config')?.toString());
    const d = differences(r, e, ref === 'linux' ? 'Linux conf' : 'Unikraft conf');
    expect(d.length, d.join('\n')).toBe(0);
  });
});
