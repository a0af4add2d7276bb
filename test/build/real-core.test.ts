// `ukmenu build` on the real Unikraft core (../shared/unikraft, unpacked into a temporary folder),
// offline, with applications and a library of the tests' own:
// - a library that downloads its sources the way Unikraft's libraries do
//   ($(eval $(call fetch,libfoo,$(LIBFOO_URL))), support/build/Makefile.rules) from a closed local port:
//   the progress shows the WGET and UNTAR steps, and the summary leads with the library, the URL and
//   the path where the archive is expected;
// - a C file with a syntax error: the compiler's message leads the summary, not make's trailing lines;
// - the build prints compile steps before the dry run that counts them has even started (events in
//   the order the session saw them), and the total is the real count at the end;
// - that dry run writes nothing into the build folder (make -n expands recipes, and Unikraft's write
//   the .o.cmd files the build runs).
//
// Needs make, gcc, tar, xz (Debian: make gcc xz-utils); without CI a missing one skips, with CI=true it fails.
// UKMENU_BIN=<file> runs another ukmenu (e.g. dist/ukmenu.js); by default bin/ukmenu.js on the sources.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import { dryRunArgs } from '../../src/build/build.js';
import { spawnGroup, type Spawner } from '../../src/build/process.js';
import { downloadPercent } from '../../src/build/progress.js';
import { findProgram } from '../../src/build/tools.js';
import { requireOrSkip } from '../ci.js';
import { discoverProject } from '../../src/project/discover.js';
import { loadWorkspace, prepareBuild } from '../../src/run/workspace.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = path.join(REPO, '..', 'shared', 'unikraft');
const UKMENU_BIN = process.env.UKMENU_BIN ? path.resolve(process.env.UKMENU_BIN) : path.join(REPO, 'bin', 'ukmenu.js');
const TOOLS = ['make', 'gcc', 'tar', 'xz'];

/** A closed port on this machine: the download is refused at once and nothing leaves the machine. */
const URL_FOO = 'http://127.0.0.1:9/libfoo-1.0.tar.gz';

const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-realcore-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function available(): string[] {
  const missing = TOOLS.filter((p) => !findProgram(p));
  if (!existsSync(SHARED)) missing.push(SHARED);
  return missing;
}

function need(ctx: TestContext, ...more: string[]): void {
  const missing = [...available(), ...more.filter((p) => !findProgram(p))];
  requireOrSkip(missing.join(', '), missing.length === 0, (note) => ctx.skip(note));
}

/** The environment of make and ukmenu: no make variables from a parent make, no proxy for the closed port. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', no_proxy: '*', NO_PROXY: '*' };
  for (const k of ['MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'MAKEOVERRIDES', 'GNUMAKEFLAGS', 'MAKEFILES', 'http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'UK_ROOT', 'UK_LIBS']) delete env[k];
  if (!process.env.UKMENU_BIN) env.UKMENU_FROM_SOURCE = '1';
  return env;
}

const ukmenuArgv = () => (/\.m?js$/.test(UKMENU_BIN) ? [process.execPath, UKMENU_BIN] : [UKMENU_BIN]);

function ukmenu(app: string, args: string[]): SpawnSyncReturns<string> {
  const argv = ukmenuArgv();
  const r = spawnSync(argv[0], [...argv.slice(1), '--app', app, ...args], {
    cwd: app, env: childEnv(), encoding: 'utf8', input: '', timeout: 600_000, killSignal: 'SIGKILL', maxBuffer: 64 << 20,
  });
  if (r.error) throw r.error;
  return r;
}

/** ukmenu without blocking this process (which serves a download meanwhile). */
function ukmenuAsync(app: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const argv = ukmenuArgv();
  const child = spawn(argv[0], [...argv.slice(1), '--app', app, ...args], { cwd: app, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += String(d); });
  child.stderr.on('data', (d) => { stderr += String(d); });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const show = (r: { status: number | null; signal?: NodeJS.Signals | null; stdout: string; stderr: string }) => `exit ${r.status ?? r.signal ?? ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** x86_64 under KVM/QEMU with nolibc: the smallest image of the real core. */
const DEFCONFIG = 'CONFIG_PLAT_KVM=y\nCONFIG_KVM_VMM_QEMU=y\nCONFIG_ARCH_X86_64=y\n';

/**
 * An application in Unikraft's layout next to the core: its Makefile forwards to the core with its
 * libraries (as app-helloworld's does), `select`s them, and is configured by ukmenu from a defconfig.
 */
function makeApp(name: string, o: { libs: string[]; select?: string[]; main: string }): string {
  const app = path.join(root, name);
  mkdirSync(app, { recursive: true });
  const libs = o.libs.map((l) => `$(PWD)/../${l}`).join(':');
  writeFileSync(path.join(app, 'Makefile'), [
    'UK_ROOT ?= $(PWD)/../unikraft',
    `LIBS := ${libs}`,
    '',
    'all:',
    '\t@$(MAKE) -C $(UK_ROOT) A=$(PWD) L=$(LIBS) O=$(PWD)/build',
    '',
    '$(MAKECMDGOALS):',
    '\t@$(MAKE) -C $(UK_ROOT) A=$(PWD) L=$(LIBS) O=$(PWD)/build $(MAKECMDGOALS)',
    '',
  ].join('\n'));
  const upper = name.toUpperCase().replace(/[^A-Z0-9]/g, '');
  writeFileSync(path.join(app, 'Makefile.uk'), `$(eval $(call addlib,app${name.replace(/[^a-z0-9]/g, '')}))\n${`APP${upper}`}_SRCS-y += $(${`APP${upper}`}_BASE)/main.c\n`);
  writeFileSync(path.join(app, 'Config.uk'), [
    `config APP${upper}_DEPENDENCIES`,
    '\tbool',
    '\tdefault y',
    '\tselect LIBNOLIBC if !HAVE_LIBC',
    ...(o.select ?? []).map((s) => `\tselect ${s}`),
    '',
  ].join('\n'));
  writeFileSync(path.join(app, 'main.c'), o.main);
  writeFileSync(path.join(app, 'qemu-x86_64.defconfig'), DEFCONFIG);
  const r = ukmenu(app, ['conf', '--defconfig', 'qemu-x86_64.defconfig']);
  expect(r.status, show(r)).toBe(0);
  return app;
}

/** libfoo: fetches its sources as Unikraft's libraries do (lib-musl: LIBMUSL_URL, fetch, LIBMUSL_ORIGIN). */
function makeFetchingLibrary(): void {
  const lib = path.join(root, 'libfoo');
  mkdirSync(lib, { recursive: true });
  writeFileSync(path.join(lib, 'Config.uk'), 'config LIBFOO\n\tbool "libfoo: sources downloaded at build time"\n\tdefault n\n');
  writeFileSync(path.join(lib, 'Makefile.uk'), [
    'LIBFOO_VERSION = 1.0',
    'LIBFOO_URL = http://127.0.0.1:9/libfoo-$(LIBFOO_VERSION).tar.gz',
    '$(eval $(call addlib_s,libfoo,$(CONFIG_LIBFOO)))',
    '$(eval $(call fetch,libfoo,$(LIBFOO_URL)))',
    'LIBFOO_SRCS-y += $(LIBFOO_ORIGIN)/libfoo-$(LIBFOO_VERSION)/foo.c',
    '',
  ].join('\n'));
}

const HELLO = '#include <stdio.h>\n\nint main(void)\n{\n\tprintf("hello\\n");\n\treturn 0;\n}\n';

describe('ukmenu build on the real Unikraft core', () => {
  beforeAll(() => {
    if (available().length) return;
    const tarball = readdirSync(SHARED).find((f) => /^unikraft-.*\.tar\.xz$/.test(f));
    if (!tarball) throw new Error(`no unikraft-*.tar.xz in ${SHARED}`);
    const r = spawnSync('tar', ['-xJf', path.join(SHARED, tarball), '-C', root], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tar: ${r.stderr}`);
  }, 300_000);

  test('a library whose download fails: the WGET and UNTAR steps, then the library, the URL and the archive\'s path lead the summary; put there by hand or served, it is unpacked', async (ctx) => {
    need(ctx, 'wget');
    makeFetchingLibrary();
    const app = makeApp('fetchapp', { libs: ['libfoo'], select: ['LIBFOO'], main: HELLO });
    const r = ukmenu(app, ['build']);
    expect(r.status, show(r)).toBe(1);
    // the fetch steps in the progress, as make printed them
    const steps = r.stdout.split('\n').filter((l) => /^\[\s*\d+\/[\d?]+\] /.test(l));
    const wget = steps.findIndex((l) => l.endsWith(`WGET    libfoo: ${URL_FOO}`));
    const untar = steps.findIndex((l) => l.endsWith('UNTAR   libfoo: libfoo-1.0.tar.gz'));
    expect(wget, r.stdout).toBeGreaterThanOrEqual(0);
    expect(untar).toBeGreaterThan(wget);
    // the summary: the cause first, then what tar and make said
    const archive = path.join(app, 'build', 'libfoo', 'libfoo-1.0.tar.gz');
    const summary = r.stderr.slice(r.stderr.indexOf('ukmenu: the build failed')).split('\n');
    expect(summary[0], r.stderr).toMatch(/^ukmenu: the build failed after .*: make exited with 2$/);
    expect(summary[1]).toMatch(/^ {2}\d+ errors:$/);
    expect(summary[2]).toMatch(new RegExp(`^ {4}libfoo: could not download its sources from ${URL_FOO.replace(/[.?]/g, '\\$&')}`));
    expect(summary[3]).toBe(`      the archive is expected at ${archive}`);
    expect(summary[4]).toMatch(/^ {6}fix: put it there by hand, or download through a proxy/);
    expect(summary[5]).toBe(`      e.g. where that address can be reached: wget -O ${archive} ${URL_FOO}`);
    expect(summary[6]).toMatch(/^ {4}tar/); // tar's own message follows
    expect(existsSync(archive)).toBe(false);
    // with the archive put there by hand, the download is skipped and tar unpacks it
    mkdirSync(path.join(root, 'src', 'libfoo-1.0'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'libfoo-1.0', 'foo.c'), 'int foo(void) { return 42; }\n');
    expect(spawnSync('tar', ['-czf', archive, '-C', path.join(root, 'src'), 'libfoo-1.0']).status).toBe(0);
    const again = ukmenu(app, ['build', '--', 'fetch']);
    expect(again.status, show(again)).toBe(0);
    expect(again.stdout).not.toContain('WGET    libfoo');
    expect(again.stdout).toMatch(/UNTAR {3}libfoo: libfoo-1\.0\.tar\.gz/);
    expect(existsSync(path.join(app, 'build', 'libfoo', 'origin', 'libfoo-1.0', 'foo.c'))).toBe(true);

    // from an address that answers (a server of the test's own on this machine): wget's progress passes through
    const served = readFileSync(archive);
    rmSync(path.join(app, 'build', 'libfoo'), { recursive: true, force: true });
    const server = http.createServer((req, res) => {
      if (req.url === '/libfoo-1.0.tar.gz') res.end(served);
      else { res.statusCode = 404; res.end(); }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/libfoo-1.0.tar.gz`;
    const fetched = await ukmenuAsync(app, ['build', '--', 'fetch', `LIBFOO_URL=${url}`]).finally(() => server.close());
    expect(fetched.status, show(fetched)).toBe(0);
    const lines = fetched.stdout.split('\n');
    expect(lines.findIndex((l) => l.endsWith(`WGET    libfoo: ${url}`)), fetched.stdout).toBeGreaterThanOrEqual(0);
    expect(lines.map(downloadPercent)).toContain(100);
    expect(existsSync(path.join(app, 'build', 'libfoo', 'origin', 'libfoo-1.0', 'foo.c'))).toBe(true);
  }, 600_000);

  test('a C syntax error: the compiler\'s message leads the summary; fixed, the build prints compile steps before the dry run starts, and counts them; a missing kconfig/fixdep is made first, alone', async (ctx) => {
    need(ctx);
    const app = makeApp('badapp', { libs: [], main: HELLO.replace('return 0;', 'return 0') });
    const r = ukmenu(app, ['build']);
    expect(r.status, show(r)).toBe(1);
    const summary = r.stderr.slice(r.stderr.indexOf('ukmenu: the build failed')).split('\n');
    expect(summary[0], r.stderr).toMatch(/^ukmenu: the build failed after .*: make exited with 2$/);
    expect(summary[1]).toMatch(/^ {2}\d+ errors?:$/);
    expect(summary[2]).toMatch(new RegExp(`^ {4}${app.replace(/[.]/g, '\\.')}/main\\.c:6:\\d+: error: expected ';'`));
    expect(summary.slice(2).findIndex((l) => /make(\[\d+\])?: \*\*\*/.test(l))).toBeGreaterThan(0);

    // fixed: the rest of the build, through the session the menu and the command line use; without
    // kconfig/fixdep, as in a new build folder (where Unikraft's Makefile, under -j, builds it in
    // two sub-makes at once: seen failing to link), which is made first, alone
    writeFileSync(path.join(app, 'main.c'), HELLO);
    const fixdep = path.join(app, 'build', 'kconfig', 'fixdep');
    expect(existsSync(fixdep)).toBe(true);
    rmSync(fixdep);
    const events: string[] = [];
    const recording: Spawner = (command, args, opts) => {
      const what = args.includes('-n') ? 'dry run' : args.at(-1) === fixdep ? (args.some((a) => a.startsWith('-j')) ? 'fixdep under -j' : 'fixdep alone') : 'make';
      events.push(`${what} started`);
      const h = spawnGroup(command, args, opts);
      void h.exited.then(() => events.push(`${what} ended`));
      return h;
    };
    const env = childEnv();
    const project = await discoverProject({ cwd: app, env });
    const session = prepareBuild(loadWorkspace(project, env), { spawn: recording, onLine: (l) => { if (/^ {2}(CC|AS|LD) /.test(l)) events.push(l.trim()); } });
    const result = await session.start();
    expect(result.ok, session.progress.log.map((l) => l.text).join('\n')).toBe(true);
    expect(events.slice(0, 3)).toEqual(['fixdep alone started', 'fixdep alone ended', 'make started']);
    expect(existsSync(fixdep)).toBe(true);
    const firstCompile = events.findIndex((e) => /^(CC|AS) /.test(e));
    const dryStart = events.indexOf('dry run started');
    const dryEnd = events.indexOf('dry run ended');
    expect(firstCompile, events.join('\n')).toBeGreaterThan(0);
    expect(dryStart, events.join('\n')).toBeGreaterThan(firstCompile); // compiling began before any dry run
    expect(dryEnd, events.join('\n')).toBeGreaterThan(dryStart);
    expect(events.indexOf('make ended'), events.join('\n')).toBeGreaterThan(firstCompile);
    const p = session.progress;
    expect(p.total).toBe(p.done); // at the end the real count
    expect(p.done).toBeGreaterThan(20);
    expect(existsSync(path.join(app, 'build', 'badapp_qemu-x86_64'))).toBe(true);
  }, 600_000);

  test('the dry run that counts the steps writes nothing into the build folder (without its setting, make -n rewrites the .o.cmd files a build runs)', async (ctx) => {
    need(ctx);
    // the app the test above built, fixed (built here when this test runs alone)
    let app = path.join(root, 'badapp');
    if (!existsSync(path.join(app, 'build', 'badapp_qemu-x86_64'))) {
      app = makeApp('dryapp', { libs: [], main: HELLO });
      const r = ukmenu(app, ['build']);
      expect(r.status, show(r)).toBe(0);
    }
    const lib = `app${path.basename(app)}`;
    // the dry run's make as a build session starts it (a recording spawner), main.c to compile again
    writeFileSync(path.join(app, 'main.c'), `${HELLO}\n`);
    let dry: { command: string; args: string[]; cwd?: string; env?: NodeJS.ProcessEnv } | undefined;
    const recording: Spawner = (command, args, opts) => {
      if (args.includes('-n')) dry = { command, args: [...args], cwd: opts.cwd, env: opts.env };
      return spawnGroup(command, args, opts);
    };
    const env = childEnv();
    const project = await discoverProject({ cwd: app, env });
    expect((await prepareBuild(loadWorkspace(project, env), { spawn: recording }).start()).ok).toBe(true);
    expect(dry).toBeDefined();
    const args = dry!.args;
    expect(args).toEqual(dryRunArgs(args.slice(1, -1)));
    const run = (a: string[]) => {
      writeFileSync(path.join(app, 'main.c'), `${HELLO}\n`); // out of date: make -n expands its recipe
      const before = snapshot(path.join(app, 'build'));
      const m = spawnSync(dry!.command, a, { cwd: dry!.cwd, env: dry!.env, encoding: 'utf8', timeout: 300_000 });
      expect(m.status, `${m.stdout}${m.stderr}`).toBe(0);
      expect(m.stdout).toContain(`'CC'  '${lib}':' main.o'`); // main.c's recipe, expanded
      // (every make writes the uk_clean_list files as it reads the makefiles; only make clean reads them)
      return changedFiles(before, snapshot(path.join(app, 'build'))).filter((p) => path.basename(p) !== 'uk_clean_list');
    };
    expect(run(args)).toEqual([]);
    expect(run(args.filter((a) => a !== 'write_file_deferred='))).toContain(path.join(app, 'build', lib, 'main.o.cmd'));
  }, 600_000);
});

/** Every file under `dir` with its size and time. */
function snapshot(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    const st = statSync(p);
    m.set(p, `${st.size}:${st.mtimeMs}`);
  }
  return m;
}

const changedFiles = (a: Map<string, string>, b: Map<string, string>) => [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
