// The key bindings are declared once (components/bindings.ts): the README's "Menu keys" table, the
// H page and the key bar must be what that data says.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { hintsOf, keysHelp, menuHints, MENU_COMMAND_KEYS, MENU_KEYS, PAGER_KEYS, readmeKeyTable } from '../../components/bindings.js';
import { BASIC } from './fixtures.js';
import { KEY, renderMenu, smallTree } from './helpers.js';

afterEach(() => cleanup());

const README = path.resolve(import.meta.dirname, '../../README.md');

/** The table under the "### Menu keys" heading, as written in the README. */
function readmeTable(): string[] {
  const lines = fs.readFileSync(README, 'utf8').split('\n');
  const head = lines.findIndex((l) => l.startsWith('### Menu keys'));
  expect(head, 'README has a "### Menu keys" section').toBeGreaterThanOrEqual(0);
  const start = lines.findIndex((l, i) => i > head && l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start, end);
}

test("the README's key table is the bindings' table, row for row", () => {
  expect(readmeTable()).toEqual(readmeKeyTable());
  // every menu key with help text is in it
  for (const b of MENU_KEYS) if (b.help) expect(readmeKeyTable().join('\n')).toContain(`| ${b.help.replace(/\|/g, '\\|')} |`);
});

test('H shows the bindings, b documented as build', async () => {
  const h = renderMenu(smallTree(BASIC), {}, { width: 200, height: 60 });
  await h.press('H');
  expect(h.controller.pagerLines().map((l) => l.text)).toEqual(keysHelp());
  const page = h.frame();
  expect(page).toContain('unlike mconf, where b jumps to the next entry starting with b');
  for (const b of MENU_KEYS) if (b.help) expect(page).toContain(b.help);
  await h.press(KEY.esc);
});

test('the key bar shows the hints of the view on top', async () => {
  const h = renderMenu(smallTree(BASIC), { onBuild: () => {} }, { width: 200, height: 30 });
  const bar = (hints: readonly (readonly [string, string])[]) => hints.map(([k, l]) => ` ${k} ${l}`).join(' ');
  const last = () => h.frame().split('\n').at(-1)!.trimEnd();
  expect(last()).toBe(bar(menuHints({ build: true, run: false })).trimEnd());
  expect(last()).toContain(' b build');
  expect(last()).not.toContain(' r run');
  await h.press('?');
  expect(last()).toBe(bar(hintsOf(PAGER_KEYS)).trimEnd());
});

test('letters that are commands are exactly the bound ones; the others jump (mconf hotkeys)', async () => {
  const bound = MENU_KEYS.flatMap((b) => b.keys).filter((k) => /^[A-Za-z0-9]$/.test(k));
  expect([...MENU_COMMAND_KEYS].filter((k) => /^[A-Za-z0-9]$/.test(k)).sort()).toEqual([...new Set(bound)].sort());
  const h = renderMenu(smallTree(BASIC));
  await h.press('D'); // not bound: jumps to "Drivers"
  expect(h.frame().split('\n').find((l) => l.startsWith('>'))).toContain('Drivers');
});
