// The bundled example (examples/helloworld), end to end: configured through ukmenu's CLI, built with
// make and the machine's gcc (the core's Makefile runs `ukmenu conf --syncconfig` itself), booted
// in the real QEMU, and the serial output checked against what the configuration chose.
//
// Needs make, gcc, qemu-system-x86_64, and for arm64 aarch64-linux-gnu-gcc and qemu-system-aarch64
// (Debian: make gcc qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu). Without CI a missing
// program skips the tests that need it; with CI=true it fails them.
//
// UKMENU_BIN=<file> runs another ukmenu (e.g. a bundled dist/ukmenu.js) instead of bin/ukmenu.js.
// UKMENU_EXAMPLE_KEEP=1 keeps the temporary copies of the example (their path is printed).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test, type TestContext } from 'vitest';
import { inCI } from '../ci.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = path.join(REPO, 'examples', 'helloworld');
const UKMENU_BIN = process.env.UKMENU_BIN ? path.resolve(process.env.UKMENU_BIN) : path.join(REPO, 'bin', 'ukmenu.js');
const IN_CI = inCI; // the one notion of CI (test/ci.ts)
const KEEP = !!process.env.UKMENU_EXAMPLE_KEEP;

/** QEMU's isa-debug-exit exits with (value << 1) | 1: the example writes 0x10 on success, 0x11 on failure. */
const X86_EXIT_SUCCESS = 33;
const X86_EXIT_FAILURE = 35;

const X86_TOOLS = ['make', 'gcc', 'objcopy', 'qemu-system-x86_64'];
const ARM_TOOLS = ['make', 'aarch64-linux-gnu-gcc', 'aarch64-linux-gnu-objcopy', 'qemu-system-aarch64'];

/** The environment for children: ours, without the settings of an enclosing make. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['MAKEFLAGS', 'MAKELEVEL', 'MFLAGS', 'MAKEOVERRIDES', 'GNUMAKEFLAGS', 'MAKEFILES']) delete env[k];
  return env;
}

function have(program: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1" >/dev/null 2>&1', 'sh', program]).status === 0;
}

/** Skips the test when a program is missing, or fails it under CI, where .ci/run installs them. */
function needTools(ctx: TestContext, programs: string[]): void {
  const missing = programs.filter((p) => !have(p));
  if (!existsSync(UKMENU_BIN)) missing.push(UKMENU_BIN);
  if (missing.length === 0) return;
  const msg = `missing: ${missing.join(', ')} (Debian: apt-get install make gcc qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu)`;
  if (IN_CI) throw new Error(`CI must provide every tool of the example test; ${msg}`);
  ctx.skip(msg);
}

/** The ukmenu command: node FILE for a .js file, else the file itself. */
function ukmenuArgv(): string[] {
  return UKMENU_BIN.endsWith('.js') || UKMENU_BIN.endsWith('.mjs') ? [process.execPath, UKMENU_BIN] : [UKMENU_BIN];
}

function run(argv: string[], cwd: string, timeoutMs = 120_000): SpawnSyncReturns<string> {
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    input: '',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${argv.join(' ')}: ${r.error.message}`);
  return r;
}

function describeRun(what: string, r: SpawnSyncReturns<string>): string {
  return `${what} exited with ${r.status ?? r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

const tmpRoots: string[] = [];
afterAll(() => {
  for (const t of tmpRoots) {
    if (KEEP) console.log(`kept ${t}`);
    else rmSync(t, { recursive: true, force: true });
  }
});

/** A copy of the example in a temporary folder (keeping its name, which is the image name). */
function copyExample(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-example-'));
  tmpRoots.push(root);
  const app = path.join(root, 'helloworld');
  const skip = new Set(['build', '.config', '.config.old', 'defconfig'].map((f) => path.join(EXAMPLE, f)));
  cpSync(EXAMPLE, app, { recursive: true, filter: (src) => !skip.has(src) });
  return app;
}

/** `ukmenu --app APP conf ARGS`, run in APP. */
function ukmenuConf(app: string, ...args: string[]): void {
  const r = run([...ukmenuArgv(), '--app', app, 'conf', ...args], app);
  expect(r.status, describeRun(`ukmenu --app ${app} conf ${args.join(' ')}`, r)).toBe(0);
}

/** Sets symbols in a .config: drops their lines (`CONFIG_X=...`, `# CONFIG_X is not set`), appends the new ones. */
function setConfig(file: string, values: Record<string, string | null>): void {
  const names = Object.keys(values);
  const kept = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !names.some((n) => line.startsWith(`CONFIG_${n}=`) || line === `# CONFIG_${n} is not set`));
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  for (const [n, v] of Object.entries(values)) {
    if (v === null) continue; // only dropped: the symbol gets its default
    kept.push(v === 'n' ? `# CONFIG_${n} is not set` : `CONFIG_${n}=${v}`);
  }
  writeFileSync(file, kept.join('\n') + '\n');
}

/** A Kconfig string literal as it appears in a .config. */
function kstring(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function readConfig(app: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync(path.join(app, '.config'), 'utf8').split('\n')) {
    const eq = /^CONFIG_([A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (eq) m.set(eq[1], eq[2]);
    const no = /^# CONFIG_([A-Za-z0-9_]+) is not set$/.exec(line);
    if (no) m.set(no[1], 'n');
  }
  return m;
}

/** `make` in the app folder; the core's syncconfig runs through the same ukmenu. Returns the image path. */
function build(app: string, arch: 'x86_64' | 'arm64'): { image: string; log: string } {
  const ukmenu = ukmenuArgv().join(' ');
  const r = run(['make', '-C', app, `UKMENU=${ukmenu}`], app);
  expect(r.status, describeRun('make', r)).toBe(0);
  const image = path.join(app, 'build', `helloworld_qemu-${arch}`);
  expect(existsSync(image), `no image ${image}\n${r.stdout}\n${r.stderr}`).toBe(true);
  return { image, log: r.stdout };
}

/** Serial output as lines, without SeaBIOS's escape sequences and carriage returns. */
function serialLines(out: string): string[] {
  return out
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '') // CSI sequences (ESC[?7l, ESC[2J, ...)
    .replace(/\x1b[()][0-9A-Za-z]/g, '') // character set selection
    .replace(/\x1b[@-Z\\-_]/g, '') // other two-character sequences (ESC c, ...)
    .replace(/\r/g, '')
    .split('\n');
}

function boot(arch: 'x86_64' | 'arm64', image: string): { status: number | null; lines: string[]; raw: string } {
  const argv =
    arch === 'x86_64'
      ? ['qemu-system-x86_64', '-kernel', image, '-nographic', '-m', '64M', '-cpu', 'max', '-no-reboot',
         '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04']
      : ['qemu-system-aarch64', '-machine', 'virt', '-cpu', 'max', '-kernel', image, '-nographic', '-m', '64M', '-no-reboot'];
  const r = run(argv, path.dirname(image), 60_000);
  const raw = r.stdout + r.stderr;
  expect(r.signal, `QEMU did not power off within 60 s (killed)\n${raw}`).toBeNull();
  return { status: r.status, lines: serialLines(r.stdout), raw };
}

const count = (lines: string[], line: string) => lines.filter((l) => l === line).length;

describe('bundled example: configure with ukmenu, build with make, boot in QEMU', () => {
  test('x86_64 defaults (ukmenu conf --olddefconfig) print the default message and exit cleanly', (ctx) => {
    needTools(ctx, X86_TOOLS);
    const app = copyExample();
    ukmenuConf(app, '--olddefconfig');
    const cfg = readConfig(app);
    expect(cfg.get('ARCH_X86_64')).toBe('y');
    expect(cfg.get('APPHELLOWORLD_MESSAGE')).toBe('"Hello world!"');

    const { image, log } = build(app, 'x86_64');
    // Unikraft-style build output
    expect(log).toMatch(/^ {2}CC {6}apphelloworld: main\.o$/m);
    expect(log).toMatch(/^ {2}MULTIBT helloworld_qemu-x86_64$/m);

    const { status, lines, raw } = boot('x86_64', image);
    const why = `serial output:\n${raw}`;
    expect(count(lines, 'Hello world!'), why).toBe(1);
    expect(count(lines, 'Hello, Unikraft developer!'), why).toBe(1);
    expect(lines, why).toContain('Info: [libukboot] main returned 0');
    expect(lines, why).toContain('kvmplat: power off (status 0)');
    expect(status, why).toBe(X86_EXIT_SUCCESS);
  });

  test('make olddefconfig in the core writes the same .config as ukmenu --app conf --olddefconfig', (ctx) => {
    needTools(ctx, ['make']);
    const app = copyExample();
    ukmenuConf(app, '--olddefconfig');
    const core = path.join(app, 'workdir', 'unikraft');
    const libs = ['greet', 'frame'].map((l) => path.join(app, 'workdir', 'libs', l)).join(':');
    const viaMake = path.join(path.dirname(app), 'make.config');
    const r = run(['make', '-s', '-C', core, `A=${app}`, `L=${libs}`, `O=${path.join(app, 'build')}`, `C=${viaMake}`,
      `UKMENU=${ukmenuArgv().join(' ')}`, 'olddefconfig'], app);
    expect(r.status, describeRun('make olddefconfig', r)).toBe(0);
    expect(readFileSync(viaMake, 'utf8')).toBe(readFileSync(path.join(app, '.config'), 'utf8'));
  });

  test('x86_64 defconfig plus a changed message, repeat count, log level and libraries', (ctx) => {
    needTools(ctx, X86_TOOLS);
    const app = copyExample();
    ukmenuConf(app, '--defconfig', 'defconfigs/qemu-x86_64');
    const message = `ukmenu test "x86" \\o/ #${process.pid}`;
    setConfig(path.join(app, '.config'), {
      APPHELLOWORLD_MESSAGE: kstring(message),
      APPHELLOWORLD_REPEAT: '3',
      APPHELLOWORLD_COOKIE: 'y',
      APPHELLOWORLD_COOKIE_VALUE: '0xbeef',
      LIBUKDEBUG_PRINTK_INFO: 'n',
      LIBUKDEBUG_PRINTK_WARN: 'y',
      LIBGREET_NAME: kstring('CI'),
      LIBGREET_LANG_EN: 'n',
      LIBGREET_LANG_FR: 'y',
    });
    ukmenuConf(app, '--olddefconfig');
    const cfg = readConfig(app);
    expect(cfg.get('APPHELLOWORLD_REPEAT')).toBe('3');
    expect(cfg.get('LIBUKDEBUG_PRINTK_WARN')).toBe('y');

    const { image } = build(app, 'x86_64');
    const { status, lines, raw } = boot('x86_64', image);
    const why = `serial output:\n${raw}`;
    expect(count(lines, message), why).toBe(3);
    expect(count(lines, 'Hello world!'), why).toBe(0);
    expect(lines, why).toContain('Bonjour, CI!');
    expect(lines, why).toContain('Cookie: 0xbeef');
    expect(lines.filter((l) => l.startsWith('Info:')), why).toEqual([]);
    expect(lines, why).toContain('kvmplat: power off (status 0)');
    expect(status, why).toBe(X86_EXIT_SUCCESS);
  });

  test('x86_64 failure path: ukrandom on QEMU\'s emulated CPU (no RDSEED) exits with the failure code', (ctx) => {
    needTools(ctx, X86_TOOLS);
    const app = copyExample();
    ukmenuConf(app, '--defconfig', 'defconfigs/qemu-x86_64');
    // APPHELLOWORLD_LUCKY implies LIBUKRANDOM, which seeds from RDSEED at boot
    setConfig(path.join(app, '.config'), { APPHELLOWORLD_LUCKY: 'y', LIBUKRANDOM: null });
    ukmenuConf(app, '--olddefconfig');
    expect(readConfig(app).get('LIBUKRANDOM')).toBe('y');

    const { image } = build(app, 'x86_64');
    const { status, lines, raw } = boot('x86_64', image);
    const why = `serial output:\n${raw}`;
    if (lines.some((l) => l.startsWith('Lucky number: '))) {
      // a QEMU whose emulated CPU has RDSEED: then it must be a clean run
      expect(status, why).toBe(X86_EXIT_SUCCESS);
    } else {
      expect(lines, why).toContain('CRIT: [libukrandom] Could not initialize the HWRNG');
      expect(lines.some((l) => /^kvmplat: power off \(status -?[1-9]\d*\)$/.test(l)), why).toBe(true);
      expect(status, why).toBe(X86_EXIT_FAILURE);
    }
  });

  test('arm64 defconfig plus a changed message in a frame (imply), booted on QEMU virt', (ctx) => {
    needTools(ctx, ARM_TOOLS);
    const app = copyExample();
    ukmenuConf(app, '--defconfig', 'defconfigs/qemu-arm64');
    const message = `ukmenu test "arm64" \\o/ #${process.pid}`;
    setConfig(path.join(app, '.config'), {
      APPHELLOWORLD_MESSAGE: kstring(message),
      APPHELLOWORLD_REPEAT: '10',
      APPHELLOWORLD_FRAME: 'y',
      LIBFRAME: null, // no user value: APPHELLOWORLD_FRAME's imply turns it on
      LIBFRAME_PADDING: '2',
      LIBGREET_SHOUT: 'y',
    });
    ukmenuConf(app, '--olddefconfig');
    const cfg = readConfig(app);
    expect(cfg.get('ARCH_ARM_64')).toBe('y');
    expect(cfg.get('LIBFRAME')).toBe('y');

    const { image, log } = build(app, 'arm64');
    expect(log).toMatch(/^ {2}OBJCOPY helloworld_qemu-arm64$/m);
    const { status, lines, raw } = boot('arm64', image);
    const why = `serial output:\n${raw}`;
    const border = `+${'-'.repeat(message.length + 4)}+`;
    expect(count(lines, `|  ${message}  |`), why).toBe(10);
    expect(count(lines, border), why).toBe(2);
    expect(lines, why).toContain('HELLO, UNIKRAFT DEVELOPER!');
    expect(lines, why).toContain('kvmplat: power off (status 0)');
    // PSCI SYSTEM_OFF: QEMU exits with 0
    expect(status, why).toBe(0);
  });
});
