// BuildSession and RunSession with a fake process stream: make at once and the dry run alongside
// (in that order), its retry, cancel at any point, programs that cannot start, console text as it streams.
import { describe, expect, test } from 'vitest';
import { BuildSession } from '../../src/build/build.js';
import type { MakeInvocation } from '../../src/build/make.js';
import { mapValues, runConfig } from '../../src/run/config.js';
import { RunSession } from '../../src/run/run.js';
import type { Project } from '../../src/project/types.js';
import { fakeSpawner, tick, until, type FakeProcess } from './fake.js';

const INV: MakeInvocation = { make: 'make', args: ['A=/app'], cwd: '/app', env: {}, compiler: 'gcc', how: 'x' };

describe('BuildSession', () => {
  const dryOut = (n: number) => "printf '  %-7s %s\\n' 'CC' 'a: b.o'\n".repeat(n);

  test('make starts at once and prints steps; the dry run starts after the first compile step, its steps not printed yet are added', async () => {
    const events: string[] = [];
    let real: FakeProcess | null = null;
    let dry: FakeProcess | null = null;
    const { spawn, procs } = fakeSpawner((p) => {
      events.push(`start ${p.args[0]}`);
      if (p.args[0] === '-n') dry = p; else real = p;
    });
    const s = new BuildSession({ invocation: INV, spawn, jobs: 3, onLine: (l) => events.push(l.trim()) });
    const done = s.start();
    await until(() => real !== null, 3000, 'make');
    expect(procs).toHaveLength(1);
    expect(procs[0].args).toEqual(['-j3', 'A=/app']);
    expect(s.progress.fraction()).toBeNull(); // no total yet: the bar is indefinite
    real!.out('  GEN     config.h\n  CC      kconfig: conf.o\n');
    await tick(10);
    expect(dry).toBeNull(); // still configuring: a dry run would remake auto.conf alongside
    real!.out('  CC      a: b.o\n');
    await until(() => dry !== null, 3000, 'the dry run');
    expect(dry!.args).toEqual(['-n', 'A=/app', 'write_file_deferred=']); // writes no .o.cmd (build.ts: dryRunArgs)
    expect(dry!.opts.priority).toBeGreaterThan(0);
    expect(s.progress.counting).toBe(true);
    real!.out('  CC      a: c.o\n');
    // what the dry run saw: b.o and c.o were being compiled, d.o and the link not yet
    for (const t of ["'CC' 'a':' b.o'", "'CC' 'a':' c.o'", "'CC' 'a':' d.o'", "'LD' 'img'"]) dry!.out(`printf '  %-7s %s\\n' ${t} && gcc\n`);
    dry!.exit(0);
    await until(() => s.progress.total > 0, 3000, 'the total');
    expect(s.progress.total).toBe(4 + 2); // 4 steps printed + the 2 it announced that make has not printed
    real!.out('  CC      a: d.o\n  LD      img\n');
    expect(s.progress.fraction()).toBe(1);
    real!.exit(0);
    const r = await done;
    expect(r.ok).toBe(true);
    expect(s.progress.total).toBe(6);
    expect(events.slice(0, 5)).toEqual(['start -j3', 'GEN     config.h', 'CC      kconfig: conf.o', 'CC      a: b.o', 'start -n']);
    expect(s.commandLine).toBe('make -j3 A=/app');
  });

  test('a dry run that fails may be fixed and run once more; one that keeps failing leaves the total unknown', async () => {
    let dryRuns = 0;
    const { spawn, procs } = fakeSpawner((p) => {
      if (p.args[0] === '-n') {
        dryRuns++;
        if (dryRuns === 1) { p.out("make[2]: *** No rule to make target '/b/Makefile'.  Stop.\n"); return p.exit(2); }
        p.out(dryOut(2));
        return p.exit(0);
      }
      p.out('  CC      a: b.o\n');
      void until(() => dryRuns === 2 && !s.progress.counting, 3000).then(() => p.exit(0));
    });
    const seen: string[] = [];
    const s: BuildSession = new BuildSession({ invocation: INV, spawn, jobs: 3, onDryRunFailure: (out) => { seen.push(out); return true; } });
    expect((await s.start()).ok).toBe(true);
    expect(seen).toHaveLength(1);
    expect(procs.map((p) => p.args[0])).toEqual(['-j3', '-n', '-n']);

    const bad = fakeSpawner((p) => {
      if (p.args[0] === '-n') { p.out('Makefile:3: *** missing separator.  Stop.\n'); return p.exit(2); }
      p.out('  CC      a: b.o\n');
      void until(() => !t.progress.counting, 3000).then(() => { p.err('Makefile:3: *** missing separator.  Stop.\n'); p.exit(2); });
    });
    const t: BuildSession = new BuildSession({ invocation: INV, spawn: bad.spawn, jobs: 1, onDryRunFailure: () => false });
    const r = await t.start();
    expect(r.ok).toBe(false);
    expect(t.progress.total).toBe(0);
    expect(t.progress.message).toBe('make exited with 2');
    expect(t.progress.errors[0]).toMatchObject({ file: 'Makefile', line: 3, kind: 'make' });
  });

  test('make ending first stops the dry run; cancel stops both', async () => {
    const { spawn, procs } = fakeSpawner((p) => { if (p.args[0] !== '-n') p.out('  CC      a: b.o\n'); });
    const s = new BuildSession({ invocation: INV, spawn, jobs: 1 });
    const done = s.start();
    await until(() => procs.length === 2, 3000, 'the dry run');
    procs[0].exit(2);
    expect((await done).ok).toBe(false);
    expect(procs[1].stopped).toBe(true);

    const c = fakeSpawner((p) => { if (p.args[0] !== '-n') p.out('  CC      a: b.o\n'); });
    const t = new BuildSession({ invocation: INV, spawn: c.spawn, jobs: 1 });
    const running = t.start();
    await until(() => c.procs.length === 2, 3000, 'the dry run');
    await t.cancel();
    expect((await running).cancelled).toBe(true);
    expect(c.procs.map((p) => p.stopped)).toEqual([true, true]);
  });

  test('make that cannot start', async () => {
    const { spawn } = fakeSpawner((p) => p.exit(null, null, 'cannot run make: not found'));
    const s = new BuildSession({ invocation: INV, spawn, jobs: 1 });
    const r = await s.start();
    expect(r.ok).toBe(false);
    expect(s.progress.message).toBe('cannot run make: not found');
  });

  test('output split anywhere is still read line by line', async () => {
    const { spawn } = fakeSpawner((p) => {
      if (p.args[0] === '-n') return p.exit(0);
      for (const c of ['  C', 'C      a:', ' b.o\n  LD ', '     img\r\n', 'main.c:1:1: err', 'or: x']) p.out(c);
      p.exit(1);
    });
    const lines: string[] = [];
    const s = new BuildSession({ invocation: INV, spawn, jobs: 1, onLine: (l) => lines.push(l) });
    await s.start();
    expect(lines).toEqual(['  CC      a: b.o', '  LD      img', 'main.c:1:1: error: x']);
    expect(s.progress.done).toBe(2);
    expect(s.progress.errors.map((e) => e.text)).toEqual(['main.c:1:1: error: x']);
  });
});

describe('RunSession', () => {
  const project = { appDir: '/app', buildDir: '/app/build', commandLine: {}, arch: 'x86_64' } as unknown as Project;
  const rc = runConfig(project, mapValues({ ARCH_X86_64: 'y', PLAT_KVM: 'y', KVM_DEBUG_EXIT: 'y', LIBUKRANDOM: 'y' }), {});

  test('clean text is streamed; the HWRNG failure is noticed; the timeout stops QEMU', async () => {
    const { spawn, procs } = fakeSpawner((p) => {
      p.out('\x1b[?7lSeaBIOS\r');
      p.out('\nCRIT: [libukrandom] Could not initialize the HWRNG\r\n');
    });
    let text = '';
    const s = new RunSession({ config: rc, command: { program: 'qemu-system-x86_64', args: ['-kernel', 'x'] }, accel: { kvm: false, reason: '' },
      cwd: '/app', env: {}, spawn, timeoutMs: 50, onText: (t) => { text += t; } });
    const v = await s.start();
    expect(text).toBe('SeaBIOS\nCRIT: [libukrandom] Could not initialize the HWRNG\n');
    expect(s.hwrng).toBe('CRIT: [libukrandom] Could not initialize the HWRNG');
    expect(procs[0].stopped).toBe(true);
    expect(v).toMatchObject({ outcome: 'timeout', exitCode: 124 });
    expect(s.commandLine).toBe('qemu-system-x86_64 -kernel x');
  });
});
