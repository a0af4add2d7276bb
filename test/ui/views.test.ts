// Each view's controller alone: its keys on a real tree and session, with a Navigator that only
// records what the view asks of the router (no Ink, no other view).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Key } from 'ink';
import { EditController } from '../../components/controllers/edit.js';
import { MenuBrowser } from '../../components/controllers/menu.js';
import { PagerController } from '../../components/controllers/pager.js';
import { PanelHost } from '../../components/controllers/panelHost.js';
import { loadChoices, PickController } from '../../components/controllers/pick.js';
import { PreviewController } from '../../components/controllers/preview.js';
import { PromptController } from '../../components/controllers/prompt.js';
import { QuitController } from '../../components/controllers/quit.js';
import { SearchController } from '../../components/controllers/search.js';
import type { Navigator, ViewController } from '../../components/controllers/view.js';
import { WhyController } from '../../components/controllers/why.js';
import { keyOf, NO_KEY } from '../../components/keys.js';
import type { Panel } from '../../components/panel.js';
import { memoryPrefs } from '../../components/prefs.js';
import { MenuSession } from '../../components/session.js';
import { BASIC } from './fixtures.js';
import { smallTree } from './helpers.js';

const NAMED: Record<string, Partial<Key>> = {
  Up: { upArrow: true }, Down: { downArrow: true }, Left: { leftArrow: true }, Right: { rightArrow: true },
  Home: { home: true }, End: { end: true }, PgUp: { pageUp: true }, PgDn: { pageDown: true },
  Enter: { return: true }, Esc: { escape: true }, Tab: { tab: true },
};

/** A key as Ink reports it: a named key, `Ctrl-x`, or a character. */
function key(k: string): [string, Key] {
  if (NAMED[k]) return ['', { ...NO_KEY, ...NAMED[k] }];
  if (k === 'Space') return [' ', NO_KEY];
  if (k === 'Backspace') return keyOf('\x7f');
  if (k.startsWith('Ctrl-')) return [k.slice(5).toLowerCase(), { ...NO_KEY, ctrl: true }];
  return keyOf(k);
}

/** A session on the BASIC tree and a Navigator that records its calls. */
function setup(dotconfig?: string) {
  const t = smallTree(BASIC, dotconfig);
  const session = new MenuSession({ tree: t.tree, configPath: t.configPath, prefs: memoryPrefs(), env: {} });
  session.width = 100;
  session.height = 30;
  const calls: string[] = [];
  let top: ViewController | null = null;
  const nav = new Proxy({} as Navigator, {
    get: (_, name: string) => (name === 'top' ? () => top : (...args: unknown[]) => {
      calls.push(`${name}(${args.map((a) => (typeof a === 'object' && a && 'symbol' in a ? (a as { symbol: string }).symbol : JSON.stringify(a))).join(', ')})`);
    }),
  });
  const deps = { session, nav };
  /** Presses keys; returns whether each was handled. */
  const press = (v: ViewController, ...keys: string[]) => keys.map((k) => { top = v; const [i, kk] = key(k); return v.onKey(i, kk); });
  const node = (sym: string) => t.tree.allNodes().find((n) => n.symbol === sym && n.kind !== 'choice')!;
  return { t, session, nav, deps, calls, press, node };
}

const noCommands = { canBuild: false, canRun: false, build() {}, run() {}, showKeys() {} };

describe('each view alone', () => {
  test('menu: moves, enters, sets values, hotkeys; opens other views through the router; Ctrl+letter is not the letter', () => {
    const { t, deps, calls, press, session } = setup();
    const m = new MenuBrowser(deps, noCommands);
    expect(m.current()?.node.symbol).toBe('NET');
    press(m, 'Space');
    expect(t.tree.value('NET')).toBe('y');
    expect(press(m, 'Ctrl-U', 'Ctrl-D', 'Ctrl-W', 'Ctrl-Z')).toEqual([false, false, false, false]);
    expect(t.tree.value('NET')).toBe('y');
    expect(calls).toEqual([]);
    press(m, 'u');
    expect(t.tree.value('NET')).toBe('n');
    press(m, 'Down', 'Enter');
    expect(m.breadcrumb()).toEqual(['Test tree', 'Drivers']);
    press(m, 'y');
    expect(t.tree.value('DRV_A')).toBe('y');
    press(m, 'Left');
    expect(m.levels.length).toBe(1);
    press(m, 'D'); // not a command: the next entry starting with d
    expect(m.current()?.node.symbol).toBe('DEBUG');
    press(m, 'Enter', 'Down', 'Enter');
    expect(calls).toEqual(['openEdit(DEBUG_LEVEL, ' + JSON.stringify(t.tree.info('DEBUG_LEVEL')) + ')']);
    calls.length = 0;
    press(m, '/', 'w', '?', 'd', 'S', 'o', 'q');
    expect(calls).toEqual(['openSearch(false)', 'openWhy(DEBUG_LEVEL)', 'openInfo(DEBUG_LEVEL)', 'openPrompt("saveMin")', 'openPrompt("saveAs")', 'openLoad()', 'requestQuit()']);
    press(m, 'z');
    expect(session.p.showAll).toBe(true);
    expect(m.hints().map((h) => h[0])).not.toContain('b');
  });

  test('edit: typed text checked against the range; Enter sets it, Esc leaves it', () => {
    const { t, deps, calls, press, node } = setup();
    const e = new EditController(deps, node('DEBUG_LEVEL'), t.tree.info('DEBUG_LEVEL'));
    expect(e.acceptsText()).toBe(true);
    press(e, 'Ctrl-U', '9');
    expect(e.text.value).toBe('9');
    expect(e.valid()).toBe(false);
    press(e, 'Backspace', '4', 'Enter');
    expect(t.tree.value('DEBUG_LEVEL')).toBe('4');
    expect(calls).toEqual(['back()']);
    const e2 = new EditController(deps, node('DEBUG_LEVEL'), t.tree.info('DEBUG_LEVEL'));
    press(e2, '1', 'Esc');
    expect(t.tree.value('DEBUG_LEVEL')).toBe('4');
  });

  test('search: typing searches, Tab to the results, keys act on a result, Enter jumps, reopening selects the query', () => {
    const { t, deps, calls, press, session } = setup();
    const s = new SearchController(deps);
    for (const c of 'verb') press(s, c);
    expect(s.visibleHits().map((h) => t.tree.nodeById(h.id).symbol)).toContain('DEBUG_VERBOSE');
    expect(s.hints().map((h) => h[1])).toContain('to results');
    press(s, 'Tab');
    expect(s.focus).toBe('results');
    const i = s.visibleHits().findIndex((h) => t.tree.nodeById(h.id).symbol === 'DEBUG_VERBOSE');
    s.cursor = i;
    press(s, 'y');
    expect(t.tree.value('DEBUG_VERBOSE')).toBe('y');
    press(s, 'w', 'Enter');
    expect(calls).toEqual(['openWhy(DEBUG_VERBOSE)', 'jumpTo(DEBUG_VERBOSE)']);
    expect(session.p.lastSearches).toEqual(['verb']);
    press(s, 'Esc');
    expect(calls.at(-1)).toBe('back()');
    s.reopen();
    expect(s.text).toMatchObject({ value: 'verb', selected: true });
    press(s, 'p', 'o');
    expect(s.text.value).toBe('po');
  });

  test('why: the reasons, another target, the way out through the preview, Esc', () => {
    const { t, deps, calls, press } = setup();
    t.tree.set('DRV_A', 'y');
    const w = new WhyController(deps, 'LIB_X');
    expect(w.rows().length).toBeGreaterThan(0);
    expect(w.plan?.wanted).toBe('n');
    press(w, 'a');
    expect(calls).toEqual(['openPreview("Way out: turn LIB_X off", [{"name":"DRV_A","value":"n"}], "Applied the way out: turn LIB_X off")']);
    press(w, 'y');
    expect(w.wanted).toBe('y');
    press(w, 'Esc');
    expect(calls.at(-1)).toBe('back()');
  });

  test('preview: every value that changes; a applies one undo step; Esc changes nothing', () => {
    const { t, deps, calls, press, session } = setup();
    const p = new PreviewController(deps, 'Set DRV_A to y', [{ name: 'DRV_A', value: 'y' }]);
    expect(p.changes.map((c) => `${c.name}:${c.to}`).sort()).toEqual(['DRV_A:y', 'LIB_X:y']);
    press(p, 'Esc');
    expect(t.tree.value('DRV_A')).toBe('n');
    expect(session.status?.text).toBe('No change made');
    const p2 = new PreviewController(deps, 'Set DRV_A to y', [{ name: 'DRV_A', value: 'y' }]);
    press(p2, 'a');
    expect(t.tree.value('LIB_X')).toBe('y');
    expect(calls).toEqual(['back()', 'back()']);
  });

  test('pager: scrolls within its lines, closes with q', () => {
    const { deps, calls, press } = setup();
    const p = new PagerController(deps, 'Long', Array.from({ length: 100 }, (_, i) => ({ text: `line ${i}`, tone: 'plain' as const })));
    press(p, 'Down', 'Down');
    expect(p.top).toBe(2);
    press(p, 'End');
    expect(p.top).toBe(100 - (deps.session.bodyHeight - 1));
    press(p, 'Home', 'Up');
    expect(p.top).toBe(0);
    press(p, 'q');
    expect(calls).toEqual(['back()']);
  });

  test('prompt: save a copy to the file typed', () => {
    const { t, deps, calls, press } = setup();
    const p = new PromptController(deps, 'saveAs');
    expect(p.text.value).toBe(`${t.configPath}.copy`);
    press(p, 'Ctrl-U');
    for (const c of 'copy.config') press(p, c);
    press(p, 'Enter');
    expect(fs.readFileSync(path.join(t.dir, 'copy.config'), 'utf8')).toContain('CONFIG_DEBUG=y');
    expect(calls).toEqual(['back()']);
  });

  test("pick: this project's files; Home/End; Enter loads or asks for another file", () => {
    const { t, deps, calls, press, session } = setup('save');
    const elsewhere = path.join(smallTree(BASIC, 'save').dir, '.config');
    const mine = path.join(t.dir, 'mine.config');
    fs.writeFileSync(mine, 'CONFIG_NET=y\n');
    session.prefs.set({ recentConfigs: [elsewhere, mine] });
    const items = loadChoices(session);
    expect(items.map((i) => i.value)).toEqual([t.configPath, mine, '']);
    const p = new PickController(deps, items);
    press(p, 'End');
    expect(p.cursor).toBe(2);
    press(p, 'Enter');
    expect(calls).toEqual(['back()', 'openPrompt("load")']);
    press(p, 'Home', 'Down', 'Enter');
    expect(calls.at(-1)).toBe(`load(${JSON.stringify(mine)})`);
  });

  test('quit: c cancels back to the menu, n quits, y saves and quits', () => {
    const { t, deps, calls, press, session } = setup();
    t.tree.set('NET', 'y');
    const q = new QuitController(deps, session.unsavedChanges());
    expect(q.changes.some((c) => c.name === 'NET')).toBe(true);
    press(q, 'c');
    expect(calls).toEqual(['toMenu()']);
    expect(session.status?.text).toBe('Quit cancelled');
    press(q, 'n');
    expect(calls.at(-1)).toBe('exit()');
    press(q, 'y');
    expect(fs.readFileSync(t.configPath, 'utf8')).toContain('CONFIG_NET=y');
  });

  test('panel host: keys go to the panel; Esc closes it only once closable; closing disposes it', () => {
    const { deps, calls, press } = setup();
    const seen: string[] = [];
    let disposed = 0;
    const panel: Panel = {
      title: 'Build', closable: false, render: () => null,
      onKey: (i) => { seen.push(i); return i === 'x'; },
      subscribe: () => () => {}, dispose: () => { disposed++; },
    };
    const host = new PanelHost(deps, panel);
    expect(press(host, 'x', 'Esc')).toEqual([true, false]);
    expect(calls).toEqual([]);
    panel.closable = true;
    press(host, 'Esc');
    expect(calls).toEqual(['toMenu()']);
    host.closed();
    expect(disposed).toBe(1);
    expect(seen).toEqual(['x', '', '']);
  });
});
