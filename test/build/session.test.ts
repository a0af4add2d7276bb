// BuildSession and RunSession with a fake process stream: the dry run, its retry, cancel at any
// point, programs that cannot start, console text as it streams.
import { describe, expect, test } from 'vitest';
import { BuildSession } from '../../src/build/build.js';
import type { MakeInvocation } from '../../src/build/make.js';
import { mapValues, runConfig } from '../../src/run/config.js';
import { RunSession } from '../../src/run/run.js';
import type { Project } from '../../src/project/types.js';
import { fakeSpawner, until } from './fake.js';

const INV: MakeInvocation = { make: 'make', args: ['A=/app'], cwd: '/app', env: {}, compiler: 'gcc', how: 'x' };

describe('BuildSession', () => {
  test('a failing dry run may be fixed and run once more', async () => {
    let dryRuns = 0;
    const { spawn, procs } = fakeSpawner((p) => {
      if (p.args[0] === '-n') {
        dryRuns++;
        if (dryRuns === 1) { p.out("make[2]: *** No rule to make target '/b/Makefile'.  Stop.\n"); return p.exit(2); }
        p.out("printf '  %-7s %s\\n' 'CC' 'a: b.o'\n".repeat(3));
        return p.exit(0);
      }
      p.out('  CC      a: b.o\n  CC      a: c.o\n  CC      a: d.o\n');
      p.exit(0);
    });
    const seen: string[] = [];
    const s = new BuildSession({ invocation: INV, spawn, jobs: 3, onDryRunFailure: (out) => { seen.push(out); return true; } });
    const r = await s.start();
    expect(r.ok).toBe(true);
    expect(seen).toHaveLength(1);
    expect(procs.map((p) => p.args)).toEqual([['-n', 'A=/app'], ['-n', 'A=/app'], ['-j3', 'A=/app']]);
    expect(s.progress.total).toBe(3);
    expect(s.progress.done).toBe(3);
    expect(s.commandLine).toBe('make -j3 A=/app');
  });

  test('a dry run that keeps failing: the build runs without a total and reports make\'s error', async () => {
    const { spawn } = fakeSpawner((p) => {
      if (p.args[0] === '-n') { p.out('Makefile:3: *** missing separator.  Stop.\n'); return p.exit(2); }
      p.err('Makefile:3: *** missing separator.  Stop.\n');
      p.exit(2);
    });
    const s = new BuildSession({ invocation: INV, spawn, jobs: 1, onDryRunFailure: () => false });
    const r = await s.start();
    expect(r.ok).toBe(false);
    expect(s.progress.total).toBe(0);
    expect(s.progress.message).toBe('make exited with 2');
    expect(s.progress.errors[0]).toMatchObject({ file: 'Makefile', line: 3, kind: 'make' });
  });

  test('cancel during the dry run stops it and never starts make', async () => {
    const { spawn, procs } = fakeSpawner(() => {});
    const s = new BuildSession({ invocation: INV, spawn, jobs: 1 });
    const done = s.start();
    await until(() => procs.length === 1);
    await s.cancel();
    const r = await done;
    expect(r.cancelled).toBe(true);
    expect(procs).toHaveLength(1);
    expect(procs[0].stopped).toBe(true);
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
