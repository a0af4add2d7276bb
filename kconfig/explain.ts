// Why a symbol has its value, and how to change it: explanations and "way out" plans built on the
// engine's own structures (dependency, select and imply expressions with their current values).
// Read-only over the engine; no UI imports.
import type { KconfigTree, KindName } from './api.js';
import type { Kconfig } from './kconfig.js';
import { SymType, type Sym } from './model.js';

const KIND: Record<number, KindName> = {
  [SymType.BOOLEAN]: 'bool', [SymType.TRISTATE]: 'tristate', [SymType.INT]: 'int', [SymType.HEX]: 'hex',
  [SymType.STRING]: 'string', [SymType.UNKNOWN]: 'unknown',
};

/** The engine state behind a tree (read-only use). */
function kOf(tree: KconfigTree): Kconfig {
  return (tree as unknown as { k: Kconfig }).k;
}

function findSym(tree: KconfigTree, name: string): Sym | null {
  const s = kOf(tree).find(name);
  if (!s || (s.type === SymType.UNKNOWN && !s.props.length)) return null;
  return s;
}

/** A symbol's declared type without building its whole info (cheap; null for unknown names). */
export function symbolType(tree: KconfigTree, name: string): KindName | null {
  const s = findSym(tree, name);
  return s ? KIND[s.type] : null;
}
