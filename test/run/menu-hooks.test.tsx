// The menu's b and r (src/menu.ts buildRunHooks) on a copy of the bundled example, with the real
// make and QEMU: the panels the menu shows, built from the menu's own tree.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KconfigTree } from '../../kconfig/api.js';
import { buildRunHooks } from '../../src/menu.js';
import { discoverProject, confEnvironment, runProjectConf, engineConfRunner } from '../../src/project/index.js';
import { findProgram } from '../../src/build/tools.js';
import type { Panel } from '../../components/panel.js';
import { KEYS, renderPanel } from '../build/harness.js';
import { memoryRunPrefs } from '../../src/run/prefs.js';
import { inCI } from '../ci.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const IN_CI = inCI; // the one notion of CI (test/ci.ts)
const roots: string[] = [];
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });
afterEach(() => cleanup());

test('b builds the example with progress; r boots it and shows the console and the status', async (ctx) => {
  const missing = ['make', 'gcc', 'qemu-system-x86_64'].filter((p) => !findProgram(p));
  if (missing.length) {
    if (IN_CI) throw new Error(`CI must provide ${missing.join(', ')}`);
    ctx.skip(`missing ${missing.join(', ')}`);
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'ukmenu-hooks-'));
  roots.push(root);
  const app = path.join(root, 'helloworld');
  const src = path.join(REPO, 'examples', 'helloworld');
  const skip = new Set(['build', '.config', '.config.old'].map((f) => path.join(src, f)));
  cpSync(src, app, { recursive: true, filter: (s) => !skip.has(s) });
  const env = { ...process.env };
  delete env.MAKEFLAGS;
  delete env.MAKELEVEL;
  const project = await discoverProject({ app, env });
  const quiet = { stdout: () => {}, stderr: () => {} };
  expect(await runProjectConf(project, ['--defconfig', 'defconfigs/qemu-x86_64'], { runner: engineConfRunner, ...quiet, baseEnv: env, cwd: app })).toBe(0);
  const tree = KconfigTree.load(project.topKconfig, { env: confEnvironment(project, env), cwd: project.confCwd, flavor: 'unikraft' });
  tree.readConfig();
  const hooks = await buildRunHooks(project, tree, project.configFile, {
    env, ukmenuCommand: `${process.execPath} ${path.join(REPO, 'bin', 'ukmenu.js')}`, runPrefs: memoryRunPrefs(),
  });

  const build = hooks.onBuild() as Panel;
  expect(build.title).toBe('Build helloworld');
  let h = renderPanel(build, 100, 30);
  let f = await h.waitFor('✓ built', 60_000);
  expect(f).toMatch(/\[█+\] (\d+)\/\1 100%/);
  expect(f).toContain(`$ cd ${app} && make -j`);
  expect(f).toMatch(/ {2}MULTIBT helloworld_qemu-x86_64/);
  expect(existsSync(path.join(app, 'build', 'helloworld_qemu-x86_64'))).toBe(true);
  expect(build.closable).toBe(true);
  h.unmount();
  build.dispose();

  const run = hooks.onRun() as Panel;
  expect(run.title).toBe('Run helloworld (x86_64)');
  h = renderPanel(run, 130, 40);
  // r opens on the boot plan; Enter boots
  f = await h.waitFor('command:', 30_000);
  expect(f).toContain('Boot plan');
  expect(f).toContain('rootfs:   none');
  await h.press(KEYS.enter);
  f = await h.waitFor(/QEMU exited with/, 60_000);
  expect(f).toContain('✓ QEMU exited with 33: the guest reported success');
  expect(f).toContain('Hello world!');
  expect(f).toContain('kvmplat: power off (status 0)');
  expect(f).not.toContain('Building first'); // the image was up to date
  expect(f).toMatch(/^(KVM|emulation.*)$/m);
  h.unmount();
  run.dispose();
});
