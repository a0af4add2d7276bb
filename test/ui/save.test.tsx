// Saving (s, Ctrl-S), save as (S), the minimal configuration (d), loading (o) and the
// "save changes? yes / no / cancel" guard on quit that lists what changed.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { runConf } from '../../kconfig/conf.js';
import { memoryPrefs } from '../../components/prefs.js';
import { BASIC } from './fixtures.js';
import { KEY, renderMenu, smallTree } from './helpers.js';

afterEach(() => cleanup());

test('s writes the same bytes as tree.writeConfig, keeps .config.old and updates the title', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t);
  await h.press(' ', KEY.down, KEY.down, KEY.down, KEY.enter, KEY.up, ' '); // NET=y (Port appears), pick Cooperative
  expect(h.frame()).toContain('unsaved');
  await h.press('s');
  expect(h.frame()).toContain(`Saved ${t.configPath}`);
  expect(h.frame()).not.toContain('unsaved');
  expect(h.frame().split('\n')[0]).toMatch(/saved\s*$/);
  const ours = fs.readFileSync(t.configPath, 'utf8');
  const ref = path.join(t.dir, 'ref.config');
  t.tree.writeConfig(ref);
  expect(ours).toBe(fs.readFileSync(ref, 'utf8'));
  expect(ours).toContain('CONFIG_NET=y');
  expect(ours).toContain('CONFIG_SCHED_COOP=y');
  // Ctrl-S after another change keeps the previous file as .config.old
  await h.press(KEY.home, 'n', KEY.ctrlS);
  expect(fs.readFileSync(`${t.configPath}.old`, 'utf8')).toBe(ours);
  expect(fs.readFileSync(t.configPath, 'utf8')).toContain('# CONFIG_NET is not set');
});

test('S saves a copy under another name; the .config stays the target of s', async () => {
  const t = smallTree(BASIC, 'save');
  const prefs = memoryPrefs();
  const h = renderMenu(t, { prefs });
  await h.press(' ', 'S');
  expect(h.frame()).toContain(`Save a copy of the configuration to: ${t.configPath}.copy`);
  await h.press(KEY.ctrlU);
  await h.type('copy.config');
  await h.press(KEY.enter);
  const copy = path.join(t.dir, 'copy.config');
  expect(h.frame()).toContain(`Saved a copy to ${copy}`);
  expect(fs.readFileSync(copy, 'utf8')).toContain('CONFIG_NET=y');
  expect(fs.readFileSync(t.configPath, 'utf8')).toContain('# CONFIG_NET is not set');
  expect(h.frame()).toContain('[+] unsaved');
  expect(prefs.get().recentConfigs[0]).toBe(copy);
  // a folder is refused with the reason, and the prompt stays
  await h.press('S', KEY.ctrlU);
  await h.type(t.dir);
  await h.press(KEY.enter);
  expect(h.frame()).toContain(`✗ ${t.dir} is a folder`);
  await h.press(KEY.esc);
  expect(h.frame()).not.toContain('Save a copy');
});

test('d writes the minimal configuration, the same as conf --savedefconfig', async () => {
  const t = smallTree(BASIC, 'save');
  const h = renderMenu(t);
  await h.press(' ', KEY.end, ' '); // NET=y, DEBUG=n
  await h.press('d');
  const def = path.join(t.dir, 'defconfig');
  expect(h.frame()).toContain(`Save the minimal configuration (savedefconfig) to: ${def}`);
  await h.press(KEY.enter);
  expect(h.frame()).toContain(`Saved the minimal configuration to ${def}`);
  const ours = fs.readFileSync(def, 'utf8');
  // conf itself, on the same values
  await h.press('s');
  const ref = path.join(t.dir, 'ref.defconfig');
  let err = '';
  const code = await runConf(['--savedefconfig', ref, 'Kconfig'], {
    cwd: t.dir, env: { KCONFIG_CONFIG: t.configPath }, stdout: () => {}, stderr: (s: string) => { err += s; },
  } as Parameters<typeof runConf>[1]);
  expect(code, err).toBe(0);
  expect(ours).toBe(fs.readFileSync(ref, 'utf8'));
  expect(ours).toContain('CONFIG_NET=y');
  expect(ours).toContain('# CONFIG_DEBUG is not set');
});

test('quit without changes exits at once', async () => {
  const t = smallTree(BASIC, 'save');
  const h = renderMenu(t);
  await h.press('q');
  expect(h.exited()).toBe(true);
});

test('Esc at the top level quits too (Esc in a submenu goes up)', async () => {
  const t = smallTree(BASIC, 'save');
  const h = renderMenu(t);
  await h.press(KEY.down, KEY.enter, KEY.esc);
  expect(h.exited()).toBe(false);
  await h.press(KEY.esc);
  expect(h.exited()).toBe(true);
});

test('quit with unsaved changes lists them and asks: c/Esc stay, n leaves the file alone', async () => {
  const t = smallTree(BASIC, 'save');
  const before = fs.readFileSync(t.configPath, 'utf8');
  const h = renderMenu(t);
  await h.press(' ', 'q');
  let f = h.frame();
  expect(f).toContain(`Save changes to ${t.configPath}?`);
  expect(f).toContain('2 values changed since the file was read or saved:');
  expect(f).toMatch(/NET\s+n → y/);
  expect(f).toMatch(/NET_PORT\s+ → 80/);
  expect(f).toContain('Yes, save and quit');
  expect(f).toContain('No, quit without saving');
  expect(f).toContain('Cancel');
  await h.press('c');
  f = h.frame();
  expect(f).not.toContain('Save changes to');
  expect(f).toContain('Quit cancelled');
  expect(h.exited()).toBe(false);
  await h.press(KEY.esc); // Esc at the top asks as well
  expect(h.frame()).toContain('Save changes to');
  await h.press(KEY.esc); // Esc cancels
  expect(h.exited()).toBe(false);
  await h.press('q', 'n');
  expect(h.exited()).toBe(true);
  expect(fs.readFileSync(t.configPath, 'utf8')).toBe(before);
});

test('quit with unsaved changes: Enter on "Yes" (the first item) saves and exits', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t);
  await h.press(' ', 'q', KEY.enter);
  expect(h.exited()).toBe(true);
  expect(fs.readFileSync(t.configPath, 'utf8')).toContain('CONFIG_NET=y');
});

test('quit dialog: y saves; the pick list moves with the arrows (Down Down Enter is Cancel)', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t);
  await h.press(' ', 'q', KEY.down, KEY.down, KEY.enter); // Cancel
  expect(h.exited()).toBe(false);
  expect(h.frame()).toContain('Quit cancelled');
  await h.press('q', KEY.down, KEY.enter); // No
  expect(h.exited()).toBe(true);
  expect(fs.existsSync(t.configPath)).toBe(false);
  const t2 = smallTree(BASIC);
  const h2 = renderMenu(t2);
  await h2.press(' ', 'q', 'y');
  expect(h2.exited()).toBe(true);
  expect(fs.readFileSync(t2.configPath, 'utf8')).toContain('CONFIG_NET=y');
});

test('o offers recent files and defconfigs; loading marks the config unsaved', async () => {
  const t = smallTree(BASIC, 'save');
  const other = path.join(t.dir, 'other.config');
  fs.writeFileSync(other, 'CONFIG_NET=y\nCONFIG_NET_PORT=443\n');
  fs.mkdirSync(path.join(t.dir, 'defconfigs'));
  fs.writeFileSync(path.join(t.dir, 'defconfigs', 'small'), 'CONFIG_DEBUG=n\n');
  const prefs = memoryPrefs({ recentConfigs: [other, path.join(t.dir, 'gone.config')] });
  const h = renderMenu(t, { prefs });
  await h.press('o');
  let f = h.frame();
  expect(f).toContain('Load a configuration');
  expect(f).toContain(`${t.configPath}   (reload, drops unsaved changes)`);
  expect(f).toContain(other);
  expect(f).not.toContain('gone.config'); // missing files are left out
  expect(f).toContain(path.join(t.dir, 'defconfigs', 'small'));
  expect(f).toContain('Another file…');
  await h.press(KEY.down, KEY.enter); // other.config
  f = h.frame();
  expect(t.tree.value('NET_PORT')).toBe('443');
  expect(f).toContain(`Loaded ${other}; s saves it to ${t.configPath}`);
  expect(f).toContain('[*] Networking support');
  expect(f).toContain("(443) Port");
  expect(f).toContain('[+] unsaved');
  expect(prefs.get().recentConfigs[0]).toBe(other);
});

test('o → Another file… asks for a path; a missing file is reported and the prompt stays', async () => {
  const t = smallTree(BASIC, 'save');
  const h = renderMenu(t);
  await h.press('o', KEY.end); // End is not used by the list: go down instead
  await h.press(KEY.down, KEY.enter); // Another file…
  expect(h.frame()).toContain(`Load the configuration from: ${t.configPath}`);
  await h.press(KEY.ctrlU);
  await h.type('nope.config');
  await h.press(KEY.enter);
  expect(h.frame()).toContain(`${path.join(t.dir, 'nope.config')}: no such file`);
  expect(h.frame()).toContain('Load the configuration from: nope.config');
  expect(h.frame()).not.toContain('unsaved');
  await h.press(KEY.esc);
  expect(h.frame()).not.toContain('Load the configuration');
});

test("loading shows the engine's warnings instead of hiding them", async () => {
  const t = smallTree(BASIC, 'save');
  const other = path.join(t.dir, 'other.config');
  fs.writeFileSync(other, 'CONFIG_NET=y\nCONFIG_DEBUG_LEVEL=abc\nCONFIG_NOPE=y\n');
  const h = renderMenu(t, { prefs: memoryPrefs({ recentConfigs: [other] }) });
  await h.press('o', KEY.down, KEY.enter);
  let f = h.frame();
  expect(f).toContain('Loaded other.config');
  expect(f).toContain(`${other} was read with warnings:`);
  expect(f).toMatch(/other\.config:2:warning: symbol value 'abc' invalid for DEBUG_LEVEL/);
  await h.press(KEY.esc);
  f = h.frame();
  expect(f).toContain('[*] Networking support');
  expect(f).toContain('(with warnings)');
});

test('warnings from reading the .config at start are shown first', async () => {
  const t = smallTree(BASIC, 'CONFIG_NET=maybe\n');
  const h = renderMenu(t, { loadWarnings: `${t.configPath}:1:warning: symbol value 'maybe' invalid for NET\n` });
  expect(h.frame()).toContain("symbol value 'maybe' invalid for NET");
  await h.press(KEY.esc);
  expect(h.frame()).toContain('Networking support');
});
