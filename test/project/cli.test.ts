// `ukmenu [project options] conf ...` end to end with our engine on a small fake app, the plain
// drop-in `ukmenu conf ... KCONFIG`, and `ukmenu project`.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeConfArgs, binaryConfRunner, type ConfRunner } from '../../src/project/index.js';
import { UNIKRAFT_CONF_BIN, unikraftConfMissing } from '../oracle/unikraft-conf.js';
import { appMakefile, cleanEnv, makeFakeApp, makeFakeCore, makeFakeLib, read, rmrf, runCli, tmpdir, write } from './fixtures.js';

let root: string;
let app: string;
let core: string;

beforeEach(() => {
  root = realpathSync(tmpdir());
  app = makeFakeApp(path.join(root, 'helloworld'), appMakefile('$(UK_LIBS)/musl:$(UK_LIBS)/lwip'));
  core = makeFakeCore(path.join(app, 'workdir/unikraft'), { version: ['0', '99', '1'], codename: 'Testing' });
  makeFakeLib(path.join(app, 'workdir/libs/musl'), 'LIBMUSL');
  makeFakeLib(path.join(app, 'workdir/libs/lwip'), 'LIBLWIP');
});
afterEach(() => rmrf(root));

const build = () => path.join(app, 'workdir/build');
const cfg = () => read(path.join(app, '.config'));

describe('ukmenu conf on an application (our engine)', () => {
  it('--olddefconfig loads the real tree: env, $(shell) in the build folder, libraries, app menu', async () => {
    const r = await runCli(['conf', '--olddefconfig'], { cwd: app });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`#\n# configuration written to ${path.join(app, '.config')}\n#\n`);
    const c = cfg();
    expect(c).toContain('# Fake/0.99.1 Configuration\n');
    expect(c).toContain('CONFIG_UK_FULLVERSION="0.99.1"\n');
    expect(c).toContain('CONFIG_UK_CODENAME="Testing"\n');
    expect(c).toContain('CONFIG_UK_DEFNAME="helloworld"\n');
    // conf runs in $(BUILD_DIR), like make
    expect(c).toContain(`CONFIG_CONF_CWD="${build()}"\n`);
    expect(c).toMatch(/CONFIG_LIBMUSL=y\nCONFIG_LIBLWIP=y\n/);
    expect(c).toContain('#\n# Application Options\n#\nCONFIG_APP_MESSAGE="hello"\n# end of Application Options\n');
    // config-submenu.sh wrote the lists into KCONFIG_DIR
    expect(read(path.join(build(), 'kconfig/libs.uk'))).toContain(path.join(app, 'workdir/libs/lwip/Config.uk'));
    expect(existsSync(path.join(build(), 'include/uk/bits'))).toBe(true);
  });

  it('--allyesconfig runs the extra --olddefconfig of the Makefile (its output discarded)', async () => {
    const calls: { argv: string[]; skip?: string }[] = [];
    const spy: ConfRunner = (argv, o) => {
      calls.push({ argv, skip: o.env.SKIP_LEGACY });
      if (calls.length === 2) o.stdout('discarded\n');
      return 0;
    };
    const r = await runCli(['conf', '--allyesconfig'], { cwd: app, projectConf: spy });
    expect(r.code).toBe(0);
    expect(calls).toEqual([
      { argv: ['--allyesconfig', path.join(core, 'Config.uk')], skip: 'y' },
      { argv: ['--olddefconfig', path.join(core, 'Config.uk')], skip: undefined },
    ]);
    expect(r.stdout).toBe('');
  });

  it('--defconfig FILE resolves FILE where the user is, not in the build folder', async () => {
    write(path.join(app, 'defconfigs/mine'), 'CONFIG_LIBLWIP=n\nCONFIG_APP_MESSAGE="from defconfig"\n');
    const r = await runCli(['conf', '--defconfig', 'defconfigs/mine'], { cwd: app });
    expect(r.code).toBe(0);
    expect(cfg()).toContain('# CONFIG_LIBLWIP is not set\n');
    expect(cfg()).toContain('CONFIG_APP_MESSAGE="from defconfig"\n');
  });

  it('--defconfig with no file takes UK_DEFCONFIG, like make defconfig', async () => {
    write(path.join(app, 'defconfigs/other'), 'CONFIG_LIBMUSL=n\n');
    const r = await runCli(['conf', '--defconfig'], { cwd: app, env: cleanEnv({ UK_DEFCONFIG: `"${path.join(app, 'defconfigs/other')}"` }) });
    expect(r.code).toBe(0);
    expect(cfg()).toContain('# CONFIG_LIBMUSL is not set\n');
  });

  it('--savedefconfig appends CONFIG_<ARCH>=y and CONFIG_UK_NAME as make savedefconfig does', async () => {
    await runCli(['conf', '--olddefconfig'], { cwd: app });
    write(path.join(app, '.config'), cfg().replace('CONFIG_APP_MESSAGE="hello"', 'CONFIG_APP_MESSAGE="bye"'));
    const r = await runCli(['conf', '--savedefconfig', 'my.defconfig'], { cwd: app });
    expect(r.code).toBe(0);
    const arch = /UK_ARCH="(.*)"/.exec(cfg())![1];
    const sym = { x86_64: 'CONFIG_ARCH_X86_64', arm64: 'CONFIG_ARCH_ARM_64', arm: 'CONFIG_ARCH_ARM_32' }[arch];
    expect(read(path.join(app, 'my.defconfig'))).toBe(`CONFIG_APP_MESSAGE="bye"\n${sym}=y\nCONFIG_UK_NAME="helloworld"\n`);
  });

  it('--syncconfig sees the .config as make does: UK_ARCH from its arch choice, UK_NAME from CONFIG_UK_NAME', async () => {
    await runCli(['conf', '--olddefconfig'], { cwd: app });
    write(path.join(app, '.config'), cfg() + 'CONFIG_ARCH_ARM_64=y\nCONFIG_UK_NAME="custom"\n');
    const r = await runCli(['conf', '--syncconfig'], { cwd: app, env: cleanEnv({ ARCH: 'x86_64' }) });
    expect(r.code).toBe(0);
    const auto = read(path.join(build(), 'kconfig/auto.conf'));
    expect(auto).toContain('CONFIG_UK_ARCH="arm64"');
    expect(auto).toContain('CONFIG_UK_DEFNAME="custom"');
    expect(existsSync(path.join(build(), 'include/uk/bits/config.h'))).toBe(true);
    // while the configuration goals never read the .config for these
    await runCli(['conf', '--olddefconfig'], { cwd: app, env: cleanEnv({ ARCH: 'x86_64' }) });
    expect(cfg()).toContain('CONFIG_UK_ARCH="x86_64"');
    expect(cfg()).toContain('CONFIG_UK_DEFNAME="helloworld"');
  });

  it("prints configupdate's notice when the architecture changed since the last build", async () => {
    write(path.join(build(), 'config'), 'CONFIG_ARCH_X86_64=y\n');
    write(path.join(app, '.config'), 'CONFIG_ARCH_ARM_64=y\n');
    const spy: ConfRunner = () => 0;
    const r = await runCli(['conf', '--olddefconfig'], { cwd: app, projectConf: spy });
    expect(r.stdout).toContain('*** - CPU architecture changed\n');
    expect(r.stdout).toContain("'make properclean'");
  });

  it("passes conf's exit code and stops there", async () => {
    const calls: string[][] = [];
    const failing: ConfRunner = (argv, o) => {
      calls.push(argv);
      o.stderr('conf failed\n');
      return 1;
    };
    const r = await runCli(['conf', '--allnoconfig'], { cwd: app, projectConf: failing });
    expect(r.code).toBe(1);
    expect(calls.length).toBe(1);
    expect(r.stderr).toBe('conf failed\n');
  });
});

describe('ukmenu conf KCONFIG: the plain drop-in', () => {
  it('uses the environment and folder as given, no project discovery', async () => {
    write(path.join(root, 'plain/Kconfig'), 'config FOO\n\tbool "foo"\n\tdefault y\nconfig WHERE\n\tstring\n\tdefault "$(WHERE)"\n');
    const dir = path.join(root, 'plain');
    const r = await runCli(['conf', '-s', '--olddefconfig', 'Kconfig'], { cwd: dir, env: cleanEnv({ KCONFIG_CONFIG: 'out.config', WHERE: 'env' }) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = readFileSync(path.join(dir, 'out.config'), 'utf8');
    expect(out).toContain('CONFIG_FOO=y\n');
    expect(out).toContain('CONFIG_WHERE="env"\n');
  });

  it('a positional argument after --defconfig FILE is the Kconfig file', () => {
    expect(analyzeConfArgs(['--defconfig', 'a', 'Kconfig']).positionals).toEqual(['Kconfig']);
    expect(analyzeConfArgs(['--defconfig', 'a']).positionals).toEqual([]);
    expect(analyzeConfArgs(['-s', '--olddefconfig']).positionals).toEqual([]);
  });
});

describe('ukmenu project', () => {
  it('describes what was found', async () => {
    const r = await runCli(['project'], { cwd: app });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^application\s+\S*helloworld\n/);
    expect(r.stdout).toContain(`unikraft      ${core}  (from app Makefile; 0.99.1 Testing)`);
    expect(r.stdout).toContain('(from app Makefile (L=))');
  });

  it('--env prints the variables conf gets, shell-quoted', async () => {
    const r = await runCli(['--libs', '', 'project', '--env'], { cwd: app });
    expect(r.stdout).toContain(`UK_BASE=${core}\n`);
    expect(r.stdout).toContain("KCONFIG_ELIB_DIRS=''\n");
  });

  it('--json is the Project', async () => {
    const r = await runCli(['project', '--json'], { cwd: app });
    const p = JSON.parse(r.stdout);
    expect(p.ukBase).toBe(core);
    expect(p.libs).toHaveLength(2);
  });
});

describe('the menu hook', () => {
  it('gets the discovered project', async () => {
    let seen = '';
    const r = await runCli(['--libs', 'musl'], {
      cwd: app,
      openMenu: async (p) => {
        seen = p.libs.join(':');
        return 0;
      },
    });
    expect(r.code).toBe(0);
    expect(seen).toBe(path.join(app, 'workdir/libs/musl'));
  });
});

// Unikraft's own C conf (built from the core in ../shared/unikraft; a missing one fails in CI):
// the project model's invocation must give the same result with it as with our engine.
describe.skipIf(unikraftConfMissing())("same invocation, Unikraft's C conf", () => {
  it.each(['--olddefconfig', '--allyesconfig', '--allnoconfig'])('%s', async (mode) => {
    const ours = await runCli(['conf', mode], { cwd: app });
    const oursConfig = cfg();
    rmrf(path.join(app, '.config'));
    rmrf(build());
    const ref = await runCli(['conf', mode], { cwd: app, projectConf: binaryConfRunner(UNIKRAFT_CONF_BIN) });
    expect(ref.code).toBe(ours.code);
    expect(ref.stdout).toBe(ours.stdout);
    expect(ref.stderr).toBe(ours.stderr);
    expect(cfg()).toBe(oursConfig);
  });
});
