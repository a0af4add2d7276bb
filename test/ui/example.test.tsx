// The menu on the bundled example (examples/helloworld), loaded through the project model exactly
// as `ukmenu --app` loads it (discoverProject, the same environment and folder as conf). Every key
// path on the real tree: menus, a menuconfig with its inline entries, choices (the architecture,
// the greeting's language), select (-*-), imply, int/hex/string with ranges, search, why with a
// way out, undo/redo, show all and names, save / save as / minimal / load, quit.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KconfigTree } from '../../kconfig/api.js';
import { runConf } from '../../kconfig/conf.js';
import { memoryPrefs } from '../../components/prefs.js';
import { confEnvironment, discoverProject, type Project } from '../../src/project/index.js';
import { KEY, renderMenu, selectedLine, tempDir, type SmallTree } from './helpers.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/helloworld');

afterAll(() => cleanup());

let work = '';
beforeAll(() => { work = tempDir(); });

/** A fresh copy of the example, its project and its tree with the .config read, as src/menu.ts does. */
async function example(dotconfig?: string): Promise<SmallTree & { project: Project; app: string }> {
  const app = path.join(fs.mkdtempSync(path.join(work, 'ex-')), 'helloworld');
  const skip = new Set(['build', '.config', '.config.old'].map((f) => path.join(EXAMPLE, f)));
  fs.cpSync(EXAMPLE, app, { recursive: true, filter: (p) => !skip.has(p) });
  if (dotconfig !== undefined) fs.writeFileSync(path.join(app, '.config'), dotconfig);
  const project = await discoverProject({ app, cwd: app, env: { PATH: process.env.PATH } });
  for (const d of project.dirsToCreate) fs.mkdirSync(d, { recursive: true });
  const tree = KconfigTree.load(project.topKconfig, { env: confEnvironment(project), cwd: project.confCwd, flavor: 'unikraft' });
  tree.readConfig();
  const configPath = path.resolve(project.confCwd, project.configFile);
  return { dir: app, tree, configPath, project, app };
}

const at = (f: string, text: string) => f.split('\n').find((l) => l.includes(text)) ?? '';

describe('the bundled example', () => {
  test('the top menu, the architecture choice, and the title bar', async () => {
    const ex = await example();
    const h = renderMenu(ex, { app: 'helloworld', prefs: memoryPrefs() }, { width: 100, height: 30 });
    let f = h.frame();
    expect(f.split('\n')[0]).toMatch(/^ ukmenu · Unikraft\/[\d.]+ Configuration · helloworld .*\.config \[new, unsaved\]/);
    for (const e of ['Architecture Selection  --->', 'Platform Configuration  --->', 'Library Configuration  --->', 'Application Options  --->', 'Build Options  --->', '(helloworld) Image name']) {
      expect(f).toContain(e);
    }
    // the architecture is a choice: its member beside it
    await h.press(KEY.enter);
    f = h.frame();
    expect(f).toContain('› Architecture Selection');
    expect(f).toContain('Architecture (x86 compatible (64 bits))  --->');
    await h.press(KEY.enter);
    f = h.frame();
    expect(f).toContain('> (X) x86 compatible (64 bits)');
    h.unmount();
  });

  test('a menuconfig with inline entries, a choice inside it, select and imply, a string', async () => {
    const ex = await example();
    const h = renderMenu(ex, { prefs: memoryPrefs() }, { width: 110, height: 40 });
    await h.press('/');
    await h.type('APPHELLOWORLD_GREET');
    await h.press(KEY.enter);
    let f = h.frame();
    expect(f).toContain('› Application Options');
    expect(selectedLine(f)).toContain('[*] Greet someone first (libgreet) (NEW)');
    // Greet selects LIBGREET: in Library Configuration it is -*-
    await h.press('/', KEY.ctrlU);
    await h.type('LIBGREET');
    await h.press(KEY.enter);
    f = h.frame();
    expect(f).toContain('› Library Configuration');
    expect(selectedLine(f)).toContain('-*- greet: Greet someone  --->');
    await h.press(KEY.enter);
    f = h.frame();
    expect(f).toContain('› greet: Greet someone');
    expect(f).toContain('--- greet: Greet someone');
    expect(f).toContain('(Unikraft developer) Whom to greet');
    expect(f).toMatch(/Language \(English\)  --->/);
    // the language choice: pick French
    await h.press(KEY.down, KEY.down, KEY.enter);
    expect(h.frame()).toContain('> (X) English');
    await h.press(KEY.down, KEY.enter);
    expect(selectedLine(h.frame())).toMatch(/Language \(French\)  --->/);
    expect(ex.tree.value('LIBGREET_LANG_FR')).toBe('y');
    // a string: Enter edits it
    await h.press(KEY.up, KEY.enter, KEY.ctrlU);
    await h.type('Kconfig fan');
    await h.press(KEY.enter);
    expect(ex.tree.value('LIBGREET_NAME')).toBe('Kconfig fan');
    expect(selectedLine(h.frame())).toContain('(Kconfig fan) Whom to greet');
    // imply: the frame option turns LIBFRAME on by default, and it can still be turned off
    await h.press('/', KEY.ctrlU);
    await h.type('APPHELLOWORLD_FRAME');
    await h.press(KEY.tab, 'y');
    expect(ex.tree.value('LIBFRAME')).toBe('y');
    await h.press(KEY.ctrlU);
    await h.type('LIBFRAME');
    await h.press(KEY.enter);
    expect(selectedLine(h.frame())).toContain('[*] frame: ASCII frames around text');
    await h.press('w');
    f = h.frame();
    expect(f).toContain('Why: LIBFRAME');
    expect(f).toMatch(/impl/);
    await h.press(KEY.esc, 'n');
    expect(ex.tree.value('LIBFRAME')).toBe('n');
    h.unmount();
  });

  test('int with a range and hex: the editor shows the range and refuses values outside it', async () => {
    const ex = await example();
    const h = renderMenu(ex, { prefs: memoryPrefs() }, { width: 110, height: 40 });
    await h.press('/');
    await h.type('repeat count');
    await h.press(KEY.enter, KEY.enter);
    let f = h.frame();
    expect(f).toContain('[int 1..10] ✓ ok');
    await h.press(KEY.ctrlU);
    await h.type('11');
    expect(h.frame()).toContain('✗ not allowed');
    await h.press(KEY.enter);
    expect(h.frame()).toMatch(/✗ 11 is not a valid int in 1\.\.10/);
    await h.press(KEY.ctrlU);
    await h.type('4');
    await h.press(KEY.enter);
    expect(ex.tree.value('APPHELLOWORLD_REPEAT')).toBe('4');
    // the cookie value (hex) appears when the cookie is on
    await h.press(KEY.down, KEY.down, KEY.down);
    expect(selectedLine(h.frame())).toContain('Print a cookie');
    await h.press(' ');
    f = h.frame();
    expect(f).toMatch(/\(0xc0ffee\)\s+Cookie value/);
    await h.press(KEY.down, KEY.enter);
    expect(h.frame()).toContain('[hex 0x1..0xffffffff]');
    await h.press(KEY.ctrlU);
    await h.type('0x2a');
    await h.press(KEY.enter);
    expect(ex.tree.value('APPHELLOWORLD_COOKIE_VALUE')).toBe('0x2a');
    h.unmount();
  });

  test('why LIBUKDEBUG is on, the way out, undo and redo', async () => {
    const ex = await example();
    const h = renderMenu(ex, { prefs: memoryPrefs() }, { width: 120, height: 40 });
    await h.press('/');
    await h.type('LIBUKDEBUG');
    await h.press(KEY.enter, 'w');
    const f = h.frame();
    expect(f).toContain('Why: LIBUKDEBUG');
    expect(f).toContain('Way out to LIBUKDEBUG=n');
    const before = ex.tree.value('LIBUKDEBUG');
    await h.press('a');
    expect(h.frame()).toContain('Every value that would change');
    await h.press(KEY.enter);
    expect(ex.tree.value('LIBUKDEBUG')).toBe('n');
    await h.press(KEY.esc, 'u');
    expect(ex.tree.value('LIBUKDEBUG')).toBe(before);
    await h.press('U');
    expect(ex.tree.value('LIBUKDEBUG')).toBe('n');
    h.unmount();
  });

  test('show all, names, save, save as, minimal, load, quit', async () => {
    const ex = await example();
    const prefs = memoryPrefs();
    const h = renderMenu(ex, { prefs }, { width: 120, height: 40 });
    await h.press('z', 'c');
    let f = h.frame();
    expect(at(f, 'Image name')).toContain('UK_NAME');
    // the notice about insecure random numbers is a hidden comment
    expect(f).toMatch(/\*\*\* Notice: .* \*\*\*.*\(hidden: /);
    await h.press('z', 'c');
    // save: the same bytes as ukmenu conf would write for the same values
    await h.press('/');
    await h.type('lucky');
    await h.press(KEY.tab, 'y', KEY.esc, 's');
    const saved = fs.readFileSync(ex.configPath, 'utf8');
    expect(saved).toContain('CONFIG_APPHELLOWORLD_LUCKY=y');
    const env = confEnvironment(ex.project);
    let err = '';
    const code = runConf(['-s', '--olddefconfig', ex.project.topKconfig], {
      cwd: ex.project.confCwd, env: { ...env }, stdout: () => {}, stderr: (s: string) => { err += s; },
    } as Parameters<typeof runConf>[1]);
    expect(code, err).toBe(0);
    expect(fs.readFileSync(ex.configPath, 'utf8')).toBe(saved);
    // save as, minimal config
    await h.press('S', KEY.ctrlU);
    await h.type('copy.config');
    await h.press(KEY.enter);
    expect(fs.readFileSync(path.join(ex.app, 'copy.config'), 'utf8')).toBe(saved);
    await h.press('d', KEY.enter);
    const min = fs.readFileSync(path.join(ex.app, 'defconfig'), 'utf8');
    expect(min).toContain('CONFIG_APPHELLOWORLD_LUCKY=y');
    expect(min.length).toBeLessThan(saved.length);
    // load the shipped defconfig for arm64 from the pick list
    await h.press('o');
    f = h.frame();
    expect(f).toContain(path.join(ex.app, 'defconfigs', 'qemu-arm64'));
    const items = f.split('\n').filter((l) => /^ *[› ] +\S/.test(l) && l.includes(ex.app));
    const idx = items.findIndex((l) => l.includes('qemu-arm64'));
    expect(idx).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < idx; i++) await h.press(KEY.down);
    await h.press(KEY.enter);
    f = h.frame();
    expect(f).toContain('qemu-arm64');
    expect(ex.tree.value('ARCH_ARM_64')).toBe('y');
    expect(f).toContain('[+] unsaved');
    // quit: the dialog lists what changed since the save; n leaves the file as saved
    await h.press('q');
    expect(h.frame()).toMatch(/ARCH_ARM_64\s+n → y/);
    await h.press('n');
    expect(h.exited()).toBe(true);
    expect(fs.readFileSync(ex.configPath, 'utf8')).toBe(saved);
  });

  test('a .config with a bad value: its warning is shown at start', async () => {
    const ex = await example('CONFIG_APPHELLOWORLD_REPEAT=many\n');
    const r = ex.tree.readConfig(ex.configPath);
    const h = renderMenu(ex, { prefs: memoryPrefs(), loadWarnings: r.warnings }, { width: 110, height: 30 });
    expect(h.frame()).toMatch(/was read with warnings/);
    expect(h.frame()).toContain('APPHELLOWORLD_REPEAT');
    await h.press(KEY.esc);
    expect(h.frame()).toContain('Architecture Selection');
  });
});
