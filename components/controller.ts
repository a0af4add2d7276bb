// The menu's state and what keys do to it, independent of React: the stack of entered menus with
// the highlighted entry in each, the current mode (menu, value editor, search, info pager, why
// tree, change preview, dialogs, a full-screen panel) and the status line. Keys call the engine
// (tree.apply, undo/redo, writeConfig, readConfig); views re-render through subscribe(). State lives
// here, not in React state, so several keys arriving in one chunk (fast typing, paste) each see the
// result of the previous one.
import fs from 'node:fs';
import path from 'node:path';
import type { Key } from 'ink';
import type { ChangeMap, Edit, KconfigTree, MenuNode, SymbolInfo } from '../kconfig/api.js';
import { detailLines } from './details.js';
import { infoLines } from './info.js';
import { isChunk, isControlChar, keyOf, NO_KEY } from './keys.js';
import { isPanel, type HookResult, type Panel } from './panel.js';
import { MAX_RECENT, MAX_SEARCHES, memoryPrefs, pushRecent, type PrefStore, type Prefs } from './prefs.js';
import {
  breadcrumb, canEnter, containerChain, menuRows, rowText, type Row, type RowCells,
} from './rows.js';
import { SearchIndex, type SearchResult } from '../src/search/index.js';
import { applyTextKey, textState, type TextState } from './textEdit.js';
import { noColor, theme, THEMES, type Theme } from './theme.js';
import type { Line } from './why.js';
import { defaultWanted, planFor, whyRoots, type Plan, type WhyNode } from './whyTree.js';

export interface Level {
  node: MenuNode;
  /** id of the highlighted node, kept across value changes */
  selId: number | null;
  index: number;
  top: number;
}

export type Tone = 'info' | 'ok' | 'error';
export interface Status { text: string; tone: Tone }
export interface Change { name: string; from: string; to: string }

export type SearchMode = {
  kind: 'search'; text: TextState; hits: SearchResult[]; total: number; hitsFor: string; done: boolean; cursor: number; top: number;
  /** typing edits the query; in the results, keys act on the highlighted result */
  focus: 'query' | 'results';
};

export type WhyMode = {
  kind: 'why'; name: string; roots: WhyNode[]; summary: string; open: Set<string>; cursor: number; top: number; back: Mode;
  /** The way out towards `wanted` (y/n/m pick another target). */
  wanted: string | null; plan: Plan | null; intro: Line[];
};

export type PromptPurpose = 'saveAs' | 'saveMin' | 'load';

export type Mode =
  | { kind: 'menu' }
  | { kind: 'edit'; node: MenuNode; name: string; type: string; text: TextState; range: { min: string; max: string } | null }
  | SearchMode
  | { kind: 'pager'; title: string; lines: Line[]; top: number; back: Mode }
  | WhyMode
  | { kind: 'preview'; title: string; edits: Edit[]; changes: Change[]; error: string | null; top: number; back: Mode; done: string }
  | { kind: 'quit'; changes: Change[]; top: number }
  | { kind: 'prompt'; purpose: PromptPurpose; text: TextState; error: string | null; back: Mode }
  | { kind: 'pick'; purpose: 'load'; items: { label: string; value: string }[]; back: Mode }
  | { kind: 'panel'; panel: Panel; unsubscribe: () => void };

export type ModeKind = Mode['kind'];

export interface ControllerOptions {
  tree: KconfigTree;
  configPath: string;
  title?: string;
  /** The application's name for the title bar. */
  app?: string;
  /**
   * `b`: called after saving unsaved changes. A returned Panel is shown full screen until the user
   * closes it; a returned promise shows "Building…" until it settles.
   */
  onBuild?: () => HookResult;
  /** `r`: like onBuild. */
  onRun?: () => HookResult;
  /** A second Esc within this many ms of the first is ignored (mconf users press Esc Esc). */
  escDoubleMs?: number;
  /** Preferences (default: in memory only). */
  prefs?: PrefStore;
  /** The environment (for NO_COLOR). */
  env?: Record<string, string | undefined>;
  /** Warnings printed when the configuration was read, shown at start. */
  loadWarnings?: string;
}

export const QUIT_CHOICES = [
  { label: 'Yes, save and quit', value: 'yes' },
  { label: 'No, quit without saving', value: 'no' },
  { label: 'Cancel', value: 'cancel' },
] as const;

export const PREVIEW_CHOICES = [
  { label: 'Apply these changes', value: 'apply' },
  { label: 'Cancel', value: 'cancel' },
] as const;

/** Smallest terminal the menu draws in. */
export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 15;

/** Keys that are commands in the menu; other letters and digits jump to entries (mconf hotkeys). */
const COMMAND_KEYS = new Set('bcdghjklmnopqrsuwyzGHSTU/?'.split(''));

export class MenuController {
  readonly tree: KconfigTree;
  readonly configPath: string;
  readonly title: string;
  readonly app: string;
  readonly onBuild?: () => HookResult;
  readonly onRun?: () => HookResult;
  readonly prefs: PrefStore;
  private readonly forceMono: boolean;
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
  private rowsCache: { key: string; rows: Row[] } | null = null;
  /** Row texts: reused across versions while the row's signature (the values it shows and depends on) is the same. */
  private cellCache = new Map<string, { version: number; sig: string; inputs: string[]; cells: RowCells }>();
  /** Set when every row must be computed again (undo/redo, load, MODULES, choice modes). */
  private cellsStale = false;
  private changedCache: { version: number; set: ReadonlySet<string> } | null = null;
  /** Values when the configuration was last loaded or saved (the quit dialog lists the difference). */
  private savedValues: Map<string, string>;
  /** After a jump from the search results: Esc at this depth goes back to them. */
  private searchReturn: { depth: number } | null = null;

  constructor(opts: ControllerOptions) {
    this.tree = opts.tree;
    this.configPath = opts.configPath;
    this.title = opts.title ?? opts.tree.title;
    this.app = opts.app ?? path.basename(path.dirname(path.resolve(opts.configPath)));
    this.onBuild = opts.onBuild;
    this.onRun = opts.onRun;
    this.prefs = opts.prefs ?? memoryPrefs();
    this.forceMono = noColor(opts.env ?? process.env);
    this.escDoubleMs = opts.escDoubleMs ?? 350;
    this.configMissing = !fs.existsSync(opts.configPath);
    this.stack = [{ node: opts.tree.root, selId: null, index: 0, top: 0 }];
    this.savedValues = this.tree.snapshot();
    const warnings = opts.loadWarnings?.trim();
    if (warnings) this.showWarnings(`Read ${opts.configPath}`, opts.configPath, warnings);
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
  get p(): Prefs { return this.prefs.get(); }
  get showAll(): boolean { return this.p.showAll; }
  get showNames(): boolean { return this.p.showNames; }
  get theme(): Theme { return theme(this.forceMono ? 'mono' : this.p.theme); }
  get tooSmall(): boolean { return this.width < MIN_WIDTH || this.height < MIN_HEIGHT; }

  /** Symbols whose value differs from the loaded configuration (cached per version). */
  changedSinceLoad(): ReadonlySet<string> {
    if (this.changedCache?.version !== this.version) this.changedCache = { version: this.version, set: this.tree.changedSinceLoad() };
    return this.changedCache.set;
  }

  get level(): Level { return this.stack[this.stack.length - 1]; }

  rowsOf(container: MenuNode): Row[] {
    const key = `${this.version}:${container.id}:${this.showAll ? 1 : 0}`;
    if (this.rowsCache?.key !== key) this.rowsCache = { key, rows: menuRows(this.tree, container, { showAll: this.showAll }) };
    return this.rowsCache.rows;
  }

  rows(): Row[] { return this.rowsOf(this.level.node); }

  /**
   * Text of a row. Computing it needs tree.info() (tens of µs a symbol), so after a change a row
   * is computed again only when its signature changed: its value, whether it is shown, whether
   * its menu has shown entries, whether it changed since load, MODULES, and the values of the
   * symbols its dependencies, selects and implies read. Edited symbols (their "(NEW)") and
   * changes that move user values around (undo, redo, load) recompute everything.
   */
  cells(row: Row): RowCells {
    const key = `${row.node.id}:${row.role}:${row.indent}:${row.hidden ? 1 : 0}`;
    if (this.cellsStale) { this.cellCache.clear(); this.cellsStale = false; }
    const e = this.cellCache.get(key);
    if (e && e.version === this.version) return e.cells;
    const n = row.node;
    const cacheable = n.symbol !== null && (n.kind === 'config' || n.kind === 'menuconfig');
    if (e && cacheable) {
      const sig = this.signature(row, e.inputs);
      if (sig === e.sig) { e.version = this.version; return e.cells; }
    }
    const cells = rowText(this.tree, row, null, { changed: this.changedSinceLoad() });
    if (cacheable) {
      const inputs = this.inputsOf(n.symbol!);
      this.cellCache.set(key, { version: this.version, sig: this.signature(row, inputs), inputs, cells });
    } else this.cellCache.set(key, { version: this.version, sig: '', inputs: [], cells });
    return cells;
  }

  private modulesName: string | null | undefined;

  private signature(row: Row, inputs: string[]): string {
    const n = row.node;
    const t = this.tree;
    if (this.modulesName === undefined) this.modulesName = t.symbolNames().includes('MODULES') ? 'MODULES' : null;
    let sig = `${t.value(n.symbol!)}\0${t.isVisible(n) ? 1 : 0}\0${this.changedSinceLoad().has(n.symbol!) ? 1 : 0}`;
    if (n.kind === 'menuconfig') sig += `\0${n.children.some((c) => t.isVisible(c)) ? 1 : 0}`;
    if (this.modulesName) sig += `\0${t.value(this.modulesName)}`;
    for (const i of inputs) sig += `\0${safeValue(t, i)}`;
    return sig;
  }

  /** The symbols a row's look depends on besides its own value. */
  private inputsOf(name: string): string[] {
    const info = this.tree.info(name);
    const out = new Set<string>();
    const add = (text: string) => { for (const w of text.match(/[A-Za-z0-9_]+/g) ?? []) if (w !== name && this.symbolNames().has(w)) out.add(w); };
    if (info.dependsOn) add(info.dependsOn.text);
    for (const r of info.selectedBy) add(r.expr);
    for (const r of info.impliedBy) add(r.expr);
    return [...out];
  }

  private names: Set<string> | null = null;
  private symbolNames(): Set<string> {
    if (!this.names) this.names = new Set(this.tree.symbolNames());
    return this.names;
  }

  /** Drops the cached rows of these symbols (their user value changed: "(NEW)"). */
  private forgetRows(names: Iterable<string>): void {
    const set = new Set(names);
    for (const [key, e] of this.cellCache) {
      const id = Number(key.slice(0, key.indexOf(':')));
      const sym = this.tree.nodeById(id).symbol;
      if (sym && set.has(sym)) { this.cellCache.delete(key); void e; }
    }
  }

  breadcrumb(): string[] { return breadcrumb(this.tree, this.stack.map((l) => l.node)); }

  private detailsCache: { key: string; lines: Line[] } | null = null;

  /** The details pane's lines for a node, cached per version. */
  details(node: MenuNode | null, height: number): Line[] {
    const key = `${this.version}:${node?.id ?? -1}:${height}`;
    if (this.detailsCache?.key !== key) this.detailsCache = { key, lines: detailLines(this.tree, node, height) };
    return this.detailsCache.lines;
  }

  /** Lines of the details pane for the current terminal size. */
  get detailsHeight(): number { return this.height >= 34 ? 6 : this.height >= 22 ? 4 : 2; }
  /** Height of the menu list: the rest after title, breadcrumb, rule, rule, details, status, keys. */
  get listHeight(): number { return Math.max(3, this.height - 6 - this.detailsHeight); }
  /** Lines available to the pager, search, why and dialogs (list + rule + details). */
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

  /** The tree was changed from outside (a build or run hook, a test): redraw everything. */
  invalidate(): void {
    this.version++;
    this.cellsStale = true;
    this.notify();
  }

  // ---- keys -------------------------------------------------------------------------------

  /** Does the current mode take typed text (a run of characters at once)? */
  private acceptsText(): boolean {
    const m = this.mode;
    return m.kind === 'edit' || m.kind === 'prompt' || (m.kind === 'search' && m.focus === 'query');
  }

  /**
   * Input from Ink: one key, or a chunk of several (fast typing, a held key, a paste), which is
   * split into its keys; runs of text go to a text field in one piece.
   */
  handleInput(input: string, key: Key): void {
    if (!isChunk(input, key)) { this.handleKey(input, key); return; }
    const chars = [...input];
    let i = 0;
    while (i < chars.length && !this.exited) {
      const c = chars[i];
      if (isControlChar(c)) { const [inp, k] = keyOf(c); this.handleKey(inp, k); i++; continue; }
      if (this.acceptsText()) {
        let j = i;
        while (j < chars.length && !isControlChar(chars[j])) j++;
        this.handleKey(chars.slice(i, j).join(''), NO_KEY);
        i = j;
      } else {
        const [inp, k] = keyOf(c);
        this.handleKey(inp, k);
        i++;
      }
    }
  }

  handleKey(input: string, key: Key): void {
    if (this.exited) return;
    this.unhandled = false;
    if (key.escape) {
      const now = Date.now();
      const double = now - this.lastEsc < this.escDoubleMs;
      this.lastEsc = now;
      if (double) return;
    }
    if (this.tooSmall && this.mode.kind !== 'panel') {
      if (this.mode.kind === 'quit') this.quitKey(input, key);
      else if (input === 'q' || key.escape || (key.ctrl && input === 'c')) this.requestQuit();
      else this.unhandled = true;
      if (!this.unhandled) this.notify();
      return;
    }
    switch (this.mode.kind) {
      case 'menu': this.menuKey(input, key); break;
      case 'edit': this.editKey(input, key); break;
      case 'search': this.searchKey(input, key); break;
      case 'pager': this.pagerKey(input, key); break;
      case 'why': this.whyKey(input, key); break;
      case 'preview': this.previewKey(input, key); break;
      case 'quit': this.quitKey(input, key); break;
      case 'prompt': this.promptKey(input, key); break;
      case 'pick': this.pickKey(input, key); break;
      case 'panel': this.panelKey(input, key); break;
    }
    if (!this.unhandled) this.notify();
  }

  private menuKey(input: string, key: Key): void {
    const prevStatus = this.status;
    this.status = null;
    const row = this.current();
    const page = Math.max(1, this.listHeight - 1);
    const plain = !key.ctrl && !key.meta;
    if (key.upArrow || input === 'k') this.move(-1);
    else if (key.downArrow || input === 'j') this.move(1);
    else if (key.pageUp || (key.ctrl && input === 'b')) this.page(-page);
    else if (key.pageDown || (key.ctrl && input === 'f')) this.page(page);
    else if (key.home || input === 'g') this.moveTo(0);
    else if (key.end || input === 'G') this.moveTo(this.rows().length - 1);
    else if (key.return) { if (row) this.activate(row); }
    else if (key.rightArrow || input === 'l') { if (row && canEnter(this.tree, row)) this.enter(row.node); }
    else if (input === ' ') { if (row) this.toggle(row, true); }
    else if (plain && (input === 'y' || input === 'n' || input === 'm')) { if (row) this.setTri(row, input); }
    else if (key.escape || key.leftArrow || input === 'h' || key.backspace || key.delete) {
      if (this.searchReturn && this.stack.length === this.searchReturn.depth && this.searchState) {
        this.searchReturn = null;
        this.mode = this.searchState;
      } else if (this.stack.length > 1) this.up();
      else if (key.escape) this.requestQuit();
    }
    else if (input === '?') { if (row) this.openInfo(row.node, this.mode); }
    else if (input === 'w') { if (row) this.openWhy(row.node, this.mode); }
    else if (input === 'p') { if (row) this.previewToggle(row); }
    else if (input === '/') this.openSearch();
    else if (input === 'q' || (key.ctrl && input === 'c')) this.requestQuit();
    else if (input === 's' || (key.ctrl && input === 's')) this.save();
    else if (input === 'S') this.openPrompt('saveAs');
    else if (input === 'o') this.openLoad();
    else if (input === 'd') this.openPrompt('saveMin');
    else if (input === 'u') this.undo();
    else if (input === 'U' || (key.ctrl && input === 'r')) this.redo();
    else if (input === 'z') this.toggleShowAll();
    else if (input === 'c') this.toggleShowNames();
    else if (input === 'T') this.cycleTheme();
    else if (input === 'H') this.openKeys();
    else if (input === 'b') this.runHook('build', this.onBuild);
    else if (input === 'r') this.runHook('run', this.onRun);
    else if (/^[A-Za-z0-9]$/.test(input) && plain && !COMMAND_KEYS.has(input) && this.hotkey(input)) { /* jumped */ }
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
      const p = (r.node.prompt ?? '').trim().toLowerCase();
      if (r.role !== 'header' && p.startsWith(c)) { this.moveTo((index + i) % rows.length); return true; }
    }
    return false;
  }

  /** Is this letter a hotkey (not a command) in the menu? */
  static isHotkey(ch: string): boolean { return /^[A-Za-z0-9]$/.test(ch) && !COMMAND_KEYS.has(ch); }

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
    lv.top = Math.max(0, Math.min(Math.max(0, rows.length - this.listHeight), lv.top + d));
    this.moveTo(next);
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

  /** Enter: open a submenu or choice, toggle a bool, edit a value, pick a choice member. */
  private activate(row: Row): void {
    if (row.node.kind === 'choice' && row.role === 'entry') {
      const st = this.tree.choiceState(row.node);
      if (st.mode !== 'y' && !row.hidden) {
        this.setStatus(`The choice is ${st.mode === 'm' ? 'm: set its members below' : 'off: turn it on with y or Space first'}.`, 'info');
        return;
      }
    }
    if (canEnter(this.tree, row)) { this.enter(row.node); return; }
    const info = this.info(row);
    if (!info) return;
    const t = info.effectiveType;
    if (t === 'int' || t === 'hex' || t === 'string') { this.startEdit(row, info); return; }
    if (row.role === 'radio') { this.pick(row, info); return; }
    this.toggle(row, false);
  }

  /** The value Space would give (the next assignable one in the cycle), or null. */
  private nextValue(info: SymbolInfo): string | null {
    const t = info.effectiveType;
    const cycle = t === 'tristate' ? ['n', 'm', 'y'] : ['n', 'y'];
    const cur = cycle.indexOf(info.value === 'm' && t === 'bool' ? 'y' : info.value);
    for (let i = 1; i < cycle.length; i++) {
      const v = cycle[(cur + i) % cycle.length];
      if (info.assignable.includes(v)) return v;
    }
    return null;
  }

  private toggle(row: Row, space: boolean): void {
    const n = row.node;
    if (n.kind === 'choice' && row.role === 'entry') {
      const st = this.tree.choiceState(n);
      if (st.assignableModes.length > 1) {
        const cycle = st.assignableModes.includes('m') ? ['n', 'm', 'y'] : ['n', 'y'];
        const cur = cycle.indexOf(st.mode);
        for (let i = 1; i < cycle.length; i++) {
          const v = cycle[(cur + i) % cycle.length];
          if (st.assignableModes.includes(v)) { this.assignChoiceMode(n, v); return; }
        }
      }
      if (space && canEnter(this.tree, row)) this.enter(n);
      return;
    }
    if (n.kind === 'menu' || n.kind === 'comment' || n.kind === 'if') {
      if (space && canEnter(this.tree, row)) this.enter(n);
      return;
    }
    const info = this.info(row);
    if (!info) return;
    const t = info.effectiveType;
    if (t === 'int' || t === 'hex' || t === 'string') { this.startEdit(row, info); return; }
    if (row.role === 'radio') { this.pick(row, info); return; }
    const next = this.nextValue(info);
    if (next === null) { this.explainBlocked(info); return; }
    this.assign(info.name, next);
  }

  private explainBlocked(info: SymbolInfo): void {
    if (info.visible === 'n') this.setStatus(`${info.name} cannot be changed: its prompt is hidden (w tells why)`, 'error');
    else if (!info.changeable) {
      const who = info.selectedBy.filter((s) => s.value !== 'n').map((s) => s.from).join(', ');
      this.setStatus(`${info.name} is forced to ${info.value} by select from ${who || '?'} (w: why, and the way out)`, 'error');
    } else this.setStatus(`${info.name} has no other value it can take now`, 'error');
  }

  private pick(_row: Row, info: SymbolInfo): void {
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
    if (row.node.kind === 'choice' && row.role === 'entry') {
      const st = this.tree.choiceState(row.node);
      if (st.assignableModes.includes(v) && st.assignableModes.length > 1) { this.assignChoiceMode(row.node, v); return; }
      this.setStatus('This choice has no value of its own: press Enter and pick a member.', 'error');
      return;
    }
    const info = this.info(row);
    if (!info) return;
    const t = info.effectiveType;
    if (t !== 'bool' && t !== 'tristate') {
      this.setStatus(`${info.name} is ${t === 'string' ? 'a string' : `an ${t}`}: press Enter to edit it.`, 'error');
      return;
    }
    if (row.role === 'radio' && v === 'y') { this.pick(row, info); return; }
    if (info.value === v) return;
    this.assign(info.name, v);
  }

  /** Reports a change map in the status line. */
  private reportChanges(prefix: string, main: string | null, changes: ChangeMap): void {
    const others = [...changes].filter(([n]) => n !== main);
    let msg = prefix;
    if (others.length) {
      const shown = others.slice(0, 3).map(([n, c]) => `${n}=${c.to}`).join(', ');
      msg += `${main ? '; also changed' : ''}: ${shown}${others.length > 3 ? ` and ${others.length - 3} more` : ''}`;
    }
    this.setStatus(msg, 'ok');
  }

  /** Sets a value through the engine (one undo step); reports what changed or why not. */
  private assign(name: string, value: string): boolean {
    return this.applyEdits([{ name, value }], name);
  }

  private assignChoiceMode(node: MenuNode, mode: string): void {
    try {
      const changes = this.tree.setChoiceMode(node, mode);
      this.changed();
      this.cellsStale = true;
      this.reportChanges(`${node.prompt ?? 'choice'}: ${mode}`, null, changes);
    } catch (e) {
      this.setStatus((e as Error).message, 'error');
    }
  }

  applyEdits(edits: Edit[], main: string | null): boolean {
    let changes: ChangeMap;
    try {
      changes = this.tree.apply(edits);
    } catch (e) {
      this.setStatus((e as Error).message, 'error');
      return false;
    }
    this.changed();
    this.forgetRows(edits.map((e) => e.name));
    if (edits.some((e) => e.node || e.name === this.modulesName || e.name === 'MODULES')) this.cellsStale = true;
    const head = main ? `${main} = ${safeValue(this.tree, main)}` : `Applied ${edits.length} edit${edits.length === 1 ? '' : 's'}`;
    this.reportChanges(head, main, changes);
    return true;
  }

  private undo(): void {
    const ch = this.tree.undo();
    if (!ch) { this.setStatus('Nothing to undo', 'info'); return; }
    this.changed();
    this.cellsStale = true;
    this.setStatus(ch.size ? `Undone: ${describe(ch)}` : 'Undone (no value changed)', 'ok');
  }

  private redo(): void {
    const ch = this.tree.redo();
    if (!ch) { this.setStatus('Nothing to redo', 'info'); return; }
    this.changed();
    this.cellsStale = true;
    this.setStatus(ch.size ? `Redone: ${describe(ch)}` : 'Redone (no value changed)', 'ok');
  }

  // ---- preferences ------------------------------------------------------------------------

  private toggleShowAll(): void {
    this.prefs.set({ showAll: !this.showAll });
    this.setStatus(this.showAll ? 'Showing all entries: hidden ones are greyed, with the reason (z hides them)' : 'Showing only visible entries', 'info');
  }

  private toggleShowNames(): void {
    this.prefs.set({ showNames: !this.showNames });
    this.setStatus(this.showNames ? 'Showing symbol names (c hides them)' : 'Symbol names hidden', 'info');
  }

  private cycleTheme(): void {
    const next = THEMES[(THEMES.indexOf(this.p.theme) + 1) % THEMES.length];
    this.prefs.set({ theme: next });
    this.setStatus(`Theme: ${next}${this.forceMono ? ' (NO_COLOR is set: no colours)' : ''}`, 'info');
  }

  // ---- value editor -----------------------------------------------------------------------

  private startEdit(row: Row, info: SymbolInfo): void {
    if (info.visible === 'n' || !info.assignable.length) {
      this.setStatus(`${info.name} cannot be changed now (its prompt is not visible; w tells why).`, 'error');
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
      if (this.tree.value(m.name) === m.text.value) { this.mode = { kind: 'menu' }; this.status = null; return; }
      if (this.assign(m.name, m.text.value)) this.mode = { kind: 'menu' };
      return;
    }
    const next = applyTextKey(m.text, input, key);
    if (next) { this.mode = { ...m, text: next }; this.status = null; }
    else this.unhandled = true;
  }

  // ---- info pager -------------------------------------------------------------------------

  openInfo(node: MenuNode, back: Mode): void {
    this.mode = { kind: 'pager', title: `Info: ${node.symbol && node.kind !== 'choice' ? node.symbol : node.prompt ?? ''}`, lines: infoLines(this.tree, node), top: 0, back };
  }

  private openKeys(): void {
    this.mode = { kind: 'pager', title: 'Keys', lines: KEYS_HELP.map((text) => ({ text, tone: text.endsWith(':') ? 'head' as const : 'plain' as const })), top: 0, back: this.mode };
  }

  private showWarnings(title: string, file: string, warnings: string): void {
    this.mode = {
      kind: 'pager', title, top: 0, back: { kind: 'menu' },
      lines: [
        { text: `${file} was read with warnings:`, tone: 'warn' },
        { text: '', tone: 'plain' },
        ...warnings.split('\n').map((text) => ({ text, tone: 'plain' as const })),
      ],
    };
  }

  private pagerKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'pager') return;
    const page = Math.max(1, this.bodyHeight - 2);
    const max = Math.max(0, this.pagerLines().length - (this.bodyHeight - 1));
    let top = m.top;
    if (key.upArrow || input === 'k') top--;
    else if (key.downArrow || input === 'j') top++;
    else if (key.pageUp || input === 'b') top -= page;
    else if (key.pageDown || input === ' ') top += page;
    else if (key.home || input === 'g') top = 0;
    else if (key.end || input === 'G') top = max;
    else if (key.escape || key.return || input === 'q' || input === '?' || input === 'H' || key.leftArrow || input === 'h' || key.backspace || key.delete) {
      this.mode = m.back;
      return;
    } else { this.unhandled = true; return; }
    this.mode = { ...m, top: Math.max(0, Math.min(max, top)) };
  }

  /** Lines of the pager after wrapping to the width. */
  pagerLines(): Line[] {
    const m = this.mode;
    if (m.kind !== 'pager') return [];
    return wrapLines(m.lines, Math.max(10, this.width - 2));
  }

  // ---- why --------------------------------------------------------------------------------

  openWhy(node: MenuNode, back: Mode, intro: Line[] = []): void {
    if (!node.symbol || node.kind === 'choice') {
      this.openInfo(node, back);
      return;
    }
    const name = node.symbol;
    const { roots, summary } = whyRoots(this.tree, name);
    // open the first level of the reasons that decide the value or limit it
    const open = new Set<string>();
    for (const r of roots) if (r.kids && (r.tone === 'ok' || r.tone === 'bad' || r.tone === 'warn')) open.add(`/${r.id}`);
    this.whyKids.clear();
    const wanted = defaultWanted(this.tree, name);
    this.mode = { kind: 'why', name, roots, summary, open, cursor: 0, top: 0, back, wanted, plan: planFor(this.tree, name, wanted), intro };
  }

  /** The visible rows of the why tree. */
  whyRows(): { node: WhyNode; depth: number; key: string; open: boolean }[] {
    const m = this.mode;
    if (m.kind !== 'why') return [];
    const out: { node: WhyNode; depth: number; key: string; open: boolean }[] = [];
    const memo = this.whyKids;
    const walk = (nodes: WhyNode[], depth: number, prefix: string) => {
      for (const n of nodes) {
        const key = `${prefix}/${n.id}`;
        const open = !!n.kids && m.open.has(key);
        out.push({ node: n, depth, key, open });
        if (open && depth < 30) {
          let kids = memo.get(key);
          if (!kids) { kids = n.kids!(); memo.set(key, kids); }
          walk(kids, depth + 1, key);
        }
      }
    };
    const roots = m.roots.map((r) => ({ ...r }));
    // ids of roots are their keys without prefix
    walk(roots, 0, '');
    return out;
  }

  private whyKids = new Map<string, WhyNode[]>();

  /** Lines under the why tree for the way out. */
  get whyPlanLines(): number {
    const m = this.mode;
    if (m.kind !== 'why' || !m.plan) return 0;
    return 1 + Math.min(4, m.plan.steps.length) + (m.plan.steps.length > 4 ? 1 : 0) + (m.plan.ok ? 0 : 1);
  }

  get whyListHeight(): number {
    const m = this.mode;
    return Math.max(3, this.bodyHeight - 3 - this.whyPlanLines - (m.kind === 'why' ? m.intro.length : 0));
  }

  private whyKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'why') return;
    const rows = this.whyRows();
    const h = this.whyListHeight;
    const go = (c: number) => {
      const cursor = Math.max(0, Math.min(rows.length - 1, c));
      this.mode = { ...m, cursor, top: clampTop(m.top, cursor, rows.length, h) };
    };
    const cur = rows[m.cursor];
    if (key.upArrow || input === 'k') return go(m.cursor - 1);
    if (key.downArrow || input === 'j') return go(m.cursor + 1);
    if (key.pageUp) return go(m.cursor - (h - 1));
    if (key.pageDown) return go(m.cursor + (h - 1));
    if (key.home || input === 'g') return go(0);
    if (key.end || input === 'G') return go(rows.length - 1);
    if (key.rightArrow || input === 'l' || key.return || input === ' ') {
      if (cur?.node.kids) {
        const open = new Set(m.open);
        if (open.has(cur.key) && !key.rightArrow && input !== 'l') open.delete(cur.key); else open.add(cur.key);
        this.mode = { ...m, open };
      }
      return;
    }
    if (key.leftArrow || input === 'h') {
      if (cur?.open) { const open = new Set(m.open); open.delete(cur.key); this.mode = { ...m, open }; return; }
      // to the parent
      const parentKey = cur?.key.slice(0, cur.key.lastIndexOf('/'));
      const i = rows.findIndex((r) => r.key === parentKey);
      if (i >= 0) go(i);
      return;
    }
    if (input === 'e') { // expand everything below the cursor, two levels
      if (!cur) return;
      const open = new Set(m.open);
      open.add(cur.key);
      this.mode = { ...m, open };
      for (const r of this.whyRows()) if (r.key.startsWith(cur.key + '/') && r.depth <= cur.depth + 2 && r.node.kids) open.add(r.key);
      this.mode = { ...m, open };
      return;
    }
    if (input === 'y' || input === 'n' || input === 'm') {
      if (m.wanted === null) { this.setStatus(`${m.name} is not a bool or tristate: edit its value in the menu`, 'info'); return; }
      this.mode = { ...m, wanted: input, plan: planFor(this.tree, m.name, input) };
      return;
    }
    if (input === 'a' || input === 'p') {
      const plan = m.plan;
      if (!plan) { this.setStatus('No way out to offer for this symbol', 'error'); return; }
      if (!plan.edits.length) { this.setStatus(plan.ok ? `${m.name} is already ${plan.wanted}` : plan.problem ?? plan.summary, plan.ok ? 'info' : 'error'); return; }
      const goal = `${plan.wanted === 'n' ? 'turn' : 'set'} ${m.name} ${plan.wanted === 'n' ? 'off' : `to ${plan.wanted}`}`;
      this.openPreview(`Way out: ${goal}`, plan.edits, m, `Applied the way out: ${goal}`);
      return;
    }
    if (input === '?') {
      const node = this.tree.allNodes().find((n) => n.symbol === m.name && n.kind !== 'choice');
      if (node) this.openInfo(node, m);
      return;
    }
    if (key.escape || input === 'q' || input === 'w' || key.backspace) {
      this.whyKids.clear();
      this.mode = m.back;
      return;
    }
    this.unhandled = true;
  }

  // ---- preview ("what else changes") ------------------------------------------------------

  /** Shows every value that `edits` would change, with Apply / Cancel. */
  openPreview(title: string, edits: Edit[], back: Mode, done: string): void {
    let changes: Change[] = [];
    let error: string | null = null;
    try {
      changes = toChanges(this.tree.preview(edits));
    } catch (e) {
      error = (e as Error).message;
    }
    this.mode = { kind: 'preview', title, edits, changes, error, top: 0, back, done };
  }

  /** `p` on an entry: the preview of what Space would do. */
  private previewToggle(row: Row): void {
    const info = this.info(row);
    if (!info) { this.setStatus('Nothing to preview here: p previews a change of a bool or tristate entry', 'info'); return; }
    const t = info.effectiveType;
    if (t !== 'bool' && t !== 'tristate') { this.setStatus(`${info.name} is a value: press Enter to edit it`, 'info'); return; }
    const next = row.role === 'radio' ? (info.value === 'y' ? null : 'y') : this.nextValue(info);
    if (next === null) { this.explainBlocked(info); return; }
    this.openPreview(`Set ${info.name} to ${next}`, [{ name: info.name, value: next }], this.mode, '');
  }

  private previewKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'preview') return;
    const h = this.bodyHeight - 6;
    if (key.pageDown || input === ' ') { this.mode = { ...m, top: Math.max(0, Math.min(m.top + h, m.changes.length - h)) }; return; }
    if (key.pageUp || input === 'b') { this.mode = { ...m, top: Math.max(0, m.top - h) }; return; }
    if (input === 'a' || input === 'y') { this.choosePreview('apply'); return; }
    if (key.escape || input === 'n' || input === 'q' || input === 'c') { this.choosePreview('cancel'); return; }
    this.unhandled = true; // arrows and Enter go to the pick list
  }

  /** The preview's Apply / Cancel (from the pick list or a key). */
  choosePreview(choice: string): void {
    const m = this.mode;
    if (m.kind !== 'preview') return;
    if (choice !== 'apply' || m.error) { this.mode = m.back; if (choice !== 'apply') this.setStatus('No change made', 'info'); return; }
    const back = m.back;
    this.mode = back.kind === 'why' ? { kind: 'menu' } : back;
    if (this.applyEdits(m.edits, m.edits.length === 1 ? m.edits[0].name : null) && m.done) this.status = { text: `${m.done}; ${this.status?.text ?? ''}`, tone: 'ok' };
    if (back.kind === 'why') this.openWhy(this.tree.allNodes().find((n) => n.symbol === back.name && n.kind !== 'choice')!, back.back);
    if (back.kind === 'search') this.refreshSearch();
    this.notify();
  }

  // ---- search -----------------------------------------------------------------------------

  searchState: SearchMode | null = null;

  private openSearch(): void {
    if (!this.searchIndex) this.searchIndex = new SearchIndex(this.tree);
    this.searchReturn = null;
    const prev = this.searchState;
    this.mode = prev ? { ...prev, focus: 'query' } : { kind: 'search', text: textState(''), hits: [], total: 0, hitsFor: '', done: true, cursor: 0, top: 0, focus: 'query' };
    this.searchState = this.mode as SearchMode;
    // values may have changed since: refresh
    if (prev && prev.text.value.trim()) this.runSearch(prev.text.value);
  }

  private runSearch(query: string): void {
    const m = this.mode.kind === 'search' ? this.mode : this.searchState;
    if (!m) return;
    const res = this.searchIndex!.find(query);
    // the same query again (values changed): keep the highlighted entry
    const curId = m.hitsFor === query ? this.visibleHits(m)[m.cursor]?.id : undefined;
    const next: SearchMode = { ...m, hits: res.results, total: res.total, hitsFor: query, done: true };
    const shown = this.visibleHits(next);
    const cursor = Math.max(0, curId === undefined ? 0 : shown.findIndex((h) => h.id === curId));
    next.cursor = cursor;
    next.top = clampTop(m.hitsFor === query ? m.top : 0, cursor, shown.length, this.searchListHeight);
    this.searchState = next;
    if (this.mode.kind === 'search') this.mode = next;
  }

  /** The results shown: all, or only entries visible in the menu (preference). */
  visibleHits(m: SearchMode): SearchResult[] {
    if (!this.p.searchHideInvisible) return m.hits;
    return m.hits.filter((h) => h.visible);
  }

  get searchListHeight(): number { return Math.max(3, this.bodyHeight - 1 - this.detailsHeight - 1); }

  /** With an empty query the list shows the last searches. */
  recentSearches(): string[] { return this.p.lastSearches; }

  private rememberSearch(q: string): void {
    const t = q.trim();
    if (t) this.prefs.set({ lastSearches: pushRecent(this.p.lastSearches, t, MAX_SEARCHES) });
  }

  private searchKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'search') return;
    const h = this.searchListHeight;
    const q = m.text.value.trim();
    const list = q ? this.visibleHits(m) : [];
    const count = q ? list.length : this.recentSearches().length;
    const go = (cursor: number) => {
      cursor = Math.max(0, Math.min(count - 1, cursor));
      this.mode = this.searchState = { ...m, cursor, top: clampTop(m.top, cursor, count, h) };
    };
    const setQuery = (text: TextState) => {
      this.mode = this.searchState = { ...m, text, cursor: 0, top: 0, focus: 'query' };
      this.runSearch(text.value);
    };
    if (key.escape) {
      this.rememberSearch(q);
      this.searchIndex?.cancel();
      this.mode = { kind: 'menu' };
      return;
    }
    if (key.upArrow || (key.ctrl && input === 'p') || (m.focus === 'results' && input === 'k')) return go(m.cursor - 1);
    if (key.downArrow || (key.ctrl && input === 'n') || (m.focus === 'results' && input === 'j')) return go(m.cursor + 1);
    if (key.pageUp) return go(m.cursor - (h - 1));
    if (key.pageDown) return go(m.cursor + (h - 1));
    if (key.tab) {
      if (!q) return;
      this.rememberSearch(q);
      this.mode = this.searchState = { ...m, focus: m.focus === 'query' ? 'results' : 'query' };
      return;
    }
    if (!q) {
      // the list shows the last searches
      if (key.return) {
        const s = this.recentSearches()[m.cursor];
        if (s) setQuery(textState(s));
        return;
      }
    }
    const hit = list[m.cursor];
    const node = hit ? this.tree.nodeById(hit.id) : null;
    if (key.return) {
      if (node) { this.rememberSearch(q); this.jumpTo(node); }
      return;
    }
    if (m.focus === 'results' && !key.ctrl && !key.meta) {
      if (input === '/') { this.mode = this.searchState = { ...m, focus: 'query' }; return; }
      if (input === 'z') {
        this.prefs.set({ searchHideInvisible: !this.p.searchHideInvisible });
        this.mode = this.searchState = { ...m, cursor: 0, top: 0 };
        this.setStatus(this.p.searchHideInvisible ? 'Search: entries hidden in the menu are left out (z shows them)' : 'Search: entries hidden in the menu are shown, marked', 'info');
        return;
      }
      if (node && (input === ' ' || input === 'y' || input === 'n' || input === 'm')) { this.setFromSearch(node, input); return; }
      if (node && input === '?') { this.openInfo(node, m); return; }
      if (node && input === 'w') { this.openWhy(node, m); return; }
      if (node && input === 'p') {
        const row: Row = { node, indent: 0, role: node.parent?.kind === 'choice' ? 'radio' : 'entry' };
        this.previewToggle(row);
        return;
      }
      if (input === 'u') { this.undo(); this.refreshSearch(); return; }
      if (input === 'U') { this.redo(); this.refreshSearch(); return; }
      // any other printable key goes back to typing
      const next = applyTextKey(m.text, input, key);
      if (next && next.value !== m.text.value) setQuery(next);
      else this.unhandled = true;
      return;
    }
    const next = applyTextKey(m.text, input, key);
    if (!next) { this.unhandled = true; return; }
    const changed = next.value !== m.text.value;
    this.mode = this.searchState = { ...m, text: next };
    if (changed) { (this.mode as SearchMode).cursor = 0; (this.mode as SearchMode).top = 0; this.runSearch(next.value); }
  }

  /** Values changed while the results are shown: search again (same query, same highlighted entry). */
  private refreshSearch(): void {
    const m = this.mode;
    if (m.kind === 'search' && m.text.value.trim()) this.runSearch(m.text.value);
  }

  /** Space / y / n / m on a search result. */
  private setFromSearch(node: MenuNode, c: string): void {
    if (node.kind === 'menu' || (!node.symbol && node.kind !== 'choice')) { this.setStatus('A menu has no value: Enter opens it', 'info'); return; }
    if (node.kind === 'choice') {
      const row: Row = { node, indent: 0, role: 'entry' };
      if (c === ' ') this.toggle(row, false); else this.setTri(row, c as 'y' | 'n' | 'm');
      this.refreshSearch();
      return;
    }
    const info = this.tree.info(node.symbol!);
    const t = info.effectiveType;
    if (t !== 'bool' && t !== 'tristate') { this.setStatus(`${info.name} is ${t === 'string' ? 'a string' : `an ${t}`}: Enter jumps to it, Enter again edits it`, 'info'); return; }
    if (info.visible === 'n') { this.setStatus(`${info.name} cannot be changed: its prompt is hidden (w tells why)`, 'error'); return; }
    const v = c === ' ' ? this.nextValue(info) : c;
    if (v === null) { this.explainBlocked(info); return; }
    if (info.choice !== null && v === 'n' && info.value === 'y') { this.setStatus(`${info.name} is the selected member of its choice: pick another member instead`, 'info'); return; }
    if (v !== info.value) this.assign(info.name, v);
    this.refreshSearch();
  }

  /** Opens the menus down to `node` and highlights it; shows hidden entries greyed when needed. */
  jumpTo(node: MenuNode): void {
    const chain = containerChain(node);
    const levels: Level[] = chain.map((c, i) => ({ node: c, selId: chain[i + 1]?.id ?? node.id, index: 0, top: 0 }));
    const reachable = (showAll: boolean) => levels.every((lv) => menuRows(this.tree, lv.node, { showAll }).some((r) => r.node.id === lv.selId));
    const name = node.symbol ?? node.prompt ?? '';
    let note = '';
    if (!reachable(this.showAll)) {
      if (!this.showAll && reachable(true)) {
        this.prefs.set({ showAll: true });
        note = ' (hidden: shown greyed; z hides hidden entries again)';
      } else {
        const intro: Line[] = [
          { text: `${name} is not shown in the menu right now.`, tone: 'bad' },
          { text: `It lives in: ${[this.tree.title, ...node.path].join(' › ')}`, tone: 'dim' },
        ];
        this.openWhy(node, this.mode, intro);
        return;
      }
    }
    this.searchIndex?.cancel();
    this.stack = levels;
    this.mode = { kind: 'menu' };
    this.searchReturn = { depth: levels.length };
    this.cursor();
    this.setStatus(`${name}${note}: Esc goes back to the search results`, 'info');
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
    this.savedValues = this.tree.snapshot();
    this.prefs.set({ recentConfigs: pushRecent(this.p.recentConfigs, path.resolve(this.configPath), MAX_RECENT) });
    this.setStatus(`Saved ${this.configPath}`, 'ok');
    return true;
  }

  private openPrompt(purpose: PromptPurpose, back: Mode = this.mode): void {
    const dir = path.dirname(this.configPath);
    const initial = purpose === 'saveMin' ? path.join(dir, 'defconfig') : purpose === 'saveAs' ? `${this.configPath}.copy` : this.configPath;
    this.mode = { kind: 'prompt', purpose, text: textState(initial), error: null, back: back.kind === 'pick' ? back.back : back };
  }

  private promptKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'prompt') return;
    if (key.escape) { this.mode = m.back; this.status = null; return; }
    if (key.return) {
      const file = m.text.value.trim();
      if (!file) { this.mode = m.back; return; }
      const abs = path.resolve(path.dirname(this.configPath), file);
      if (m.purpose === 'load') { this.load(abs); return; }
      const err = m.purpose === 'saveAs' ? this.saveAs(abs) : this.saveMinimal(abs);
      if (err) this.mode = { ...m, error: err };
      else this.mode = m.back;
      return;
    }
    const next = applyTextKey(m.text, input, key);
    if (next) this.mode = { ...m, text: next, error: null };
    else this.unhandled = true;
  }

  /** S: writes the configuration to another file; `s` keeps saving to the usual one. */
  saveAs(file: string): string | null {
    const wasDirty = this.dirty;
    try {
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return `${file} is a folder`;
      this.tree.writeConfig(file);
    } catch (e) {
      return `Cannot save ${file}: ${(e as Error).message}`;
    }
    if (path.resolve(file) === path.resolve(this.configPath)) {
      this.forceDirty = false;
      this.configMissing = false;
      this.savedValues = this.tree.snapshot();
    } else if (wasDirty) this.forceDirty = true; // writing elsewhere does not save the .config

    this.prefs.set({ recentConfigs: pushRecent(this.p.recentConfigs, path.resolve(file), MAX_RECENT) });
    this.setStatus(`Saved a copy to ${file}`, 'ok');
    return null;
  }

  /** d: writes the minimal configuration (what `savedefconfig` writes). */
  saveMinimal(file: string): string | null {
    try {
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return `${file} is a folder`;
      this.tree.writeMinimalConfig(file);
    } catch (e) {
      return `Cannot write ${file}: ${(e as Error).message}`;
    }
    this.setStatus(`Saved the minimal configuration to ${file}`, 'ok');
    return null;
  }

  /** o: a pick list of recent configuration files, or straight to the file prompt. */
  private openLoad(): void {
    const seen = new Set<string>();
    const items: { label: string; value: string }[] = [];
    const add = (file: string, label?: string) => {
      const abs = path.resolve(file);
      if (seen.has(abs) || !isFile(abs)) return;
      seen.add(abs);
      items.push({ label: label ?? abs, value: abs });
    };
    add(this.configPath, `${this.configPath}   (reload, drops unsaved changes)`);
    for (const f of this.p.recentConfigs) add(f);
    add(`${this.configPath}.old`, `${this.configPath}.old   (before the last save)`);
    const defconfigs = path.join(path.dirname(this.configPath), 'defconfigs');
    try {
      for (const f of fs.readdirSync(defconfigs).sort()) add(path.join(defconfigs, f));
    } catch { /* none */ }
    if (!items.length) { this.openPrompt('load'); return; }
    items.push({ label: 'Another file…', value: '' });
    this.mode = { kind: 'pick', purpose: 'load', items, back: this.mode };
  }

  private pickKey(_input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'pick') return;
    if (key.escape) { this.mode = m.back; return; }
    this.unhandled = true; // the pick list handles arrows and Enter
  }

  /** The pick list's choice. */
  choosePick(value: string): void {
    const m = this.mode;
    if (m.kind !== 'pick') return;
    if (!value) this.openPrompt('load', m);
    else this.load(value);
    this.notify();
  }

  load(abs: string): void {
    const shown = abs;
    if (!isFile(abs)) {
      if (this.mode.kind === 'prompt') this.mode = { ...this.mode, error: `${shown}: no such file` };
      else this.setStatus(`${shown}: no such file`, 'error');
      return;
    }
    let res: { found: boolean; warnings: string };
    try {
      res = this.tree.readConfig(abs);
    } catch (e) {
      this.setStatus(`Cannot load ${shown}: ${(e as Error).message}`, 'error');
      return;
    }
    this.changed();
    this.cellsStale = true;
    const isOwn = path.resolve(abs) === path.resolve(this.configPath);
    this.forceDirty = !isOwn;
    if (isOwn) { this.configMissing = false; this.savedValues = this.tree.snapshot(); }
    this.prefs.set({ recentConfigs: pushRecent(this.p.recentConfigs, abs, MAX_RECENT) });
    const warnings = res.warnings.trim();
    this.mode = { kind: 'menu' };
    if (warnings) this.showWarnings(`Loaded ${path.basename(abs)}`, abs, warnings);
    this.setStatus(`Loaded ${abs}${warnings ? ' (with warnings)' : ''}${isOwn ? '' : `; s saves it to ${this.configPath}`}`, warnings ? 'info' : 'ok');
  }

  /** What changed since the configuration was loaded or saved. */
  unsavedChanges(): Change[] {
    const now = this.tree.snapshot();
    const out: Change[] = [];
    for (const [n, v] of now) {
      const was = this.savedValues.get(n);
      if (was !== v) out.push({ name: n, from: was ?? '(new)', to: v });
    }
    return out;
  }

  requestQuit(): void {
    if (!this.dirty) { this.exit(); return; }
    this.mode = { kind: 'quit', changes: this.unsavedChanges(), top: 0 };
  }

  private quitKey(input: string, key: Key): void {
    const m = this.mode;
    if (m.kind !== 'quit') return;
    if (key.ctrl && input === 'c') { this.exit(); return; } // a second Ctrl-C really quits
    const h = Math.max(1, this.bodyHeight - 6);
    if (key.pageDown || input === ' ') { this.mode = { ...m, top: Math.max(0, Math.min(m.top + h, m.changes.length - h)) }; return; }
    if (key.pageUp || input === 'b') { this.mode = { ...m, top: Math.max(0, m.top - h) }; return; }
    if (input === 'y' || input === 's') return this.chooseQuit('yes');
    if (input === 'n' || input === 'd') return this.chooseQuit('no');
    if (input === 'c' || key.escape || input === 'q') return this.chooseQuit('cancel');
    this.unhandled = true; // arrows and Enter go to the pick list
  }

  /** The quit dialog's answer (from the pick list or a key). */
  chooseQuit(choice: string): void {
    if (this.mode.kind !== 'quit') return;
    if (choice === 'yes') { if (this.save()) this.exit(); else this.mode = { kind: 'menu' }; }
    else if (choice === 'no') this.exit();
    else { this.mode = { kind: 'menu' }; this.setStatus('Quit cancelled', 'info'); }
    this.notify();
  }

  private exit(): void {
    this.exited = true;
    this.searchIndex?.cancel();
    this.closePanel(true);
    this.onExit();
  }

  // ---- panels (build / run views) ---------------------------------------------------------

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
    // a build may have changed nothing, but a run's "turn LIBUKRANDOM off" may have: redraw
    this.changed();
    this.cellsStale = true;
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

  private busy = false;

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

const KEYS_HELP = [
  'Moving:',
  '  ↑ ↓ j k        previous / next entry',
  '  PgUp PgDn      page up / down (also Ctrl-B / Ctrl-F)',
  '  Home End g G   first / last entry',
  '  Enter → l      open a submenu or choice; toggle; edit a value; pick a choice member',
  '  Esc ← h Bksp   up one menu (after a jump from search: back to the results)',
  '  letters        jump to the next entry starting with that letter (where not a command)',
  'Changing:',
  '  Space          cycle the value (n → m → y)',
  '  y n m          set the value',
  '  p              preview: every value that Space would change, then apply or cancel',
  '  u U            undo / redo (any number of steps since load; also Ctrl-R)',
  'Finding out:',
  '  /              search names, prompts, help and menu paths',
  '  ?              symbol info: help, defaults, dependencies, selects, where defined',
  '  w              why: why the value, as an expandable tree, and the way out',
  '  z              show all: hidden entries greyed, with the reason',
  '  c              show symbol names',
  'Files:',
  '  s  Ctrl-S      save the configuration',
  '  S              save a copy as …',
  '  o              load a configuration (recent files, defconfigs, …)',
  '  d              save the minimal configuration (savedefconfig)',
  'Other:',
  '  b r            build / run (when available)',
  '  T              theme (default, contrast, mono; NO_COLOR forces mono)',
  '  H              this page',
  '  q  Esc         quit (asks to save unsaved changes)',
];

function safeValue(tree: KconfigTree, name: string): string {
  try {
    return tree.value(name);
  } catch {
    return '?';
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function toChanges(m: ChangeMap): Change[] {
  return [...m].map(([name, c]) => ({ name, from: c.from, to: c.to }));
}

function describe(ch: ChangeMap): string {
  const list = [...ch].map(([n, c]) => `${n} ${c.from}→${c.to}`);
  return list.slice(0, 3).join(', ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');
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
