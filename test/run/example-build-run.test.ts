// The bundled example built and booted through ukmenu (`ukmenu build`, `ukmenu run --timeout`), for
// x86_64 and arm64, with the real make, gcc and QEMU; cancelling a build and stopping a VM leave no
// process behind; missing tools name their Debian package.
//
// Needs make, gcc, qemu-system-x86_64, and for arm64 aarch64-linux-gnu-gcc and qemu-system-aarch64
// (Debian: make gcc qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu). Without CI a missing
// program skips the tests that need it; with CI=true it fails them.
// UKMENU_BIN=<file> runs another ukmenu (e.g. dist/ukmenu.js) instead of bin/ukmenu.js.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BuildSession } from '../../src/build/build.js';
import { groupAlive, groupMembers } from '../../src/build/process.js';
import { mapValues, runConfig } from '../../src/run/config.js';
import { RunSession } from '../../src/run/run.js';
import type { Project } from '../../src/project/types.js';
import { until } from '../build/fake.js';
import { childEnv, needTools, processesWith, REPO, show, ukmenu, ukmenuArgv } from './ukmenu-process.js';

const EXAMPLE = path.join(REPO, 'examples', 'helloworld');

const X86_TOOLS = ['make', 'gcc', 'objcopy', 'qemu-system-x86_64'];
const ARM_TOOLS = ['make', 'aarch64-linux-gnu-gcc', 'aarch64-linux-gnu-objcopy', 'qemu-system-aarch64'];

const roots: string[] = [];
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

function copyExample(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-buildrun-'));
  roots.push(root);
  const app = path.join(root, 'helloworld');
  const skip = new Set(['build', '.config', '.config.old', 'defconfig'].map((f) => path.join(EXAMPLE, f)));
  cpSync(EXAMPLE, app, { recursive: true, filter: (src) => !skip.has(src) });
  return app;
}

function conf(app: string, ...args: string[]): void {
  const r = ukmenu(app, ['conf', ...args]);
  expect(r.status, show('ukmenu conf', r)).toBe(0);
}

function setConfig(file: string, values: Record<string, string | null>): void {
  const names = Object.keys(values);
  const kept = readFileSync(file, 'utf8').split('\n')
    .filter((l) => !names.some((n) => l.startsWith(`CONFIG_${n}=`) || l === `# CONFIG_${n} is not set`));
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  for (const [n, v] of Object.entries(values)) if (v !== null) kept.push(v === 'n' ? `# CONFIG_${n} is not set` : `CONFIG_${n}=${v}`);
  writeFileSync(file, kept.join('\n') + '\n');
}

describe('ukmenu build and ukmenu run on the bundled example', () => {
  test('x86_64: build with [step/total] progress, boot, console without escape codes, status 33 -> 0', (ctx) => {
    needTools(ctx, X86_TOOLS);
    const app = copyExample();
    conf(app, '--olddefconfig');
    const b = ukmenu(app, ['build']);
    expect(b.status, show('ukmenu build', b)).toBe(0);
    const steps = b.stdout.split('\n').filter((l) => /^\[\s*\d+\/(\d+|\?)\] /.test(l));
    expect(steps.length, b.stdout).toBeGreaterThanOrEqual(10);
    const total = Number(/\/(\d+)\]/.exec(steps[steps.length - 1])![1]);
    expect(steps.length).toBe(total); // make starts at once ([n/?]); the dry run alongside makes the total exact
    expect(steps[steps.length - 1]).toMatch(new RegExp(`^\\[${total}/${total}\\] MULTIBT helloworld_qemu-x86_64$`));
    expect(b.stdout).toMatch(/\] CC {6}apphelloworld: main\.o$/m);
    expect(b.stderr).toMatch(/ukmenu: make -j\d+ {2}\(the app Makefile/);
    expect(b.stderr).toMatch(/build finished in .* \(\d+ steps\): build\/helloworld_qemu-x86_64/);
    expect(existsSync(path.join(app, 'build', 'helloworld_qemu-x86_64'))).toBe(true);
    // again: the dry run finds nothing to do, nor does make
    const b2 = ukmenu(app, ['build']);
    expect(b2.status, show('ukmenu build', b2)).toBe(0);
    expect(b2.stdout).not.toMatch(/^\[/m);
    expect(b2.stderr).toContain('ukmenu: up to date: make had nothing to do');

    const r = ukmenu(app, ['run', '--timeout', '60']);
    expect(r.status, show('ukmenu run', r)).toBe(0);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).not.toContain('\r\n');
    const lines = r.stdout.split('\n');
    expect(lines).toContain('Hello world!');
    expect(lines).toContain('kvmplat: power off (status 0)');
    expect(r.stderr).not.toContain('building first'); // the image was up to date
    expect(r.stderr).toMatch(/^ukmenu: (KVM|emulation.*)$/m);
    expect(r.stderr).toContain(`ukmenu: $ qemu-system-x86_64 `);
    expect(r.stderr).toContain(`-kernel ${path.join(app, 'build', 'helloworld_qemu-x86_64')} -nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04`);
    expect(r.stderr).toMatch(/QEMU exited with 33: the guest reported success/);

    const p = ukmenu(app, ['run', '--print', '--memory', '128', '--append', 'a b']);
    expect(p.status, show('ukmenu run --print', p)).toBe(0);
    expect(p.stdout).toMatch(/^command: {2}qemu-system-x86_64 .*-m 128M -kernel \S+ -nographic -no-reboot -append 'a b' -device isa-debug-exit,iobase=0xf4,iosize=0x04$/m);
    expect(p.stdout).toMatch(/^rootfs: {3}none$/m);
  });

  test('x86_64: a changed .config is rebuilt first; LIBUKRANDOM on emulated x86 stops with the failure status and a hint', (ctx) => {
    needTools(ctx, X86_TOOLS);
    const app = copyExample();
    conf(app, '--defconfig', 'defconfigs/qemu-x86_64');
    setConfig(path.join(app, '.config'), { APPHELLOWORLD_LUCKY: 'y', LIBUKRANDOM: null });
    conf(app, '--olddefconfig');
    const r = ukmenu(app, ['run', '--timeout', '60']);
    expect(r.stderr).toMatch(/building first: there is no image yet/);
    const lucky = r.stdout.split('\n').some((l) => l.startsWith('Lucky number: '));
    if (lucky || /^ukmenu: KVM$/m.test(r.stderr)) {
      expect(r.status, show('ukmenu run', r)).toBe(0); // a CPU with RDSEED (KVM, or a newer QEMU)
    } else {
      expect(r.status, show('ukmenu run', r)).toBe(1);
      expect(r.stderr).toContain('LIBUKRANDOM is on and QEMU\'s emulated x86 CPU has no RDSEED');
      expect(r.stdout).toContain('CRIT: [libukrandom] Could not initialize the HWRNG');
      expect(r.stderr).toMatch(/QEMU exited with 35: the guest reported failure/);
      expect(r.stderr).toMatch(/fix: turn LIBUKRANDOM off/);
    }
    // turning it off (what the menu's u does) makes it boot; the stale image is rebuilt first
    setConfig(path.join(app, '.config'), { APPHELLOWORLD_LUCKY: 'n', LIBUKRANDOM: 'n' });
    conf(app, '--olddefconfig');
    const again = ukmenu(app, ['run', '--timeout', '60']);
    expect(again.status, show('ukmenu run', again)).toBe(0);
    expect(again.stderr).toMatch(/building first: \.config is newer than the image/);
  });

  test('arm64 on x86_64: CROSS_COMPILE passed by ukmenu, built first, booted on virt (PSCI off -> 0)', (ctx) => {
    needTools(ctx, ARM_TOOLS);
    const app = copyExample();
    conf(app, '--defconfig', 'defconfigs/qemu-arm64');
    setConfig(path.join(app, '.config'), { APPHELLOWORLD_MESSAGE: '"arm64 via ukmenu run"' });
    conf(app, '--olddefconfig');
    const r = ukmenu(app, ['run', '--timeout', '90']);
    expect(r.status, show('ukmenu run', r)).toBe(0);
    if (os.arch() === 'x64') {
      expect(r.stderr).toMatch(/ukmenu: make -j\d+ CROSS_COMPILE=aarch64-linux-gnu- /);
      expect(r.stderr).toContain('ukmenu: emulation (an arm64 guest on an x86_64 machine)');
    }
    expect(r.stderr).toMatch(/\[\s*\d+\/\d+\] OBJCOPY helloworld_qemu-arm64/);
    expect(r.stderr).toContain('$ qemu-system-aarch64 -machine virt ');
    expect(r.stdout.split('\n')).toContain('arm64 via ukmenu run');
    expect(r.stdout.split('\n')).toContain('kvmplat: power off (status 0)');
    expect(r.stderr).toMatch(/the guest powered off with status 0/);
  });

  test('a compile error: errors first, make\'s exit code, exit 1', (ctx) => {
    needTools(ctx, ['make', 'gcc']);
    const app = copyExample();
    conf(app, '--olddefconfig');
    appendFileSync(path.join(app, 'main.c'), '\n#error ukmenu-test-error\n');
    const b = ukmenu(app, ['build']);
    expect(b.status, show('ukmenu build', b)).toBe(1);
    expect(b.stderr).toMatch(/the build failed after .*: make exited with 2/);
    expect(b.stderr).toMatch(/^ {2}\d+ errors?:\n {4}\S*main\.c:\d+:2: error: #error ukmenu-test-error$/m);
  });

  test('--timeout stops a guest that does not power off: exit 124 and no QEMU left', (ctx) => {
    needTools(ctx, X86_TOOLS);
    const app = copyExample();
    conf(app, '--olddefconfig');
    const marker = `ukmenu-timeout-${process.pid}`;
    // -S: the CPU never starts, the guest never powers off
    const r = ukmenu(app, ['run', '--timeout', '1.5', '--qemu-arg', '-S', '--qemu-arg=-name', '--qemu-arg', marker]);
    expect(r.status, show('ukmenu run', r)).toBe(124);
    expect(r.stderr).toContain('still running at the timeout');
    expect(processesWith(marker)).toEqual([]);
  });

  test('missing programs name their Debian package', (ctx) => {
    needTools(ctx, ['make']);
    const app = copyExample();
    conf(app, '--olddefconfig');
    // a PATH with every program of this machine but the C compilers and QEMU
    const bin = path.join(path.dirname(app), 'bin');
    mkdirSync(bin);
    for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
      let names: string[] = [];
      try { names = readdirSync(dir); } catch { continue; }
      for (const n of names) {
        if (/gcc|^cc$|^c\+\+$|^qemu-system-/.test(n) || existsSync(path.join(bin, n))) continue;
        symlinkSync(path.join(dir, n), path.join(bin, n));
      }
    }
    const b = ukmenu(app, ['build'], { PATH: bin });
    expect(b.status, show('ukmenu build', b)).toBe(1);
    expect(b.stderr).toContain('ukmenu: gcc is not installed (or not on PATH)');
    expect(b.stderr).toContain('fix: apt-get install gcc');
    writeFileSync(path.join(app, 'build', 'helloworld_qemu-x86_64'), '');
    const r = ukmenu(app, ['run', '--no-build'], { PATH: bin });
    expect(r.status, show('ukmenu run', r)).toBe(1);
    expect(r.stderr).toContain('qemu-system-x86_64: needed for booting x86_64 images (Debian/Ubuntu package qemu-system-x86)');
  });
});

describe('no process left behind', () => {
  test('cancelling a build stops make, its recursive make and the compilers', async (ctx) => {
    needTools(ctx, ['make', 'gcc']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-cancel-'));
    roots.push(dir);
    const marker = `ukmenu-cancel-${process.pid}`;
    writeFileSync(path.join(dir, 'Makefile'), [
      'all: a b c',
      `a: ; @printf '  %-7s %s\\n' CC 'lib: a.o'; sleep 60 | gcc -x c -c - -o ${dir}/a.o -D${marker}`,
      `b: ; @$(MAKE) -f ${dir}/Makefile inner`,
      `inner: ; @printf '  %-7s %s\\n' CC 'lib: inner.o'; sh -c 'sleep 61; true' ${marker}`,
      `c: ; @printf '  %-7s %s\\n' LD 'img'; (sleep 62; echo ${marker}) & wait`,
      '',
    ].join('\n'));
    const session = new BuildSession({ invocation: { make: 'make', args: [], cwd: dir, env: childEnv(), compiler: 'gcc', how: 'test' }, jobs: 4 });
    const done = session.start();
    await until(() => session.progress.done >= 3, 10_000, 'the three steps');
    // make, the inner make, gcc (cc1) and the sleeps are running in make's process group
    const pid = (session as unknown as { proc: { pid: number } }).proc.pid;
    await until(() => groupMembers(pid).some((m) => m.comm === 'cc1'), 10_000, 'the compiler');
    const before = groupMembers(pid).map((m) => m.comm);
    expect(before).toEqual(expect.arrayContaining(['make', 'cc1', 'sleep']));
    await session.cancel();
    const r = await done;
    expect(r.cancelled).toBe(true);
    expect(session.progress.phase).toBe('cancelled');
    expect(groupAlive(pid)).toBe(false);
    expect(processesWith(marker)).toEqual([]);
    // stopped, not waited for: the compiler reading from the 60 s sleep never wrote its object
    expect(existsSync(path.join(dir, 'a.o'))).toBe(false);
  });

  test('stopping a VM ends QEMU (no orphan), the verdict is "stopped"', async (ctx) => {
    needTools(ctx, ['qemu-system-x86_64']);
    const marker = `ukmenu-stop-${process.pid}`;
    const project = { appDir: os.tmpdir(), buildDir: os.tmpdir(), commandLine: {}, arch: 'x86_64' } as unknown as Project;
    const rc = runConfig(project, mapValues({ ARCH_X86_64: 'y', PLAT_KVM: 'y' }), {});
    // no kernel: SeaBIOS finds nothing to boot and waits
    const session = new RunSession({
      config: rc,
      command: { program: 'qemu-system-x86_64', args: ['-nographic', '-no-reboot', '-nic', 'none', '-m', '16M', '-name', marker] },
      accel: { kvm: false, reason: 'emulation' },
      cwd: os.tmpdir(),
      env: childEnv(),
    });
    const result = session.start();
    await until(() => session.screen.all().some((l) => l.includes('SeaBIOS')), 20_000, 'SeaBIOS on the console');
    expect(session.screen.all().join('\n')).not.toContain('\x1b');
    expect(processesWith(marker).length).toBe(1);
    session.send('x'); // keys reach QEMU's stdin without harm
    await session.stop();
    const v = await result;
    expect(v.outcome).toBe('stopped');
    expect(processesWith(marker)).toEqual([]);
  });

  test('Ctrl-C (SIGINT) on `ukmenu run` stops QEMU and exits with 130', async (ctx) => {
    needTools(ctx, X86_TOOLS);
    const app = copyExample();
    conf(app, '--olddefconfig');
    const marker = `ukmenu-sigint-${process.pid}`;
    const argv = [...ukmenuArgv(), '--app', app, 'run', '--qemu-arg', '-S', '--qemu-arg', '-name', '--qemu-arg', marker];
    const child = spawn(argv[0], argv.slice(1), { cwd: app, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += String(d); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // the example is built first (minutes on a busy machine), then QEMU starts
    await until(() => err.includes('ukmenu: $ qemu-system-x86_64'), 240_000, 'the command on stderr');
    await until(() => processesWith(marker).some((p) => p.includes('qemu-system')), 60_000, 'QEMU');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(processesWith(marker)).toEqual([]);
  }, 600_000);
});
