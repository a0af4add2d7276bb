// Menu behaviours found by driving it as a developer would (issue 16): Ctrl+letter, reopening the
// search, jumping to a hidden result, the breadcrumb of a deep menu, the way out's status line and
// the load list. Each failed before its fix.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { memoryPrefs } from '../../components/prefs.js';
import { BASIC } from './fixtures.js';
import { KEY, renderMenu, selectedLine, smallTree } from './helpers.js';

afterEach(() => cleanup());

const ctrl = (c: string) => String.fromCharCode(c.charCodeAt(0) - 96);

test('Ctrl-U, Ctrl-D and Ctrl-W do not act as u, d and w', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t);
  await h.press(' ');
  expect(t.tree.value('NET')).toBe('y');
  await h.press(ctrl('u')); // u would undo
  expect(t.tree.value('NET')).toBe('y');
  await h.press(ctrl('d')); // d would ask for the minimal configuration's file
  expect(h.frame()).not.toContain('Save the minimal configuration');
  await h.press(ctrl('w')); // w would open why
  expect(h.frame()).not.toContain('Why:');
  expect(selectedLine(h.frame())).toContain('Networking support');
  await h.press('u'); // the letters still work
  expect(t.tree.value('NET')).toBe('n');
});

test('search reopens with the previous query selected: typing replaces it', async () => {
  const h = renderMenu(smallTree(BASIC));
  await h.press('/');
  await h.type('verb');
  await h.press(KEY.esc, '/');
  expect(h.frame()).toContain('Search: verb');
  await h.type('port');
  const f = h.frame();
  expect(f).toContain('Search: port');
  expect(f).not.toContain('verbport');
  expect(f).toContain('Port  NET_PORT');
});

test('a jump to a hidden result shows hidden entries for that jump only', async () => {
  const prefs = memoryPrefs();
  const h = renderMenu(smallTree(BASIC), { prefs });
  await h.press('/');
  await h.type('driver b');
  await h.press(KEY.enter);
  expect(selectedLine(h.frame())).toContain('Driver B');
  expect(prefs.get().showAll).toBe(false);
  await h.press(KEY.esc, KEY.esc); // back to the results, close them
  await h.press(KEY.down, KEY.enter); // into Drivers
  expect(h.frame()).toContain('Driver A');
  expect(h.frame()).not.toContain('Driver B');
});

test('the breadcrumb shortens the outer menus first; the current one stays readable', async () => {
  const long = (s: string) => `${s} - a HTTP and reverse proxy, a mail proxy, and a generic TCP/UDP proxy server`;
  const t = smallTree(`mainmenu "Unikraft/0.17.0 Configuration"
menu "${long('Library Configuration')}"
menu "${long('libnginx')}"
menu "HTTP modules and their options"
config X
\tbool "x"
endmenu
endmenu
endmenu
`);
  const h = renderMenu(t, {}, { width: 120, height: 30 });
  await h.press(KEY.enter, KEY.enter, KEY.enter);
  const crumb = h.frame().split('\n')[1];
  expect(crumb.trimEnd().endsWith('› HTTP modules and their options')).toBe(true);
  expect(crumb).toContain('Unikraft/0.17.0');
  expect(crumb.length).toBeLessThanOrEqual(120);
});

test('the way out reports once what it applied and changed', async () => {
  const t = smallTree(BASIC);
  t.tree.set('DRV_A', 'y');
  const h = renderMenu(t, {}, { width: 140, height: 40 });
  await h.press(KEY.down, KEY.enter, KEY.down, 'w', 'a', KEY.enter);
  const status = h.frame().split('\n').find((l) => l.includes('Applied'))!;
  expect(status).toContain('Applied the way out: turn LIB_X off; changed: DRV_A=n, LIB_X=n');
  expect(status.match(/Applied/g)).toHaveLength(1);
});

test("the load list: End goes to its last item; only this project's files are offered", async () => {
  const t = smallTree(BASIC, 'save');
  const other = smallTree(BASIC, 'save'); // another project's .config
  const mine = path.join(t.dir, 'mine.config');
  fs.writeFileSync(mine, 'CONFIG_NET=y\n');
  const h = renderMenu(t, { prefs: memoryPrefs({ recentConfigs: [other.configPath, mine] }) }, { width: 120, height: 30 });
  await h.press('o');
  const f = h.frame();
  expect(f).toContain(mine);
  expect(f).not.toContain(other.configPath);
  await h.press(KEY.end, KEY.enter); // the last item: Another file…
  expect(h.frame()).toContain('Load the configuration from:');
});
