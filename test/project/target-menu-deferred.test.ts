// src/commands/targetMenuDeferred.ts: on a configuration that is no target's, the Kraftfile is read
// after the first frame; what reading it would print goes to t and W's answer, never onto the
// screen the menu is drawing; before it is read, t gives a stand-in panel that becomes the picker.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KconfigTree } from '../../kconfig/api.js';
import { isPanel, type Panel } from '../../components/panel.js';
import { deferredTargetMenu } from '../../src/commands/targetMenuDeferred.js';
import type { Project } from '../../src/project/types.js';
import { rmrf, tmpdir } from './fixtures.js';

const dir = tmpdir('ukmenu-deferred-targets-');

/** Polls `done` until it holds (a busy machine reads slowly), at most 20 s. */
async function until(done: () => boolean): Promise<void> {
  for (const t0 = Date.now(); !done(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - t0 > 20_000) throw new Error('never happened');
  }
}
afterAll(() => rmrf(dir));

function app(name: string, kraftfile: string): Project {
  const appDir = path.join(dir, name);
  fs.mkdirSync(appDir, { recursive: true });
  fs.writeFileSync(path.join(appDir, 'Kraftfile'), kraftfile);
  return { appDir, configFile: path.join(appDir, '.config') } as Project;
}

describe('t and W read the Kraftfile after the first frame', () => {
  it('a Kraftfile it cannot read: nothing printed, t answers why', async () => {
    const printed: string[] = [];
    const io = { stdout: (t: string) => printed.push(t), stderr: (t: string) => printed.push(t) };
    const menu = await deferredTargetMenu(app('broken', 'spec: v0.6\ntargets: [qemu/x86_64\n'), {} as KconfigTree, {}, io);
    expect(menu.target).toBeUndefined();
    menu.preload();
    let why = '';
    // a stand-in panel until the Kraftfile is read, then the reason there is no picker
    await until(() => { try { menu.hooks.onTarget!({ exit() {} }); return false; } catch (e) { why = (e as Error).message; return true; } });
    expect(why).toMatch(/no targets for t and W/);
    expect(printed).toEqual([]);
  });

  it('t before the targets are read: a stand-in that becomes the picker', async () => {
    const io = { stdout: () => {}, stderr: () => {} };
    const menu = await deferredTargetMenu(app('fine', 'spec: v0.6\nname: hello\ntargets:\n  - qemu/x86_64\n  - qemu/arm64\n'), {} as KconfigTree, {}, io);
    const panel = menu.hooks.onTarget!({ exit() {} }) as Panel;
    expect(isPanel(panel)).toBe(true);
    expect(panel.title).toBe('Targets');
    await until(() => panel.title !== 'Targets');
    expect(panel.title).toMatch(/^Targets: pick the configuration to edit/);
  });
});
