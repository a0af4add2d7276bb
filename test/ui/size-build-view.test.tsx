// The build view's size summary: a real make (a Makefile of the test's own that compiles two
// library objects with gcc and links an image, leaving the link line as Unikraft does) built twice
// from the menu's build panel; after the second, the summary names the library that grew by what
// binutils' `size` says.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { BuildPanel } from '../../components/build/BuildView.js';
import { BuildSession } from '../../src/build/build.js';
import { findProgram } from '../../src/build/tools.js';
import { formatBytes, formatChange } from '../../src/size/report.js';
import { requireOrSkip } from '../ci.js';
import { renderPanel } from '../build/harness.js';
import { tempDir } from './helpers.js';

afterEach(() => cleanup());

const MAKEFILE = `B := $(CURDIR)/build
IMG := $(B)/app_qemu-x86_64
all: $(IMG)
$(B)/lib%.o: %.c
\t@mkdir -p $(B)
\t@echo "  CC      lib$*: $*.o"
\t@gcc -O1 -c $< -o $@
$(IMG): $(B)/libfoo.o $(B)/libbar.o
\t@echo "  LD      app_qemu-x86_64.dbg"
\t@gcc -nostdlib -static -Wl,-e,main $^ -o $@.dbg
\t@echo "cmd_$@.dbg := gcc -nostdlib -static -Wl,-e,main $^ -o $@.dbg" > $@.dbg.cmd
\t@cp $@.dbg $@
`;

const skip = requireOrSkip('make, gcc and size', ['make', 'gcc', 'size'].every((p) => !!findProgram(p)));

function totalBySize(file: string): number {
  const [text, data, bss] = execFileSync('size', [file], { encoding: 'utf8' }).trim().split('\n')[1].trim().split(/\s+/).map(Number);
  return text + data + bss;
}

describe.skipIf(skip)('the build view', () => {
  test('after a build: the image, the largest libraries; after the next: what changed', async () => {
    const dir = tempDir();
    const build = path.join(dir, 'build');
    writeFileSync(path.join(dir, 'Makefile'), MAKEFILE);
    writeFileSync(path.join(dir, 'foo.c'), 'int foo(int x) { return x + 1; }\n');
    writeFileSync(path.join(dir, 'bar.c'), 'static const int table[3000] = {1};\nint main(void) { return table[2]; }\n');
    const env = { ...process.env };
    delete env.MAKEFLAGS;
    delete env.MAKELEVEL;
    const panel = new BuildPanel({
      name: 'app',
      create: () => new BuildSession({ invocation: { make: 'make', args: [], cwd: dir, env, compiler: 'gcc', how: 'the test\'s Makefile', buildDir: build }, jobs: 1 }),
    });
    const h = renderPanel(panel, 120, 30);
    let f = await h.waitFor('✓ built', 120_000);
    const bar1 = totalBySize(path.join(build, 'libbar.o'));
    const foo1 = totalBySize(path.join(build, 'libfoo.o'));
    expect(f).toMatch(new RegExp(`^image [\\d.]+ KiB · largest: libbar ${formatBytes(bar1)}, libfoo ${formatBytes(foo1)}`, 'm'));
    expect(f).not.toContain('changed since');

    writeFileSync(path.join(dir, 'foo.c'), 'int pool[2048];\nint foo(int x) { return pool[x]++; }\n');
    await h.press('b');
    f = await h.waitFor(/changed since the previous build|no library changed/, 120_000);
    const foo2 = totalBySize(path.join(build, 'libfoo.o'));
    expect(foo2 - foo1).toBeGreaterThan(8000);
    expect(f).toContain(`changed since the previous build: libfoo ${formatChange(foo2 - foo1)}`);
    h.unmount();
    panel.dispose();
  }, 300_000);
});
