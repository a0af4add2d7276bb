// The menu's `t` (pick a target of the application) and `W` (write the configuration's changes back
// into the Kraftfile) as full-screen panels (components/panel.ts). The lists are ink-select-input's
// (components/TargetViews.tsx): arrows and Enter go to them, Esc closes. What the panels do comes
// from src/ through small interfaces, so nothing here knows Kraftfiles.
import React from 'react';
import type { Key } from 'ink';
import type { Panel } from '../panel.js';
import { TargetPickerView, WriteBackView } from '../TargetViews.js';

/** One line of the picker. */
export interface TargetItem {
  id: string;
  /** plat/arch and where it comes from. */
  detail: string;
  current: boolean;
}

/** Listeners of a panel (the menu redraws when they are told). */
class Listeners {
  private fns = new Set<() => void>();
  subscribe(fn: () => void): () => void { this.fns.add(fn); return () => { this.fns.delete(fn); }; }
  notify(): void { for (const fn of this.fns) fn(); }
}

/** `t`: the targets, the current one first highlighted; Enter picks (the menu reopens on it). */
export class TargetPicker implements Panel {
  readonly title = 'Targets: pick the configuration to edit';
  readonly closable = true;
  private readonly listeners = new Listeners();

  constructor(readonly items: TargetItem[], private readonly onPick: (id: string) => void) {}

  render(size: { columns: number; rows: number }): React.ReactNode {
    return React.createElement(TargetPickerView, { picker: this, width: size.columns, height: size.rows });
  }

  onKey(_input: string, _key: Key): boolean { return false; }
  subscribe(fn: () => void): () => void { return this.listeners.subscribe(fn); }
  dispose(): void {}

  choose(id: string): void { this.onPick(id); }
}

export type WriteBackScope = 'target' | 'all';

/** What W needs from the application: the diff for a scope, and writing it. */
export interface WriteBackSource {
  /** The target's name for the title. */
  target: string;
  /** `diff -u` of the Kraftfile for the scope ('' when nothing to record); throws a message when it cannot be done. */
  diff(scope: WriteBackScope): string;
  /** Writes it; resolves to notes (values the Kraftfile still does not give exactly). */
  write(scope: WriteBackScope): Promise<string[]>;
}

/** `W`: the Kraftfile diff for the highlighted choice (this target / every target); Enter writes it. */
export class WriteBackPanel implements Panel {
  readonly title: string;
  readonly closable = true;
  scope: WriteBackScope = 'target';
  state: 'ready' | 'writing' | 'done' | 'failed' = 'ready';
  /** The outcome after writing (or why not). */
  message: string[] = [];
  /** Lines of the diff scrolled off the top. */
  top = 0;
  private readonly listeners = new Listeners();
  private readonly diffs = new Map<WriteBackScope, string | Error>();

  constructor(private readonly source: WriteBackSource) {
    this.title = `Write back to the Kraftfile (target ${source.target})`;
  }

  /** The diff for the current scope, or the reason there is none. */
  diff(): string | Error {
    if (!this.diffs.has(this.scope)) {
      try { this.diffs.set(this.scope, this.source.diff(this.scope)); } catch (e) { this.diffs.set(this.scope, e as Error); }
    }
    return this.diffs.get(this.scope)!;
  }

  render(size: { columns: number; rows: number }): React.ReactNode {
    return React.createElement(WriteBackView, { panel: this, width: size.columns, height: size.rows });
  }

  onKey(_input: string, key: Key): boolean {
    if (key.pageDown) { this.top += 10; this.listeners.notify(); return true; }
    if (key.pageUp) { this.top = Math.max(0, this.top - 10); this.listeners.notify(); return true; }
    return false;
  }

  subscribe(fn: () => void): () => void { return this.listeners.subscribe(fn); }
  dispose(): void {}

  highlight(scope: WriteBackScope): void {
    if (this.scope === scope || this.state !== 'ready') return;
    this.scope = scope;
    this.top = 0;
    this.listeners.notify();
  }

  /** Enter on a choice: writes the Kraftfile for that scope. */
  choose(scope: WriteBackScope): void {
    if (this.state !== 'ready') return;
    this.scope = scope;
    const d = this.diff();
    if (d instanceof Error || d === '') return;
    this.state = 'writing';
    this.listeners.notify();
    this.source.write(scope).then(
      (notes) => {
        this.state = 'done';
        this.message = notes.length ? ['Written. The Kraftfile does not give exactly this configuration:', ...notes] : ['Written: the Kraftfile now gives exactly this configuration.'];
        this.listeners.notify();
      },
      (e: unknown) => {
        this.state = 'failed';
        this.message = [`Not written: ${e instanceof Error ? e.message : String(e)}`];
        this.listeners.notify();
      },
    );
  }
}
