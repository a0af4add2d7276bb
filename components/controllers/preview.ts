// The change preview (p, and the why view's way out): every value the edits would change, then
// apply them as one undo step or cancel. The view below is told when values changed.
import type { Key } from 'ink';
import type { Edit } from '../../kconfig/api.js';
import { missingTargets } from '../../kconfig/explain.js';
import { actionOf, hintsOf, PREVIEW_KEYS } from '../bindings.js';
import { toChanges, type Change } from '../session.js';
import type { ViewController, ViewDeps } from './view.js';

export const PREVIEW_CHOICES = [
  { label: 'Apply these changes', value: 'apply' },
  { label: 'Cancel', value: 'cancel' },
] as const;

/** A view that shows values and must look again after the preview applied its edits. */
export interface ShowsValues { valuesChanged(): void }

export const showsValues = (v: unknown): v is ShowsValues => typeof (v as ShowsValues | undefined)?.valuesChanged === 'function';

export class PreviewController implements ViewController {
  readonly kind = 'preview';
  changes: Change[] = [];
  error: string | null = null;
  /** Symbols the changes would select or imply that no library defines (the build would break later). */
  notes: string[] = [];
  top = 0;

  /** `done` heads the status line after applying (empty: the usual report). */
  constructor(private readonly deps: ViewDeps, readonly title: string, readonly edits: Edit[], readonly done = '') {
    try {
      this.changes = toChanges(deps.session.tree.preview(edits));
      const on = this.changes.filter((c) => c.to === 'y' || c.to === 'm');
      this.notes = [...new Set(on.flatMap((c) => missingTargets(deps.session.tree, c.name).map((m) => m.message)))];
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  acceptsText(): boolean { return false; }
  hints() { return hintsOf(PREVIEW_KEYS); }

  onKey(input: string, key: Key): boolean {
    const h = this.deps.session.bodyHeight - 6;
    switch (actionOf(PREVIEW_KEYS, input, key)) {
      case 'pageDown': this.top = Math.max(0, Math.min(this.top + h, this.changes.length - h)); return true;
      case 'pageUp': this.top = Math.max(0, this.top - h); return true;
      case 'apply': this.choose('apply'); return true;
      case 'cancel': this.choose('cancel'); return true;
      default: return false; // arrows and Enter go to the pick list
    }
  }

  /** Apply / Cancel (from the pick list or a key). */
  choose(choice: string): void {
    const { session: s, nav } = this.deps;
    nav.back();
    if (choice !== 'apply' || this.error) { if (choice !== 'apply') s.setStatus('No change made', 'info'); return; }
    // a way out lists every change after its own head; a single edit is reported as `NAME = value`
    const main = this.edits.length === 1 && !this.done ? this.edits[0].name : null;
    s.applyEdits(this.edits, main, this.done || undefined);
    const shown = nav.top();
    if (showsValues(shown)) shown.valuesChanged();
  }
}
