// The rows of one menu screen, as mconf builds them (scripts/kconfig/mconf.c build_conf), and the
// text of each row. A "container" is what the user enters: the root, a `menu`, a `menuconfig`
// or a `choice`. Everything else below a container (implicit submenus, `if` blocks, the children
// of the selected choice member) is shown inline, indented.
import type { KconfigTree, MenuNode, SymbolInfo } from '../kconfig/api.js';
import { annotate, splitTopAnd, evalText } from './exprText.js';

export type RowRole =
  | 'entry' // a normal item
  | 'header' // the `--- prompt` line at the top of an entered menuconfig
  | 'member' // the selected member of a choice, shown inline under the choice
  | 'radio'; // a member inside an entered choice

export interface Row {
  readonly node: MenuNode;
  readonly indent: number;
  readonly role: RowRole;
  /** Not visible: shown only because "show all" (z) is on. */
  readonly hidden?: boolean;
}

export interface RowOptions {
  /** mconf's `z`: also entries whose prompt is hidden (greyed). */
  showAll?: boolean;
}

export const isContainer = (n: MenuNode): boolean =>
  n.parent === null || n.kind === 'menu' || n.kind === 'menuconfig' || n.kind === 'choice';

/** Can the user enter this row (open it as a submenu)? */
export function canEnter(_tree: KconfigTree, row: Row): boolean {
  const n = row.node;
  if (row.role !== 'entry' && row.role !== 'member') return false;
  if (row.role === 'member' && n.kind !== 'menuconfig') return false;
  return n.kind === 'menu' || n.kind === 'menuconfig' || n.kind === 'choice';
}

/** The rows of a container, mirroring build_conf (and conf_choice for choices). */
export function menuRows(tree: KconfigTree, container: MenuNode, opts: RowOptions = {}): Row[] {
  const showAll = !!opts.showAll;
  const out: Row[] = [];
  if (container.kind === 'choice') {
    for (const c of container.children) {
      const vis = tree.isVisible(c);
      if (vis) out.push({ node: c, indent: 0, role: 'radio' });
      else if (showAll && c.prompt !== null) out.push({ node: c, indent: 0, role: 'radio', hidden: true });
    }
    return out;
  }
  const build = (menu: MenuNode, indent: number, role: RowRole, parentHidden: boolean): void => {
    const visible = tree.isVisible(menu);
    if (showAll ? menu.prompt === null && menu !== container : !visible) return;
    const hidden = parentHidden || !visible;
    const push = (r: RowRole) => out.push(hidden && menu !== container ? { node: menu, indent, role: r, hidden: true } : { node: menu, indent, role: r });
    let doint = 2;
    if (menu.kind === 'menu' || menu.kind === 'comment' || menu.kind === 'if') {
      if (menu.prompt !== null && menu !== container) {
        push(role);
        if (menu.kind === 'menu') return;
      } else doint = 0;
    } else if (menu.kind === 'choice') {
      push(role);
      const st = tree.choiceState(menu);
      if (st.mode === 'y') {
        const def = st.selected === null ? undefined : menu.children.find((c) => c.symbol === st.selected && tree.isVisible(c));
        if (def && def.children.length) build(def, indent + 2, 'member', hidden);
        return;
      }
    } else {
      // config / menuconfig
      if (menu === container) {
        out.push({ node: menu, indent, role: 'header' });
      } else {
        push(role);
        if (menu.kind === 'menuconfig') return;
      }
    }
    for (const c of menu.children) build(c, indent + doint, 'entry', hidden && menu !== container);
  };
  build(container, 0, 'entry', false);
  return out;
}

/** The container that shows `node` in its rows. */
export function containerOf(node: MenuNode): MenuNode {
  let p = node.parent;
  while (p && !isContainer(p)) p = p.parent;
  if (!p) return node; // the root
  // children of a choice member are shown inline under the choice, in the choice's own container
  if (p.kind === 'choice' && node.parent !== p) return containerOf(p);
  return p;
}

/** Containers from the root down to the one that shows `node`. */
export function containerChain(node: MenuNode): MenuNode[] {
  const chain: MenuNode[] = [];
  if (node.parent === null) return [node];
  for (let c = containerOf(node); ; c = containerOf(c)) {
    chain.unshift(c);
    if (c.parent === null) break;
  }
  return chain;
}

/** The type of a symbol as the menu shows it (a tristate is a bool while MODULES is off). */
export type ShownType = 'bool' | 'tristate' | 'int' | 'hex' | 'string' | 'unknown';

export interface RowCells {
  /** The whole row as mconf prints it (mark, indent, prompt, `(NEW)`, `--->`). */
  text: string;
  /** The mark column: `[*]`, `<M>`, `-*-`, `(X)`, `(64)`, `---` or blanks. */
  mark: string;
  /** True when the row is dimmed (comments, `if` headers, hidden entries). */
  dim: boolean;
  /** The symbol's value differs from the loaded configuration. */
  changed: boolean;
  /** The symbol name (shown with `c`), or null. */
  name: string | null;
  /** For entries shown only by "show all": why they are hidden. */
  reason: string | null;
}

/** Kept for callers that still pass facts; the engine now says the shown type itself. */
export interface TreeFacts {
  modulesOn: boolean;
}

export function treeFacts(tree: KconfigTree): TreeFacts {
  let modulesOn = false;
  try {
    modulesOn = tree.value('MODULES') !== 'n';
  } catch {
    modulesOn = false;
  }
  return { modulesOn };
}

export function shownType(info: SymbolInfo, _facts?: TreeFacts): ShownType {
  return info.effectiveType;
}

const triChar = (v: string): string => (v === 'y' ? '*' : v === 'm' ? 'M' : ' ');

/** The mark for a bool/tristate symbol, mconf style. */
export function markOf(info: SymbolInfo, _facts?: TreeFacts): string {
  const ch = triChar(info.value);
  if (!info.changeable) return info.effectiveType === 'bool' ? `-${info.value === 'n' ? ' ' : '*'}-` : `-${ch}-`;
  if (info.effectiveType === 'bool') return `[${info.value === 'n' ? ' ' : '*'}]`;
  return info.selectedLevel === 'm' ? `{${ch}}` : `<${ch}>`;
}

/** Is the symbol new (no user value yet) and changeable? mconf shows " (NEW)". */
const isNew = (info: SymbolInfo): boolean => info.userValue === null && info.changeable;

const hasVisibleChild = (tree: KconfigTree, n: MenuNode) => n.children.some((c) => tree.isVisible(c));

export interface CellOptions {
  /** Names of symbols changed since the configuration was loaded. */
  changed?: ReadonlySet<string>;
}

/** Text of one row, as mconf prints it (without the highlight). */
export function rowText(tree: KconfigTree, row: Row, _facts?: TreeFacts | null, opts: CellOptions = {}): RowCells {
  const n = row.node;
  const pad = ' '.repeat(row.indent + 1);
  const prompt = n.prompt ?? n.symbol ?? '';
  const hidden = !!row.hidden;
  const base = { changed: false, name: null as string | null, reason: hidden ? hiddenReason(tree, n) : null };
  const mk = (mark: string, rest: string, dim = false): RowCells => ({ ...base, text: mark + rest, mark, dim: dim || hidden });
  switch (n.kind) {
    case 'menu':
      return mk('   ', `${pad}${prompt}  ${hasVisibleChild(tree, n) ? '--->' : '----'}`);
    case 'comment':
      return mk('   ', `${pad}*** ${prompt} ***`, true);
    case 'if':
      return mk('---', `${pad}${prompt}`, true);
    case 'choice': {
      const st = tree.choiceState(n);
      const changeable = st.assignableModes.length > 1;
      let mark = '   ';
      if (changeable) {
        const tri = st.assignableModes.includes('m') || st.mode === 'm';
        mark = tri ? `<${triChar(st.mode)}>` : `[${st.mode === 'n' ? ' ' : '*'}]`;
      }
      let rest = `${pad}${prompt}`;
      if (st.mode === 'y') {
        const def = st.selected === null ? undefined : n.children.find((c) => c.symbol === st.selected && tree.isVisible(c));
        if (def) rest += ` (${def.prompt ?? st.selected})  --->`;
        else if (hidden) rest += '  --->';
      }
      const cells = mk(mark, rest);
      if (n.symbol) cells.name = n.symbol;
      return cells;
    }
    default:
      break;
  }
  const info = tree.info(n.symbol!);
  const t = info.effectiveType;
  const newMark = isNew(info) ? ' (NEW)' : '';
  const changed = !!opts.changed?.has(info.name);
  const withSym = (c: RowCells): RowCells => ({ ...c, changed, name: info.name });
  if (row.role === 'header') return withSym(mk('---', `${pad}${prompt}`));
  if (row.role === 'radio' && (t === 'bool' || t === 'tristate')) {
    const m = info.value === 'y' ? '(X)' : info.value === 'm' ? '(M)' : '( )';
    // mconf's choice list (conf_choice) marks nothing new: its members have no value of their own
    return withSym(mk(m, ` ${prompt}`));
  }
  if (t === 'int' || t === 'hex' || t === 'string' || t === 'unknown') {
    const v = `(${info.value})`;
    const gap = Math.max(1, row.indent - v.length + 4);
    return withSym(mk(v, `${' '.repeat(gap)}${prompt}${newMark}`));
  }
  if (row.role === 'member' || (info.choice !== null && info.value === 'y')) {
    return withSym(mk('   ', `${pad}${prompt}${newMark}`));
  }
  let rest = `${pad}${prompt}${newMark}`;
  if (n.kind === 'menuconfig') rest += `  ${hasVisibleChild(tree, n) ? '--->' : '----'}`;
  return withSym(mk(markOf(info), rest));
}

/** Why an entry is not shown (for "show all"), in a few words with the values of the terms. */
export function hiddenReason(tree: KconfigTree, n: MenuNode): string {
  if (n.parent?.kind === 'choice') return 'its choice is off or not shown';
  if (n.symbol && n.kind !== 'choice') {
    const info = tree.info(n.symbol);
    if (info.dependsOn && info.dependsOn.value === 'n' && info.dependsOn.text !== '<choice>') {
      const terms = splitTopAnd(info.dependsOn.text).filter((t) => evalText(tree, t) === 'n');
      const shown = (terms.length ? terms : [info.dependsOn.text]).map((t) => annotate(tree, t));
      return `depends on ${shown.join(' && ')}`;
    }
    if (n.parent && !tree.isVisible(n.parent) && n.parent.parent !== null) return 'its menu is hidden';
    return 'prompt condition not met';
  }
  if (n.parent && n.parent.parent !== null && !tree.isVisible(n.parent)) return 'its menu is hidden';
  return 'dependencies not met';
}

/** The breadcrumb for a stack of containers. */
export function breadcrumb(tree: KconfigTree, stack: readonly MenuNode[]): string[] {
  return stack.map((n, i) => (i === 0 ? tree.title : n.prompt ?? n.symbol ?? '?'));
}

/** The short value column of an entry outside its menu (search results). */
export function entryMark(tree: KconfigTree, node: MenuNode): string {
  if (node.kind === 'menu') return '-->';
  if (node.kind === 'choice') return '(•)';
  if (!node.symbol) return '   ';
  const info = tree.info(node.symbol);
  const t = info.effectiveType;
  if (info.choice !== null && t === 'bool') return info.value === 'y' ? '(X)' : '( )';
  if (t === 'bool' || t === 'tristate') return markOf(info);
  return `(${info.value})`;
}

/** One line for an entry outside its menu (search results): mark or value, prompt, name, path. */
export function entryText(tree: KconfigTree, node: MenuNode, _facts?: TreeFacts): { text: string; hidden: boolean } {
  const hidden = !tree.isVisible(node);
  const path = node.path.length ? node.path.join(' › ') : '(main menu)';
  if (node.kind === 'menu') return { text: `--> ${node.prompt}   · ${path}`, hidden };
  if (node.kind === 'choice') return { text: `(•) ${node.prompt} (${tree.nodeValue(node) ?? 'none'})   · ${path}`, hidden };
  const info = tree.info(node.symbol!);
  const mark = entryMark(tree, node);
  const prompt = node.prompt ?? '(no prompt)';
  return { text: `${mark} ${prompt}  ${info.name}${hidden ? ' [hidden]' : ''}   · ${path}`, hidden };
}
