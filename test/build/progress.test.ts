// The build's progress model: step lines, the dry-run total, errors, the estimate; the make command line.
import { describe, expect, test } from 'vitest';
import { BuildProgress, countDryRunSteps, dryRunSteps, formatDuration, parseErrorLine, parseStepLine } from '../../src/build/progress.js';
import { appMakefileFits, crossPrefix, makeInvocation } from '../../src/build/make.js';
import { debianPackage, missingToolsError, requireTools } from '../../src/build/tools.js';
import type { Project } from '../../src/project/types.js';

describe('step lines', () => {
  test('Unikraft build output', () => {
    expect(parseStepLine('  CC      libukboot: boot.o')).toEqual({ tag: 'CC', target: 'libukboot: boot.o' });
    expect(parseStepLine('  MULTIBT helloworld_qemu-x86_64')).toEqual({ tag: 'MULTIBT', target: 'helloworld_qemu-x86_64' });
    expect(parseStepLine('  OBJCOPY helloworld_qemu-arm64')).toEqual({ tag: 'OBJCOPY', target: 'helloworld_qemu-arm64' });
    expect(parseStepLine('  LD      helloworld_qemu-x86_64.dbg')?.tag).toBe('LD');
    expect(parseStepLine('  SCSTRIP helloworld_qemu-x86_64')?.tag).toBe('SCSTRIP');
    expect(parseStepLine('  UKBI    helloworld_qemu-x86_64.bootinfo')?.tag).toBe('UKBI');
    expect(parseStepLine('  MKLINUX helloworld_qemu-arm64')?.tag).toBe('MKLINUX');
    // an unknown tag counts only in printf's exact layout
    expect(parseStepLine('  ZSTD    file')?.tag).toBe('ZSTD');
    expect(parseStepLine('  FOO file')).toBeNull();
  });

  test('other lines are not steps', () => {
    for (const l of ['make[1]: Entering directory \'/x\'', 'CC      x.o', '   CC      too: indented.o', '  cc      lib: lower.o', '', '  In function main:']) {
      expect(parseStepLine(l), l).toBeNull();
    }
  });

  test('the dry run counts printf step commands (and real step lines of makes that ran)', () => {
    const dry = [
      'make -C /core A=/app L= O=/app/build',
      "printf '  %-7s %s\\n' 'GEN' 'include/uk/bits/config.h' && cd /b && conf -s --syncconfig Config.uk",
      "printf '  %-7s %s\\n' 'CC' 'libnolibc: string.o' && mkdir -p /b/libnolibc && gcc -c string.c",
      "printf '  %-7s %s\\n'  'LD'  'hw.dbg' && gcc -o hw.dbg",
      '  CC      kconfig: conf.o',
      'echo nothing',
    ].join('\n');
    expect(countDryRunSteps(dry)).toBe(4);
  });

  test('dry-run steps as the keys of make\'s lines (Unikraft quotes the library apart), matched against steps already printed', () => {
    const dry = [
      "printf '  %-7s %s\\n' 'LN'  'Makefile' && /usr/bin/ln -sf /core/Makefile /b/Makefile",
      "printf '  %-7s %s\\n' 'CC'  'libnolibc':' htonl.o' &&  /bin/bash /b/libnolibc/htonl.o.cmd",
      "printf '  %-7s %s\\n' 'WGET'  'libfoo':' http://127.0.0.1:9/foo.tar.gz' && wget -q",
      "printf '  %-7s %s\\n' \"AS\" lib\\ x:\\ y.o && as",
    ].join('\n');
    expect(dryRunSteps(dry)).toEqual(['LN Makefile', 'CC libnolibc: htonl.o', 'WGET libfoo: http://127.0.0.1:9/foo.tar.gz', 'AS lib x: y.o']);
    const p = new BuildProgress();
    p.start();
    p.line('  LN      Makefile');
    p.line('  CC      libnolibc: htonl.o');
    p.line('  CC      libnolibc: ntohl.o');
    p.countedAlongside(dryRunSteps(dry));
    expect(p.total).toBe(3 + 2); // WGET and AS are still to come
    p.countedAlongside([]);
    expect(p.total).toBe(5); // a failed count leaves it
  });
});

describe('errors', () => {
  test('compiler, linker and make errors', () => {
    expect(parseErrorLine('/app/main.c:12:5: error: expected \';\' before \'}\' token')).toMatchObject({ file: '/app/main.c', line: 12, column: 5, kind: 'compiler' });
    expect(parseErrorLine('main.c:3: fatal error: foo.h: No such file or directory')).toMatchObject({ file: 'main.c', line: 3, kind: 'compiler' });
    expect(parseErrorLine('/core/Makefile:42: *** No platform selected.  Stop.')).toMatchObject({ file: '/core/Makefile', line: 42, kind: 'make' });
    expect(parseErrorLine('make[1]: *** [Makefile:9: all] Error 2')).toMatchObject({ kind: 'make' });
    expect(parseErrorLine("/usr/bin/ld: main.o: in function `main': main.c:(.text+0x5): undefined reference to `nope'")?.kind).toBe('linker');
    expect(parseErrorLine('collect2: error: ld returned 1 exit status')?.kind).toBe('linker');
    expect(parseErrorLine('main.c:7:3: warning: unused variable')).toBeNull();
    expect(parseErrorLine('  CC      lib: error.o')).toBeNull();
  });
});

describe('BuildProgress', () => {
  test('counts steps against the total, estimates the rest, keeps the log', () => {
    let now = 1000;
    const p = new BuildProgress(50_000, () => now);
    p.start();
    expect(p.phase).toBe('building'); // make starts at once; the total comes later
    expect(p.fraction()).toBeNull();
    p.countingStarted();
    expect(p.counting).toBe(true);
    now = 1200;
    p.counted(4);
    expect(p.counting).toBe(false);
    p.line('make[1]: Entering directory');
    now = 1400;
    p.line('  CC      lib: a.o');
    expect(p.done).toBe(1);
    expect(p.current).toEqual({ tag: 'CC', target: 'lib: a.o' });
    expect(p.fraction()).toBe(0.25);
    expect(p.remaining()).toBe(1200); // 400 ms per step so far, 3 left
    p.line('a.c:1:1: warning: x');
    expect(p.warnings).toBe(1);
    for (const t of ['b.o', 'c.o', 'd.o', 'e.o']) p.line(`  CC      lib: ${t}`);
    expect(p.total).toBe(5); // more steps than announced: the total follows
    now = 3000;
    p.finish({ exitCode: 0 });
    expect(p.phase).toBe('succeeded');
    expect(p.elapsed()).toBe(2000);
    expect(p.fraction()).toBe(1);
    expect(p.log.map((l) => l.text)).toContain('a.c:1:1: warning: x');
  });

  test('a failure keeps its errors, compiler errors before make\'s', () => {
    const p = new BuildProgress();
    p.start();
    p.line('make[1]: *** [Makefile:9: all] Error 1', 'err');
    p.line('main.c:3:1: error: boom', 'err');
    p.finish({ exitCode: 2, message: 'make exited with 2' });
    expect(p.phase).toBe('failed');
    expect(p.errorSummary().map((e) => e.text)).toEqual(['main.c:3:1: error: boom', 'make[1]: *** [Makefile:9: all] Error 1']);
  });

  test('the log is capped', () => {
    const p = new BuildProgress(10);
    p.start();
    for (let i = 0; i < 25; i++) p.line(`line ${i}`);
    expect(p.log.length).toBe(10);
    expect(p.dropped).toBe(15);
    expect(p.log[0].text).toBe('line 15');
  });

  test('durations', () => {
    expect(formatDuration(49)).toBe('49 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
  });
});

function project(over: Partial<Project> = {}): Project {
  return {
    kind: 'app', appDir: '/app', ukBase: '/app/workdir/unikraft', libs: ['/app/workdir/libs/greet'], plats: [], excludes: [],
    configFile: '/app/.config', buildDir: '/app/build', kconfigDir: '/app/build/kconfig', topKconfig: '/app/workdir/unikraft/Config.uk',
    confCwd: '/app/build', name: 'app', arch: 'x86_64', hostArch: 'x86_64', fullVersion: '0.17.0', codename: 'x', env: {},
    dirsToCreate: [], makefile: '/app/Makefile', commandLine: { A: '/app', L: '/app/workdir/libs/greet', O: '/app/build' },
    origins: { ukBase: 'app Makefile', libs: 'app Makefile (L=)', configFile: 'default (APP/.config)', buildDir: 'app Makefile (O=)' },
    warnings: [],
    ...over,
  };
}

describe('the make command line', () => {
  test('the app Makefile when it forwards the same pieces; PWD is the app folder', () => {
    const p = project();
    expect(appMakefileFits(p)).toBe(true);
    const inv = makeInvocation(p, { env: { PATH: '/usr/bin', MAKEFLAGS: '-j9', MAKELEVEL: '1' } });
    expect(inv.args).toEqual([]);
    expect(inv.cwd).toBe('/app');
    expect(inv.env.PWD).toBe('/app');
    expect(inv.env.MAKEFLAGS).toBeUndefined();
    expect(inv.env.MAKELEVEL).toBeUndefined();
    expect(inv.compiler).toBe('gcc');
  });

  test('the core\'s Makefile with A= L= O= C= when ukmenu was told other pieces', () => {
    const p = project({ origins: { ukBase: '--uk-root', libs: '--libs', configFile: '--config', buildDir: '--build-dir' }, configFile: '/tmp/c', buildDir: '/tmp/b' });
    const inv = makeInvocation(p, { env: {} });
    expect(inv.args).toEqual(['-C', '/app/workdir/unikraft', 'A=/app', 'L=/app/workdir/libs/greet', 'O=/tmp/b', 'C=/tmp/c']);
  });

  test('cross compiler: the Debian prefix for the other architecture, unless the user or the .config says', () => {
    expect(crossPrefix('arm64', 'x86_64')).toBe('aarch64-linux-gnu-');
    expect(crossPrefix('x86_64', 'arm64')).toBe('x86_64-linux-gnu-');
    expect(crossPrefix('x86_64', 'x86_64')).toBeUndefined();
    let inv = makeInvocation(project(), { arch: 'arm64', env: {} });
    expect(inv.args).toEqual(['CROSS_COMPILE=aarch64-linux-gnu-']);
    expect(inv.compiler).toBe('aarch64-linux-gnu-gcc');
    inv = makeInvocation(project({ hostArch: 'arm64', arch: 'arm64' }), { arch: 'x86_64', env: {} });
    expect(inv.args).toEqual(['CROSS_COMPILE=x86_64-linux-gnu-']);
    inv = makeInvocation(project(), { arch: 'arm64', env: { CROSS_COMPILE: 'my-' } });
    expect(inv.args).toEqual([]);
    expect(inv.compiler).toBe('my-gcc');
    inv = makeInvocation(project(), { arch: 'arm64', env: {}, configCrossCompile: 'aarch64-none-elf-' });
    expect(inv.args).toEqual([]);
    expect(inv.compiler).toBe('aarch64-none-elf-gcc');
  });

  test('UKMENU for the example core is this ukmenu unless the user set one', () => {
    expect(makeInvocation(project(), { env: {}, ukmenuCommand: 'node /x/bin/ukmenu.js' }).env.UKMENU).toBe('node /x/bin/ukmenu.js');
    expect(makeInvocation(project(), { env: { UKMENU: 'mine' }, ukmenuCommand: 'node /x' }).env.UKMENU).toBe('mine');
  });
});

describe('missing tools', () => {
  test('the message names the Debian package', () => {
    expect(debianPackage('qemu-system-aarch64')).toBe('qemu-system-arm');
    expect(debianPackage('aarch64-linux-gnu-gcc')).toBe('gcc-aarch64-linux-gnu');
    const e = missingToolsError([{ program: 'qemu-system-x86_64', why: 'booting x86_64 images' }, { program: 'make', why: 'building' }]);
    const text = e.format();
    expect(text).toContain('qemu-system-x86_64, make are not installed');
    expect(text).toContain('qemu-system-x86_64: needed for booting x86_64 images (Debian/Ubuntu package qemu-system-x86)');
    expect(text).toContain('fix: apt-get install qemu-system-x86 make');
    expect(() => requireTools([{ program: 'surely-not-a-program-ukmenu', why: 'x' }], { PATH: '/nonexistent' })).toThrow(/not installed/);
    expect(() => requireTools([{ program: 'sh', why: 'x' }], { PATH: '/bin:/usr/bin' })).not.toThrow();
  });
});
