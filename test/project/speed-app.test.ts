// Opening the real app-helloworld on the real core (../shared/unikraft) with config-submenu.sh done
// in process (src/project/submenu.ts) changes nothing: on the stock layout and on generated ones
// (libraries added, one of them symlinked, then removed, libraries excluded with E=), the generated
// Kconfig files in the build folder, .config, auto.conf and config.h are byte for byte what the real
// `make olddefconfig` / `make syncconfig` write, and the tree loaded is the one loaded with the real
// script run by bash.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverProject } from '../../src/project/index.js';
import { submenuStats } from '../../src/project/submenu.js';
import { loadTree } from '../../src/tree.js';
import { cleanEnv, runCli } from './fixtures.js';
import { unpackRealApp, type RealApp } from './realUnikraft.js';

let real: RealApp;
let stockConfig: Buffer;
let stockMakefile: string;
let build: string;
beforeAll(() => {
  real = unpackRealApp();
  // a platform chosen: make's non-configuration goals (syncconfig) refuse a .config without one
  fs.appendFileSync(path.join(real.app, '.config'), 'CONFIG_PLAT_KVM=y\n');
  const r = real.make(['olddefconfig']);
  if (r.status !== 0) throw new Error(r.stderr);
  stockConfig = fs.readFileSync(path.join(real.app, '.config'));
  stockMakefile = fs.readFileSync(path.join(real.app, 'Makefile'), 'utf8');
  build = path.join(real.app, 'workdir/build');
  // external libraries: liba in workdir/libs, libb symlinked there from elsewhere
  const lib = (dir: string, sym: string) => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Config.uk'), `menuconfig ${sym}\n\tbool "${sym}"\n\tdefault y\nif ${sym}\nconfig ${sym}_LEVEL\n\tint "level"\n\tdefault 3\nendif\n`);
    fs.writeFileSync(path.join(dir, 'Makefile.uk'), `$(eval $(call addlib_s,${sym.toLowerCase()},$(CONFIG_${sym})))\n`);
  };
  lib(path.join(real.app, 'workdir/libs/liba'), 'LIBA');
  lib(path.join(real.root, 'elsewhere/libb'), 'LIBB');
  fs.symlinkSync(path.join(real.root, 'elsewhere/libb'), path.join(real.app, 'workdir/libs/libb'));
}, 600_000);
afterAll(() => real?.remove());

/** The app Makefile with LIBS and E= of a layout (the stock one forwards A= L= O=). */
function makefile(libs: string[], excludes: string[]): string {
  const e = excludes.length ? ` E=${excludes.join(':')}` : '';
  return stockMakefile
    .replace(/^LIBS :=.*$/m, `LIBS := ${libs.map((l) => `$(PWD)/workdir/libs/${l}`).join(':')}`)
    .replace(/O=\$\(UK_BUILD\)/g, `O=$(UK_BUILD)${e}`);
}

/** What configuring wrote: the generated Kconfig files, .config, auto.conf, config.h. */
function written(): Record<string, string> {
  const out: Record<string, string> = {};
  const kdir = path.join(build, 'kconfig');
  for (const f of fs.readdirSync(kdir).sort()) if (f.endsWith('.uk') || f === 'auto.conf') out[`kconfig/${f}`] = fs.readFileSync(path.join(kdir, f), 'latin1');
  out['.config'] = fs.readFileSync(path.join(real.app, '.config'), 'latin1');
  out['config.h'] = fs.readFileSync(path.join(build, 'include/uk/bits/config.h'), 'latin1');
  return out;
}

function reset(): void {
  fs.writeFileSync(path.join(real.app, '.config'), stockConfig);
  const kdir = path.join(build, 'kconfig');
  for (const f of fs.readdirSync(kdir)) if (f.endsWith('.uk') || f === 'auto.conf') fs.rmSync(path.join(kdir, f));
  fs.rmSync(path.join(build, 'include/uk/bits/config.h'), { force: true });
}

/** Every node of the loaded tree with its symbol's value and visibility, in menu order. */
function fingerprint(env: Record<string, string>) {
  return discoverProject({ cwd: real.app, env }).then((project) => {
    const { tree, warnings } = loadTree({ kind: 'project', project, baseEnv: env });
    const nodes = tree.allNodes().map((n) => `${n.kind} ${n.symbol ?? ''} ${n.prompt ?? ''}${n.symbol ? ` = ${tree.value(n.symbol)}` : ''}`);
    return { nodes, warnings, changed: tree.changed };
  });
}

describe('the real app with config-submenu.sh in process = make', () => {
  it.each([
    ['the stock app', [], []],
    ['libraries added (one symlinked)', ['liba', 'libb'], []],
    ['a library removed', ['liba'], []],
    ['a core library excluded with E=', ['liba', 'libb'], ['$(UK_ROOT)/lib/uktest']],
    ['an external library excluded with E=', ['liba', 'libb'], ['$(PWD)/workdir/libs/liba']],
    // Unikraft's Makefile runs several E= paths together (its $(colon) is not defined): none excluded
    ['two libraries given to E=', ['liba', 'libb'], ['$(UK_ROOT)/lib/uktest', '$(PWD)/workdir/libs/liba']],
  ] as [string, string[], string[]][])('%s', async (_name, libs, excludes) => {
    fs.writeFileSync(path.join(real.app, 'Makefile'), makefile(libs, excludes));
    const env = { ...cleanEnv(), PWD: real.app };
    reset();
    for (const goal of ['olddefconfig', 'syncconfig']) {
      const r = real.make([goal]);
      expect(r.status, r.stderr).toBe(0);
    }
    const reference = written();
    if (excludes.length === 1) expect(reference['kconfig/libs.uk']).toContain('# Skipped excluded');
    if (libs.includes('libb')) expect(reference['kconfig/libs.uk']).toContain('/elsewhere/libb/Config.uk');

    reset();
    const before = submenuStats.answered;
    for (const mode of ['--olddefconfig', '--syncconfig']) {
      const r = await runCli(['conf', mode], { cwd: real.app, env });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(submenuStats.answered - before).toBe(2 * 9); // the nine calls of each run, none by bash
    expect(written()).toEqual(reference);

    // the menu's tree: the same with the script run by bash, and the files the same again
    const viaBash = await fingerprint({ ...env, UKMENU_SUBMENU: 'script' });
    expect(written()).toEqual(reference);
    const inProcess = await fingerprint(env);
    expect(written()).toEqual(reference);
    expect(inProcess).toEqual(viaBash);
    expect(inProcess.changed).toBe(false);
  }, 600_000);
});
