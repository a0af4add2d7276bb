// The rows of one menu screen, as mconf builds them (scripts/kconfig/mconf.c build_conf), and the
// text of each row. A "container" is what the user enters: the root, a `menu`, a `menuconfig`
// or a `choice`. Everything else below a container (implicit submenus, `if` blocks, the children
// of the selected choice member) is shown inline, indented.
import type { KconfigTree, MenuNode, SymbolInfo } from '../kconfig/api.js';

export type RowRole =
  | 'entry' // a normal item
  | 'header' // the `--- prompt` line at the top of an entered menuconfig
  | 'member' // the selected member of a choice, shown inline under the choice
  | 'radio'; // a member inside an entered choice

export interface Row {
  readonly node: MenuNode;
  readonly indent: number;
  readonly role: RowRole;
}

export const isContainer = (n: MenuNode): boolean =>
  n.parent === null || n.kind === 'menu' || n.kind === 'menuconfig' || n.kind === 'choice';

/** Can the user enter this row (open it as a submenu)? */
export function canEnter(tree: KconfigTree, row: Row): boolean {
  const n = row.node;
  if (row.role !== 'entry') return false;
  if (n.kind === 'menu' || n.kind === 'menuconfig') return true;
  return n.kind === 'choice';
}

/** The rows of a container, mirroring build_conf (and conf_choice for choices). */
export function menuRows(tree: KconfigTree, container: MenuNode): Row[] {
  const out: Row[] = [];
  if (container.kind === 'choice') {
    for (const c of container.children) if (tree.isVisible(c)) out.push({ node: c, indent: 0, role: 'radio' });
    return out;
  }
  const build = (menu: MenuNode, indent: number, role: RowRole): void => {
    if (!tree.isVisible(menu)) return;
    let doint = 1;
    if (menu.kind === 'menu' || menu.kind === 'comment' || menu.kind === 'if') {
      if (menu.prompt !== null && menu !== container) {
        out.push({ node: menu, indent, role });
        if (menu.kind === 'menu') return;
      } else doint = 0;
    } else if (menu.kind === 'choice') {
      out.push({ node: menu, indent, role });
      const selected = tree.nodeValue(menu);
      if (selected !== null) {
        const def = menu.children.find((c) => c.symbol === selected && tree.isVisible(c));
        if (def && def.children.length) build(def, indent + 2, 'member');
        return;
      }
    } else {
      // config / menuconfig
      if (menu === container) {
        out.push({ node: menu, indent, role: 'header' });
        doint = 0;
      } else {
        out.push({ node: menu, indent, role });
        if (menu.kind === 'menuconfig') return;
      }
    }
    for (const c of menu.children) build(c, indent + doint, 'entry');
  };
  build(container, 0, 'entry');
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

/** Effective kind of a symbol as mconf shows it (tristate turns into bool without modules). */
export type ShownType = 'bool' | 'tristate' | 'int' | 'hex' | 'string' | 'unknown';

export interface RowCells {
  /** The three-character mark column: `[*]`, `<M>`, `-*-`, `( )`, ... or the value `(64)`. */
  text: string;
  /** True when the row is dimmed (comments, headers). */
  dim: boolean;
}

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

export function shownType(info: SymbolInfo, facts: TreeFacts): ShownType {
  if (info.type !== 'tristate') return info.type;
  return facts.modulesOn || info.value === 'm' || info.assignable.includes('m') ? 'tristate' : 'bool';
}

const triChar = (v: string): string => (v === 'y' ? '*' : v === 'm' ? 'M' : ' ');

/** The mark for a bool/tristate symbol, mconf style. */
export function markOf(info: SymbolInfo, facts: TreeFacts): string {
  const t = shownType(info, facts);
  const ch = triChar(info.value);
  if (!info.changeable) return `-${ch}-`;
  if (t === 'bool') return `[${info.value === 'n' ? ' ' : '*'}]`;
  const forcedMod = info.selectedBy.some((s) => s.value === 'm') && !info.selectedBy.some((s) => s.value === 'y');
  return forcedMod ? `{${ch}}` : `<${ch}>`;
}

/** Is the symbol new (no user value yet) and changeable? mconf shows " (NEW)". */
const isNew = (info: SymbolInfo): boolean => info.userValue === null && info.changeable;

/** Text of one row, as mconf prints it (without the highlight). */
export function rowText(tree: KconfigTree, row: Row, facts: TreeFacts): RowCells {
  const n = row.node;
  const pad = ' '.repeat(row.indent + 1);
  const prompt = n.prompt ?? n.symbol ?? '';
  switch (n.kind) {
    case 'menu':
      return { text: `   ${pad}${prompt}  ${n.children.some((c) => tree.isVisible(c)) ? '--->' : '----'}`, dim: false };
    case 'comment':
      return { text: `   ${pad}*** ${prompt} ***`, dim: true };
    case 'if':
      return { text: `---${pad}${prompt}`, dim: true };
    case 'choice': {
      const sel = tree.nodeValue(n);
      let text = `   ${pad}${prompt}`;
      if (sel !== null) {
        const def = n.children.find((c) => c.symbol === sel && tree.isVisible(c));
        if (def) text += ` (${def.prompt ?? sel})  --->`;
        else text += '  --->';
      } else text += '  --->';
      return { text, dim: false };
    }
    default:
      break;
  }
  const info = tree.info(n.symbol!);
  const t = shownType(info, facts);
  const newMark = isNew(info) ? ' (NEW)' : '';
  if (row.role === 'header') {
    return { text: `---${pad}${prompt}`, dim: false };
  }
  if (row.role === 'radio') {
    if (t === 'bool' || t === 'tristate') {
      const m = info.value === 'y' ? '(X)' : info.value === 'm' ? '(M)' : '( )';
      return { text: `${m} ${prompt}${newMark}`, dim: false };
    }
  }
  if (t === 'int' || t === 'hex' || t === 'string' || t === 'unknown') {
    const v = `(${info.value})`;
    const gap = Math.max(1, row.indent - v.length + 4);
    return { text: `${v}${' '.repeat(gap)}${prompt}${newMark}`, dim: false };
  }
  if (row.role === 'member' || (info.choice !== null && info.value === 'y' && row.role !== 'radio')) {
    return { text: `   ${pad}${prompt}${newMark}`, dim: false };
  }
  let text = `${markOf(info, facts)}${pad}${prompt}${newMark}`;
  if (n.kind === 'menuconfig') text += `  ${n.children.some((c) => tree.isVisible(c)) ? '--->' : '----'}`;
  return { text, dim: false };
}

/** The breadcrumb for a stack of containers. */
export function breadcrumb(tree: KconfigTree, stack: readonly MenuNode[]): string[] {
  return stack.map((n, i) => (i === 0 ? tree.title : n.prompt ?? n.symbol ?? '?'));
}

/** One line for an entry outside its menu (search results): mark or value, prompt, name, path. */
export function entryText(tree: KconfigTree, node: MenuNode, facts: TreeFacts): { text: string; hidden: boolean } {
  const hidden = !tree.isVisible(node);
  const path = node.path.length ? node.path.join(' › ') : '(main menu)';
  if (node.kind === 'menu') return { text: `--> ${node.prompt}   · ${path}`, hidden };
  if (node.kind === 'choice') return { text: `(•) ${node.prompt} (${tree.nodeValue(node) ?? 'none'})   · ${path}`, hidden };
  const info = tree.info(node.symbol!);
  const t = shownType(info, facts);
  let mark: string;
  if (hidden) mark = '   ';
  else if (t === 'bool' || t === 'tristate') mark = markOf(info, facts);
  else mark = `(${info.value})`;
  const prompt = node.prompt ?? '(no prompt)';
  return { text: `${mark} ${prompt}  ${info.name}${hidden ? ' [hidden]' : ''}   · ${path}`, hidden };
}
