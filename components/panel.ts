// A generic full-screen panel shown in place of the menu (the build and run views of src/build
// and components/build use it, so they never need to touch the menu's own files). The menu shows
// the panel's title in its title bar, renders `render()` below it, routes keys to `onKey()` and
// re-renders whenever the panel notifies its listeners. Unhandled Esc/q close the panel once it is
// `closable`; the menu then calls `dispose()` and comes back at the same place.
import type React from 'react';
import type { Key } from 'ink';

export interface Panel {
  title: string;
  /** Body below the title bar; re-rendered whenever notify() is called. */
  render(size: { columns: number; rows: number }): React.ReactNode;
  /** Keys while the panel is shown; return true when handled. Unhandled Esc/q close the panel once `closable` is true. */
  onKey(input: string, key: Key): boolean;
  closable: boolean;
  /** The panel calls the listener whenever its state changes. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Called when the panel is closed by the user (stop what is running if needed). */
  dispose(): void;
}

/** What a `b`/`r` hook may return: a panel to show, a promise to wait for, or nothing. */
export type HookResult = Panel | void | Promise<void>;

export function isPanel(x: unknown): x is Panel {
  return !!x && typeof x === 'object' && typeof (x as Panel).render === 'function' && typeof (x as Panel).onKey === 'function'
    && typeof (x as Panel).subscribe === 'function';
}
