// What each library costs, on the real core from ../shared/unikraft (unpacked to a temporary
// folder): app-helloworld for x86_64 (LIBUKRANDOM off, so it boots under emulation) built by
// `ukmenu build`, then with libukstreambuf turned on and built by a plain `make` in the same build
// folder (found by its times). The figures are checked against binutils' `size` run on the same
// objects and image; the menu's marks with ink-testing-library; boots are real QEMU boots.
// Two builds in all, shared by every test (beforeAll).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KconfigTree } from '../../kconfig/api.js';
import { findProgram } from '../../src/build/tools.js';
import { confEnvironment, discoverProject } from '../../src/project/index.js';
import { elfFileSizes } from '../../src/size/elf.js';
import { LibrarySizes } from '../../src/size/menuMarks.js';
import { linkedObjects } from '../../src/size/objects.js';
import { workspaceRunConfig } from '../../src/run/workspace.js';
import { treeValues } from '../../src/run/config.js';
import { requireOrSkip } from '../ci.js';
import { REPO, show, ukmenu } from '../run/ukmenu-process.js';
import { KEY, renderMenu, selectedLine } from '../ui/helpers.js';

const SHARED = path.join(REPO, '..', 'shared', 'unikraft');
const CORE_TAR = path.join(SHARED, 'unikraft-0.17.0-89-geaf6fda1.tar.xz');
const HELLO_TAR = path.join(SHARED, 'app-helloworld-1add85d.tar.xz');
const TOOLS = ['make', 'gcc', 'tar', 'xz', 'size', 'qemu-system-x86_64'];
/** A build on a busy 2-core machine can take minutes: no test here has a tighter limit. */
const LONG = 1_200_000;
const SRC = { UKMENU_FROM_SOURCE: '1' };

const skip = requireOrSkip(`the real core and ${TOOLS.join(', ')}`,
  TOOLS.every((t) => findProgram(t)) && [CORE_TAR, HELLO_TAR].every((f) => existsSync(f)));

interface Berkeley { text: number; data: number; bss: number }
/** binutils' `size` (Berkeley format) on the files, by file. */
function binutilsSize(files: string[]): Map<string, Berkeley> {
  const out = execFileSync('size', files, { encoding: 'utf8' }).trim().split('\n').slice(1);
  return new Map(out.map((l) => {
    const [text, data, bss, , , file] = l.trim().split(/\s+/);
    return [file, { text: Number(text), data: Number(data), bss: Number(bss) }];
  }));
}

let root = '';
let app = '';
let build = '';
let image = '';
let first: { err: string; objects: Map<string, Berkeley>; imageBytes: number } | null = null;
let second: { objects: Map<string, Berkeley>; image: Berkeley; imageBytes: number } | null = null;

beforeAll(() => {
  if (skip) return;
  root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-size-'));
  for (const t of [CORE_TAR, HELLO_TAR]) execFileSync('tar', ['-xJf', t, '-C', root]);
  app = path.join(root, 'app-helloworld');
  mkdirSync(path.join(app, 'workdir'));
  symlinkSync(path.join(root, 'unikraft'), path.join(app, 'workdir', 'unikraft'));
  build = path.join(app, 'workdir', 'build');
  image = path.join(build, 'helloworld_qemu-x86_64');
  let r = ukmenu(app, ['conf', '--defconfig', 'defconfigs/qemu-x86_64'], SRC);
  if (r.status !== 0) throw new Error(show('ukmenu conf', r));
  const cfg = path.join(app, '.config');
  writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('CONFIG_LIBUKRANDOM=y', '# CONFIG_LIBUKRANDOM is not set'));

  // build 1: through ukmenu, which records the sizes when it ends
  r = ukmenu(app, ['build'], SRC, LONG);
  if (r.status !== 0) throw new Error(show('ukmenu build', r));
  const objs1 = linkedObjects(image).map((o) => o.file);
  first = { err: r.stderr, objects: binutilsSize(objs1), imageBytes: statSync(image).size };

  // build 2: libukstreambuf on, built by a plain make (ukmenu finds it by the image's time)
  writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('# CONFIG_LIBUKSTREAMBUF is not set', 'CONFIG_LIBUKSTREAMBUF=y'));
  const env: NodeJS.ProcessEnv = { ...process.env, PWD: app };
  delete env.MAKEFLAGS;
  delete env.MAKELEVEL;
  for (const args of [['olddefconfig'], ['-j2']]) {
    const m = spawnSync('make', args, { cwd: app, env, encoding: 'utf8', timeout: LONG });
    if (m.status !== 0) throw new Error(`make ${args.join(' ')} exited with ${m.status}:\n${m.stdout}${m.stderr}`);
  }
  const objs2 = linkedObjects(image).map((o) => o.file);
  second = { objects: binutilsSize(objs2), image: binutilsSize([image]).get(image)!, imageBytes: statSync(image).size };
}, 2 * LONG);
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });
afterEach(() => cleanup());

describe.skipIf(skip)('app-helloworld x86_64, then with libukstreambuf', () => {
  test('the ELF reader gives what binutils\' size gives, on every object and the image', () => {
    const objs = linkedObjects(image);
    expect(objs.length).toBeGreaterThan(15);
    expect(objs.map((o) => o.name)).toContain('libukstreambuf');
    for (const o of objs) expect(elfFileSizes(o.file), o.file).toEqual(second!.objects.get(o.file));
    expect(elfFileSizes(image)).toEqual(second!.image);
    expect(elfFileSizes(`${image}.dbg`)).toEqual(binutilsSize([`${image}.dbg`]).get(`${image}.dbg`));
  });

  test('ukmenu build ends with the image, its largest libraries (as size gives them)', () => {
    const largest = [...first!.objects.entries()]
      .map(([f, s]) => ({ name: path.basename(f, '.o'), total: s.text + s.data + s.bss }))
      .sort((a, b) => b.total - a.total)[0];
    expect(first!.err).toMatch(new RegExp(`^ukmenu: image [\\d.]+ KiB · largest: ${largest.name} `, 'm'));
  });

  test('ukmenu size --json: the libraries the image links, largest first, each as size gives it', () => {
    const r = ukmenu(app, ['size', '--json'], SRC);
    expect(r.status, show('size --json', r)).toBe(0);
    const j = JSON.parse(r.stdout) as { image: { path: string; bytes: number }; libraries: { name: string; text: number; data: number; bss: number; total: number }[] };
    expect(Object.keys(j)).toEqual(['image', 'libraries']);
    expect(j.image).toEqual({ path: image, bytes: second!.imageBytes });
    const want = [...second!.objects.entries()].map(([f, s]) => ({ name: path.basename(f, '.o'), ...s, total: s.text + s.data + s.bss }));
    expect(j.libraries.map((l) => l.name).sort()).toEqual(want.map((l) => l.name).sort());
    for (const l of j.libraries) {
      expect(Object.keys(l)).toEqual(['name', 'text', 'data', 'bss', 'total']);
      expect(l).toEqual(want.find((w) => w.name === l.name));
    }
    const totals = j.libraries.map((l) => l.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // the text form: one library a line, largest first
    const t = ukmenu(app, ['size'], SRC);
    expect(t.status, show('size', t)).toBe(0);
    expect(t.stdout.split('\n')[1]).toMatch(new RegExp(`^${j.libraries[0].name} +${j.libraries[0].text} +${j.libraries[0].data} +${j.libraries[0].bss} +${j.libraries[0].total} `));
  });

  test('ukmenu size --diff --json: the change per library between the two builds; libukstreambuf added', () => {
    const r = ukmenu(app, ['size', '--diff', '--json'], SRC);
    expect(r.status, show('size --diff --json', r)).toBe(0);
    const j = JSON.parse(r.stdout) as { libraries: { name: string; before: number; after: number; change: number }[] };
    expect(Object.keys(j)).toEqual(['libraries']);
    const total = (m: Map<string, Berkeley>, name: string) => {
      const s = [...m.entries()].find(([f]) => path.basename(f, '.o') === name)?.[1];
      return s ? s.text + s.data + s.bss : 0;
    };
    for (const l of j.libraries) {
      expect(Object.keys(l)).toEqual(['name', 'before', 'after', 'change']);
      expect(l.before, l.name).toBe(total(first!.objects, l.name));
      expect(l.after, l.name).toBe(total(second!.objects, l.name));
      expect(l.change).toBe(l.after - l.before);
    }
    const added = j.libraries.find((l) => l.name === 'libukstreambuf');
    expect(added).toBeDefined();
    expect(added!.before).toBe(0);
    expect(added!.after).toBeGreaterThan(0);
  });

  test('the menu: a library\'s entry shows its size and change; ? the breakdown and its options that were on', async () => {
    const project = await discoverProject({ app, env: { ...process.env } });
    const tree = KconfigTree.load(project.topKconfig, { env: confEnvironment(project, process.env), cwd: project.confCwd, flavor: 'unikraft' });
    tree.readConfig(project.configFile);
    const ws = { project, values: () => treeValues(tree), env: process.env };
    const sizes = new LibrarySizes(() => workspaceRunConfig(ws).image);
    const h = renderMenu({ dir: app, tree, configPath: project.configFile }, { sizes }, { width: 120, height: 40 });
    const s = second!.objects.get(path.join(build, 'libukstreambuf.o'))!;
    const kib = ((s.text + s.data + s.bss) / 1024).toFixed(1);
    await h.press('/');
    await h.type('LIBUKSTREAMBUF');
    await h.press(KEY.enter);
    // the search's jump highlights the entry; the mark follows the row's text
    expect(selectedLine(h.frame()).replace(/\x1b\[[0-9;]*m/g, '')).toMatch(new RegExp(`ukstreambuf: Stream buffers +---> +\\[${kib.replace('.', '\\.')} KiB new\\]$`));
    await h.press('?');
    const f = h.frame();
    expect(f).toContain('Size in the last build (libukstreambuf.o)');
    expect(f).toContain(`text ${s.text} · data ${s.data} · bss ${s.bss} · total ${s.text + s.data + s.bss} bytes`);
    expect(f).toContain('Its options that were on in that build');
    h.unmount();
  });

  test('boots: the time to the first console line and to the exit, against the previous boot', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = ukmenu(app, ['run', '--no-build', '--timeout', '120'], SRC, LONG);
      expect(r.status, show('ukmenu run', r)).toBe(0);
      expect(r.stdout).toContain('Hello world!');
      const m = /^ukmenu: (boot: first console line [\d.]+ s.*)$/m.exec(r.stderr);
      expect(m, r.stderr).not.toBeNull();
      lines.push(m![1]);
    }
    expect(lines[0]).toMatch(/^boot: first console line [\d.]+ s · exit [\d.]+ s$/);
    expect(lines[1]).toMatch(/^boot: first console line [\d.]+ s \(was [\d.]+ s\) · exit [\d.]+ s \(was [\d.]+ s\)$/);
    console.log(lines.join('\n')); // the figures, for the record
  }, LONG);
});
