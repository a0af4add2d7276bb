// Search (/): the query and its live results. Typing edits the query; Tab moves to the results,
// where keys act on the highlighted result (set, info, why, preview). The same search comes back
// when / is pressed again (its query selected, so typing replaces it) and after a jump (Esc).
import type { Key } from 'ink';
import type { MenuNode } from '../../kconfig/api.js';
import { actionOf, hintsOf, RESULTS_KEYS, SEARCH_KEYS, type SearchAction } from '../bindings.js';
import { MAX_SEARCHES, pushRecent } from '../prefs.js';
import type { Row } from '../rows.js';
import type { SearchResult } from '../../src/search/index.js';
import { applyTextKey, textState, type TextState } from '../textEdit.js';
import { clampTop } from './scroll.js';
import { cycleChoice, explainBlocked, nextValue, previewChange, setChoice } from './values.js';
import type { ViewController, ViewDeps } from './view.js';

export class SearchController implements ViewController {
  readonly kind = 'search';
  text: TextState = textState('');
  hits: SearchResult[] = [];
  total = 0;
  hitsFor = '';
  done = true;
  cursor = 0;
  top = 0;
  /** typing edits the query; in the results, keys act on the highlighted result */
  focus: 'query' | 'results' = 'query';

  constructor(private readonly deps: ViewDeps) {}

  acceptsText(): boolean { return this.focus === 'query'; }
  hints() { return hintsOf(this.focus === 'results' ? RESULTS_KEYS : SEARCH_KEYS); }

  /** `/` again: the last query, selected, results computed again (values may have changed). */
  reopen(): void {
    this.focus = 'query';
    const q = this.text.value;
    if (q) this.text = { ...this.text, selected: true };
    if (q.trim()) this.run(q);
  }

  get listHeight(): number { const s = this.deps.session; return Math.max(3, s.bodyHeight - 1 - s.detailsHeight - 1); }

  /** The results shown: all, or only entries visible in the menu (preference). */
  visibleHits(): SearchResult[] {
    if (!this.deps.session.p.searchHideInvisible) return this.hits;
    return this.hits.filter((h) => h.visible);
  }

  /** With an empty query the list shows the last searches. */
  recentSearches(): string[] { return this.deps.session.p.lastSearches; }

  private run(query: string): void {
    const res = this.deps.session.searchIndex.find(query);
    // the same query again (values changed): keep the highlighted entry
    const same = this.hitsFor === query;
    const curId = same ? this.visibleHits()[this.cursor]?.id : undefined;
    const top = same ? this.top : 0;
    this.hits = res.results;
    this.total = res.total;
    this.hitsFor = query;
    this.done = true;
    const shown = this.visibleHits();
    this.cursor = Math.max(0, curId === undefined ? 0 : shown.findIndex((h) => h.id === curId));
    this.top = clampTop(top, this.cursor, shown.length, this.listHeight);
  }

  /** Values changed while the results are shown: search again (same query, same highlighted entry). */
  valuesChanged(): void {
    if (this.text.value.trim()) this.run(this.text.value);
  }

  private remember(): void {
    const t = this.text.value.trim();
    const s = this.deps.session;
    if (t) s.prefs.set({ lastSearches: pushRecent(s.p.lastSearches, t, MAX_SEARCHES) });
  }

  private setQuery(text: TextState): void {
    this.text = text;
    this.cursor = 0;
    this.top = 0;
    this.focus = 'query';
    this.run(text.value);
  }

  onKey(input: string, key: Key): boolean {
    const { session: s, nav } = this.deps;
    const h = this.listHeight;
    const q = this.text.value.trim();
    const list = q ? this.visibleHits() : [];
    const count = q ? list.length : this.recentSearches().length;
    const go = (c: number) => {
      this.cursor = Math.max(0, Math.min(count - 1, c));
      this.top = clampTop(this.top, this.cursor, count, h);
    };
    const hit = list[this.cursor];
    const node = hit ? s.tree.nodeById(hit.id) : null;
    const action: SearchAction | null = actionOf(this.focus === 'results' ? RESULTS_KEYS : SEARCH_KEYS, input, key);
    switch (action) {
      case 'close': this.remember(); s.cancelSearch(); nav.back(); return true;
      case 'up': go(this.cursor - 1); return true;
      case 'down': go(this.cursor + 1); return true;
      case 'pageUp': go(this.cursor - (h - 1)); return true;
      case 'pageDown': go(this.cursor + (h - 1)); return true;
      case 'focus':
        if (!q) return true;
        this.remember();
        this.focus = this.focus === 'query' ? 'results' : 'query';
        return true;
      case 'jump':
        if (!q) { const r = this.recentSearches()[this.cursor]; if (r) this.setQuery(textState(r)); return true; }
        if (node) { this.remember(); nav.jumpTo(node); }
        return true;
      case 'query': this.focus = 'query'; return true;
      case 'hideHidden':
        s.prefs.set({ searchHideInvisible: !s.p.searchHideInvisible });
        this.cursor = 0;
        this.top = 0;
        s.setStatus(s.p.searchHideInvisible ? 'Search: entries hidden in the menu are left out (z shows them)' : 'Search: entries hidden in the menu are shown, marked', 'info');
        return true;
      case 'undo': s.undo(); this.valuesChanged(); return true;
      case 'redo': s.redo(); this.valuesChanged(); return true;
    }
    if (node) {
      switch (action) {
        case 'set': this.setValue(node, input); return true;
        case 'info': nav.openInfo(node); return true;
        case 'why': nav.openWhy(node); return true;
        case 'preview': previewChange(this.deps, { node, indent: 0, role: node.parent?.kind === 'choice' ? 'radio' : 'entry' } satisfies Row); return true;
      }
    }
    // typing (in the results, any other printable key goes back to typing)
    const next = applyTextKey(this.text, input, key);
    if (!next || (this.focus === 'results' && next.value === this.text.value)) return false;
    if (this.focus === 'results') { this.setQuery(next); return true; }
    const changed = next.value !== this.text.value;
    this.text = next;
    if (changed) { this.cursor = 0; this.top = 0; this.run(next.value); }
    return true;
  }

  /** Space / y / n / m on a result. */
  private setValue(node: MenuNode, c: string): void {
    const s = this.deps.session;
    if (node.kind === 'menu' || (!node.symbol && node.kind !== 'choice')) { s.setStatus('A menu has no value: Enter opens it', 'info'); return; }
    if (node.kind === 'choice') {
      if (c === ' ') cycleChoice(s, node); else setChoice(s, node, c as 'y' | 'n' | 'm');
      this.valuesChanged();
      return;
    }
    const info = s.tree.info(node.symbol!);
    const t = info.effectiveType;
    if (t !== 'bool' && t !== 'tristate') { s.setStatus(`${info.name} is ${t === 'string' ? 'a string' : `an ${t}`}: Enter jumps to it, Enter again edits it`, 'info'); return; }
    if (info.visible === 'n') { s.setStatus(`${info.name} cannot be changed: its prompt is hidden (w tells why)`, 'error'); return; }
    const v = c === ' ' ? nextValue(info) : c;
    if (v === null) { explainBlocked(s, info); return; }
    if (info.choice !== null && v === 'n' && info.value === 'y') { s.setStatus(`${info.name} is the selected member of its choice: pick another member instead`, 'info'); return; }
    if (v !== info.value) s.assign(info.name, v);
    this.valuesChanged();
  }
}
