// Search (/): live fuzzy results, jumping to the entry in its menu, hidden entries explained.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { SearchIndex } from '../../components/search.js';
import { BASIC } from './fixtures.js';
import { KEY, renderMenu, selectedLine, smallTree } from './helpers.js';

afterEach(() => cleanup());

describe('SearchIndex', () => {
  test('ranks exact names and prompts first and is fuzzy', () => {
    const t = smallTree(BASIC);
    const idx = new SearchIndex(t.tree);
    const names = (q: string) => idx.searchSync(q).map((h) => t.tree.nodeById(h.id).symbol ?? t.tree.nodeById(h.id).prompt);
    expect(names('debug_level')[0]).toBe('DEBUG_LEVEL');
    expect(names('debug level')[0]).toBe('DEBUG_LEVEL');
    expect(names('round robin')[0]).toBe('SCHED_RR');
    expect(names('netwrking')).toContain('NET'); // typo
    expect(names('driver a and')).toContain('DRV_B'); // help text
    expect(names('Drivers')[0]).toBe('Drivers'); // menus are found too
    expect(names('')).toEqual([]);
  });
});

describe('search view', () => {
  test('live results as you type; Enter jumps into the submenu and highlights the entry', async () => {
    const t = smallTree(BASIC);
    const h = renderMenu(t);
    await h.press('/');
    expect(h.frame()).toContain('Search:');
    await h.type('verb');
    let f = h.frame();
    expect(f).toMatch(/\d+ results?/);
    expect(selectedLine(f)).toContain('Verbose  DEBUG_VERBOSE');
    expect(selectedLine(f)).toContain('· Debugging');
    expect(f).toContain('DEBUG_VERBOSE   bool = n'); // details of the highlighted result
    await h.press(KEY.enter);
    f = h.frame();
    expect(f).not.toContain('Search:');
    expect(f).toContain('Test tree › Debugging');
    expect(selectedLine(f)).toContain('[ ] Verbose');
    // and it can be changed right there
    await h.press(' ');
    expect(t.tree.value('DEBUG_VERBOSE')).toBe('y');
    // going up lands on the submenu entry
    await h.press(KEY.left);
    expect(selectedLine(h.frame())).toContain('Debugging');
  });

  test('jump to an int and edit it right away', async () => {
    const t = smallTree(BASIC);
    const h = renderMenu(t);
    await h.press('/');
    await h.type('DEBUG_LEVEL');
    await h.press(KEY.enter, KEY.enter, KEY.ctrlU);
    await h.type('3');
    await h.press(KEY.enter);
    expect(t.tree.value('DEBUG_LEVEL')).toBe('3');
  });

  test('arrows move in the results; Esc closes the search and / reopens it with the query', async () => {
    const h = renderMenu(smallTree(BASIC));
    await h.press('/');
    await h.type('driver');
    const first = selectedLine(h.frame());
    await h.press(KEY.down);
    expect(selectedLine(h.frame())).not.toBe(first);
    await h.press(KEY.esc);
    expect(h.frame()).not.toContain('Search:');
    expect(selectedLine(h.frame())).toContain('Networking support');
    await h.press('/');
    expect(h.frame()).toContain('Search: driver');
  });

  test('a hidden entry opens the why view instead', async () => {
    const h = renderMenu(smallTree(BASIC));
    await h.press('/');
    await h.type('driver b');
    expect(selectedLine(h.frame())).toContain('Driver B  DRV_B [hidden]');
    await h.press(KEY.enter);
    const f = h.frame();
    expect(f).toContain('DRV_B is not shown in the menu right now.');
    expect(f).toContain('unmet dependencies: NET [=n] && DRV_A [=n]');
    expect(f).toContain('✗ NET [=n]');
    expect(f).toContain('✗ DRV_A [=n]');
    await h.press(KEY.esc);
    expect(h.frame()).toContain('Search: driver b'); // back to the results
  });
});
