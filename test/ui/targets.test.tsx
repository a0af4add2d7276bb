// The menu's `t` (pick a target; the menu reopens on its own configuration, created as kraft
// creates it) and `W` (the Kraftfile diff for this target or every target, written on Enter) with
// ink-testing-library, on the real core from ../shared/unikraft.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetMenu } from '../../src/commands/targetMenu.js';
import { discoverProject, type Project } from '../../src/project/index.js';
import { createTargetConfig, listTargets, projectWithConfig } from '../../src/project/targets.js';
import { loadTree } from '../../src/tree.js';
import { cleanEnv } from '../project/fixtures.js';
import { unpackRealApp, type RealApp } from '../project/realUnikraft.js';
import { KEY, renderMenu } from './helpers.js';

const KRAFTFILE = `spec: v0.6
name: hello
unikraft:
  kconfig:
    - CONFIG_LIBUKDEBUG_PRINTK_INFO=y   # chatty
targets:
  - qemu/x86_64
  - qemu/arm64
`;

let real: RealApp;
let project: Project;
const env = () => cleanEnv({ PWD: real.app });
const io = { stdout: () => {}, stderr: () => {} };

beforeAll(async () => {
  real = unpackRealApp(false);
  fs.writeFileSync(path.join(real.app, 'Kraftfile'), KRAFTFILE);
  const set = listTargets(real.app);
  const x86 = set.targets.find((t) => t.id === 'qemu/x86_64')!;
  const base = await discoverProject({ cwd: real.app, env: env() });
  await createTargetConfig(base, set, x86, { baseEnv: env() });
  project = projectWithConfig(base, x86.configFile);
}, 300_000);
afterAll(() => real?.remove());

async function openOn(p: Project) {
  const { tree, configPath } = loadTree({ kind: 'project', project: p, baseEnv: env() });
  const tm = await targetMenu(p, tree, env(), io);
  const h = renderMenu({ dir: real.app, tree, configPath }, { app: p.name, target: tm.target, ...tm.hooks }, { width: 110, height: 34 });
  return { h, tm, tree, configPath };
}

const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 600 && !cond(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
};

describe('t: pick a target', () => {
  it('shows the current target in the header, lists the targets, and reopens on the picked one (created)', async () => {
    const { h, tm } = await openOn(project);
    try {
      expect(h.frame().split('\n')[0]).toMatch(/ target qemu\/x86_64 · …\/app-helloworld\/\.config\.hello_qemu-x86_64 saved\s*$/);
      await h.press('t');
      expect(h.frame()).toContain('Targets: pick the configuration to edit');
      expect(h.frame()).toMatch(/› +\* qemu\/x86_64 +qemu\/x86_64 +Kraftfile +\.config\.hello_qemu-x86_64/);
      expect(h.frame()).toMatch(/qemu\/arm64 +qemu\/arm64 +Kraftfile +\.config\.hello_qemu-arm64/);
      await h.press(KEY.down, KEY.enter);
      expect(h.exited()).toBe(true);
      const next = await tm.next();
      expect(next?.configFile).toBe(path.join(real.app, '.config.hello_qemu-arm64'));
      expect(fs.readFileSync(next!.configFile, 'utf8')).toMatch(/^CONFIG_ARCH_ARM_64=y$/m);
    } finally {
      h.unmount();
    }
  }, 120_000);

  it('Esc goes back to the menu, nothing changes', async () => {
    const { h, tm } = await openOn(project);
    try {
      await h.press('t', KEY.esc);
      expect(h.exited()).toBe(false);
      expect(h.frame().split('\n')[0]).toContain('target qemu/x86_64');
      expect(await tm.next()).toBeUndefined();
    } finally {
      h.unmount();
    }
  }, 120_000);
});

describe('W: write back', () => {
  it('saves, shows the diff for this target and for every target, writes the highlighted one on Enter', async () => {
    const kraftfile = path.join(real.app, 'Kraftfile');
    const { h, configPath } = await openOn(project);
    try {
      h.controller.session.assign('LIBUKDEBUG_ANSI_COLOR', 'y');
      await h.press('W');
      expect(fs.readFileSync(configPath, 'utf8')).toMatch(/^CONFIG_LIBUKDEBUG_ANSI_COLOR=y$/m); // saved first
      let f = h.frame();
      expect(f).toContain('Write back to the Kraftfile (target qemu/x86_64)');
      expect(f).toContain('+  - platform: qemu');
      expect(f).toContain('+    architecture: x86_64\n+    kconfig:\n+      - CONFIG_LIBUKDEBUG_ANSI_COLOR=y\n');
      await h.press(KEY.down); // every target: the diff follows the highlight
      f = h.frame();
      expect(f).toMatch(/^ {5}- CONFIG_LIBUKDEBUG_PRINTK_INFO=y {3}# chatty\n\+ {4}- CONFIG_LIBUKDEBUG_ANSI_COLOR=y$/m);
      expect(f).not.toContain('+  - platform: qemu');
      expect(fs.readFileSync(kraftfile, 'utf8')).toBe(KRAFTFILE); // nothing written yet
      await h.press(KEY.enter);
      await until(() => /Written/.test(h.frame()), 'the write');
      expect(h.frame()).toContain('Written: the Kraftfile now gives exactly this configuration.');
      expect(fs.readFileSync(kraftfile, 'utf8')).toMatch(/^ {4}- CONFIG_LIBUKDEBUG_PRINTK_INFO=y {3}# chatty\n {4}- CONFIG_LIBUKDEBUG_ANSI_COLOR=y\n/m);
      expect(fs.readFileSync(kraftfile, 'utf8')).toMatch(/\ntargets:\n {2}- qemu\/x86_64\n {2}- qemu\/arm64\n$/);
      await h.press(KEY.esc);
      expect(h.frame().split('\n')[0]).toContain('target qemu/x86_64');
    } finally {
      h.unmount();
    }
  }, 300_000);

  it('on a configuration that is not a Kraftfile target: says why, writes nothing', async () => {
    const plain = projectWithConfig(project, path.join(real.app, '.config'));
    fs.copyFileSync(project.configFile, plain.configFile);
    const before = fs.readFileSync(path.join(real.app, 'Kraftfile'), 'utf8');
    const { h } = await openOn(plain);
    try {
      expect(h.frame().split('\n')[0]).not.toContain('target');
      await h.press('W');
      expect(h.frame()).toMatch(/Cannot write back: the menu is on .*\/\.config, not on a target's configura/);
      expect(fs.readFileSync(path.join(real.app, 'Kraftfile'), 'utf8')).toBe(before);
    } finally {
      h.unmount();
    }
  }, 120_000);
});
