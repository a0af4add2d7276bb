// The menu itself: the stack of entered menus with the highlighted entry in each, moving, changing
// values (Space, y/n/m, Enter), mconf's letter hotkeys, and the keys that open the other views.
import type { Key } from 'ink';
import type { MenuNode, SymbolInfo } from '../../kconfig/api.js';
import { actionOf, MENU_COMMAND_KEYS, MENU_KEYS, menuHints } from '../bindings.js';
import { breadcrumb, canEnter, containerChain, menuRows, type Row } from '../rows.js';
import { clampTop } from './scroll.js';
import { cycleChoice, explainBlocked, infoOf, nextValue, previewChange, setChoice } from './values.js';
import type { ViewController, ViewDeps } from './view.js';

export interface Level {
  node: MenuNode;
  /** id of the highlighted node, kept across value changes */
  selId: number | null;
  index: number;
  top: number;
}

/** What the menu asks of the router besides navigation: the b/r hooks and the H page. */
export interface MenuCommands {
  canBuild: boolean;
  canRun: boolean;
  build(): void;
  run(): void;
  showKeys(): void;
  /** t and W (the app has targets). */
  canTarget?: boolean;
  target?(): void;
  writeBack?(): void;
}

/** Is this letter a hotkey (not a command) in the menu? */
export const isHotkey = (ch: string): boolean => /^[A-Za-z0-9]$/.test(ch) && !MENU_COMMAND_KEYS.has(ch);

export class MenuBrowser implements ViewController {
  readonly kind = 'menu';
  levels: Level[];
  /** After a jump from the search results: Esc at this depth goes back to them. */
  searchReturn: { depth: number } | null = null;
  /** A jump to a hidden entry shows hidden entries until the user leaves that menu (not saved). */
  private jumpShowAll: { depth: number } | null = null;
  private rowsCache: { key: string; rows: Row[] } | null = null;

  constructor(private readonly deps: ViewDeps, private readonly commands: MenuCommands) {
    this.levels = [{ node: deps.session.tree.root, selId: null, index: 0, top: 0 }];
  }

  acceptsText(): boolean { return false; }
  hints() { return menuHints({ build: this.commands.canBuild, run: this.commands.canRun, targets: this.commands.canTarget }); }

  get showAll(): boolean { return this.deps.session.p.showAll || this.jumpShowAll !== null; }
  get level(): Level { return this.levels[this.levels.length - 1]; }

  rowsOf(container: MenuNode): Row[] {
    const s = this.deps.session;
    const key = `${s.version}:${container.id}:${this.showAll ? 1 : 0}`;
    if (this.rowsCache?.key !== key) this.rowsCache = { key, rows: menuRows(s.tree, container, { showAll: this.showAll }) };
    return this.rowsCache.rows;
  }

  rows(): Row[] { return this.rowsOf(this.level.node); }

  breadcrumb(): string[] { return breadcrumb(this.deps.session.tree, this.levels.map((l) => l.node)); }

  /** Resolves the highlighted index and window of the current level. */
  cursor(): { index: number; top: number; rows: Row[] } {
    const lv = this.level;
    const rows = this.rows();
    let index = lv.selId === null ? -1 : rows.findIndex((r) => r.node.id === lv.selId);
    if (index < 0) index = Math.min(lv.index, rows.length - 1);
    if (index < 0) index = 0;
    lv.index = index;
    lv.selId = rows[index]?.node.id ?? null;
    lv.top = clampTop(lv.top, index, rows.length, this.deps.session.listHeight);
    return { index, top: lv.top, rows };
  }

  current(): Row | null {
    const { index, rows } = this.cursor();
    return rows[index] ?? null;
  }

  onKey(input: string, key: Key): boolean {
    const { session: s, nav } = this.deps;
    const prevStatus = s.status;
    s.status = null;
    const row = this.current();
    const page = Math.max(1, s.listHeight - 1);
    switch (actionOf(MENU_KEYS, input, key)) {
      case 'up': this.move(-1); break;
      case 'down': this.move(1); break;
      case 'pageUp': this.page(-page); break;
      case 'pageDown': this.page(page); break;
      case 'first': this.moveTo(0); break;
      case 'last': this.moveTo(this.rows().length - 1); break;
      case 'activate': if (row) this.activate(row); break;
      case 'enter': if (row && canEnter(s.tree, row)) this.enter(row.node); break;
      case 'toggle': if (row) this.toggle(row, true); break;
      case 'setY': if (row) this.setTri(row, 'y'); break;
      case 'setN': if (row) this.setTri(row, 'n'); break;
      case 'setM': if (row) this.setTri(row, 'm'); break;
      case 'back':
        if (this.searchReturn && this.levels.length === this.searchReturn.depth) { this.searchReturn = null; this.jumpShowAll = null; nav.openSearch(true); }
        else if (this.levels.length > 1) this.up();
        else if (key.escape) nav.requestQuit();
        break;
      case 'info': if (row) nav.openInfo(row.node); break;
      case 'why': if (row) nav.openWhy(row.node); break;
      case 'preview': if (row) previewChange(this.deps, row); break;
      case 'search': this.searchReturn = null; nav.openSearch(false); break;
      case 'quit': nav.requestQuit(); break;
      case 'save': s.save(); break;
      case 'saveAs': nav.openPrompt('saveAs'); break;
      case 'load': nav.openLoad(); break;
      case 'saveMin': nav.openPrompt('saveMin'); break;
      case 'undo': s.undo(); break;
      case 'redo': s.redo(); break;
      case 'showAll': this.toggleShowAll(); break;
      case 'names': s.toggleShowNames(); break;
      case 'theme': s.cycleTheme(); break;
      case 'keys': this.commands.showKeys(); break;
      case 'build': this.commands.build(); break;
      case 'run': this.commands.run(); break;
      case 'target': this.commands.target?.(); break;
      case 'writeBack': this.commands.writeBack?.(); break;
      default:
        if (!(isHotkey(input) && !key.ctrl && !key.meta && this.hotkey(input))) { s.status = prevStatus; return false; }
    }
    return true;
  }

  /** Like mconf: a letter that is not a command jumps to the next entry whose prompt starts with it. */
  private hotkey(ch: string): boolean {
    const { index, rows } = this.cursor();
    const c = ch.toLowerCase();
    for (let i = 1; i <= rows.length; i++) {
      const r = rows[(index + i) % rows.length];
      const p = (r.node.prompt ?? '').trim().toLowerCase();
      if (r.role !== 'header' && p.startsWith(c)) { this.moveTo((index + i) % rows.length); return true; }
    }
    return false;
  }

  private move(d: number): void {
    const { index, rows } = this.cursor();
    if (!rows.length) return;
    this.moveTo(Math.max(0, Math.min(rows.length - 1, index + d)));
  }

  private page(d: number): void {
    const { index, rows } = this.cursor();
    if (!rows.length) return;
    const lv = this.level;
    const next = Math.max(0, Math.min(rows.length - 1, index + d));
    lv.top = Math.max(0, Math.min(Math.max(0, rows.length - this.deps.session.listHeight), lv.top + d));
    this.moveTo(next);
  }

  moveTo(index: number): void {
    const rows = this.rows();
    if (!rows.length) return;
    index = Math.max(0, Math.min(rows.length - 1, index));
    const lv = this.level;
    lv.index = index;
    lv.selId = rows[index].node.id;
    lv.top = clampTop(lv.top, index, rows.length, this.deps.session.listHeight);
  }

  private enter(node: MenuNode): void {
    this.levels.push({ node, selId: null, index: 0, top: 0 });
    // in a choice, start on the selected member
    if (node.kind === 'choice') {
      const sel = this.deps.session.tree.nodeValue(node);
      const i = this.rows().findIndex((r) => r.node.symbol === sel);
      if (i >= 0) this.moveTo(i);
    }
  }

  private up(): void {
    if (this.levels.length > 1) this.levels.pop();
    if (this.jumpShowAll && this.levels.length < this.jumpShowAll.depth) this.jumpShowAll = null;
  }

  /** Opens the menus down to `node` and highlights it; false when it is not in the menu even with hidden entries shown. */
  jumpTo(node: MenuNode): { ok: boolean; hidden: boolean } {
    const tree = this.deps.session.tree;
    const chain = containerChain(node);
    const levels: Level[] = chain.map((c, i) => ({ node: c, selId: chain[i + 1]?.id ?? node.id, index: 0, top: 0 }));
    const reachable = (showAll: boolean) => levels.every((lv) => menuRows(tree, lv.node, { showAll }).some((r) => r.node.id === lv.selId));
    const plainShowAll = this.deps.session.p.showAll;
    let hidden = false;
    if (!reachable(plainShowAll)) {
      if (plainShowAll || !reachable(true)) return { ok: false, hidden: false };
      hidden = true;
    }
    this.jumpShowAll = hidden ? { depth: levels.length } : null;
    this.levels = levels;
    this.searchReturn = { depth: levels.length };
    this.cursor();
    return { ok: true, hidden };
  }

  private toggleShowAll(): void {
    const s = this.deps.session;
    const on = !this.showAll;
    this.jumpShowAll = null;
    s.prefs.set({ showAll: on });
    s.setStatus(on ? 'Showing all entries: hidden ones are greyed, with the reason (z hides them)' : 'Showing only visible entries', 'info');
  }

  /** Enter: open a submenu or choice, toggle a bool, edit a value, pick a choice member. */
  private activate(row: Row): void {
    const s = this.deps.session;
    if (row.node.kind === 'choice' && row.role === 'entry') {
      const st = s.tree.choiceState(row.node);
      if (st.mode !== 'y' && !row.hidden) {
        s.setStatus(`The choice is ${st.mode === 'm' ? 'm: set its members below' : 'off: turn it on with y or Space first'}.`, 'info');
        return;
      }
    }
    if (canEnter(s.tree, row)) { this.enter(row.node); return; }
    const info = infoOf(s, row.node);
    if (!info) return;
    const t = info.effectiveType;
    if (t === 'int' || t === 'hex' || t === 'string') { this.startEdit(row, info); return; }
    if (row.role === 'radio') { this.pick(info); return; }
    this.toggle(row, false);
  }

  private toggle(row: Row, space: boolean): void {
    const s = this.deps.session;
    const n = row.node;
    if (n.kind === 'choice' && row.role === 'entry') {
      if (cycleChoice(s, n)) return;
      if (space && canEnter(s.tree, row)) this.enter(n);
      return;
    }
    if (n.kind === 'menu' || n.kind === 'comment' || n.kind === 'if') {
      if (space && canEnter(s.tree, row)) this.enter(n);
      return;
    }
    const info = infoOf(s, n);
    if (!info) return;
    const t = info.effectiveType;
    if (t === 'int' || t === 'hex' || t === 'string') { this.startEdit(row, info); return; }
    if (row.role === 'radio') { this.pick(info); return; }
    const next = nextValue(info);
    if (next === null) { explainBlocked(s, info); return; }
    s.assign(info.name, next);
  }

  private pick(info: SymbolInfo): void {
    if (this.deps.session.assign(info.name, 'y')) {
      // like mconf's radio list: picking closes the choice
      const choice = this.level.node;
      if (choice.kind === 'choice' && this.levels.length > 1) {
        this.up();
        this.level.selId = choice.id;
      }
    }
  }

  private setTri(row: Row, v: 'y' | 'n' | 'm'): void {
    const s = this.deps.session;
    if (row.node.kind === 'choice' && row.role === 'entry') { setChoice(s, row.node, v); return; }
    const info = infoOf(s, row.node);
    if (!info) return;
    const t = info.effectiveType;
    if (t !== 'bool' && t !== 'tristate') {
      s.setStatus(`${info.name} is ${t === 'string' ? 'a string' : `an ${t}`}: press Enter to edit it.`, 'error');
      return;
    }
    if (row.role === 'radio' && v === 'y') { this.pick(info); return; }
    if (info.value === v) return;
    s.assign(info.name, v);
  }

  private startEdit(row: Row, info: SymbolInfo): void {
    if (info.visible === 'n' || !info.assignable.length) {
      this.deps.session.setStatus(`${info.name} cannot be changed now (its prompt is not visible; w tells why).`, 'error');
      return;
    }
    this.deps.nav.openEdit(row.node, info);
  }
}
