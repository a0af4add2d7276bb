// `ukmenu size` on the bundled example (its mini core leaves no libNAME.o objects, only the image):
// before any build, bad arguments, after `ukmenu build`, and --diff with a single build.
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findProgram } from '../../src/build/tools.js';
import { requireOrSkip } from '../ci.js';
import { REPO, show, ukmenu } from '../run/ukmenu-process.js';

const SRC = { UKMENU_FROM_SOURCE: '1' };
const skip = requireOrSkip('make and gcc', ['make', 'gcc'].every((p) => !!findProgram(p)));
const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-sizecli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(skip)('ukmenu size on the example', () => {
  const app = path.join(root, 'helloworld');
  const src = path.join(REPO, 'examples', 'helloworld');
  const skipped = new Set(['build', '.config', '.config.old'].map((f) => path.join(src, f)));
  cpSync(src, app, { recursive: true, filter: (s) => !skipped.has(s) });
  const image = path.join(app, 'build', 'helloworld_qemu-x86_64');

  test('before a build: what to do, exit 1; a bad argument: exit 2', () => {
    expect(ukmenu(app, ['conf', '--defconfig', 'defconfigs/qemu-x86_64'], SRC).status).toBe(0);
    let r = ukmenu(app, ['size'], SRC);
    expect(r.status, show('size', r)).toBe(1);
    expect(r.stderr).toBe('ukmenu: no build of build/helloworld_qemu-x86_64 yet\n  fix: build it: ukmenu build (or b in the menu, or make)\n');
    r = ukmenu(app, ['size', '--bogus'], SRC);
    expect(r.status, show('size --bogus', r)).toBe(2);
    expect(r.stderr).toMatch(/^ukmenu: unknown argument for size: --bogus\n/);
    r = ukmenu(app, ['size', '--help'], SRC);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ukmenu \[OPTIONS\] size \[--json\] \[--diff\]/);
  }, 300_000);

  test('after ukmenu build: the image and its size; --diff needs two builds', () => {
    let r = ukmenu(app, ['build'], SRC, 600_000);
    expect(r.status, show('build', r)).toBe(0);
    const bytes = statSync(image).size;
    expect(r.stderr).toMatch(/^ukmenu: image [\d.]+ KiB \(no library objects libNAME\.o in the build folder\)$/m);
    r = ukmenu(app, ['size', '--json'], SRC);
    expect(r.status, show('size --json', r)).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ image: { path: image, bytes }, libraries: [] });
    // a damaged history is started again from the build folder, without a stack trace
    writeFileSync(path.join(app, 'build', 'ukmenu-sizes.json'), '{"version": 1, "images": {"helloworld_qemu-x86_64": [tru');
    r = ukmenu(app, ['size', '--json'], SRC);
    expect(r.status, show('size --json (damaged history)', r)).toBe(0);
    expect(JSON.parse(r.stdout).image).toEqual({ path: image, bytes });
    r = ukmenu(app, ['size', '--diff'], SRC);
    expect(r.status, show('size --diff', r)).toBe(1);
    expect(r.stderr).toBe('ukmenu: only one build of build/helloworld_qemu-x86_64 is recorded: nothing to compare yet\n  fix: change the configuration and build again\n');
  }, 600_000);
});
