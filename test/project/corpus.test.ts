// The Unikraft corpus (../shared/corpora/unikraft) loaded as a Project built from explicit paths,
// the way its README says (UK_BASE=unikraft, KCONFIG_DIR=generated, relative paths, conf run from
// the corpus folder), checked against golden/ byte for byte. The corpus is copied to a scratch
// folder first: --syncconfig writes include/config/ into the folder conf runs in.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  binaryConfRunner,
  confEnvironment,
  engineConfRunner,
  projectFromPaths,
  runProjectConf,
  type ConfRunner,
  type Project,
} from '../../src/project/index.js';
import { UNIKRAFT_CONF_BIN, unikraftConfMissing } from '../oracle/unikraft-conf.js';
import { rmrf } from './fixtures.js';

const CORPUS = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/corpora/unikraft');
const GOLDEN = path.join(CORPUS, 'golden');
const golden = (f: string) => readFileSync(path.join(GOLDEN, f), 'utf8');

let copy: string;

/** The corpus README's environment, as a Project; `work` is the scratch folder for .config and friends. */
function corpusProject(corpusDir: string, work: string): Project {
  return projectFromPaths({
    cwd: corpusDir,
    ukBase: 'unikraft',
    app: 'app-helloworld',
    libs: ['libs/musl', 'libs/lwip'],
    kconfigDir: 'generated',
    configFile: `${work}/.config`,
    autoconfig: `${work}/auto.conf`,
    autoheader: `${work}/config.h`,
    tristate: `${work}/tristate.config`,
    hostArch: 'x86_64',
    arch: 'x86_64',
    name: 'helloworld',
    fullVersion: '0.17.0',
    codename: 'Calypso',
  });
}

function scratch(): string {
  const k = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-corpus-'));
  writeFileSync(path.join(k, 'auto.conf'), ''); // README note 3
  return k;
}

interface Out {
  code: number;
  stdout: string;
  stderr: string;
  work: string;
}

/** The README's exact command: `conf -s <mode> unikraft/Config.uk` with the project's environment. */
async function rawConf(runner: ConfRunner, mode: string, input?: string): Promise<Out> {
  const work = scratch();
  if (input !== undefined) writeFileSync(path.join(work, '.config'), input);
  const p = corpusProject(copy, work);
  let stdout = '';
  let stderr = '';
  const code = await runner(['-s', mode, p.topKconfig], {
    env: confEnvironment(p, { PATH: process.env.PATH }),
    cwd: p.confCwd,
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
  });
  return { code, stdout, stderr: stderr.split(work).join('<WORK>'), work };
}

/** Through the project model: what `ukmenu conf -s <mode>` / make <mode> runs. */
async function projectConf(runner: ConfRunner, args: string[], input?: string): Promise<Out> {
  const work = scratch();
  if (input !== undefined) writeFileSync(path.join(work, '.config'), input);
  const p = corpusProject(copy, work);
  let stdout = '';
  let stderr = '';
  const code = await runProjectConf(p, ['-s', ...args], {
    runner,
    baseEnv: { PATH: process.env.PATH },
    cwd: copy,
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
  });
  return { code, stdout, stderr: stderr.split(work).join('<WORK>'), work };
}

const outConfig = (o: Out) => readFileSync(path.join(o.work, '.config'), 'utf8');
const goldenStderr = (name: string) => (existsSync(path.join(GOLDEN, name)) ? golden(name) : '');

beforeAll(() => {
  copy = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-corpus-tree-'));
  cpSync(CORPUS, copy, { recursive: true, filter: (src) => !src.startsWith(GOLDEN) });
});
afterAll(() => rmrf(copy));

const runners: [string, ConfRunner, boolean][] = [
  ['engine', engineConfRunner, true],
  // Unikraft's own C conf, built from the core in ../shared/unikraft (a missing one fails in CI)
  ["Unikraft's C conf", binaryConfRunner(UNIKRAFT_CONF_BIN), !unikraftConfMissing()],
];

describe.each(runners)('the Unikraft corpus through the project model (%s)', (_name, runner, enabled) => {
  const t = enabled ? it : it.skip;

  t('the project has the README environment', () => {
    const p = corpusProject(CORPUS, '/W');
    expect(p.topKconfig).toBe('unikraft/Config.uk');
    expect(p.env).toMatchObject({
      CONFIG_: 'CONFIG_',
      KCONFIG_CONFIG: '/W/.config',
      KCONFIG_AUTOCONFIG: '/W/auto.conf',
      KCONFIG_AUTOHEADER: '/W/config.h',
      KCONFIG_TRISTATE: '/W/tristate.config',
      HOST_ARCH: 'x86_64',
      UK_ARCH: 'x86_64',
      UK_BASE: 'unikraft',
      UK_APP: 'app-helloworld',
      UK_FULLVERSION: '0.17.0',
      UK_CODENAME: 'Calypso',
      UK_NAME: 'helloworld',
      KCONFIG_DIR: 'generated',
      KCONFIG_DRIV_BASE: 'unikraft/drivers',
      KCONFIG_LIB_BASE: 'unikraft/lib',
      KCONFIG_PLAT_BASE: 'unikraft/plat',
      KCONFIG_ELIB_DIRS: 'libs/musl:libs/lwip',
      KCONFIG_EPLAT_DIRS: '',
      KCONFIG_EAPP_DIR: 'app-helloworld',
      KCONFIG_EXCLUDEDIRS: '',
    });
  });

  for (const arch of ['x86_64', 'arm64']) {
    t(`olddefconfig ${arch}`, async () => {
      const o = await projectConf(runner, ['--olddefconfig'], golden(`olddefconfig-${arch}.in.config`));
      expect(o.code).toBe(0);
      expect(o.stdout).toBe('');
      expect(o.stderr).toBe('');
      expect(outConfig(o)).toBe(golden(`olddefconfig-${arch}.out.config`));
    });
  }

  t('alldefconfig', async () => {
    const o = await rawConf(runner, '--alldefconfig');
    expect(o.code).toBe(0);
    expect(outConfig(o)).toBe(golden('alldefconfig.out.config'));
  });

  for (const mode of ['allnoconfig', 'allyesconfig']) {
    t(`${mode} (raw conf)`, async () => {
      const o = await rawConf(runner, `--${mode}`);
      expect(o.code).toBe(0);
      expect(outConfig(o)).toBe(golden(`${mode}.out.config`));
      expect(o.stderr).toBe(goldenStderr(`${mode}.stderr.txt`));
    });

    t(`${mode} as make runs it (extra --olddefconfig)`, async () => {
      const o = await projectConf(runner, [`--${mode}`]);
      expect(o.code).toBe(0);
      expect(outConfig(o)).toBe(golden(`${mode}.make.out.config`));
      // golden *.make.stderr.txt holds the second (--olddefconfig) pass only; make shows both passes
      expect(o.stderr).toBe(goldenStderr(`${mode}.stderr.txt`) + goldenStderr(`${mode}.make.stderr.txt`));
    });
  }

  for (const name of ['qemu-x86_64', 'qemu-arm64', 'fc-x86_64', 'fc-arm64']) {
    t(`defconfig ${name}`, async () => {
      // relative to where the user is (the corpus folder), as the README's --defconfig=app-helloworld/defconfigs/...
      const o = await projectConf(runner, [`--defconfig=app-helloworld/defconfigs/${name}`]);
      expect(o.code).toBe(0);
      expect(o.stderr).toBe('');
      expect(outConfig(o)).toBe(golden(`defconfig-${name}.out.config`));
    });
  }

  for (const arch of ['x86_64', 'arm64']) {
    t(`savedefconfig ${arch} (raw conf, then as make does it)`, async () => {
      const input = golden(`olddefconfig-${arch}.out.config`);
      const work = scratch();
      const o1 = await rawConf(runner, `--savedefconfig=${work}/defconfig`, input);
      expect(o1.code).toBe(0);
      expect(readFileSync(`${work}/defconfig`, 'utf8')).toBe(golden(`savedefconfig-${arch}.defconfig`));
      // make savedefconfig appends CONFIG_<arch>=y (host arch = UK_ARCH here) and CONFIG_UK_NAME
      const o2 = await projectConf(runner, ['--savedefconfig', `${work}/defconfig2`], input);
      expect(o2.code).toBe(0);
      expect(readFileSync(`${work}/defconfig2`, 'utf8')).toBe(golden(`savedefconfig-${arch}.defconfig`) + 'CONFIG_ARCH_X86_64=y\nCONFIG_UK_NAME="helloworld"\n');
      rmrf(work);
    });
  }

  t('syncconfig (auto.conf and config.h)', async () => {
    const o = await projectConf(runner, ['--syncconfig'], golden('defconfig-qemu-x86_64.out.config'));
    expect(o.code).toBe(0);
    expect(readFileSync(path.join(o.work, 'auto.conf'), 'utf8')).toBe(golden('defconfig-qemu-x86_64.syncconfig.auto.conf'));
    expect(readFileSync(path.join(o.work, 'config.h'), 'utf8')).toBe(golden('defconfig-qemu-x86_64.syncconfig.config.h'));
  });
});
