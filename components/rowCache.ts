// The text of the menu's rows, cached. Computing a row needs tree.info() (tens of µs a symbol), so
// after a change a row is computed again only when its signature changed: its value, whether it is
// shown, whether its menu has shown entries, whether it changed since load, MODULES, and the values
// of the symbols its dependencies, selects and implies read. Edited symbols (their "(NEW)") are
// forgotten one by one; changes that move user values around (undo, redo, load) drop everything.
import type { KconfigTree, MenuNode } from '../kconfig/api.js';
import { rowText, type Row, type RowCells } from './rows.js';

interface Entry { version: number; sig: string; inputs: string[]; cells: RowCells }

export class RowCache {
  private entries = new Map<string, Entry>();
  private stale = false;
  private modulesName: string | null | undefined;
  private names: Set<string> | null = null;

  constructor(private readonly tree: KconfigTree) {}

  /** Every row must be computed again (undo/redo, load, MODULES, choice modes, outside changes). */
  markStale(): void { this.stale = true; }

  /** Is this the MODULES symbol (a change of it changes every tristate row)? */
  isModules(name: string): boolean { return name === 'MODULES' || name === this.modulesName; }

  cells(row: Row, version: number, changed: ReadonlySet<string>): RowCells {
    const key = `${row.node.id}:${row.role}:${row.indent}:${row.hidden ? 1 : 0}`;
    if (this.stale) { this.entries.clear(); this.stale = false; }
    const e = this.entries.get(key);
    if (e && e.version === version) return e.cells;
    const n = row.node;
    const cacheable = n.symbol !== null && (n.kind === 'config' || n.kind === 'menuconfig');
    if (e && cacheable) {
      const sig = this.signature(n, e.inputs, changed);
      if (sig === e.sig) { e.version = version; return e.cells; }
    }
    const cells = rowText(this.tree, row, null, { changed });
    if (cacheable) {
      const inputs = this.inputsOf(n.symbol!);
      this.entries.set(key, { version, sig: this.signature(n, inputs, changed), inputs, cells });
    } else this.entries.set(key, { version, sig: '', inputs: [], cells });
    return cells;
  }

  /** Drops the cached rows of these symbols (their user value changed: "(NEW)"). */
  forget(names: Iterable<string>): void {
    const set = new Set(names);
    for (const key of this.entries.keys()) {
      const sym = this.tree.nodeById(Number(key.slice(0, key.indexOf(':')))).symbol;
      if (sym && set.has(sym)) this.entries.delete(key);
    }
  }

  private signature(n: MenuNode, inputs: string[], changed: ReadonlySet<string>): string {
    const t = this.tree;
    if (this.modulesName === undefined) this.modulesName = t.symbolNames().includes('MODULES') ? 'MODULES' : null;
    let sig = `${t.value(n.symbol!)}\0${t.isVisible(n) ? 1 : 0}\0${changed.has(n.symbol!) ? 1 : 0}`;
    if (n.kind === 'menuconfig') sig += `\0${n.children.some((c) => t.isVisible(c)) ? 1 : 0}`;
    if (this.modulesName) sig += `\0${t.value(this.modulesName)}`;
    for (const i of inputs) sig += `\0${safeValue(t, i)}`;
    return sig;
  }

  /** The symbols a row's look depends on besides its own value. */
  private inputsOf(name: string): string[] {
    const info = this.tree.info(name);
    this.names ??= new Set(this.tree.symbolNames());
    const out = new Set<string>();
    const add = (text: string) => { for (const w of text.match(/[A-Za-z0-9_]+/g) ?? []) if (w !== name && this.names!.has(w)) out.add(w); };
    if (info.dependsOn) add(info.dependsOn.text);
    for (const r of info.selectedBy) add(r.expr);
    for (const r of info.impliedBy) add(r.expr);
    return [...out];
  }
}

export function safeValue(tree: KconfigTree, name: string): string {
  try {
    return tree.value(name);
  } catch {
    return '?';
  }
}
