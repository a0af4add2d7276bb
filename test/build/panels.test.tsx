// The build and run views (components/build) with ink-testing-library and a fake process stream:
// what they show while make / QEMU run, on success, on failure, and what their keys do.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { BuildPanel } from '../../components/build/BuildView.js';
import { RunPanel, osc52 } from '../../components/build/RunView.js';
import { BuildSession } from '../../src/build/build.js';
import type { MakeInvocation } from '../../src/build/make.js';
import { missingToolsError } from '../../src/build/tools.js';
import { mapValues } from '../../src/run/config.js';
import { RunFlow } from '../../src/run/flow.js';
import type { Workspace } from '../../src/run/workspace.js';
import type { Project } from '../../src/project/types.js';
import { fakeSpawner, tick, until, type FakeProcess } from './fake.js';
import { KEYS, renderPanel } from './harness.js';

afterEach(() => cleanup());

const INV: MakeInvocation = { make: 'make', args: [], cwd: '/app', env: {}, compiler: 'gcc', how: 'the app Makefile' };
const STEPS = ['GEN     include/uk/bits/config.h', 'CC      libukboot: boot.o', 'CC      apphelloworld: main.o', 'LD      hello_qemu-x86_64.dbg'];
const dryRun = (p: FakeProcess) => {
  for (const s of STEPS) p.out(`printf '  %-7s %s\\n' '${s.split(/ +/)[0]}' '${s.replace(/^\S+ +/, '')}' && true\n`);
  p.exit(0);
};

describe('build view', () => {
  test('make at once with an indefinite bar, the total once the dry run alongside counted it, fetch steps in words, success', async () => {
    let real: FakeProcess | null = null;
    let dry: FakeProcess | null = null;
    const { spawn, procs } = fakeSpawner((p) => { if (p.args[0] === '-n') dry = p; else real = p; });
    const panel = new BuildPanel({ name: 'hello', create: () => new BuildSession({ invocation: INV, spawn, jobs: 2 }) });
    const h = renderPanel(panel);
    await until(() => real !== null, 3000, 'the real make');
    expect(procs[0].args).toEqual(['-j2']);
    real!.out('make[1]: Entering directory \'/core\'\n');
    real!.out('  WGET    libfoo: https://example.org/foo-1.0.tar.gz\n');
    let f = await h.waitFor('▸ downloading libfoo: https://example.org/foo-1.0.tar.gz');
    real!.err('    50K .......... .......... .......... .......... ..........  37% 84.8M 0s\n'); // wget without a terminal
    f = await h.waitFor('▸ downloading libfoo: https://example.org/foo-1.0.tar.gz · 37%');
    expect(f).toContain('1 step');
    expect(f).toMatch(/\[·*█+·*\]/); // no total yet: a moving block, not a fraction
    expect(f).toContain('$ cd /app && make -j2');
    real!.out(`  ${STEPS[0]}\n  ${STEPS[1]}\n`);
    await until(() => dry !== null, 3000, 'the dry run');
    f = await h.waitFor('(counting the total…)');
    expect(f).toContain('▸ CC      libukboot: boot.o');
    dryRun(dry!);
    f = await h.waitFor('3/5 60%'); // 3 steps done + the 2 of its 4 that make has not printed
    expect(f).toMatch(/\[█+░+\]/);
    expect(panel.closable).toBe(false);
    real!.out(`  ${STEPS[2]}\n  ${STEPS[3]}\n`);
    real!.exit(0);
    f = await h.waitFor('✓ built');
    expect(f).toContain('5/5 100%');
    expect(f).toContain('(5 steps)');
    expect(f).toContain('b build again');
    expect(panel.closable).toBe(true);
    // b builds again
    await h.press('b');
    await until(() => procs.length === 3, 3000, 'a second build');
    h.unmount();
    panel.dispose();
  });

  test('a failed download leads the errors: the library, the URL, where the archive goes', async () => {
    const { spawn } = fakeSpawner((p) => {
      if (p.args[0] === '-n') return p.exit(0);
      p.out('  WGET    libfoo: http://127.0.0.1:9/foo-1.0.tar.gz\n  UNTAR   libfoo: foo-1.0.tar.gz\n');
      p.err('tar (child): /app/build/libfoo/foo-1.0.tar.gz: Cannot open: No such file or directory\n');
      p.err('make[2]: *** [/libs/foo/Makefile.uk:4: /app/build/libfoo/.origin] Error 2\n');
      p.exit(2);
    });
    const panel = new BuildPanel({ name: 'hello', create: () => new BuildSession({ invocation: { ...INV, buildDir: '/app/build' }, spawn, jobs: 1 }) });
    const h = renderPanel(panel, 160, 24);
    const f = await h.waitFor('✗ build failed');
    const lines = f.split('\n');
    const errRule = lines.findIndex((l) => l.includes('── errors (3)'));
    expect(lines[errRule + 1]).toContain('libfoo: could not download its sources from http://127.0.0.1:9/foo-1.0.tar.gz');
    expect(lines[errRule + 2]).toContain('the archive is expected at /app/build/libfoo/foo-1.0.tar.gz');
    h.unmount();
    panel.dispose();
  });

  test('a failed build shows the errors first, with make\'s exit code', async () => {
    const { spawn } = fakeSpawner((p) => {
      if (p.args[0] === '-n') return dryRun(p);
      p.out(`  ${STEPS[0]}\n  ${STEPS[1]}\n`);
      for (let i = 0; i < 40; i++) p.out(`note: context line ${i}\n`);
      p.err('/app/main.c:7:3: error: \'foo\' undeclared (first use in this function)\n');
      p.err('make[2]: *** [Makefile.build:20: /app/build/apphelloworld/main.o] Error 1\n');
      p.err('/app/lib.c:2:1: error: expected \';\'\n');
      p.exit(2);
    });
    const panel = new BuildPanel({ name: 'hello', create: () => new BuildSession({ invocation: INV, spawn, jobs: 1 }) });
    const h = renderPanel(panel, 100, 24);
    const f = await h.waitFor('✗ build failed');
    expect(f).toContain('make exited with 2 · 3 errors');
    const lines = f.split('\n');
    const errRule = lines.findIndex((l) => l.includes('── errors (3)'));
    const logRule = lines.findIndex((l) => l.includes('── log'));
    expect(errRule).toBeGreaterThan(0);
    expect(logRule).toBeGreaterThan(errRule);
    // compiler errors come before make's own line, all above the log
    expect(lines[errRule + 1]).toContain("/app/main.c:7:3: error: 'foo' undeclared");
    expect(lines[errRule + 2]).toContain('/app/lib.c:2:1: error');
    expect(lines[errRule + 3]).toContain('make[2]: *** [Makefile.build:20');
    // the log shows its end; scrolling back reaches earlier lines
    expect(f).not.toContain('context line 5\n');
    await h.press(KEYS.pageUp, KEYS.pageUp, KEYS.pageUp, KEYS.pageUp);
    expect(h.frame()).toContain('context line 5');
    h.unmount();
    panel.dispose();
  });

  test('Esc cancels a running build: make is stopped, the panel can then be closed', async () => {
    let real: FakeProcess | null = null;
    const { spawn } = fakeSpawner((p) => { if (p.args[0] === '-n') dryRun(p); else { real = p; p.out(`  ${STEPS[0]}\n  ${STEPS[1]}\n`); } });
    const panel = new BuildPanel({ name: 'hello', create: () => new BuildSession({ invocation: INV, spawn, jobs: 1 }) });
    const h = renderPanel(panel);
    await h.waitFor('2/4');
    expect(h.frame()).toContain('Esc/Ctrl-C cancel');
    expect(panel.onKey('', { escape: true } as never)).toBe(true);
    await until(() => real!.stopped && panel.closable, 3000, 'the cancel');
    const f = await h.waitFor('■ cancelled');
    expect(f).toContain('make and its children were stopped');
    expect(panel.onKey('', { escape: true } as never)).toBe(false); // the menu closes it now
    h.unmount();
    panel.dispose();
  });

  test('a missing compiler is shown with its Debian package, and the panel can be closed', async () => {
    const panel = new BuildPanel({ name: 'hello', create: () => { throw missingToolsError([{ program: 'aarch64-linux-gnu-gcc', why: 'arm64 images (the cross compiler)' }]); } });
    const h = renderPanel(panel);
    const f = await h.waitFor('not installed');
    expect(f).toContain('✗ aarch64-linux-gnu-gcc is not installed');
    expect(f).toContain('fix: apt-get install gcc-aarch64-linux-gnu');
    expect(panel.closable).toBe(true);
    h.unmount();
    panel.dispose();
  });
});

// ---- run view ----------------------------------------------------------------------------------

const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-runview-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A project folder with a .config and an up-to-date image (or a stale one). */
function workspace(values: Record<string, string>, stale = false): Workspace & { configFile: string; image: string } {
  const app = path.join(root, `app${n++}`);
  const core = path.join(app, 'workdir', 'unikraft');
  mkdirSync(core, { recursive: true });
  mkdirSync(path.join(app, 'build'), { recursive: true });
  const configFile = path.join(app, '.config');
  writeFileSync(configFile, '# config\n');
  const image = path.join(app, 'build', 'hello_qemu-x86_64');
  writeFileSync(image, 'image');
  const t = Date.now() / 1000 - 100;
  utimesSync(configFile, t, t);
  utimesSync(image, stale ? t - 10 : t + 10, stale ? t - 10 : t + 10);
  const project: Project = {
    kind: 'app', appDir: app, ukBase: core, libs: [], plats: [], excludes: [], configFile, buildDir: path.join(app, 'build'),
    kconfigDir: path.join(app, 'build', 'kconfig'), topKconfig: path.join(core, 'Config.uk'), confCwd: path.join(app, 'build'),
    name: 'hello', arch: 'x86_64', hostArch: 'x86_64', fullVersion: '0.17.0', codename: 'x', env: {}, dirsToCreate: [],
    commandLine: {}, origins: { ukBase: 'workdir/unikraft', libs: '', configFile: '', buildDir: '' }, warnings: [],
  };
  const vals = { ...values };
  return { project, values: () => mapValues(vals), env: { PATH: process.env.PATH }, configFile, image, ...{ set: (k: string, v: string) => { vals[k] = v; } } };
}

const X86 = { ARCH_X86_64: 'y', PLAT_KVM: 'y', KVM_DEBUG_EXIT: 'y', KVM_DEBUG_EXIT_IOPORT: '0xf4', UK_NAME: 'hello', LIBUKRANDOM: 'n' };
const EMU = { kvm: false, reason: 'emulation (KVM does not work here: failed to set MSR 0x10a)' };
const BIOS = '\x1b[?7l\x1b[2J\x1b[0mSeaBIOS (version 1.16.2-debian-1.16.2-1)\r\n\r\nBooting from ROM..\r\n';

describe('run view', () => {
  test('the console without escape codes, the exact command, emulation noted, the status', async () => {
    const ws = workspace(X86);
    let qemu: FakeProcess | null = null;
    const { spawn } = fakeSpawner((p) => { qemu = p; });
    const copied: string[] = [];
    const flow = new RunFlow({ workspace: ws, run: { spawn, accel: EMU } });
    const panel = new RunPanel({ title: 'Run hello (x86_64)', flow, copy: (t) => copied.push(t) });
    const h = renderPanel(panel, 120, 30);
    await until(() => qemu !== null, 3000, 'QEMU');
    expect(qemu!.command).toBe('qemu-system-x86_64');
    qemu!.out(BIOS + 'Hello world!\r\n');
    let f = await h.waitFor('Hello world!');
    expect(f).not.toMatch(/\x1b\[\?7l|\[2J/);
    expect(f).toContain('SeaBIOS (version 1.16.2-debian-1.16.2-1)');
    // the whole command, wrapped at spaces over the first lines
    expect(f.split('\n').slice(0, 3).join(' ')).toContain(`$ qemu-system-x86_64 -cpu max -m 64M -kernel ${ws.image} -nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04`);
    expect(f).toContain('emulation (KVM does not work here: failed to set MSR 0x10a)');
    expect(f).toContain('● running');
    expect(f).toContain('keys go to the guest');
    expect(panel.closable).toBe(false);
    qemu!.out('kvmplat: power off (status 0)\r\n');
    qemu!.exit(33);
    f = await h.waitFor('✓ QEMU exited with 33: the guest reported success');
    expect(f).toContain('kvmplat: power off (status 0)');
    expect(panel.closable).toBe(true);
    await h.press('c');
    expect(copied).toEqual([flow.run!.commandLine]);
    expect(await h.waitFor('copied the QEMU command')).toBeTruthy();
    expect(osc52('ab')).toBe('\x1b]52;c;YWI=\x07');
    h.unmount();
    panel.dispose();
  });

  test('keys go to the guest; Ctrl-C stops the VM; r boots again', async () => {
    const ws = workspace(X86);
    const { spawn, procs } = fakeSpawner((p) => p.out('prompt> '));
    const flow = new RunFlow({ workspace: ws, run: { spawn, accel: EMU } });
    const panel = new RunPanel({ title: 'Run hello (x86_64)', flow, copy: () => {} });
    const h = renderPanel(panel);
    await h.waitFor('prompt>');
    await h.press('l', 's', KEYS.enter, KEYS.up);
    expect(procs[0].written).toEqual(['l', 's', '\r', '\x1b[A']);
    await h.press(KEYS.ctrlC);
    await until(() => procs[0].stopped, 3000, 'the stop');
    const f = await h.waitFor('■ stopped');
    expect(f).toContain('r run again');
    expect(panel.closable).toBe(true);
    await h.press('r');
    await until(() => procs.length === 2, 3000, 'the second boot');
    procs[1].exit(33);
    await h.waitFor('✓ QEMU exited with 33');
    // a: kernel arguments for the next boot (QEMU -append)
    await h.press('a');
    await h.waitFor('Kernel arguments');
    for (const ch of 'x=1 -- hi') await h.press(ch);
    await h.waitFor('> x=1 -- hi');
    await h.press(KEYS.enter);
    await until(() => procs.length === 3, 3000, 'the third boot');
    expect(procs[2].args.slice(procs[2].args.indexOf('-append'), procs[2].args.indexOf('-append') + 2)).toEqual(['-append', 'x=1 -- hi']);
    procs[2].exit(33);
    const f2 = await h.waitFor('✓ QEMU exited with 33');
    expect(f2).toContain("-append 'x=1 -- hi'");
    h.unmount();
    panel.dispose();
  });

  test('a stale image is built first, then booted', async () => {
    const ws = workspace(X86, true);
    const { spawn, procs } = fakeSpawner((p) => {
      if (p.command === 'make' && p.args[0] === '-n') return dryRun(p);
      if (p.command === 'make') {
        for (const s of STEPS) p.out(`  ${s}\n`);
        utimesSync(ws.image, new Date(), new Date());
        return p.exit(0);
      }
      p.out('Hello world!\r\n');
      p.exit(33);
    });
    const flow = new RunFlow({ workspace: ws, run: { spawn, accel: EMU }, build: { spawn } });
    const panel = new RunPanel({ title: 'Run hello (x86_64)', flow, copy: () => {} });
    const h = renderPanel(panel);
    await h.waitFor('✓ QEMU exited with 33');
    expect(procs.map((p) => p.command)).toEqual(['make', 'make', 'qemu-system-x86_64']);
    expect(flow.buildReason).toBe('.config is newer than the image');
    h.unmount();
    panel.dispose();
  });

  test('the HWRNG limitation: offered fix turns LIBUKRANDOM off, saves, rebuilds, boots', async () => {
    const ws = workspace({ ...X86, LIBUKRANDOM: 'y', APPHELLOWORLD_LUCKY: 'y' }) as ReturnType<typeof workspace> & { set: (k: string, v: string) => void };
    let boots = 0;
    const { spawn, procs } = fakeSpawner((p) => {
      if (p.command === 'make') {
        if (p.args[0] !== '-n') { p.out('  CC      libukrandom: swrand.o\n'); utimesSync(ws.image, new Date(), new Date()); }
        return p.exit(0);
      }
      boots++;
      if (boots === 1) {
        p.out(BIOS + 'CRIT: [libukrandom] Could not initialize the HWRNG (-95)\r\nkvmplat: power off (status -95)\r\n');
        p.exit(35);
      } else {
        p.out('Lucky number: none\r\n');
        p.exit(33);
      }
    });
    const saved: string[] = [];
    const flow = new RunFlow({
      workspace: ws,
      run: { spawn, accel: EMU },
      build: { spawn },
      setAndSave: (name, value) => {
        saved.push(`${name}=${value}`);
        ws.set(name, value);
        const t = new Date(Date.now() + 5000);
        utimesSync(ws.configFile, t, t); // saved: newer than the image
        return null;
      },
    });
    const panel = new RunPanel({ title: 'Run hello (x86_64)', flow, copy: () => {} });
    const h = renderPanel(panel, 140, 30);
    let f = await h.waitFor('✗ QEMU exited with 35');
    expect(f).toContain('LIBUKRANDOM is on and QEMU\'s emulated x86 CPU has no RDSEED');
    expect(f).toContain('press u to turn LIBUKRANDOM off and boot again');
    await h.press('u');
    f = await h.waitFor('✓ QEMU exited with 33');
    expect(saved).toEqual(['LIBUKRANDOM=n']);
    expect(procs.map((p) => p.command)).toEqual(['qemu-system-x86_64', 'make', 'make', 'qemu-system-x86_64']);
    expect(f).not.toContain('press u');
    h.unmount();
    panel.dispose();
  });

  test('no image and no way to build it: the error is shown', async () => {
    const ws = workspace({ ARCH_X86_64: 'y', PLAT_KVM: 'n' });
    const flow = new RunFlow({ workspace: ws, run: { spawn: fakeSpawner().spawn, accel: EMU } });
    const panel = new RunPanel({ title: 'Run', flow, copy: () => {} });
    const h = renderPanel(panel);
    const f = await h.waitFor('cannot boot this configuration');
    expect(f).toContain('PLAT_KVM');
    expect(panel.closable).toBe(true);
    await tick(10);
    h.unmount();
    panel.dispose();
  });
});
