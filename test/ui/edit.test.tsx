// The inline value editor for int / hex / string entries.
import { afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { BASIC } from './fixtures.js';
import { KEY, renderMenu, selectedLine, smallTree } from './helpers.js';

afterEach(() => cleanup());

async function openDebug(h: ReturnType<typeof renderMenu>) {
  await h.press(KEY.end, KEY.enter); // Debugging --->
}

test('an out-of-range int is rejected with the reason; a valid one is set', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t);
  await openDebug(h);
  await h.press(KEY.down);
  expect(selectedLine(h.frame())).toContain('(2)   Debug level');
  await h.press(KEY.enter);
  let f = h.frame();
  expect(f).toContain('>  (2 ) Debug level  [int 0..5] ✓ ok'); // the cursor is the cell after the text
  expect(f).toContain('Editing DEBUG_LEVEL');
  await h.press(KEY.backspace);
  await h.type('9');
  f = h.frame();
  expect(f).toContain('(9 ) Debug level  [int 0..5] ✗ not allowed');
  await h.press(KEY.enter);
  f = h.frame();
  expect(f).toContain('✗ 9 is not a valid int in 0..5 for DEBUG_LEVEL');
  expect(f).toContain('(9 ) Debug level  [int 0..5]'); // still editing
  expect(t.tree.value('DEBUG_LEVEL')).toBe('2');
  await h.press(KEY.backspace);
  await h.type('4');
  await h.press(KEY.enter);
  f = h.frame();
  expect(t.tree.value('DEBUG_LEVEL')).toBe('4');
  expect(selectedLine(f)).toContain('(4)   Debug level');
  // DEBUG_VERBOSE defaults to y once the level is above 3
  expect(f).toContain('[*]   Verbose');
  expect(f).toMatch(/DEBUG_LEVEL = 4; also changed: DEBUG_VERBOSE=y/);
});

test('Esc cancels the edit and keeps the value; text that is not a number is refused', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t);
  await openDebug(h);
  await h.press(KEY.down, KEY.enter, KEY.ctrlU);
  await h.type('abc');
  expect(h.frame()).toContain('(abc ) Debug level  [int 0..5] ✗ not allowed');
  await h.press(KEY.enter);
  expect(h.frame()).toContain('✗ abc is not a valid int');
  await h.press(KEY.esc);
  const f = h.frame();
  expect(selectedLine(f)).toContain('(2)   Debug level');
  expect(f).not.toContain('not allowed');
  expect(t.tree.value('DEBUG_LEVEL')).toBe('2');
});

test('strings and hex values are edited in place', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t);
  await openDebug(h);
  await h.press(KEY.down, KEY.down, KEY.enter, KEY.ctrlU);
  await h.type('my tag "x"');
  await h.press(KEY.enter);
  expect(t.tree.value('DEBUG_NAME')).toBe('my tag "x"');
  expect(selectedLine(h.frame())).toContain('(my tag "x") Debug tag');
  await h.press(KEY.down, ' ', KEY.ctrlU); // Space edits a value too
  await h.type('0xzz');
  expect(h.frame()).toContain('✗ not allowed');
  await h.press(KEY.backspace, KEY.backspace);
  await h.type('ff');
  await h.press(KEY.enter);
  expect(t.tree.value('DEBUG_ADDR')).toBe('0xff');
});

test('y/n/m on a value entry explain how to edit it', async () => {
  const h = renderMenu(smallTree(BASIC));
  await openDebug(h);
  await h.press(KEY.down, 'y');
  expect(h.frame()).toContain('DEBUG_LEVEL is an int: press Enter to edit it.');
});
