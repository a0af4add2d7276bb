// The run side without QEMU: console cleaning, the run configuration and QEMU command from config
// values, the guest's status, staleness of the image.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConsoleScreen, SerialDecoder, consoleLines } from '../../src/run/console.js';
import { mapValues, runConfig } from '../../src/run/config.js';
import { qemuCommand, shellLine } from '../../src/run/qemu.js';
import { hwrngFailure, powerOffStatus, verdict } from '../../src/run/status.js';
import { staleReason } from '../../src/run/stale.js';
import { linkBuildMakefile } from '../../src/run/workspace.js';
import { lstatSync, readlinkSync } from 'node:fs';
import type { Project } from '../../src/project/types.js';

describe('serial console', () => {
  test('SeaBIOS escape codes are stripped, CRLF becomes LF', () => {
    const raw = '\x1b[?7l\x1b[2J\x1b[0mSeaBIOS (version 1.16.2)\r\n\r\niPXE\x1b[1;33m!\x1b[0m\r\nBooting from ROM..\r\nHello\r\n';
    expect(consoleLines(raw)).toEqual(['SeaBIOS (version 1.16.2)', '', 'iPXE!', 'Booting from ROM..', 'Hello']);
  });

  test('sequences and CRLF split across chunks', () => {
    const d = new SerialDecoder();
    let out = '';
    for (const chunk of ['ab\x1b', '[?7', 'lcd\r', '\nef\x1b]0;title', '\x07gh\x1b(', 'Bij\r']) out += d.push(chunk);
    out += d.push('\n');
    expect(out).toBe('abcd\nefghij\n');
  });

  test('a lone CR starts the line over, backspace erases, tabs expand', () => {
    const s = new ConsoleScreen();
    s.write('Press Ctrl-B...\rBooting\nab\bc\tx\npartial');
    expect(s.all()).toEqual(['Booting', 'ac      x', 'partial']);
  });

  test('control characters other than LF, TAB, BS are dropped', () => {
    expect(consoleLines('a\x07b\x00c\x0fd\n')).toEqual(['abcd']);
  });
});

function project(over: Partial<Project> = {}): Project {
  return {
    kind: 'app', appDir: '/apps/hello', ukBase: '/uk', libs: [], plats: [], excludes: [], configFile: '/apps/hello/.config',
    buildDir: '/apps/hello/build', kconfigDir: '/apps/hello/build/kconfig', topKconfig: '/uk/Config.uk', confCwd: '/apps/hello/build',
    name: 'hello', arch: 'x86_64', hostArch: 'x86_64', fullVersion: '0.17.0', codename: 'x', env: {}, dirsToCreate: [],
    commandLine: {}, origins: { ukBase: '', libs: '', configFile: '', buildDir: '' }, warnings: [],
    ...over,
  };
}

describe('run configuration', () => {
  test('the bundled example on x86_64: isa-debug-exit on the configured port, image <name>_qemu-x86_64', () => {
    const rc = runConfig(project(), mapValues({ ARCH_X86_64: 'y', ARCH_ARM_64: 'n', PLAT_KVM: 'y', KVM_DEBUG_EXIT: 'y', KVM_DEBUG_EXIT_IOPORT: '0xf4', UK_NAME: 'helloworld', LIBUKALLOC_HEAP_SIZE: '256' }), {});
    expect(rc.arch).toBe('x86_64');
    expect(rc.image).toBe('/apps/hello/build/helloworld_qemu-x86_64');
    expect(rc.status).toEqual({ kind: 'debug-exit', iobase: '0xf4', iosize: '0x04', success: 33, failure: 35 });
    expect(rc.memoryMiB).toBe(64);
    const cmd = qemuCommand(rc, { accel: { kvm: false, reason: 'emulation' } });
    expect(shellLine(cmd.program, cmd.args)).toBe(
      'qemu-system-x86_64 -cpu max -m 64M -kernel /apps/hello/build/helloworld_qemu-x86_64 -nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04');
  });

  test('Unikraft on arm64 with the QEMU VMM: <name>_qemu-arm64, virt machine, KVM only when asked', () => {
    const rc = runConfig(project(), mapValues({ ARCH_X86_64: 'n', ARCH_ARM_64: 'y', PLAT_KVM: 'y', KVM_VMM_QEMU: 'y', KVM_VMM_FIRECRACKER: 'n', UK_NAME: 'helloworld' }), {});
    expect(rc.image).toBe('/apps/hello/build/helloworld_qemu-arm64');
    expect(rc.status.kind).toBe('poweroff');
    expect(qemuCommand(rc, { accel: { kvm: false, reason: '' }, append: 'vfs.fstab=x -- a b', memoryMiB: 128 }).args).toEqual(
      ['-machine', 'virt', '-cpu', 'max', '-m', '128M', '-kernel', '/apps/hello/build/helloworld_qemu-arm64', '-nographic', '-no-reboot', '-append', 'vfs.fstab=x -- a b']);
    expect(qemuCommand(rc, { accel: { kvm: true, reason: 'KVM' } }).args.slice(0, 6)).toEqual(['-machine', 'virt', '-accel', 'kvm', '-cpu', 'host']);
  });

  test('Unikraft on x86_64: isa-debug-exit at its default port (0x501), statuses 0/83 and 85', () => {
    const rc = runConfig(project({ commandLine: { N: 'named' } }), mapValues({ ARCH_X86_64: 'y', PLAT_KVM: 'y', KVM_VMM_QEMU: 'y', UK_NAME: 'helloworld' }), {});
    expect(rc.name).toBe('named'); // N= of the app Makefile wins, as in Unikraft's Makefile
    expect(rc.image).toBe('/apps/hello/build/named_qemu-x86_64');
    expect(rc.status).toEqual({ kind: 'unikraft-x86', success: [0, 83], crash: [85] });
    expect(qemuCommand(rc, { accel: { kvm: false, reason: '' } }).args.slice(-2)).toEqual(['-device', 'isa-debug-exit']);
  });

  test('problems: no platform; Firecracker and Xen images; older cores name images _kvm-', () => {
    let rc = runConfig(project(), mapValues({ ARCH_X86_64: 'y', PLAT_KVM: 'n' }), {});
    expect(rc.problems.join('\n')).toMatch(/PLAT_KVM/);
    rc = runConfig(project(), mapValues({ ARCH_X86_64: 'y', PLAT_KVM: 'y', KVM_VMM_QEMU: 'n', KVM_VMM_FIRECRACKER: 'y' }), {});
    expect(rc.image).toMatch(/hello_fc-x86_64$/);
    expect(rc.vmm).toBe('fc');
    expect(rc.problems).toEqual([]);
    rc = runConfig(project(), mapValues({ ARCH_ARM_64: 'y', PLAT_KVM: 'n', PLAT_XEN: 'y' }), {});
    expect(rc.platforms).toEqual(['xen']);
    expect(rc.xenImage).toMatch(/hello_xen-arm64\.elf$/);
    expect(rc.problems).toEqual([]);
    rc = runConfig(project(), mapValues({ ARCH_X86_64: 'y', PLAT_KVM: 'y', KVM_VMM_QEMU: 'n' }), {});
    expect(rc.image).toMatch(/hello_kvm-x86_64$/);
    rc = runConfig(project(), mapValues({ ARCH_X86_64: 'y', PLAT_KVM: 'y', LIBUKALLOC_HEAP_SIZE: '65536' }), { UK_IMAGE_NAME_OVERWRITE: 'custom.img' });
    expect(rc.image).toBe('/apps/hello/build/custom.img');
    expect(rc.memoryMiB).toBe(96);
  });
});

describe('the guest\'s status', () => {
  const dbg = { kind: 'debug-exit' as const, iobase: '0xf4', iosize: '0x04', success: 33, failure: 35 };
  const ok = { signal: null };
  test('x86 example: 33 success, 35 failure, else no status', () => {
    expect(verdict(dbg, { ...ok, exitCode: 33 }, []).exitCode).toBe(0);
    expect(verdict(dbg, { ...ok, exitCode: 35 }, ['kvmplat: power off (status -5)'])).toMatchObject({ outcome: 'failure', exitCode: 1 });
    expect(verdict(dbg, { ...ok, exitCode: 0 }, [])).toMatchObject({ outcome: 'crash', exitCode: 3 });
    expect(verdict(dbg, { ...ok, exitCode: 1 }, ['qemu-system-x86_64: -kernel x: No such file'])).toMatchObject({ outcome: 'qemu-error', exitCode: 3 });
  });
  test('Unikraft x86: 0 and 83 success, 85 crash', () => {
    const u = { kind: 'unikraft-x86' as const, success: [0, 83], crash: [85] };
    expect(verdict(u, { ...ok, exitCode: 0 }, []).outcome).toBe('success');
    expect(verdict(u, { ...ok, exitCode: 83 }, []).outcome).toBe('success');
    expect(verdict(u, { ...ok, exitCode: 85 }, []).outcome).toBe('crash');
  });
  test('arm64: power off, and the console\'s status line', () => {
    const p = { kind: 'poweroff' as const };
    expect(verdict(p, { ...ok, exitCode: 0 }, ['kvmplat: power off (status 0)']).exitCode).toBe(0);
    expect(verdict(p, { ...ok, exitCode: 0 }, ['kvmplat: power off (status 1)']).exitCode).toBe(1);
    expect(verdict(p, { ...ok, exitCode: 0 }, []).exitCode).toBe(0);
  });
  test('timeout, stop, killed, not started', () => {
    const p = { kind: 'poweroff' as const };
    expect(verdict(p, { exitCode: null, signal: 'SIGTERM', timedOut: true }, []).exitCode).toBe(124);
    expect(verdict(p, { exitCode: null, signal: 'SIGTERM', stoppedByUser: true }, []).exitCode).toBe(130);
    expect(verdict(p, { exitCode: null, signal: 'SIGKILL' }, []).exitCode).toBe(3);
    expect(verdict(p, { exitCode: null, signal: null, spawnError: 'cannot run qemu' }, []).outcome).toBe('qemu-error');
  });
  test('the HWRNG line and the power-off status', () => {
    expect(hwrngFailure(['x', 'CRIT: [libukrandom] Could not initialize the HWRNG (-95)'])).toMatch(/HWRNG/);
    expect(hwrngFailure(['Hello'])).toBeNull();
    expect(powerOffStatus(['kvmplat: power off (status 0)', 'kvmplat: power off (status -22)'])).toBe(-22);
  });
});

describe('stale image', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-stale-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  test('no image, .config newer, a source newer, the build folder ignored', () => {
    const app = path.join(root, 'app');
    const core = path.join(app, 'workdir', 'unikraft');
    mkdirSync(path.join(core, 'lib'), { recursive: true });
    mkdirSync(path.join(app, 'build'), { recursive: true });
    const files = [path.join(app, 'main.c'), path.join(core, 'lib', 'x.c'), path.join(app, '.config'), path.join(app, 'README.md')];
    for (const f of files) writeFileSync(f, '');
    const p = project({ appDir: app, ukBase: core, buildDir: path.join(app, 'build'), configFile: path.join(app, '.config') });
    const image = path.join(app, 'build', 'app_qemu-x86_64');
    expect(staleReason(p, image)).toMatch(/no image yet/);
    const t0 = Date.now() / 1000 - 100;
    for (const f of files) utimesSync(f, t0, t0);
    writeFileSync(image, '');
    utimesSync(image, t0 + 10, t0 + 10);
    writeFileSync(path.join(app, 'build', 'newer.o'), ''); // build output does not count
    expect(staleReason(p, image)).toBeNull();
    utimesSync(path.join(app, 'README.md'), t0 + 20, t0 + 20); // not a source
    expect(staleReason(p, image)).toBeNull();
    utimesSync(path.join(core, 'lib', 'x.c'), t0 + 20, t0 + 20);
    expect(staleReason(p, image)).toBe('workdir/unikraft/lib/x.c is newer than the image');
    utimesSync(path.join(core, 'lib', 'x.c'), t0, t0);
    utimesSync(path.join(app, '.config'), t0 + 20, t0 + 20);
    expect(staleReason(p, image)).toBe('.config is newer than the image');
  });
});

describe('the first build\'s dry run', () => {
  test('BUILD_DIR/Makefile is linked as Unikraft\'s LN step does, so that make -n can run', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-lnmk-'));
    try {
      const p = project({ ukBase: path.join(dir, 'uk'), buildDir: path.join(dir, 'build') });
      expect(linkBuildMakefile(p, 'make[1]: *** [Makefile:1170: sub-make] Error 2')).toBe(false);
      const out = `make[2]: ${p.buildDir}/Makefile: No such file or directory\nmake[2]: *** No rule to make target '${p.buildDir}/Makefile'.  Stop.\n`;
      expect(linkBuildMakefile(p, out)).toBe(true);
      expect(lstatSync(path.join(p.buildDir, 'Makefile')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(path.join(p.buildDir, 'Makefile'))).toBe(path.join(dir, 'uk', 'Makefile'));
      expect(linkBuildMakefile(p, out)).toBe(false); // once
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
