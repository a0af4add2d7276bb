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
  expect(saved).toBe(fs.readFileSync('/work/shared/corpora/unikraft/golden/alldefconfig.out.config', 'utf8'));
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
