// The menu on the real Unikraft tree (app-helloworld with lib-musl and lib-lwip).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderMenu, selectedLine, unikraftTree } from './helpers.js';

afterEach(() => cleanup());

test('Unikraft: browse, explain, search, toggle and save like conf', async () => {
  const u = unikraftTree();
  const h = renderMenu(u, {}, { width: 120, height: 40 });
  let f = h.frame();
  expect(f).toContain('ukmenu · Unikraft/0.17.0 Configuration');
  for (const entry of ['Architecture Selection  --->', 'Platform Configuration  --->', 'Library Configuration  --->', '(helloworld) Image name']) {
    expect(f).toContain(entry);
  }
  // Library Configuration: isrlib is forced on by the architecture
  await h.press(KEY.down, KEY.down, KEY.down, KEY.enter);
  f = h.frame();
  expect(f).toContain('Unikraft/0.17.0 Configuration › Library Configuration');
  expect(selectedLine(f)).toContain('-*- isrlib: Interrupt-safe standard routines');
  await h.press('w');
  f = h.frame();
  expect(f).toContain('Why: LIBISRLIB');
  expect(f).toContain('selected by ARCH_X86_64 [=y]');
  await h.press(KEY.esc);

  // search and jump into ukdebug
  await h.press('/');
  await h.type('ukdebug printk');
  expect(selectedLine(h.frame())).toContain('LIBUKDEBUG_PRINTK ');
  await h.press(KEY.enter);
  f = h.frame();
  expect(f).toContain('Library Configuration › ukdebug: Debugging and tracing');
  expect(selectedLine(f)).toMatch(/\[\*\]\s+Enable kernel messages \(uk_printk\)/);
  expect(f).toContain('Kernel message level (Show critical and error messages (default))  --->');
  // turning it off hides the dependent choice
  await h.press(' ');
  f = h.frame();
  expect(selectedLine(f)).toMatch(/\[ \]\s+Enable kernel messages \(uk_printk\)/);
  expect(f).not.toContain('Kernel message level');
  await h.press(' ');

  // saving without net changes writes what Unikraft's conf writes for the defaults
  await h.press('s');
  const saved = fs.readFileSync(u.configPath, 'utf8');
  expect(saved).toBe(fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/corpora/unikraft/golden/alldefconfig.out.config'), 'utf8'));
  const ref = path.join(u.dir, 'ref.config');
  u.tree.writeConfig(ref);
  expect(saved).toBe(fs.readFileSync(ref, 'utf8'));
  expect(h.frame()).not.toContain('unsaved');
});

test('Unikraft: every row belongs to the menu that lists it, and search can jump to each', async () => {
  const { containerOf, isContainer, menuRows } = await import('../../components/rows.js');
  const { MenuController } = await import('../../components/controller.js');
  const u = unikraftTree();
  const c = new MenuController({ tree: u.tree, configPath: u.configPath });
  let checked = 0;
  for (const container of u.tree.allNodes()) {
    if (!isContainer(container)) continue;
    for (const row of menuRows(u.tree, container)) {
      if (row.role === 'header') continue;
      expect(containerOf(row.node)).toBe(container);
      c.jumpTo(row.node);
      expect(c.mode.kind).toBe('menu');
      expect(c.current()?.node).toBe(row.node);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(150);
});

test('Unikraft: load perturbed configurations with o: the warnings are conf\'s, and s writes what conf writes', async () => {
  const GOLDEN = path.resolve(import.meta.dirname, '../../../shared/corpora/unikraft/golden');
  for (const n of ['01', '02', '03', '07']) {
    const u = unikraftTree();
    fs.copyFileSync(path.join(GOLDEN, `case-${n}.in.config`), path.join(u.dir, 'in.config'));
    const h = renderMenu(u, {}, { width: 140, height: 50 });
    await h.press('o');
    // no recent files yet: straight to the file prompt
    expect(h.frame()).toContain('Load the configuration from:');
    await h.press(KEY.ctrlU);
    await h.type('in.config');
    await h.press(KEY.enter);
    const f = h.frame();
    const want = fs.readFileSync(path.join(GOLDEN, `case-${n}.stderr.txt`), 'utf8').trim().split('\n').filter(Boolean)
      .map((l) => l.replace('<WORK>/.config', path.join(u.dir, 'in.config')));
    expect(f).toContain('was read with warnings');
    for (const w of want.slice(0, 10)) expect(f).toContain(w.slice(0, 120));
    await h.press(KEY.esc, 's');
    expect(fs.readFileSync(u.configPath, 'utf8')).toBe(fs.readFileSync(path.join(GOLDEN, `case-${n}.out.config`), 'utf8'));
    h.unmount();
  }
});

test('Unikraft: show all, names, info, a choice, an int, undo and the quit list', async () => {
  const u = unikraftTree();
  const h = renderMenu(u, {}, { width: 140, height: 50 });
  await h.press(KEY.down, KEY.down, KEY.down, KEY.enter); // Library Configuration
  const shown = h.controller.rows().length;
  await h.press('z', 'c');
  let f = h.frame();
  expect(h.controller.rows().length).toBeGreaterThan(shown);
  expect(f).toContain('(hidden: ');
  expect(f).toMatch(/isrlib: Interrupt-safe standard routines.*LIBISRLIB/);
  await h.press('z', 'c');
  // ? on ukdebug: defaults, dependencies, selected by, where defined, menu path
  await h.press('/');
  await h.type('LIBUKDEBUG');
  await h.press(KEY.enter, '?');
  f = h.frame();
  expect(f).toContain('Info: LIBUKDEBUG');
  expect(f).toContain('Defaults (the first true one applies)');
  expect(f).toContain('Selected by');
  const page = h.controller.pagerLines().map((l) => l.text).join('\n');
  expect(page).toMatch(/lib\/ukdebug\/Config\.uk:\d+/);
  expect(page).toContain('Library Configuration › ukdebug: Debugging and tracing');
  await h.press(KEY.end);
  expect(h.frame()).toContain('Menu path');
  await h.press(KEY.esc);
  // the kernel message level choice: open it, pick another level
  await h.press(KEY.enter, '/', KEY.ctrlU);
  await h.type('Kernel message level');
  await h.press(KEY.enter, KEY.enter);
  f = h.frame();
  expect(f).toContain('› Kernel message level');
  await h.press(KEY.home, KEY.enter);
  const picked = h.controller.tree.allNodes().find((n) => n.prompt === 'Kernel message level')!;
  expect(h.controller.tree.nodeValue(picked)).not.toBeNull();
  const changed = h.controller.unsavedChanges().length;
  expect(changed).toBeGreaterThan(0);
  // an int: the ukalloc statistics? search an int by type instead
  const intNode = h.controller.tree.allNodes().find((n) => n.symbol && h.controller.tree.isVisible(n) && h.controller.tree.info(n.symbol).type === 'int' && h.controller.tree.info(n.symbol).range);
  expect(intNode).toBeDefined();
  h.controller.jumpTo(intNode!);
  await h.press(KEY.enter);
  expect(h.frame()).toMatch(/\[int -?\d+\.\.\d+\] ✓ ok/);
  await h.press(KEY.esc);
  // undo the choice pick, then quit: nothing left to list but the new file
  await h.press('u');
  expect(h.controller.unsavedChanges().length).toBe(0);
  await h.press('q');
  expect(h.frame()).toContain('The file does not exist yet: saving writes it.');
  await h.press('y');
  expect(h.exited()).toBe(true);
  expect(fs.readFileSync(u.configPath, 'utf8')).toBe(fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/corpora/unikraft/golden/alldefconfig.out.config'), 'utf8'));
});
