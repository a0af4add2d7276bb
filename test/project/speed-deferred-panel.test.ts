// The menu's b/r panels from modules loaded on first use (src/deferredPanel.ts): until they are
// there a stand-in with the same title shows "Loading…"; then it is the real panel (rendering,
// keys, closable, notifications), a panel closed meanwhile is disposed on arrival, and later calls
// get the real panel at once. The real build and run panels through it: test/run/menu-hooks.test.tsx.
import { describe, expect, it, vi } from 'vitest';
import type { Panel } from '../../components/panel.js';
import { whenLoaded } from '../../src/deferredPanel.js';

class FakePanel implements Panel {
  closable = false;
  disposed = false;
  keys: string[] = [];
  private listeners = new Set<() => void>();
  constructor(readonly title: string) {}
  render() { return `body of ${this.title}`; }
  onKey(input: string) { this.keys.push(input); return true; }
  subscribe(l: () => void) { this.listeners.add(l); return () => { this.listeners.delete(l); }; }
  dispose() { this.disposed = true; }
  notify() { for (const l of this.listeners) l(); }
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

const size = { columns: 80, rows: 20 };
const textOf = (node: unknown) => JSON.stringify(node);

describe('b/r panels loaded on first use', () => {
  it('is a stand-in until the module is there, then the real panel', async () => {
    const mod = deferred<{ make: (t: string) => FakePanel }>();
    let loads = 0;
    const load = () => { loads++; return mod.promise; };
    const made: FakePanel[] = [];
    const hook = whenLoaded(load, () => 'Build app', (m) => { const p = m.make('Build app'); made.push(p); return p; });
    const panel = hook() as Panel;
    expect(panel.title).toBe('Build app');
    // (its text, a React element, loads with the first stand-in: the menu runs on React by then)
    await vi.waitFor(() => expect(textOf(panel.render(size))).toContain('Loading…'));
    expect(panel.onKey('x', {} as never)).toBe(false);
    expect(panel.closable).toBe(true);
    let notified = 0;
    const off = panel.subscribe(() => notified++);

    mod.resolve({ make: (t) => new FakePanel(t) });
    await mod.promise;
    await new Promise((r) => setTimeout(r, 0));
    expect(notified).toBe(1); // the menu redraws with the real panel
    expect(panel.render(size)).toBe('body of Build app');
    expect(panel.onKey('q', {} as never)).toBe(true);
    expect(made[0].keys).toEqual(['q']);
    expect(panel.closable).toBe(false);
    made[0].notify();
    expect(notified).toBe(2); // the real panel's changes reach the menu
    off();
    made[0].notify();
    expect(notified).toBe(2);
    panel.dispose();
    expect(made[0].disposed).toBe(true);

    // loaded: the real panel at once, and the module is not loaded again
    const again = hook() as Panel;
    expect(again).toBeInstanceOf(FakePanel);
    expect(loads).toBe(1);
  });

  it('disposes a panel that arrives after its stand-in was closed; says why when loading fails', async () => {
    const mod = deferred<number>();
    const made: FakePanel[] = [];
    const panel = whenLoaded(() => mod.promise, () => 'Run', () => { const p = new FakePanel('Run'); made.push(p); return p; })() as Panel;
    panel.dispose();
    mod.resolve(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(made[0].disposed).toBe(true);

    const failing = whenLoaded(() => Promise.reject(new Error('no such module')), () => 'Run', () => new FakePanel('Run'))() as Panel;
    await vi.waitFor(() => expect(textOf(failing.render(size))).toContain('Run is not available: no such module'));
    expect(failing.closable).toBe(true);
  });
});
