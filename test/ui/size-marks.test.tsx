// The menu's size marks on a build folder made here by the real gcc (two library objects linked
// into an image, with the link line Unikraft leaves beside it), measured by binutils' `size`: a
// library's entry shows its size and the change since the previous build, `?` the breakdown and its
// options that were on; other entries and a library not in the build show nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { findProgram } from '../../src/build/tools.js';
import { recordBuilds } from '../../src/size/history.js';
import { LibrarySizes } from '../../src/size/menuMarks.js';
import { formatBytes, formatChange } from '../../src/size/report.js';
import { requireOrSkip } from '../ci.js';
import { KEY, renderMenu, selectedLine, smallTree, tempDir } from './helpers.js';

afterEach(() => cleanup());

const KCONFIG = `
menuconfig LIBFOO
\tbool "foo: a library"
if LIBFOO
config LIBFOO_BIG
\tbool "big tables"
endif
config LIBBAR
\tbool "bar: another library"
\tdefault y
config LIBBAZ
\tbool "baz: not built"
config PLAIN
\tbool "an option of no library"
\tdefault y
`;

const skip = requireOrSkip('gcc and size', !!findProgram('gcc') && !!findProgram('size'));
const dir = tempDir();
const build = path.join(dir, 'build');
const image = path.join(build, 'app_qemu-x86_64');
const sizes: Record<string, { text: number; data: number; bss: number }>[] = [];

/** A build as Unikraft leaves it: libNAME.o, the image, its .dbg.cmd link line and the .config copy. */
function buildOnce(n: number, fooSource: string, config: string): void {
  mkdirSync(build, { recursive: true });
  writeFileSync(path.join(dir, 'foo.c'), fooSource);
  writeFileSync(path.join(dir, 'bar.c'), 'int bar_state = 1;\nint main(void) { return bar_state; }\n');
  const objs = ['foo', 'bar'].map((l) => path.join(build, `lib${l}.o`));
  for (const l of ['foo', 'bar']) execFileSync('gcc', ['-O1', '-c', path.join(dir, `${l}.c`), '-o', path.join(build, `lib${l}.o`)]);
  const link = ['gcc', '-nostdlib', '-static', '-Wl,-e,main', ...objs, '-o', `${image}.dbg`];
  execFileSync(link[0], link.slice(1));
  execFileSync('cp', [`${image}.dbg`, image]);
  writeFileSync(`${image}.dbg.cmd`, `cmd_${image}.dbg := ${link.join(' ')}\n`);
  writeFileSync(path.join(build, 'config'), config);
  utimesSync(image, new Date(), new Date(Date.now() + n * 10_000)); // a later build, whatever the clock's grain
  const out = execFileSync('size', objs, { encoding: 'utf8' }).trim().split('\n').slice(1);
  sizes.push(Object.fromEntries(out.map((l) => {
    const [text, data, bss, , , file] = l.trim().split(/\s+/);
    return [path.basename(file, '.o'), { text: Number(text), data: Number(data), bss: Number(bss) }];
  })));
  recordBuilds(build);
}

const total = (s: { text: number; data: number; bss: number }) => s.text + s.data + s.bss;

describe.skipIf(skip)('size marks in the menu', () => {
  beforeAll(() => {
    buildOnce(0, 'int foo(int x) { return x + 1; }\n', 'CONFIG_LIBFOO=y\n# CONFIG_LIBFOO_BIG is not set\nCONFIG_LIBBAR=y\nCONFIG_PLAIN=y\n');
    buildOnce(1, 'static const int table[2000] = {1};\nint pool[512];\nint foo(int x) { pool[x] = table[x]; return pool[x + 1]; }\n',
      'CONFIG_LIBFOO=y\nCONFIG_LIBFOO_BIG=y\nCONFIG_LIBBAR=y\nCONFIG_PLAIN=y\n');
  });

  test('a library shows its size and change; an unchanged one its size; others nothing', async () => {
    const t = smallTree(KCONFIG, 'CONFIG_LIBFOO=y\nCONFIG_LIBFOO_BIG=y\nCONFIG_LIBBAR=y\n# CONFIG_LIBBAZ is not set\nCONFIG_PLAIN=y\n');
    const h = renderMenu(t, { sizes: new LibrarySizes(() => image) });
    const foo = total(sizes[1].libfoo);
    const change = foo - total(sizes[0].libfoo);
    expect(change).toBeGreaterThan(8000);
    const lines = h.frame().split('\n');
    expect(selectedLine(h.frame())).toContain(`foo: a library  --->  [${formatBytes(foo)} ${formatChange(change)}]`);
    expect(lines.find((l) => l.includes('bar: another library'))).toMatch(new RegExp(`bar: another library  \\[${formatBytes(total(sizes[1].libbar))}\\]$`));
    expect(lines.find((l) => l.includes('baz: not built'))).toMatch(/baz: not built$/);
    expect(lines.find((l) => l.includes('an option of no library'))).toMatch(/an option of no library$/);

    await h.press('?');
    const f = h.frame();
    const s = sizes[1].libfoo;
    expect(f).toContain('Size in the last build (libfoo.o)');
    expect(f).toContain(`text ${s.text} · data ${s.data} · bss ${s.bss} · total ${foo} bytes`);
    expect(f).toContain(`${formatChange(change)} since the previous build (${formatBytes(total(sizes[0].libfoo))})`);
    expect(f).toMatch(/Its options that were on in that build\s*\n\s*LIBFOO_BIG=y/);
    await h.press(KEY.esc, KEY.down, KEY.down, '?'); // baz: not in the build
    expect(h.frame()).toContain('Info: LIBBAZ');
    expect(h.frame()).not.toContain('Size in the last build');
    h.unmount();
  });
});
