// The one-line file prompts: save a copy as (S), save the minimal configuration (d), load (o).
import path from 'node:path';
import type { Key } from 'ink';
import { actionOf, hintsOf, PROMPT_KEYS } from '../bindings.js';
import { applyTextKey, textState, type TextState } from '../textEdit.js';
import type { PromptPurpose, ViewController, ViewDeps } from './view.js';

export class PromptController implements ViewController {
  readonly kind = 'prompt';
  text: TextState;
  error: string | null = null;

  constructor(private readonly deps: ViewDeps, readonly purpose: PromptPurpose) {
    const cfg = deps.session.configPath;
    const dir = path.dirname(cfg);
    this.text = textState(purpose === 'saveMin' ? path.join(dir, 'defconfig') : purpose === 'saveAs' ? `${cfg}.copy` : cfg);
  }

  acceptsText(): boolean { return true; }
  hints() { return hintsOf(PROMPT_KEYS); }

  onKey(input: string, key: Key): boolean {
    const { session: s, nav } = this.deps;
    switch (actionOf(PROMPT_KEYS, input, key)) {
      case 'cancel': nav.back(); s.status = null; return true;
      case 'ok': {
        const file = this.text.value.trim();
        if (!file) { nav.back(); return true; }
        const abs = path.resolve(path.dirname(s.configPath), file);
        if (this.purpose === 'load') { nav.load(abs); return true; }
        const err = this.purpose === 'saveAs' ? s.saveAs(abs) : s.saveMinimal(abs);
        if (err) this.error = err;
        else nav.back();
        return true;
      }
    }
    const next = applyTextKey(this.text, input, key);
    if (!next) return false;
    this.text = next;
    this.error = null;
    return true;
  }
}
