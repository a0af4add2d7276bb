// When a piece is missing, ukmenu says what it looked for and how to fix it, exits non-zero, and
// leaves .config (and everything else) alone.
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appMakefile, cleanEnv, makeFakeApp, makeFakeCore, makeFakeLib, read, rmrf, runCli, tmpdir, write } from './fixtures.js';

let root: string;
let app: string;
const CONFIG = '# my precious config\nCONFIG_APP_MESSAGE="keep me"\n';

beforeEach(() => {
  root = realpathSync(tmpdir());
  app = makeFakeApp(path.join(root, 'app'));
  write(path.join(app, '.config'), CONFIG);
});
afterEach(() => rmrf(root));

/** Runs `ukmenu ARGS conf --olddefconfig` and checks the common promises of a failure. */
async function failsCleanly(args: string[], env: Record<string, string> = {}) {
  const r = await runCli([...args, 'conf', '--olddefconfig'], { cwd: app, env: cleanEnv(env) });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/^ukmenu: /);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  expect(read(path.join(app, '.config'))).toBe(CONFIG);
  expect(existsSync(path.join(app, '.config.old'))).toBe(false);
  expect(existsSync(path.join(app, 'build'))).toBe(false);
  // the menu (no subcommand) fails the same way
  const m = await runCli(args, { cwd: app, env: cleanEnv(env) });
  expect(m.code).toBe(r.code);
  expect(m.stderr).toBe(r.stderr);
  return r;
}

describe('missing pieces', () => {
  it('no core anywhere: lists every place looked at and how to get one', async () => {
    const r = await failsCleanly([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no Unikraft core found for the application in ${app}`);
    for (const s of ['--uk-root', 'UK_ROOT (environment)', 'app Makefile', 'workdir/unikraft', '.unikraft/unikraft']) expect(r.stderr).toContain(s);
    expect(r.stderr).toContain(path.join(app, 'workdir/unikraft'));
    expect(r.stderr).toContain(path.join(app, '.unikraft/unikraft'));
    expect(r.stderr).toContain('git clone https://github.com/unikraft/unikraft');
    expect(r.stderr).toContain('--uk-root DIR');
  });

  it("no core, with a Makefile: shows the Makefile's UK_ROOT as looked at", async () => {
    write(path.join(app, 'Makefile'), appMakefile());
    const r = await failsCleanly([]);
    expect(r.stderr).toMatch(/app Makefile\s+\S*workdir\/unikraft: no such folder/);
  });

  it('--uk-root that does not exist', async () => {
    const r = await failsCleanly(['--uk-root', path.join(root, 'nope')]);
    expect(r.stderr).toContain(`the Unikraft core ${path.join(root, 'nope')} (from --uk-root) does not exist`);
  });

  it('UK_ROOT that does not exist', async () => {
    const r = await failsCleanly([], { UK_ROOT: '/nonexistent/uk' });
    expect(r.stderr).toContain('/nonexistent/uk (from UK_ROOT (environment)) does not exist');
  });

  it('a folder that is not a core', async () => {
    mkdirSync(path.join(app, 'workdir/unikraft'), { recursive: true });
    const r = await failsCleanly([]);
    expect(r.stderr).toContain('is not a Unikraft core');
    expect(r.stderr).toContain('missing Config.uk');
  });

  it('a core too old for ukmenu (no support/build/config-submenu.sh)', async () => {
    makeFakeCore(path.join(app, 'workdir/unikraft'), { omit: ['support/build/config-submenu.sh'] });
    const r = await failsCleanly([]);
    expect(r.stderr).toContain('is too old');
    expect(r.stderr).toContain('missing support/build/config-submenu.sh');
    expect(r.stderr).toContain('0.14');
  });

  it('a core without version.mk', async () => {
    makeFakeCore(path.join(app, 'workdir/unikraft'), { omit: ['version.mk'] });
    const r = await failsCleanly([]);
    expect(r.stderr).toContain('incomplete');
    expect(r.stderr).toContain('missing version.mk');
  });

  it('a library path that does not exist (--libs)', async () => {
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const r = await failsCleanly(['--libs', `${root}/libs/musl`]);
    expect(r.stderr).toContain(`cannot find the library ${root}/libs/musl (from --libs)`);
  });

  it('a library name found nowhere lists the folders tried and the clone command', async () => {
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const r = await failsCleanly(['--libs', 'musl']);
    expect(r.stderr).toContain('cannot find the library "musl"');
    expect(r.stderr).toContain(path.join(app, 'workdir/libs/musl'));
    expect(r.stderr).toContain(path.join(app, '.unikraft/libs/lib-musl'));
    expect(r.stderr).toContain('git clone https://github.com/unikraft/lib-musl');
  });

  it("a library in the app Makefile's L= that does not exist", async () => {
    write(path.join(app, 'Makefile'), appMakefile('$(UK_LIBS)/lwip'));
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    makeFakeLib(path.join(app, 'workdir/libs/musl'), 'LIBMUSL');
    const r = await failsCleanly([]);
    expect(r.stderr).toContain('cannot find the library');
    expect(r.stderr).toContain('app Makefile (L=)');
    expect(r.stderr).toContain('--libs A:B overrides it');
  });

  it('an application folder that does not exist', async () => {
    const r = await runCli(['--app', 'missing', 'conf', '--olddefconfig'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the application folder ${path.join(root, 'missing')} does not exist`);
  });

  it('--config in a folder that does not exist', async () => {
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const r = await failsCleanly(['--config', 'nodir/.config']);
    expect(r.stderr).toContain('the folder of the configuration file');
  });

  it('no make program', async () => {
    write(path.join(app, 'Makefile'), appMakefile());
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const r = await failsCleanly([], { UKMENU_MAKE: '/nonexistent/make' });
    expect(r.stderr).toContain('cannot run `/nonexistent/make` (GNU make)');
  });

  it('an architecture the core does not have', async () => {
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const r = await failsCleanly([], { ARCH: 'riscv64' });
    expect(r.stderr).toContain('target architecture (riscv64) is not supported');
  });
});

describe('usage errors', () => {
  it('unknown option and unknown command exit 2 with a hint', async () => {
    for (const argv of [['--frobnicate'], ['frobnicate'], ['--app']]) {
      const r = await runCli(argv, { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^ukmenu: .*\n  run `ukmenu --help` for usage\n$/);
    }
  });

  it('a Kconfig file argument together with project options is refused', async () => {
    makeFakeCore(path.join(app, 'workdir/unikraft'));
    const r = await runCli(['--app', app, 'conf', '--olddefconfig', 'Kconfig'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unexpected argument "Kconfig"');
    expect(read(path.join(app, '.config'))).toBe(CONFIG);
  });
});
