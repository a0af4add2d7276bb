// Finding the core, the libraries, .config and the build folder from each layout users have,
// and the environment Unikraft's Makefile would give conf.
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverProject } from '../../src/project/index.js';
import { appMakefile, cleanEnv, link, makeFakeApp, makeFakeCore, makeFakeLib, rmrf, tmpdir, write } from './fixtures.js';

let root: string;
beforeEach(() => {
  root = realpathSync(tmpdir());
});
afterEach(() => rmrf(root));

const discover = (o: Parameters<typeof discoverProject>[0] & { env?: Record<string, string> }) =>
  discoverProject({ cwd: root, ...o, env: cleanEnv(o.env ?? {}) });

describe('the Unikraft core', () => {
  it('is found in workdir/unikraft (the catalog layout) without a Makefile', async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    const core = makeFakeCore(path.join(app, 'workdir/unikraft'));
    const p = await discover({ app });
    expect(p.ukBase).toBe(core);
    expect(p.origins.ukBase).toBe('workdir/unikraft');
    expect(p.topKconfig).toBe(path.join(core, 'Config.uk'));
  });

  it('is found in .unikraft/unikraft (the kraftkit layout)', async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    const core = makeFakeCore(path.join(app, '.unikraft/unikraft'));
    const p = await discover({ app });
    expect(p.ukBase).toBe(core);
    expect(p.origins.ukBase).toBe('.unikraft/unikraft');
  });

  it('prefers workdir/unikraft over .unikraft/unikraft', async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    const a = makeFakeCore(path.join(app, 'workdir/unikraft'));
    makeFakeCore(path.join(app, '.unikraft/unikraft'));
    expect((await discover({ app })).ukBase).toBe(a);
  });

  it("takes the app Makefile's UK_ROOT, as make computes it", async () => {
    const core = makeFakeCore(path.join(root, 'cores/uk'));
    // computed, not a literal: only make can tell
    const app = makeFakeApp(path.join(root, 'app'), appMakefile('', 'UK_ROOT := $(abspath $(PWD)/../cores/uk)'));
    makeFakeCore(path.join(app, 'workdir/unikraft')); // lower precedence
    const p = await discover({ app });
    expect(p.ukBase).toBe(core);
    expect(p.origins.ukBase).toBe('app Makefile');
    expect(p.makefile).toBe(path.join(app, 'Makefile'));
  });

  it('reads a Makefile that only sets UK_ROOT (no recipe calling Unikraft)', async () => {
    const core = makeFakeCore(path.join(root, 'uk'));
    const app = makeFakeApp(path.join(root, 'app'), `UK_ROOT = ${root}/uk\nall:\n\t@echo nothing\n`);
    const p = await discover({ app });
    expect(p.ukBase).toBe(core);
  });

  it('environment UK_ROOT beats the Makefile, and --uk-root beats both', async () => {
    const c1 = makeFakeCore(path.join(root, 'c1'));
    const c2 = makeFakeCore(path.join(root, 'c2'));
    const c3 = makeFakeCore(path.join(root, 'c3'));
    const app = makeFakeApp(path.join(root, 'app'), appMakefile('', `UK_ROOT := ${c1}`));
    expect((await discover({ app })).ukBase).toBe(c1);
    const byEnv = await discover({ app, env: { UK_ROOT: c2 } });
    expect(byEnv.ukBase).toBe(c2);
    expect(byEnv.origins.ukBase).toBe('UK_ROOT (environment)');
    const byFlag = await discover({ app, ukRoot: c3, env: { UK_ROOT: c2 } });
    expect(byFlag.ukBase).toBe(c3);
    expect(byFlag.origins.ukBase).toBe('--uk-root');
  });

  it('--uk-root and --app resolve against the current folder', async () => {
    const core = makeFakeCore(path.join(root, 'uk'));
    const app = makeFakeApp(path.join(root, 'apps/hello'));
    const p = await discover({ app: 'apps/hello', ukRoot: 'uk' });
    expect(p.ukBase).toBe(core);
    expect(p.appDir).toBe(app);
  });

  it("falls back to workdir/unikraft when the Makefile's core does not exist, and says so", async () => {
    const app = makeFakeApp(path.join(root, 'app'), appMakefile('', 'UK_ROOT := /nonexistent/unikraft'));
    const core = makeFakeCore(path.join(app, '.unikraft/unikraft'));
    const p = await discover({ app });
    expect(p.ukBase).toBe(core);
    expect(p.warnings.join('\n')).toContain('/nonexistent/unikraft');
  });

  it('never runs the recipes of the app Makefile', async () => {
    makeFakeCore(path.join(root, 'uk'));
    const app = makeFakeApp(
      path.join(root, 'app'),
      `UK_ROOT ?= ${root}/uk\nmenuconfig:\n\ttouch ${root}/recipe-ran\n\t$(MAKE) -C $(UK_ROOT) A=$(PWD) menuconfig\n\t+touch ${root}/plus-ran\n`,
    );
    await discover({ app });
    expect(existsSync(path.join(root, 'recipe-ran'))).toBe(false);
    // `+` lines run under make -n by design; our $(MAKE) printer keeps $(MAKE) lines harmless
    expect(existsSync(path.join(root, 'app', 'workdir'))).toBe(false);
  });

  it('resolves symlinks as make does (realpath)', async () => {
    const real = makeFakeCore(path.join(root, 'real/unikraft'));
    const app = makeFakeApp(path.join(root, 'realapp'));
    link(path.join(root, 'real/unikraft'), path.join(app, 'workdir/unikraft'));
    link(app, path.join(root, 'applink'));
    const p = await discover({ app: 'applink' });
    expect(p.ukBase).toBe(real);
    expect(p.appDir).toBe(app);
    expect(p.env.UK_APP).toBe(app);
  });
});

describe('external libraries', () => {
  it("come from the app Makefile's L= (LIBS built from UK_LIBS)", async () => {
    const app = makeFakeApp(path.join(root, 'app'), appMakefile('$(UK_LIBS)/musl:$(UK_LIBS)/lwip'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const musl = makeFakeLib(path.join(app, 'workdir/libs/musl'), 'LIBMUSL');
    const lwip = makeFakeLib(path.join(app, 'workdir/libs/lwip'), 'LIBLWIP');
    const p = await discover({ app });
    expect(p.libs).toEqual([musl, lwip]);
    expect(p.origins.libs).toBe('app Makefile (L=)');
    // KCONFIG_ELIB_DIRS is $(L), exactly as make passes it
    expect(p.env.KCONFIG_ELIB_DIRS).toBe(`${app}/workdir/libs/musl:${app}/workdir/libs/lwip`);
  });

  it('environment UK_LIBS and LIBS reach the Makefile through make itself', async () => {
    const app = makeFakeApp(path.join(root, 'app'), appMakefile('$(UK_LIBS)/musl'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const musl = makeFakeLib(path.join(root, 'elsewhere/musl'), 'LIBMUSL');
    const lwip = makeFakeLib(path.join(root, 'elsewhere/lwip'), 'LIBLWIP');
    expect((await discover({ app, env: { UK_LIBS: path.join(root, 'elsewhere') } })).libs).toEqual([musl]);
    // LIBS ?= in the Makefile takes the environment's value
    expect((await discover({ app, env: { LIBS: `${musl}:${lwip}` } })).libs).toEqual([musl, lwip]);
  });

  it('--libs takes names, found in workdir/libs and .unikraft/libs (also as lib-NAME), and paths', async () => {
    const app = makeFakeApp(path.join(root, 'app'), appMakefile('$(UK_LIBS)/musl'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    makeFakeLib(path.join(app, 'workdir/libs/musl'), 'LIBMUSL');
    const lwip = makeFakeLib(path.join(app, '.unikraft/libs/lib-lwip'), 'LIBLWIP');
    const extra = makeFakeLib(path.join(root, 'my/extra'), 'LIBEXTRA');
    const p = await discover({ app, libs: 'lwip:./my/extra' });
    expect(p.libs).toEqual([lwip, extra]);
    expect(p.origins.libs).toBe('--libs');
    expect(p.env.KCONFIG_ELIB_DIRS).toBe(`${lwip}:${extra}`);
  });

  it('--libs with absolute paths is passed on verbatim, like L=', async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const a = makeFakeLib(path.join(root, 'a'), 'LIBA');
    const p = await discover({ app, libs: `${a}/` });
    expect(p.libs).toEqual([a]);
    expect(p.env.KCONFIG_ELIB_DIRS).toBe(`${a}/`);
  });

  it('--libs "" means no libraries even when the Makefile names some', async () => {
    const app = makeFakeApp(path.join(root, 'app'), appMakefile('$(UK_LIBS)/musl'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    makeFakeLib(path.join(app, 'workdir/libs/musl'), 'LIBMUSL');
    const p = await discover({ app, libs: '' });
    expect(p.libs).toEqual([]);
    expect(p.env.KCONFIG_ELIB_DIRS).toBe('');
  });

  it("come from the Kraftfile's libraries, in .unikraft/libs, when the Makefile names none", async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    write(path.join(app, 'Kraftfile'), 'spec: v0.6\nname: hello\nunikraft:\n  version: stable\nlibraries:\n  musl: stable\n  lwip:\n    version: stable\ntargets:\n  - qemu/x86_64\n');
    makeFakeCore(path.join(app, '.unikraft/unikraft'));
    const musl = makeFakeLib(path.join(app, '.unikraft/libs/musl'), 'LIBMUSL');
    const lwip = makeFakeLib(path.join(app, '.unikraft/libs/lwip'), 'LIBLWIP');
    const p = await discover({ app });
    expect(p.libs).toEqual([musl, lwip]);
    expect(p.origins.libs).toBe('Kraftfile');
  });

  it('a library folder without Config.uk is a warning, as config-submenu.sh skips it', async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    mkdirSync(path.join(root, 'empty'));
    const p = await discover({ app, libs: path.join(root, 'empty') });
    expect(p.warnings.join('\n')).toMatch(/has no Config\.uk/);
  });
});

describe('.config and the build folder', () => {
  it('default to APP/.config and APP/build', async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const p = await discover({ app });
    expect(p.configFile).toBe(path.join(app, '.config'));
    expect(p.buildDir).toBe(path.join(app, 'build'));
    expect(p.kconfigDir).toBe(path.join(app, 'build/kconfig'));
    expect(p.confCwd).toBe(p.buildDir);
    expect(p.dirsToCreate).toContain(path.join(app, 'build/include/uk/bits'));
  });

  it("follow the app Makefile's O= and C=", async () => {
    const app = makeFakeApp(
      path.join(root, 'app'),
      'UK_ROOT ?= $(PWD)/workdir/unikraft\n$(MAKECMDGOALS):\n\t@$(MAKE) -C $(UK_ROOT) A=$(PWD) O=$(PWD)/out/b C=$(PWD)/configs/my.config $(MAKECMDGOALS)\n',
    );
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    mkdirSync(path.join(app, 'configs'));
    const p = await discover({ app });
    expect(p.buildDir).toBe(path.join(app, 'out/b'));
    expect(p.configFile).toBe(path.join(app, 'configs/my.config'));
    expect(p.origins.buildDir).toBe('app Makefile (O=)');
    expect(p.commandLine.O).toBe(path.join(app, 'out/b'));
  });

  it('come from a Makefile that forwards only its default goal', async () => {
    const app = makeFakeApp(path.join(root, 'app'), 'UK_ROOT ?= $(PWD)/workdir/unikraft\nall:\n\t@$(MAKE) -C $(UK_ROOT) A=$(PWD) O=$(PWD)/b2\n');
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const p = await discover({ app });
    expect(p.buildDir).toBe(path.join(app, 'b2'));
  });

  it('--config and --build-dir win', async () => {
    const app = makeFakeApp(path.join(root, 'app'), appMakefile());
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const p = await discover({ app, config: 'x.config', buildDir: 'bd' });
    expect(p.configFile).toBe(path.join(root, 'x.config'));
    expect(p.buildDir).toBe(path.join(root, 'bd'));
    expect(p.env.KCONFIG_DIR).toBe(path.join(root, 'bd/kconfig'));
  });

  it('discovery creates nothing on disk', async () => {
    const app = makeFakeApp(path.join(root, 'app'), appMakefile());
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    await discover({ app });
    expect(existsSync(path.join(app, 'workdir/build'))).toBe(false);
    expect(existsSync(path.join(app, '.config'))).toBe(false);
  });
});

describe('the environment of conf (COMMON_CONFIG_ENV of Unikraft\'s Makefile)', () => {
  it('has every variable, with the values make computes', async () => {
    const app = makeFakeApp(path.join(root, 'helloworld'), appMakefile('$(UK_LIBS)/musl'));
    const core = makeFakeCore(path.join(app, 'workdir/unikraft'), { version: ['0', '99', '1'], codename: 'Testing', gitsha: '~abc1234' });
    makeFakeLib(path.join(app, 'workdir/libs/musl'), 'LIBMUSL');
    const p = await discover({ app });
    const b = path.join(app, 'workdir/build');
    const expected = {
      CONFIG_: 'CONFIG_',
      KCONFIG_CONFIG: path.join(app, '.config'),
      KCONFIG_AUTOCONFIG: `${b}/kconfig/auto.conf`,
      KCONFIG_AUTOHEADER: `${b}/include/uk/bits/config.h`,
      KCONFIG_TRISTATE: `${b}/kconfig/tristate.config`,
      HOST_ARCH: p.hostArch,
      BUILD_DIR: b,
      UK_BASE: core,
      UK_APP: app,
      UK_CONFIG: path.join(app, '.config'),
      UK_FULLVERSION: '0.99.1~abc1234',
      UK_CODENAME: 'Testing',
      UK_ARCH: p.arch,
      KCONFIG_DIR: `${b}/kconfig`,
      KCONFIG_LIB_BASE: `${core}/lib`,
      KCONFIG_ELIB_DIRS: `${app}/workdir/libs/musl`,
      KCONFIG_PLAT_BASE: `${core}/plat`,
      KCONFIG_EPLAT_DIRS: '',
      KCONFIG_DRIV_BASE: `${core}/drivers`,
      KCONFIG_EAPP_DIR: app,
      KCONFIG_EXCLUDEDIRS: '',
      UK_NAME: 'helloworld',
    };
    expect(Object.keys(p.env).slice(0, 22)).toEqual(Object.keys(expected));
    expect(p.env).toMatchObject(expected);
    expect(['x86_64', 'arm64', 'arm']).toContain(p.hostArch);
    expect(p.arch).toBe(p.hostArch);
  });

  it('UK_FULLVERSION without UK_EXTRAVERSION', async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    makeFakeCore(path.join(app, 'workdir/unikraft'), { version: ['0', '16', undefined] });
    const p = await discover({ app });
    expect(p.fullVersion).toBe('0.16');
  });

  it('ARCH from the environment picks UK_ARCH (normalized as the Makefile does)', async () => {
    const app = makeFakeApp(path.join(root, 'app'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const p = await discover({ app, env: { ARCH: 'aarch64' } });
    expect(p.arch).toBe('arm64');
    expect(p.env.UK_ARCH).toBe('arm64');
    expect(p.env.UK_FAMILY).toBe('arm');
  });

  it("UK_NAME is the app folder's name, or CONFIG_UK_NAME, or the Makefile's N=", async () => {
    const app = makeFakeApp(path.join(root, 'my-app'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    expect((await discover({ app })).name).toBe('my-app');
    expect((await discover({ app, env: { CONFIG_UK_NAME: '"quoted"' } })).name).toBe('quoted');
    write(path.join(app, 'Makefile'), '$(MAKECMDGOALS):\n\t$(MAKE) -C $(PWD)/workdir/unikraft A=$(PWD) N=fromN $(MAKECMDGOALS)\n');
    expect((await discover({ app })).env.UK_NAME).toBe('fromN');
  });

  it('KCONFIG_EAPP_DIR is empty when the app is the core itself', async () => {
    const core = makeFakeCore(path.join(root, 'unikraft'));
    const p = await discover({ app: core, ukRoot: core });
    expect(p.env.UK_APP).toBe(core);
    expect(p.env.KCONFIG_EAPP_DIR).toBe('');
  });
});
