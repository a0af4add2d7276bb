// The quit dialog with unsaved changes: what changed, then save and quit / quit / cancel.
import type { Key } from 'ink';
import { actionOf, hintsOf, QUIT_KEYS } from '../bindings.js';
import type { Change } from '../session.js';
import type { ViewController, ViewDeps } from './view.js';

export const QUIT_CHOICES = [
  { label: 'Yes, save and quit', value: 'yes' },
  { label: 'No, quit without saving', value: 'no' },
  { label: 'Cancel', value: 'cancel' },
] as const;

export class QuitController implements ViewController {
  readonly kind = 'quit';
  top = 0;

  constructor(private readonly deps: ViewDeps, readonly changes: Change[]) {}

  acceptsText(): boolean { return false; }
  hints() { return hintsOf(QUIT_KEYS); }

  onKey(input: string, key: Key): boolean {
    const h = Math.max(1, this.deps.session.bodyHeight - 6);
    switch (actionOf(QUIT_KEYS, input, key)) {
      case 'exit': this.deps.nav.exit(); return true; // a second Ctrl-C really quits
      case 'pageDown': this.top = Math.max(0, Math.min(this.top + h, this.changes.length - h)); return true;
      case 'pageUp': this.top = Math.max(0, this.top - h); return true;
      case 'yes': this.choose('yes'); return true;
      case 'no': this.choose('no'); return true;
      case 'cancel': this.choose('cancel'); return true;
      default: return false; // arrows and Enter go to the pick list
    }
  }

  /** The answer (from the pick list or a key). */
  choose(choice: string): void {
    const { session: s, nav } = this.deps;
    if (choice === 'yes') { if (s.save()) nav.exit(); else nav.toMenu(); }
    else if (choice === 'no') nav.exit();
    else { nav.toMenu(); s.setStatus('Quit cancelled', 'info'); }
  }
}
