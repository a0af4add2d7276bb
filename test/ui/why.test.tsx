import fs from 'node:fs';
// The why view (w) and its text.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { annotate, evalText, splitTopAnd } from '../../components/exprText.js';
import { whyLines } from '../../components/why.js';
import { BASIC } from './fixtures.js';
import { KEY, renderMenu, smallTree } from './helpers.js';

afterEach(() => cleanup());

const text = (t: ReturnType<typeof smallTree>, name: string) => whyLines(t.tree, name).map((l) => l.text).join('\n');

describe('expression text', () => {
  test('annotates symbols with their values, splits and evaluates terms', () => {
    const t = smallTree(BASIC);
    t.tree.set('NET', 'y');
    expect(annotate(t.tree, 'NET && !DRV_A')).toBe('NET [=y] && !DRV_A [=n]');
    expect(annotate(t.tree, 'NET [=y] && DRV_A')).toBe('NET [=y] && DRV_A [=n]');
    expect(splitTopAnd('A && (B && C) || D && E')).toEqual(['A', '(B && C) || D', 'E']);
    expect(evalText(t.tree, 'NET && !DRV_A')).toBe('y');
    expect(evalText(t.tree, 'NET && DRV_A')).toBe('n');
    expect(evalText(t.tree, 'DEBUG_LEVEL > 3')).toBe('n');
    expect(evalText(t.tree, 'DEBUG_LEVEL = 2')).toBe('y');
    expect(evalText(t.tree, 'NET &&')).toBeNull();
  });
});

describe('why text', () => {
  test('default with its condition', () => {
    const t = smallTree(BASIC);
    let w = text(t, 'DEBUG_VERBOSE');
    expect(w).toContain('Why is it n?');
    expect(w).toContain('No default condition is true, so it is n.');
    // the `if DEBUG` block is part of every default's condition
    expect(w).toContain('  default y if DEBUG [=y] && DEBUG_LEVEL [=2]>3   (condition = n)');
    expect(w).toContain('Depends on: DEBUG [=y]  (met)');
    t.tree.set('DEBUG_LEVEL', '5');
    w = text(t, 'DEBUG_VERBOSE');
    expect(w).toContain('No value set by you: default y if DEBUG [=y] && DEBUG_LEVEL [=5]>3 (active)');
    expect(w).toContain('→ default y if DEBUG [=y] && DEBUG_LEVEL [=5]>3   (condition = y)');
  });

  test('user value', () => {
    const t = smallTree(BASIC);
    t.tree.set('NET', 'y');
    const w = text(t, 'NET');
    expect(w).toContain('You set it to y.');
    expect(w).toContain('Nothing: you can set it to n/y.');
  });

  test('selected by, and forced by select', () => {
    const t = smallTree(BASIC);
    t.tree.set('DRV_A', 'y');
    const w = text(t, 'LIB_X');
    expect(w).toContain('Selected by DRV_A [=y]: select forces at least y.');
    expect(w).toContain('It is forced to y by select from DRV_A [=y]: turn it off to change it.');
    expect(w).toContain('[y] DRV_A [=y]');
  });

  test('unmet dependencies with each value', () => {
    const t = smallTree(BASIC);
    t.tree.set('NET', 'y');
    const w = text(t, 'DRV_B');
    expect(w).toContain('Why can it not be enabled?');
    expect(w).toContain('unmet dependencies: NET [=y] && DRV_A [=n]');
    expect(w).toContain('✓ NET [=y]');
    expect(w).toContain('✗ DRV_A [=n]');
  });

  test('choice members', () => {
    const t = smallTree(BASIC);
    expect(text(t, 'SCHED_RR')).toContain('SCHED_RR is the selected member of the choice "Scheduler": the choice\'s default SCHED_RR.');
    expect(text(t, 'SCHED_COOP')).toContain('SCHED_RR is selected in the choice "Scheduler" instead.');
  });
});

test('w opens the why view as a tree from the engine\'s explanation; → expands a term into its symbol\'s reasons', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t, {}, { width: 110, height: 40 });
  await h.press(KEY.down, KEY.enter, ' ', KEY.down); // Drivers: enable Driver A, go to Library X
  let f = h.frame();
  expect(f).toContain('Selected by DRV_A [=y]: select forces at least y.'); // details pane
  await h.press('w');
  f = h.frame();
  expect(f).toContain('Why: LIB_X — Library X = y');
  expect(f).toContain('> ▾ DRV_A [=y] selects LIB_X');
  expect(f).toContain('the user set DRV_A to y');
  expect(f).toContain('▾ LIB_X is forced to y by select from DRV_A [=y]');
  expect(f).toContain('▸ ✓ DRV_A [=y]');
  // the way out, computed by the engine (kconfig/explain.ts wayOut)
  expect(f).toContain('Way out to LIB_X=n');
  expect(f).toContain('1. turn off DRV_A   (now y; it selects LIB_X)');
  // ← collapses, → expands again
  await h.press(KEY.left);
  expect(h.frame()).not.toContain('the user set DRV_A to y');
  await h.press(KEY.right);
  expect(h.frame()).toContain('the user set DRV_A to y');
  // expand the select's term into DRV_A's own reasons
  await h.press(KEY.end, KEY.right);
  expect(h.frame()).toMatch(/▾ ✓ DRV_A \[=y\]\n.*the user set DRV_A to y/);
  await h.press(KEY.left, KEY.left); // collapse, then to the parent
  expect(selectedLineWhy(h.frame())).toContain('▾ LIB_X is forced to y');
  // y/n/m choose another target: on is what it is already
  await h.press('y');
  expect(h.frame()).toContain('Way out to LIB_X=y');
  await h.press('a');
  expect(h.frame()).toContain('LIB_X is already y');
  await h.press('q'); // q closes the view, not the program
  expect(h.exited()).toBe(false);
  expect(h.frame()).toContain('-*- Library X');
});

function selectedLineWhy(frame: string): string {
  return frame.split('\n').find((l) => l.startsWith('>')) ?? '';
}

test('a applies the way out as one change after showing every value that changes; u undoes it', async () => {
  const t = smallTree(BASIC, 'save');
  t.tree.set('DRV_A', 'y');
  const h = renderMenu(t, {}, { width: 110, height: 40 });
  await h.press(KEY.down, KEY.enter, KEY.down, 'w', 'a');
  let f = h.frame();
  expect(f).toContain('Way out: turn LIB_X off');
  expect(f).toContain('Edits: DRV_A=n');
  expect(f).toMatch(/DRV_A\s+y → n/);
  expect(f).toMatch(/LIB_X\s+y → n/);
  expect(t.tree.value('LIB_X')).toBe('y');
  await h.press(KEY.enter); // Apply
  expect(t.tree.value('LIB_X')).toBe('n');
  expect(t.tree.value('DRV_A')).toBe('n');
  f = h.frame();
  expect(f).toContain('Applied the way out: turn LIB_X off');
  expect(f).toContain('Why: LIB_X — Library X = n'); // the why view again, for the new value
  await h.press(KEY.esc, 'u'); // one undo step for the whole plan
  expect(t.tree.value('LIB_X')).toBe('y');
  expect(t.tree.value('DRV_A')).toBe('y');
});

test('the way out of unmet dependencies turns them on; the .config written has it', async () => {
  const t = smallTree(BASIC, 'save');
  const h = renderMenu(t, {}, { width: 110, height: 40 });
  await h.press('/');
  await h.type('DRV_B');
  await h.press(KEY.tab, 'w');
  let f = h.frame();
  expect(f).toContain('▾ unmet dependencies (Kconfig:25): NET [=n], DRV_A [=n]');
  expect(f).toContain("✗ NET [=n]   (from DRV_B's depends on)");
  expect(f).toContain('Way out to DRV_B=y');
  expect(f).toContain('1. turn on NET   (now n; DRV_B depends on it)');
  await h.press('a');
  expect(h.frame()).toMatch(/NET_PORT\s+ → 80/); // everything else that changes
  await h.press(KEY.enter);
  expect(t.tree.value('DRV_B')).toBe('y');
  expect(t.tree.value('NET')).toBe('y');
  expect(t.tree.value('DRV_A')).toBe('y');
  await h.press(KEY.esc, KEY.esc, 's');
  f = fs.readFileSync(t.configPath, 'utf8');
  expect(f).toContain('CONFIG_DRV_B=y');
  expect(f).toContain('CONFIG_NET=y');
});

test('a choice member: the way out picks another member', async () => {
  const t = smallTree(BASIC, 'save');
  const h = renderMenu(t, {}, { width: 110, height: 40 });
  await h.press(KEY.down, KEY.down, KEY.enter, 'w');
  const f = h.frame();
  expect(f).toContain('Why: SCHED_RR');
  expect(f).toContain('the selected member of the choice "Scheduler"');
  expect(f).toContain('1. turn on SCHED_COOP');
  await h.press('a', KEY.enter);
  expect(t.tree.value('SCHED_COOP')).toBe('y');
  expect(t.tree.value('SCHED_RR')).toBe('n');
});
