// Rules for changing a value, shared by the menu and the search results: the value Space gives,
// why a value cannot change, a choice's own mode, and the preview of what Space would do.
import type { MenuNode, SymbolInfo } from '../../kconfig/api.js';
import type { Row } from '../rows.js';
import type { MenuSession } from '../session.js';
import type { ViewDeps } from './view.js';

/** The value Space would give (the next assignable one in the cycle), or null. */
export function nextValue(info: SymbolInfo): string | null {
  const t = info.effectiveType;
  const cycle = t === 'tristate' ? ['n', 'm', 'y'] : ['n', 'y'];
  const cur = cycle.indexOf(info.value === 'm' && t === 'bool' ? 'y' : info.value);
  for (let i = 1; i < cycle.length; i++) {
    const v = cycle[(cur + i) % cycle.length];
    if (info.assignable.includes(v)) return v;
  }
  return null;
}

export function explainBlocked(s: MenuSession, info: SymbolInfo): void {
  if (info.visible === 'n') s.setStatus(`${info.name} cannot be changed: its prompt is hidden (w tells why)`, 'error');
  else if (!info.changeable) {
    const who = info.selectedBy.filter((x) => x.value !== 'n').map((x) => x.from).join(', ');
    s.setStatus(`${info.name} is forced to ${info.value} by select from ${who || '?'} (w: why, and the way out)`, 'error');
  } else s.setStatus(`${info.name} has no other value it can take now`, 'error');
}

/** Space on a choice: cycles its own mode (n/m/y) when it has several; false when it has not. */
export function cycleChoice(s: MenuSession, node: MenuNode): boolean {
  const st = s.tree.choiceState(node);
  if (st.assignableModes.length <= 1) return false;
  const cycle = st.assignableModes.includes('m') ? ['n', 'm', 'y'] : ['n', 'y'];
  const cur = cycle.indexOf(st.mode);
  for (let i = 1; i < cycle.length; i++) {
    const v = cycle[(cur + i) % cycle.length];
    if (st.assignableModes.includes(v)) { s.assignChoiceMode(node, v); return true; }
  }
  return false;
}

/** y / n / m on a choice: its own mode. */
export function setChoice(s: MenuSession, node: MenuNode, v: 'y' | 'n' | 'm'): void {
  const st = s.tree.choiceState(node);
  if (st.assignableModes.includes(v) && st.assignableModes.length > 1) { s.assignChoiceMode(node, v); return; }
  s.setStatus('This choice has no value of its own: press Enter and pick a member.', 'error');
}

/** The symbol of an entry (not of a choice), or null. */
export function infoOf(s: MenuSession, node: MenuNode): SymbolInfo | null {
  if (!node.symbol || node.kind === 'choice') return null;
  return s.tree.info(node.symbol);
}

/** `p`: the preview of what Space would do to a bool or tristate entry. */
export function previewChange({ session: s, nav }: ViewDeps, row: Row): void {
  const info = infoOf(s, row.node);
  if (!info) { s.setStatus('Nothing to preview here: p previews a change of a bool or tristate entry', 'info'); return; }
  const t = info.effectiveType;
  if (t !== 'bool' && t !== 'tristate') { s.setStatus(`${info.name} is a value: press Enter to edit it`, 'info'); return; }
  const next = row.role === 'radio' ? (info.value === 'y' ? null : 'y') : nextValue(info);
  if (next === null) { explainBlocked(s, info); return; }
  nav.openPreview(`Set ${info.name} to ${next}`, [{ name: info.name, value: next }]);
}
