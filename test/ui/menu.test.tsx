// Navigation, mconf-style rows, toggling and the details pane.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { menuRows, rowText, treeFacts } from '../../components/rows.js';
import { BASIC, TRISTATE } from './fixtures.js';
import { KEY, renderMenu, selectedLine, smallTree } from './helpers.js';
import { requireOrSkip } from '../ci.js';

afterEach(() => cleanup());

describe('rows', () => {
  test('root rows look like mconf', () => {
    const t = smallTree(BASIC);
    const facts = treeFacts(t.tree);
    const texts = menuRows(t.tree, t.tree.root).map((r) => rowText(t.tree, r, facts).text);
    expect(texts).toEqual([
      '[ ] Networking support (NEW)',
      '    Drivers  --->',
      '    Scheduler (Round robin)  --->',
      '[*] Debugging (NEW)  --->',
    ]);
  });

  test('entered menuconfig starts with its --- line; values in parentheses', () => {
    const t = smallTree(BASIC);
    const debug = t.tree.allNodes().find((n) => n.symbol === 'DEBUG')!;
    const facts = treeFacts(t.tree);
    const texts = menuRows(t.tree, debug).map((r) => rowText(t.tree, r, facts).text);
    expect(texts).toEqual([
      '--- Debugging',
      '(2)   Debug level (NEW)',
      '(dbg) Debug tag (NEW)',
      '(0x1000) Debug address (NEW)',
      '[ ]   Verbose (NEW)',
    ]);
  });
});

describe('menu', () => {
  test('shows the header, only visible entries, details and footer', async () => {
    const t = smallTree(BASIC);
    const h = renderMenu(t);
    await h.press(KEY.down, KEY.up);
    const f = h.frame();
    expect(f).toContain('ukmenu · Test tree');
    expect(f).toContain(t.configPath);
    expect(f).toContain('[new, unsaved]');
    expect(f).toContain('> [ ] Networking support (NEW)');
    expect(f).not.toContain('Port');
    expect(f).toContain('NET   bool = n   [default]   Kconfig:3');
    expect(f).toContain('Say Y for networking.');
    expect(f).toContain('/ search');
    expect(f).toContain('q quit');
  });

  test('arrows, j/k, Home/End move the highlight', async () => {
    const h = renderMenu(smallTree(BASIC));
    await h.press(KEY.down);
    expect(selectedLine(h.frame())).toContain('Drivers');
    await h.press('j', 'j');
    expect(selectedLine(h.frame())).toContain('Debugging');
    await h.press('k');
    expect(selectedLine(h.frame())).toContain('Scheduler');
    await h.press(KEY.home);
    expect(selectedLine(h.frame())).toContain('Networking');
    await h.press(KEY.end);
    expect(selectedLine(h.frame())).toContain('Debugging');
    await h.press(KEY.down); // stays at the end
    expect(selectedLine(h.frame())).toContain('Debugging');
  });

  test('Enter opens a submenu, the breadcrumb follows, Left/Esc/h go back to the same entry', async () => {
    const h = renderMenu(smallTree(BASIC));
    await h.press(KEY.down, KEY.enter);
    let f = h.frame();
    expect(f).toContain('Test tree › Drivers');
    expect(f).toContain('> [ ] Driver A (NEW)');
    expect(f).toContain('[ ] Library X (NEW)');
    expect(f).toContain('*** Extra drivers ***');
    expect(f).not.toContain('Driver B');
    await h.press(KEY.left);
    f = h.frame();
    expect(f).not.toContain('› Drivers');
    expect(selectedLine(f)).toContain('Drivers  --->');
    await h.press(KEY.right);
    expect(h.frame()).toContain('Test tree › Drivers');
    await h.press(KEY.esc);
    expect(selectedLine(h.frame())).toContain('Drivers  --->');
    await h.press('l', 'h');
    expect(selectedLine(h.frame())).toContain('Drivers  --->');
    await h.press(KEY.enter, KEY.backspace);
    expect(selectedLine(h.frame())).toContain('Drivers  --->');
  });

  test('toggling a bool shows its dependent entry', async () => {
    const t = smallTree(BASIC, 'save');
    const h = renderMenu(t);
    expect(h.frame()).not.toContain('Port');
    expect(h.frame()).not.toContain('unsaved');
    await h.press(' ');
    let f = h.frame();
    expect(f).toContain('>•[*] Networking support');
    expect(f).toContain(' •(80)  Port (NEW)');
    expect(f).toContain('NET = y');
    expect(f).toContain('[+] unsaved');
    expect(f).toContain('2 changed');
    expect(t.tree.value('NET')).toBe('y');
    await h.press('n');
    f = h.frame();
    expect(f).toContain('> [ ] Networking support');
    expect(f).not.toContain('Port');
    expect(f).not.toContain('changed ·');
    await h.press(KEY.enter); // Enter toggles a bool too
    expect(h.frame()).toContain('(80)  Port');
    await h.press('y');
    expect(t.tree.value('NET')).toBe('y');
  });

  test('select forces -*- and the reason is shown when trying to change it', async () => {
    const t = smallTree(BASIC);
    const h = renderMenu(t);
    await h.press(KEY.down, KEY.enter, ' ');
    let f = h.frame();
    expect(f).toContain('[*] Driver A');
    expect(f).toContain('-*- Library X');
    expect(f).toMatch(/also changed: LIB_X=y/);
    await h.press(KEY.down, 'n');
    f = h.frame();
    expect(f).toContain('✗ LIB_X is forced by select');
    expect(t.tree.value('LIB_X')).toBe('y');
    expect(f).toContain('[forced by select]');
  });

  test('a choice shows its selected member; Enter lists members and picking one closes it', async () => {
    const t = smallTree(BASIC);
    const h = renderMenu(t);
    await h.press(KEY.down, KEY.down);
    expect(selectedLine(h.frame())).toContain('Scheduler (Round robin)  --->');
    await h.press(KEY.enter);
    let f = h.frame();
    expect(f).toContain('Test tree › Scheduler');
    expect(f).toContain('> (X) Round robin');
    expect(f).toContain('( ) Cooperative');
    await h.press(KEY.up, ' ');
    f = h.frame();
    expect(f).not.toContain('› Scheduler');
    expect(selectedLine(f)).toContain('Scheduler (Cooperative)  --->');
    expect(t.tree.value('SCHED_COOP')).toBe('y');
    expect(t.tree.value('SCHED_RR')).toBe('n');
  });

  test('a menuconfig turned off hides its submenu entries', async () => {
    const t = smallTree(BASIC);
    const h = renderMenu(t);
    await h.press(KEY.end);
    expect(selectedLine(h.frame())).toContain('[*] Debugging (NEW)  --->');
    await h.press(' ');
    expect(selectedLine(h.frame())).toContain('[ ] Debugging  ----');
    await h.press(' ', KEY.enter);
    const f = h.frame();
    expect(f).toContain('Test tree › Debugging');
    expect(f).toContain('> --- Debugging');
    expect(f).toContain('(2)   Debug level');
  });

  test('tristates cycle n → m → y with Space; select by an m symbol shows {M}', async () => {
    const t = smallTree(TRISTATE);
    const h = renderMenu(t);
    await h.press(KEY.down);
    expect(selectedLine(h.frame())).toContain('< > Tri T');
    await h.press(' ');
    expect(selectedLine(h.frame())).toContain('<M> Tri T');
    await h.press(' ');
    expect(selectedLine(h.frame())).toContain('<*> Tri T');
    await h.press(' ');
    expect(selectedLine(h.frame())).toContain('< > Tri T');
    await h.press(KEY.down, 'm');
    const f = h.frame();
    expect(f).toContain('<M> Tri U');
    expect(f).toContain('{M} Tri T');
    await h.press(KEY.up, 'n');
    expect(h.frame()).toContain('✗ T cannot be set to n now');
  });

  test('windowing: only the rows that fit are drawn and the window follows the highlight', async () => {
    const many = `mainmenu "Many"\n` + Array.from({ length: 200 }, (_, i) => `config OPT_${i}\n\tbool "Option number ${i}"\n`).join('');
    const h = renderMenu(smallTree(many), {}, { width: 100, height: 24 });
    let f = h.frame();
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
    expect(f).toContain('Option number 0 ');
    expect(f).not.toContain('Option number 30 ');
    expect(f).toContain('OPT_0  1/200');
    await h.press(KEY.pageDown);
    f = h.frame();
    expect(f).not.toContain('Option number 0 ');
    await h.press(KEY.end);
    f = h.frame();
    expect(selectedLine(f)).toContain('Option number 199');
    expect(f).toContain('OPT_199  200/200');
    await h.press(KEY.pageUp);
    expect(h.frame()).not.toContain('Option number 199');
  });

  test('? shows the symbol info; Esc closes it', async () => {
    const t = smallTree(BASIC);
    const h = renderMenu(t, {}, { width: 100, height: 60 });
    await h.press('?');
    let f = h.frame();
    expect(f).toContain('Info: NET');
    expect(f).toContain('NET — Networking support');
    expect(f).toContain('Type: bool   Value: n   [default]');
    expect(f).toContain('Say Y for networking.');
    expect(f).toContain('Kconfig:3');
    expect(f).toContain('Test tree › Networking support');
    await h.press(KEY.esc);
    f = h.frame();
    expect(f).not.toContain('Info: NET');
    expect(selectedLine(f)).toContain('Networking support');
  });

  test('b and r call the build and run hooks (after saving)', async () => {
    const t = smallTree(BASIC);
    let built = 0;
    let ran = 0;
    const h = renderMenu(t, { onBuild: () => { built++; }, onRun: () => { ran++; } });
    expect(h.frame()).toContain('b build');
    expect(h.frame()).toContain('r run');
    await h.press('b');
    expect(built).toBe(1);
    expect(h.frame()).toContain('Build started');
    expect(h.frame()).not.toContain('unsaved');
    await h.press('r');
    expect(ran).toBe(1);
  });

  test('a letter that is not a command jumps to the next entry starting with it (mconf hotkeys)', async () => {
    const h = renderMenu(smallTree(BASIC));
    await h.press('D'); // d saves a minimal config; D is free
    expect(selectedLine(h.frame())).toContain('Drivers');
    await h.press('D');
    expect(selectedLine(h.frame())).toContain('Debugging');
    await h.press('D');
    expect(selectedLine(h.frame())).toContain('Drivers');
    await h.press('x'); // nothing starts with x: no change
    expect(selectedLine(h.frame())).toContain('Drivers');
    await h.press('N'); // n sets n; N jumps
    expect(selectedLine(h.frame())).toContain('Networking');
  });
});

test('a build hook returning a promise shows progress and the outcome', async () => {
  let finish!: () => void;
  const h = renderMenu(smallTree(BASIC, 'save'), {
    onBuild: () => new Promise<void>((r) => { finish = r; }),
    onRun: () => Promise.reject(new Error('no image')),
  });
  await h.press('b');
  expect(h.frame()).toContain('Building…');
  await h.press('b');
  expect(h.frame()).toContain('Still busy with the last build');
  finish();
  await new Promise((r) => setTimeout(r, 30));
  expect(h.frame()).toContain('Build finished');
  await h.press('r');
  await new Promise((r) => setTimeout(r, 30));
  expect(h.frame()).toContain('Run failed: no image');
});

test('Esc Esc (mconf habit) goes up one level, not two', async () => {
  const h = renderMenu(smallTree(BASIC), { escDoubleMs: 5000 });
  await h.press(KEY.down, KEY.enter);
  expect(h.frame()).toContain('Test tree › Drivers');
  await h.press(KEY.esc, KEY.esc);
  const f = h.frame();
  expect(f).not.toContain('› Drivers');
  expect(f).not.toContain('Unsaved changes');
  expect(h.exited()).toBe(false);
});

test('openMenu needs a terminal', async (ctx) => {
  const { openMenu } = await import('../../components/index.js');
  const t = smallTree(BASIC);
  requireOrSkip('a stdin that is not a terminal', !process.stdin.isTTY, (note) => ctx.skip(note));
  await expect(openMenu({ tree: t.tree, configPath: t.configPath })).rejects.toThrow('needs a terminal');
});
