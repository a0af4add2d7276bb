// What the quit and preview dialogs and the choice list say (issues 12 and 16): the quit dialog's
// sentence fits whether the file exists, the preview warns about a selected symbol no library
// defines, and a choice's list marks nothing "(NEW)" (mconf's radiolist does not).
import { afterEach, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderMenu, smallTree } from './helpers.js';

afterEach(() => cleanup());

const TREE = `
config A
\tbool "Feature A"
\tselect MISSING_LIB
config B
\tbool "Feature B"
choice
\tprompt "Flavour"
config SWEET
\tbool "Sweet"
config SOUR
\tbool "Sour"
endchoice
`;

test('quit on a configuration that does not exist yet says saving writes it', async () => {
  const h = renderMenu(smallTree(TREE));
  await h.press('q');
  expect(h.frame()).toContain('The file does not exist yet: saving writes it.');
});

test('quit on an existing file that conf would rewrite says no value changed', async () => {
  // B has no line: conf_read leaves the configuration changed (a new option), but no value differs
  const h = renderMenu(smallTree(TREE, '# CONFIG_A is not set\nCONFIG_SWEET=y\n# CONFIG_SOUR is not set\n'));
  await h.press('q');
  const f = h.frame();
  expect(f).toContain('No value changed, but saving rewrites the file');
  expect(f).not.toContain('does not exist yet');
});

test('the preview of a change that selects an undefined symbol says so', async () => {
  const h = renderMenu(smallTree(TREE, 'save'));
  await h.press('p');
  expect(h.frame()).toContain('! MISSING_LIB is not defined by any');
});

test('a choice list marks no member (NEW)', async () => {
  const h = renderMenu(smallTree(TREE));
  await h.press(KEY.down, KEY.down, KEY.enter);
  const f = h.frame();
  expect(f).toContain('(X) Sweet');
  expect(f).toContain('( ) Sour');
  expect(f).not.toMatch(/Sweet \(NEW\)|Sour \(NEW\)/);
});
