// The full-screen panel mechanism used by the build and run views (components/panel.ts).
import { afterEach, describe, expect, test } from 'vitest';
import React from 'react';
import { Text } from 'ink';
import { cleanup } from 'ink-testing-library';
import type { Panel } from '../../components/panel.js';
import { BASIC } from './fixtures.js';
import { KEY, renderMenu, selectedLine, smallTree } from './helpers.js';

afterEach(() => cleanup());

function fakePanel() {
  const listeners = new Set<() => void>();
  const state = { lines: ['step 1'], keys: [] as string[], disposed: 0 };
  const panel: Panel = {
    title: 'Build helloworld',
    closable: false,
    render: ({ columns, rows }) => (
      <>
        {state.lines.map((l, i) => <Text key={i}>{l}</Text>)}
        <Text>{`size ${columns}x${rows}`}</Text>
      </>
    ),
    onKey: (input) => {
      if (input === 'x') { state.keys.push(input); return true; }
      return false;
    },
    subscribe: (fn) => { listeners.add(fn); return () => listeners.delete(fn); },
    dispose: () => { state.disposed++; },
  };
  const push = (line: string) => { state.lines.push(line); for (const l of listeners) l(); };
  return { panel, state, push, listeners };
}

describe('panel', () => {
  test('b shows the returned panel full screen, re-renders on notify, closes with Esc once closable', async () => {
    const t = smallTree(BASIC, 'save');
    const p = fakePanel();
    let calls = 0;
    const h = renderMenu(t, { onBuild: () => { calls++; return p.panel; } }, { width: 90, height: 24 });
    await h.press(KEY.down, KEY.down);
    const before = selectedLine(h.frame());
    await h.press('b');
    expect(calls).toBe(1);
    let f = h.frame();
    expect(f).toContain('Build helloworld');
    expect(f).toContain('step 1');
    expect(f).toContain('size 90x23');
    expect(f).not.toContain('Networking support');
    p.push('step 2');
    await h.press(); // let Ink render
    await new Promise((r) => setTimeout(r, 20));
    expect(h.frame()).toContain('step 2');
    await h.press('x');
    expect(p.state.keys).toEqual(['x']);
    // not closable yet: Esc and q stay in the panel
    await h.press(KEY.esc, 'q');
    expect(h.frame()).toContain('step 2');
    expect(p.state.disposed).toBe(0);
    expect(h.exited()).toBe(false);
    p.panel.closable = true;
    await h.press(KEY.esc);
    f = h.frame();
    expect(p.state.disposed).toBe(1);
    expect(p.listeners.size).toBe(0);
    expect(selectedLine(f)).toBe(before);
    h.unmount();
  });

  test('r saves unsaved changes first, q closes a closable panel', async () => {
    const t = smallTree(BASIC, 'save');
    const p = fakePanel();
    p.panel.closable = true;
    const h = renderMenu(t, { onRun: () => p.panel });
    await h.press('y'); // NET = y, unsaved
    expect(h.controller.dirty).toBe(true);
    await h.press('r');
    expect(h.controller.dirty).toBe(false);
    expect(h.frame()).toContain('step 1');
    await h.press('q');
    expect(h.exited()).toBe(false);
    expect(h.frame()).toContain('Networking support');
    expect(p.state.disposed).toBe(1);
    h.unmount();
  });
});
