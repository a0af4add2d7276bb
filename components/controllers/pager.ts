// A scrollable page of text: symbol info (?), the keys (H), warnings from reading a file.
import type { Key } from 'ink';
import { actionOf, hintsOf, PAGER_KEYS } from '../bindings.js';
import type { Line } from '../why.js';
import { wrapLines } from './scroll.js';
import type { ViewController, ViewDeps } from './view.js';

export class PagerController implements ViewController {
  readonly kind = 'pager';
  top = 0;

  constructor(private readonly deps: ViewDeps, readonly title: string, readonly lines: Line[]) {}

  acceptsText(): boolean { return false; }
  hints() { return hintsOf(PAGER_KEYS); }

  /** The lines after wrapping to the width. */
  shownLines(): Line[] {
    return wrapLines(this.lines, Math.max(10, this.deps.session.width - 2));
  }

  onKey(input: string, key: Key): boolean {
    const s = this.deps.session;
    const page = Math.max(1, s.bodyHeight - 2);
    const max = Math.max(0, this.shownLines().length - (s.bodyHeight - 1));
    let top = this.top;
    switch (actionOf(PAGER_KEYS, input, key)) {
      case 'up': top--; break;
      case 'down': top++; break;
      case 'pageUp': top -= page; break;
      case 'pageDown': top += page; break;
      case 'first': top = 0; break;
      case 'last': top = max; break;
      case 'close': this.deps.nav.back(); return true;
      default: return false;
    }
    this.top = Math.max(0, Math.min(max, top));
    return true;
  }
}
