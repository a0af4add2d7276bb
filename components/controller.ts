// The menu's state and what keys do to it, independent of React: the stack of entered menus with
// the highlighted entry in each, the current mode (menu, value editor, search, pager, quit and load
// prompts) and the status line. Keys call the engine (tree.set, writeConfig, readConfig); views
// re-render through subscribe(). State lives here, not in React state, so several keys arriving in
// one chunk (fast typing, paste) each see the result of the previous one.
import fs from 'node:fs';
import path from 'node:path';
import type { Key } from 'ink';
import type { KconfigTree, MenuNode, SymbolInfo } from '../kconfig/api.js';
import {
  breadcrumb, canEnter, containerChain, entryText, menuRows, rowText, shownType, treeFacts, type Row, type RowCells, type TreeFacts,
} from './rows.js';
import { SearchIndex, type SearchHit } from './search.js';
import { applyTextKey, textState, type TextState } from './textEdit.js';
import { helpLines, whyLines, type Line } from './why.js';
import { isPanel, type HookResult, type Panel } from './panel.js';

export interface Level {
  node: MenuNode;
  /** id of the highlighted node, kept across value changes */
  selId: number | null;
  index: number;
  top: number;
}

export type Tone = 'info' | 'ok' | 'error';
export interface Status { text: string; tone: Tone }

export type Mode =
  | { kind: 'menu' }
  | { kind: 'edit'; node: MenuNode; name: string; type: string; text: TextState; range: { min: string; max: string } | null }
  | { kind: 'search'; text: TextState; hits: SearchHit[]; hitsFor: string; done: boolean; cursor: number; top: number }
  | { kind: 'pager'; title: string; lines: Line[]; top: number; back: 'menu' | 'search' }
  | { kind: 'quit'; choice: 0 | 1 | 2 }
  | { kind: 'load'; text: TextState }
  | { kind: 'panel'; panel: Panel; unsubscribe: () => void };

export interface ControllerOptions {
  tree: KconfigTree;
  configPath: string;
  title?: string;
  /**
   * `b`: called after saving unsaved changes. A returned Panel is shown full screen until the user
   * closes it; a returned promise shows "Building…" until it settles.
   */
  onBuild?: () => HookResult;
  /** `r`: like onBuild. */
  onRun?: () => HookResult;
  /** A second Esc within this many ms of the first is ignored (mconf users press Esc Esc). */
  escDoubleMs?: number;
}

export const QUIT_CHOICES = ['Save', 'Discard', 'Cancel'] as const;

export class MenuController {
  readonly tree: KconfigTree;
  readonly configPath: string;
  readonly title: string;
  readonly onBuild?: () => HookResult;
  readonly onRun?: () => HookResult;
  stack: Level[];
  mode: Mode = { kind: 'menu' };
  status: Status | null = null;
  /** Bumped on every change of values (rows, labels and details are cached per version). */
  version = 0;
  width = 80;
  height = 24;
  onExit: () => void = () => {};
  exited = false;
  private listeners = new Set<() => void>();
  private searchIndex: SearchIndex | null = null;
  private forceDirty = false;
  private configMissing: boolean;
  private lastEsc = -Infinity;
  /** set by a key handler that ignored the key (no re-render needed) */
  private unhandled = false;
  private escDoubleMs: number;
  private factsCache: { version: number; facts: TreeFacts } | null = null;
  private rowsCache: { key: string; rows: Row[] } | null = null;
  private cellCache = new Map<string, RowCells>();
  private entryCache = new Map<number, { text: string; hidden: boolean }>();
  private cellVersion = -1;

  constructor(opts: ControllerOptions) {
    this.tree = opts.tree;
    this.configPath = opts.configPath;
    this.title = opts.title ?? opts.tree.title;
    this.onBuild = opts.onBuild;
    this.onRun = opts.onRun;
    this.escDoubleMs = opts.escDoubleMs ?? 350;
    this.configMissing = !fs.existsSync(opts.configPath);
    this.stack = [{ node: opts.tree.root, selId: null, index: 0, top: 0 }];
  }

  // ---- subscription -------------------------------------------------------------------------

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  private notify(): void {
    for (const fn of this.listeners) fn();
  }

  // ---- derived state ------------------------------------------------------------------------

  get dirty(): boolean { return this.tree.changed || this.forceDirty || this.configMissing; }
  get isNewFile(): boolean { return this.configMissing; }

  facts(): TreeFacts {
    if (this.factsCache?.version !== this.version) this.factsCache = { version: this.version, facts: treeFacts(this.tree) };
    return this.factsCache.facts;
  }

  get level(): Level { return this.stack[this.stack.length - 1]; }

  rowsOf(container: MenuNode): Row[] {
    const key = `${this.version}:${container.id}`;
    if (this.rowsCache?.key !== key) this.rowsCache = { key, rows: menuRows(this.tree, container) };
    return this.rowsCache.rows;
  }

  rows(): Row[] { return this.rowsOf(this.level.node); }

  /** Text of a row, cached per version. */
  cells(row: Row): RowCells {
    if (this.cellVersion !== this.version) { this.cellCache.clear(); this.entryCache.clear(); this.cellVersion = this.version; }
    const key = `${row.node.id}:${row.role}:${row.indent}`;
    let c = this.cellCache.get(key);
    if (!c) {
      c = rowText(this.tree, row, this.facts());
      this.cellCache.set(key, c);
    }
    return c;
  }

  /** Text of a search result, cached per version. */
  entry(node: MenuNode): { text: string; hidden: boolean } {
    if (this.cellVersion !== this.version) { this.cellCache.clear(); this.entryCache.clear(); this.cellVersion = this.version; }
    let e = this.entryCache.get(node.id);
    if (!e) {
      e = entryText(this.tree, node, this.facts());
      this.entryCache.set(node.id, e);
    }
    return e;
  }

  breadcrumb(): string[] { return breadcrumb(this.tree, this.stack.map((l) => l.node)); }

  /** Height of the menu list for the current terminal size. */
  get detailsHeight(): number { return this.height >= 34 ? 6 : this.height >= 22 ? 4 : 2; }
  get listHeight(): number { return Math.max(3, this.height - 6 - this.detailsHeight); }
  /** Lines available to the pager and the search results. */
  get bodyHeight(): number { return this.listHeight + 1 + this.detailsHeight; }

  /** Resolves the highlighted index and window of the current level. */
  cursor(): { index: number; top: number; rows: Row[] } {
    const lv = this.level;
    const rows = this.rows();
    let index = lv.selId === null ? -1 : rows.findIndex((r) => r.node.id === lv.selId);
    if (index < 0) index = Math.min(lv.index, rows.length - 1);
    if (index < 0) index = 0;
    lv.index = index;
    lv.selId = rows[index]?.node.id ?? null;
    lv.top = clampTop(lv.top, index, rows.length, this.listHeight);
    return { index, top: lv.top, rows };
  }

  current(): Row | null {
    const { index, rows } = this.cursor();
    return rows[index] ?? null;
  }

  setViewport(width: number, height: number): void {
    this.width = width;
    this.height = height;
  }

  private setStatus(text: string, tone: Tone = 'info'): void {
    this.status = { text, tone };
  }

  private changed(): void {
    this.version++;
  }

  // ---- keys -------------------------------------------------------------------------------

  handleKey(input: string, key: Key): void {
    if (this.exited) return;
    this.unhandled = false;
    if (key.escape) {
      const now = Date.now();
      const double = now - this.lastEsc < this.escDoubleMs;
      this.lastEsc = now;
      if (double) return;
    }
    switch (this.mode.kind) {
      case 'menu': this.menuKey(input, key); break;
      case 'edit': this.editKey(input, key); break;
      case 'search': this.searchKey(input, key); break;
      case 'pager': this.pagerKey(input, key); break;
      case 'quit': this.quitKey(input, key); break;
      case 'load': this.loadKey(input, key); break;
      case 'panel': this.panelKey(input, key); break;
    }
    if (!this.unhandled) this.notify();
  }

  private menuKey(input: string, key: Key): void {
    const prevStatus = this.status;
    this.status = null;
    const row = this.current();
    const page = Math.max(1, this.listHeight - 1);
    if (key.upArrow || input === 'k') this.move(-1);
    else if (key.downArrow || input === 'j') this.move(1);
    else if (key.pageUp) this.page(-page);
    else if (key.pageDown) this.page(page);
    else if (key.home || input === 'g') this.moveTo(0);
    else if (key.end || input === 'G') this.moveTo(this.rows().length - 1);
    else if (key.return) { if (row) this.activate(row); }
    else if (key.rightArrow || input === 'l') { if (row && canEnter(this.tree, row)) this.enter(row.node); }
    else if (input === ' ') { if (row) this.toggle(row, true); }
    else if (input === 'y' || input === 'n' || input === 'm') { if (row) this.setTri(row, input); }
    else if (key.escape) { if (this.stack.length > 1) this.up(); else this.requestQuit(); }
    else if (key.leftArrow || input === 'h' || key.backspace || key.delete) { if (this.stack.length > 1) this.up(); }
    else if (input === '?') { if (row) this.openHelp(row.node, 'menu'); }
    else if (input === 'w') { if (row) this.openWhy(row.node, 'menu'); }
    else if (input === '/') this.openSearch();
    else if (input === 'q' || (key.ctrl && input === 'c')) this.requestQuit();
    else if (input === 'S' || (key.ctrl && input === 's')) this.save();
    else if (input === 'L') this.mode = { kind: 'load', text: textState(this.configPath) };
    else if (input === 'b') this.runHook('build', this.onBuild);
    else if (input === 'r') this.runHook('run', this.onRun);
    else if (/^[A-Za-z0-9]$/.test(input) && !key.ctrl && !key.meta && this.hotkey(input)) { /* jumped */ }
    else {
      this.status = prevStatus;
      this.unhandled = true;
    }
  }

  /** Like mconf: a letter that is not a command jumps to the next entry whose prompt starts with it. */
  private hotkey(ch: string): boolean {
    const { index, rows } = this.cursor();
    const c = ch.toLowerCase();
    for (let i = 1; i <= rows.length; i++) {
      const r = rows[(index + i) % rows.length];
      const p = (r.node.prompt ?? '').replace(/^[^A-Za-z0-9]+/, '');
      if (p[0]?.toLowerCase() === c) { this.moveTo((index + i) % rows.length); return true; }
    }
    return false;
  }

  private move(delta: number): void {
    const { index, rows } = this.cursor();
    this.moveTo(Math.max(0, Math.min(rows.length - 1, index + delta)));
  }

  /** PgUp/PgDn: move the highlight and the window by a page. */
  private page(delta: number): void {
    const lv = this.level;
    const { index, rows } = this.cursor();
    lv.top = Math.max(0, Math.min(lv.top + delta, rows.length - this.listHeight));
    this.moveTo(Math.max(0, Math.min(rows.length - 1, index + delta)));
  }

  private moveTo(index: number): void {
    const rows = this.rows();
    if (!rows.length) return;
    index = Math.max(0, Math.min(rows.length - 1, index));
    const lv = this.level;
    lv.index = index;
    lv.selId = rows[index].node.id;
    lv.top = clampTop(lv.top, index, rows.length, this.listHeight);
  }

  private enter(node: MenuNode): void {
    this.stack.push({ node, selId: null, index: 0, top: 0 });
    // in a choice, start on the selected member
    if (node.kind === 'choice') {
      const sel = this.tree.nodeValue(node);
      const rows = this.rows();
      const i = rows.findIndex((r) => r.node.symbol === sel);
      if (i >= 0) this.moveTo(i);
    }
  }

  private up(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  private info(row: Row): SymbolInfo | null {
    const n = row.node;
    if (!n.symbol || n.kind === 'choice') return null;
    return this.tree.info(n.symbol);
  }

  /** Enter: open a submenu, toggle a bool, edit a value, pick a choice member. */
  private activate(row: Row): void {
    if (canEnter(this.tree, row)) { this.enter(row.node); return; }
    const info = this.info(row);
    if (!info) return;
    const t = shownType(info, this.facts());
    if (t === 'int' || t === 'hex' || t === 'string') { this.startEdit(row, info); return; }
    if (row.role === 'radio') { this.pick(row, info); return; }
    this.toggle(row, false);
  }

  private toggle(row: Row, space: boolean): void {
    if (row.node.kind === 'menu' || (row.node.kind === 'choice' && row.role === 'entry')) {
      if (space && canEnter(this.tree, row)) this.enter(row.node);
      return;
    }
    const info = this.info(row);
    if (!info) return;
    const t = shownType(info, this.facts());
    if (t === 'int' || t === 'hex' || t === 'string') { this.startEdit(row, info); return; }
    if (row.role === 'radio') { this.pick(row, info); return; }
    const cycle = t === 'tristate' ? ['n', 'm', 'y'] : ['n', 'y'];
    const cur = cycle.indexOf(info.value === 'm' && t === 'bool' ? 'y' : info.value);
    let next: string | null = null;
    for (let i = 1; i < cycle.length; i++) {
      const v = cycle[(cur + i) % cycle.length];
      if (info.assignable.includes(v)) { next = v; break; }
    }
    this.assign(info.name, next ?? cycle[(cur + 1) % cycle.length]);
  }

  private pick(row: Row, info: SymbolInfo): void {
    if (this.assign(info.name, 'y')) {
      // like mconf's radio list: picking closes the choice
      const choice = this.level.node;
      if (choice.kind === 'choice' && this.stack.length > 1) {
        this.up();
        this.level.selId = choice.id;
      }
    }
  }

  private setTri(row: Row, v: 'y' | 'n' | 'm'): void {
    const info = this.info(row);
    if (!info) {
      if (row.node.kind === 'choice') this.setStatus('A choice has no value of its own: press Enter and pick a member.', 'error');
      return;
    }
    const t = shownType(info, this.facts());
    if (t !== 'bool' && t !== 'tristate') {
      this.setStatus(`${info.name} is ${t === 'string' ? 'a string' : `an ${t}`}: press Enter to edit it.`, 'error');
      return;
    }
    if (row.role === 'radio' && v === 'y') { this.pick(row, info); return; }
    this.assign(info.name, v);
  }

  /** Sets a value through the engine; reports what changed or why not. */
  private assign(name: string, value: string): boolean {
    let changes: Map<string, { from: string; to: string }>;
    try {
      changes = this.tree.set(name, value);
    } catch (e) {
      this.setStatus((e as Error).message, 'error');
      return false;
    }
    this.changed();
    const others = [...changes].filter(([n]) => n !== name);
    let msg = `${name} = ${this.tree.value(name)}`;
    if (others.length) {
      const shown = others.slice(0, 3).map(([n, c]) => `${n}=${c.to}`).join(', ');
      msg += `; also changed: ${shown}${others.length > 3 ? ` and ${others.length - 3} more` : ''}`;
    }
    this.setStatus(msg, 'ok');
    return true;
  }

  // ---- value editor -----------------------------------------------------------------------

  private startEdit(row: Row, info: SymbolInfo): void {
    if (info.visible === 'n' || !info.assignable.length) {
      this.setStatus(`${info.name} cannot be changed now (its prompt is not visible).`, 'error');
      return;
    }
    this.mode = { kind: 'edit', node: row.node, name: info.name, type: info.type, text: textState(info.value), range: info.range };
  }

  /** Is the edited text acceptable right now? */
  editValid(): boolean {
    if (this.mode.kind !== 'edit') return true;
    try {
      return this.tree.isAssignable(this.mode.name, this.mode.text.value);
    } catch {
      return false;
    }
  }

  private editKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'edit') return;
    if (key.escape) { this.mode = { kind: 'menu' }; this.status = null; return; }
    if (key.return) {
      if (this.assign(m.name, m.text.value)) this.mode = { kind: 'menu' };
      return;
    }
    const next = applyTextKey(m.text, input, key);
    if (next) { this.mode = { ...m, text: next }; this.status = null; }
  }

  // ---- help / why pager -------------------------------------------------------------------

  openHelp(node: MenuNode, back: 'menu' | 'search'): void {
    this.mode = { kind: 'pager', title: `Help: ${node.symbol ?? node.prompt ?? ''}`, lines: helpLines(this.tree, node), top: 0, back };
  }

  openWhy(node: MenuNode, back: 'menu' | 'search', intro?: Line[]): void {
    if (!node.symbol || node.kind === 'choice') {
      this.openHelp(node, back);
      return;
    }
    this.mode = { kind: 'pager', title: `Why: ${node.symbol}`, lines: [...(intro ?? []), ...whyLines(this.tree, node.symbol)], top: 0, back };
  }

  private pagerKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'pager') return;
    const page = Math.max(1, this.bodyHeight - 2);
    const max = Math.max(0, this.pagerLineCount() - (this.bodyHeight - 1));
    let top = m.top;
    if (key.upArrow || input === 'k') top--;
    else if (key.downArrow || input === 'j') top++;
    else if (key.pageUp || input === 'b') top -= page;
    else if (key.pageDown || input === ' ') top += page;
    else if (key.home || input === 'g') top = 0;
    else if (key.end || input === 'G') top = max;
    else if (key.escape || key.return || input === 'q' || input === '?' || input === 'w' || key.leftArrow || input === 'h' || key.backspace || key.delete) {
      this.mode = m.back === 'search' && this.searchState ? this.searchState : { kind: 'menu' };
      return;
    }
    this.mode = { ...m, top: Math.max(0, Math.min(max, top)) };
  }

  /** Lines of the pager after wrapping to the width. */
  pagerLines(): Line[] {
    const m = this.mode;
    if (m.kind !== 'pager') return [];
    return wrapLines(m.lines, Math.max(10, this.width - 2));
  }

  private pagerLineCount(): number { return this.pagerLines().length; }

  // ---- search -----------------------------------------------------------------------------

  private searchState: Extract<Mode, { kind: 'search' }> | null = null;

  private openSearch(): void {
    if (!this.searchIndex) this.searchIndex = new SearchIndex(this.tree);
    this.mode = this.searchState ?? { kind: 'search', text: textState(''), hits: [], hitsFor: '', done: true, cursor: 0, top: 0 };
    this.searchState = this.mode;
  }

  private runSearch(query: string): void {
    let sync = true;
    this.searchIndex!.search(query, (hits, done) => {
      const m = this.mode.kind === 'search' ? this.mode : this.searchState;
      if (!m || m.text.value !== query) return;
      // same query (the fuzzy pass after the quick one): keep the highlighted entry
      const curId = m.hitsFor === query ? m.hits[m.cursor]?.id : undefined;
      const cursor = Math.max(0, curId === undefined ? 0 : hits.findIndex((h) => h.id === curId));
      const next = { ...m, hits, hitsFor: query, done, cursor, top: clampTop(0, cursor, hits.length, this.searchListHeight) };
      this.searchState = next;
      if (this.mode.kind === 'search') this.mode = next;
      if (!sync) this.notify();
    });
    sync = false;
  }

  get searchListHeight(): number { return Math.max(3, this.bodyHeight - 1 - this.detailsHeight - 1); }

  private searchKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'search') return;
    const h = this.searchListHeight;
    const go = (cursor: number) => {
      cursor = Math.max(0, Math.min(m.hits.length - 1, cursor));
      this.mode = this.searchState = { ...m, cursor, top: clampTop(m.top, cursor, m.hits.length, h) };
    };
    if (key.escape) { this.searchIndex?.cancel(); this.mode = { kind: 'menu' }; return; }
    if (key.upArrow || (key.ctrl && input === 'p')) return go(m.cursor - 1);
    if (key.downArrow || (key.ctrl && input === 'n')) return go(m.cursor + 1);
    if (key.pageUp) return go(m.cursor - (h - 1));
    if (key.pageDown) return go(m.cursor + (h - 1));
    if (key.return) {
      const hit = m.hits[m.cursor];
      if (hit) this.jumpTo(this.tree.nodeById(hit.id));
      return;
    }
    if (key.ctrl && input === 'w' && !m.text.value) return;
    if (key.tab) {
      const hit = m.hits[m.cursor];
      if (hit) this.openWhy(this.tree.nodeById(hit.id), 'search');
      return;
    }
    const next = applyTextKey(m.text, input, key);
    if (!next) return;
    const changed = next.value !== m.text.value;
    this.mode = this.searchState = { ...m, text: next };
    if (changed) this.runSearch(next.value);
  }

  /** Opens the menus down to `node` and highlights it; explains when it is not shown. */
  jumpTo(node: MenuNode): void {
    const chain = containerChain(node);
    const levels: Level[] = chain.map((c, i) => ({ node: c, selId: chain[i + 1]?.id ?? node.id, index: 0, top: 0 }));
    // every step must be a visible row of the one above
    let reachable = true;
    for (let i = 0; i < levels.length; i++) {
      const want = levels[i].selId;
      if (!menuRows(this.tree, levels[i].node).some((r) => r.node.id === want)) { reachable = false; break; }
    }
    const name = node.symbol ?? node.prompt ?? '';
    if (!reachable) {
      const intro: Line[] = [
        { text: `${name} is not shown in the menu right now.`, tone: 'bad' },
        { text: `It lives in: ${[this.tree.title, ...node.path].join(' › ')}`, tone: 'dim' },
        { text: '', tone: 'plain' },
      ];
      this.openWhy(node, 'search', intro);
      return;
    }
    this.searchIndex?.cancel();
    this.stack = levels;
    this.mode = { kind: 'menu' };
    this.cursor();
    this.setStatus(`${name}: ${this.breadcrumb().join(' › ')}`, 'info');
  }

  // ---- save / load / quit -----------------------------------------------------------------

  save(): boolean {
    try {
      this.tree.writeConfig(this.configPath);
    } catch (e) {
      this.setStatus(`Cannot save ${this.configPath}: ${(e as Error).message}`, 'error');
      return false;
    }
    this.forceDirty = false;
    this.configMissing = false;
    this.setStatus(`Saved ${this.configPath}`, 'ok');
    return true;
  }

  private loadKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'load') return;
    if (key.escape) { this.mode = { kind: 'menu' }; this.status = null; return; }
    if (key.return) { this.load(m.text.value.trim()); return; }
    const next = applyTextKey(m.text, input, key);
    if (next) { this.mode = { ...m, text: next }; this.status = null; }
  }

  load(file: string): void {
    if (!file) { this.mode = { kind: 'menu' }; return; }
    const abs = path.resolve(path.dirname(this.configPath), file);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
      this.setStatus(`${file}: no such file`, 'error');
      return;
    }
    let res: { found: boolean; warnings: string };
    try {
      res = this.tree.readConfig(abs);
    } catch (e) {
      this.setStatus(`Cannot load ${file}: ${(e as Error).message}`, 'error');
      return;
    }
    this.changed();
    const isOwn = path.resolve(abs) === path.resolve(this.configPath);
    this.forceDirty = !isOwn;
    if (isOwn) this.configMissing = false;
    const warnings = res.warnings.trim();
    if (warnings) {
      this.mode = {
        kind: 'pager', title: `Loaded ${file}`, top: 0, back: 'menu',
        lines: [
          { text: `Loaded ${abs} with warnings:`, tone: 'warn' },
          { text: '', tone: 'plain' },
          ...warnings.split('\n').map((text) => ({ text, tone: 'plain' as const })),
        ],
      };
    } else this.mode = { kind: 'menu' };
    this.setStatus(`Loaded ${abs}${warnings ? ' (with warnings)' : ''}${isOwn ? '' : `; S saves to ${this.configPath}`}`, warnings ? 'info' : 'ok');
  }

  requestQuit(): void {
    if (!this.dirty) { this.exit(); return; }
    this.mode = { kind: 'quit', choice: 0 };
  }

  private quitKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'quit') return;
    let choice: number | null = null;
    if (key.ctrl && input === 'c') { this.exit(); return; } // a second Ctrl-C really quits
    if (key.leftArrow || (key.tab && key.shift)) { this.mode = { kind: 'quit', choice: ((m.choice + 2) % 3) as 0 | 1 | 2 }; return; }
    if (key.rightArrow || key.tab) { this.mode = { kind: 'quit', choice: ((m.choice + 1) % 3) as 0 | 1 | 2 }; return; }
    if (key.return) choice = m.choice;
    else if (input === 's' || input === 'S' || input === 'y') choice = 0;
    else if (input === 'd' || input === 'D' || input === 'n') choice = 1;
    else if (input === 'c' || input === 'C' || key.escape || input === 'q') choice = 2;
    if (choice === 0) { if (this.save()) this.exit(); else this.mode = { kind: 'menu' }; }
    else if (choice === 1) this.exit();
    else if (choice === 2) { this.mode = { kind: 'menu' }; this.setStatus('Quit cancelled', 'info'); }
  }

  private exit(): void {
    this.exited = true;
    this.closePanel(true);
    this.searchIndex?.cancel();
    this.onExit();
  }

  private busy = false;

  /** Shows a panel full screen (build/run views) until the user closes it. */
  showPanel(panel: Panel): void {
    this.closePanel(false);
    const unsubscribe = panel.subscribe(() => { if (this.mode.kind === 'panel' && this.mode.panel === panel) this.notify(); });
    this.mode = { kind: 'panel', panel, unsubscribe };
  }

  private closePanel(dispose: boolean): void {
    const m = this.mode;
    if (m.kind !== 'panel') return;
    m.unsubscribe();
    this.mode = { kind: 'menu' };
    if (dispose) {
      try { m.panel.dispose(); } catch (e) { this.setStatus(`${m.panel.title}: ${(e as Error).message}`, 'error'); }
    }
  }

  private panelKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'panel') return;
    let handled = false;
    try {
      handled = m.panel.onKey(input, key);
    } catch (e) {
      this.setStatus(`${m.panel.title}: ${(e as Error).message}`, 'error');
    }
    if (handled) return;
    if ((key.escape || input === 'q' || (key.ctrl && input === 'c')) && m.panel.closable) { this.closePanel(true); return; }
    this.unhandled = true;
  }

  private runHook(what: 'build' | 'run', fn?: () => HookResult): void {
    if (!fn) { this.setStatus(`${what} is not available here`, 'error'); return; }
    if (this.busy) { this.setStatus(`Still busy with the last ${what === 'build' ? 'build' : 'run'}`, 'error'); return; }
    if (this.dirty && !this.save()) return;
    const Label = what === 'build' ? 'Build' : 'Run';
    let result: HookResult;
    try {
      result = fn();
    } catch (e) {
      this.setStatus(`${Label} failed: ${(e as Error).message}`, 'error');
      return;
    }
    if (isPanel(result)) { this.showPanel(result); return; }
    if (!result || typeof (result as Promise<void>).then !== 'function') {
      this.setStatus(`${Label} started`, 'ok');
      return;
    }
    this.busy = true;
    this.setStatus(what === 'build' ? 'Building…' : 'Running…', 'info');
    (result as Promise<void>).then(
      () => { this.busy = false; this.setStatus(`${Label} finished`, 'ok'); this.notify(); },
      (e: unknown) => { this.busy = false; this.setStatus(`${Label} failed: ${e instanceof Error ? e.message : String(e)}`, 'error'); this.notify(); },
    );
  }
}

export function clampTop(top: number, index: number, count: number, height: number): number {
  if (index < top) top = index;
  if (index >= top + height) top = index - height + 1;
  return Math.max(0, Math.min(top, Math.max(0, count - height)));
}

/** Word-wraps lines to `width` columns, keeping each line's tone and leading indent. */
export function wrapLines(lines: Line[], width: number): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    if (l.text.length <= width) { out.push(l); continue; }
    const indent = /^\s*/.exec(l.text)![0];
    const cont = indent + '  ';
    let rest = l.text;
    let first = true;
    while (rest.length > width) {
      let cut = rest.lastIndexOf(' ', width);
      if (cut <= (first ? indent.length : cont.length)) cut = width;
      out.push({ text: rest.slice(0, cut), tone: l.tone });
      rest = cont + rest.slice(cut).replace(/^ +/, '');
      first = false;
    }
    out.push({ text: rest, tone: l.tone });
  }
  return out;
}
