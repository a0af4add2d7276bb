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
    expect(w).toContain('  default y if DEBUG [=y] && DEBUG_LEVEL [=2]>3  [=n]');
    expect(w).toContain('Depends on: DEBUG [=y]  (met)');
    t.tree.set('DEBUG_LEVEL', '5');
    w = text(t, 'DEBUG_VERBOSE');
    expect(w).toContain('No value set by you: default y if DEBUG [=y] && DEBUG_LEVEL [=5]>3 (active)');
    expect(w).toContain('→ default y if DEBUG [=y] && DEBUG_LEVEL [=5]>3  [=y]');
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
    expect(w).toContain('It is forced to y by select from DRV_A [=y]; turn it off to change it:');
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
    expect(text(t, 'SCHED_RR')).toContain('It is the selected member of the choice "Scheduler".');
    expect(text(t, 'SCHED_COOP')).toContain('Another member of the choice "Scheduler" is selected.');
  });
});

test('w opens the why view for the highlighted entry; the details pane shows the short why', async () => {
  const t = smallTree(BASIC);
  const h = renderMenu(t);
  await h.press(KEY.down, KEY.enter, ' ', KEY.down); // Drivers: enable Driver A, go to Library X
  let f = h.frame();
  expect(f).toContain('Selected by DRV_A [=y]: select forces at least y.'); // details pane
  await h.press('w');
  f = h.frame();
  expect(f).toContain('Why: LIB_X');
  expect(f).toContain('LIB_X — Library X');
  expect(f).toContain('Why is it y?');
  expect(f).toContain('It is forced to y by select');
  await h.press('q'); // q closes the pager, not the program
  expect(h.exited()).toBe(false);
  expect(h.frame()).toContain('-*- Library X');
});
