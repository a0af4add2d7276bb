// The inline value editor (Enter on an int, hex or string entry): the text typed, checked against
// the type and range while typing; Enter sets the value (one undo step), Esc leaves it.
import type { Key } from 'ink';
import type { MenuNode, SymbolInfo } from '../../kconfig/api.js';
import { actionOf, EDIT_KEYS, hintsOf } from '../bindings.js';
import { applyTextKey, textState, type TextState } from '../textEdit.js';
import type { ViewController, ViewDeps } from './view.js';

export class EditController implements ViewController {
  readonly kind = 'edit';
  readonly name: string;
  readonly type: string;
  readonly range: { min: string; max: string } | null;
  text: TextState;

  constructor(private readonly deps: ViewDeps, readonly node: MenuNode, info: SymbolInfo) {
    this.name = info.name;
    this.type = info.type;
    this.range = info.range;
    this.text = textState(info.value);
  }

  acceptsText(): boolean { return true; }
  hints() { return hintsOf(EDIT_KEYS); }

  /** Is the edited text acceptable right now? */
  valid(): boolean {
    try {
      return this.deps.session.tree.isAssignable(this.name, this.text.value);
    } catch {
      return false;
    }
  }

  onKey(input: string, key: Key): boolean {
    const { session: s, nav } = this.deps;
    switch (actionOf(EDIT_KEYS, input, key)) {
      case 'cancel': nav.back(); s.status = null; return true;
      case 'set':
        if (s.tree.value(this.name) === this.text.value) { nav.back(); s.status = null; }
        else if (s.assign(this.name, this.text.value)) nav.back();
        return true;
    }
    const next = applyTextKey(this.text, input, key);
    if (!next) return false;
    this.text = next;
    s.status = null;
    return true;
  }
}
