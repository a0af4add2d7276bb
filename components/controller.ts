// The menu's router: the stack of views (the menu at the bottom, then whatever was opened on it:
// search, info, why, preview, dialogs, a build/run panel), keys passed to the top one, and the
// ways views open each other (the Navigator). Each view's state and keys live in its controller in
// controllers/; what they share (tree, edits, files, preferences, status) in the MenuSession.
// State lives here, not in React state, so several keys arriving in one chunk (fast typing, paste)
// each see the result of the previous one; views re-render through subscribe().
import path from 'node:path';
import type { Key } from 'ink';
import type { Edit, MenuNode, SymbolInfo } from '../kconfig/api.js';
import { actionOf, keysHelp, PANEL_KEYS, type Hint } from './bindings.js';
import { EditController } from './controllers/edit.js';
import { MenuBrowser, type Level } from './controllers/menu.js';
import { PagerController } from './controllers/pager.js';
import { HookRunner, PanelHost } from './controllers/panelHost.js';
import { loadChoices, PickController } from './controllers/pick.js';
import { PreviewController } from './controllers/preview.js';
import { PromptController } from './controllers/prompt.js';
import { QuitController } from './controllers/quit.js';
import { SearchController } from './controllers/search.js';
import type { Navigator, PromptPurpose, ViewController, ViewDeps } from './controllers/view.js';
import { WhyController } from './controllers/why.js';
import { infoLines } from './info.js';
import { isChunk, isControlChar, keyOf, NO_KEY } from './keys.js';
import { isPanel, type HookResult, type Panel } from './panel.js';
import type { PrefStore, Prefs } from './prefs.js';
import type { Row, RowCells } from './rows.js';
import { isFile, MenuSession, type Change, type Status } from './session.js';
import type { Theme } from './theme.js';
import type { Line } from './why.js';

export { MIN_HEIGHT, MIN_WIDTH, type Change, type Status, type Tone } from './session.js';
export type { Level } from './controllers/menu.js';

/** The view on top: what the screen shows. */
export type Mode =
  | MenuBrowser | EditController | SearchController | PagerController | WhyController
  | PreviewController | QuitController | PromptController | PickController | PanelHost;

export interface ControllerOptions {
  tree: import('../kconfig/api.js').KconfigTree;
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
  /** `t` (after saving): the target picker; `menu.exit()` closes the menu so it reopens on the pick. */
  onTarget?: (menu: { exit(): void }) => HookResult;
  /** `W` (after saving): the Kraftfile write-back. */
  onWriteBack?: () => HookResult;
  /** The application's target whose configuration is open (the title bar shows it). */
  target?: string;
  /** A second Esc within this many ms of the first is ignored (mconf users press Esc Esc). */
  escDoubleMs?: number;
  /** Preferences (default: in memory only). */
  prefs?: PrefStore;
  /** The environment (for NO_COLOR). */
  env?: Record<string, string | undefined>;
  /** Warnings printed when the configuration was read, shown at start. */
  loadWarnings?: string;
  /** Library sizes of the last build: after a library's entry and on `?`. */
  sizes?: import('./session.js').MenuSizes;
}

export class MenuController implements Navigator {
  readonly session: MenuSession;
  readonly menu: MenuBrowser;
  readonly onBuild?: () => HookResult;
  readonly onRun?: () => HookResult;
  readonly target?: string;
  onExit: () => void = () => {};
  exited = false;
  private views: ViewController[];
  private search: SearchController | null = null;
  private readonly deps: ViewDeps;
  private readonly hooks: HookRunner;
  private listeners = new Set<() => void>();
  private lastEsc = -Infinity;
  private readonly escDoubleMs: number;

  constructor(opts: ControllerOptions) {
    this.session = new MenuSession(opts);
    this.deps = { session: this.session, nav: this };
    this.onBuild = opts.onBuild;
    this.onRun = opts.onRun;
    this.target = opts.target;
    this.escDoubleMs = opts.escDoubleMs ?? 350;
    this.hooks = new HookRunner(this.session, (p) => this.showPanel(p), () => this.notify());
    this.menu = new MenuBrowser(this.deps, {
      canBuild: !!opts.onBuild, canRun: !!opts.onRun,
      build: () => this.hooks.run('build', this.onBuild),
      run: () => this.hooks.run('run', this.onRun),
      showKeys: () => this.push(new PagerController(this.deps, 'Keys', keysHelp().map((text) => ({ text, tone: text.endsWith(':') ? 'head' as const : 'plain' as const })))),
      canTarget: !!opts.onTarget,
      target: () => this.savedThenPanel('Targets', opts.onTarget && (() => opts.onTarget!(this))),
      writeBack: () => this.savedThenPanel('Write back', opts.onWriteBack),
    });
    this.views = [this.menu];
    const warnings = opts.loadWarnings?.trim();
    if (warnings) this.showWarnings(`Read ${opts.configPath}`, opts.configPath, warnings);
  }

  // ---- subscription -------------------------------------------------------------------------

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  notify(): void {
    for (const fn of this.listeners) fn();
  }

  /** Runs an action from a view's pick list (ink-select-input) and redraws. */
  act(fn: () => void): void {
    fn();
    this.notify();
  }

  // ---- the stack of views -------------------------------------------------------------------

  get mode(): Mode { return this.views[this.views.length - 1] as Mode; }
  top(): ViewController { return this.views[this.views.length - 1]; }
  hints(): readonly Hint[] { return this.top().hints(); }

  private push(v: ViewController): void { this.views.push(v); }

  back(): void {
    if (this.views.length > 1) this.views.pop()!.closed?.();
  }

  toMenu(): void {
    while (this.views.length > 1) this.views.pop()!.closed?.();
  }

  openInfo(node: MenuNode): void {
    const title = `Info: ${node.symbol && node.kind !== 'choice' ? node.symbol : node.prompt ?? ''}`;
    const lines = infoLines(this.session.tree, node);
    // a library's size in the last build, under the value (before the help), seen without scrolling
    const at = lines.findIndex((l) => l.text === '');
    lines.splice(at < 0 ? lines.length : at, 0, ...(this.session.sizes?.infoLines(node) ?? []));
    this.push(new PagerController(this.deps, title, lines));
  }

  openWhy(node: MenuNode, intro: Line[] = []): void {
    if (!node.symbol || node.kind === 'choice') { this.openInfo(node); return; }
    this.push(new WhyController(this.deps, node.symbol, intro));
  }

  openPreview(title: string, edits: Edit[], done = ''): void {
    this.push(new PreviewController(this.deps, title, edits, done));
  }

  openPrompt(purpose: PromptPurpose): void { this.push(new PromptController(this.deps, purpose)); }

  openEdit(node: MenuNode, info: SymbolInfo): void { this.push(new EditController(this.deps, node, info)); }

  /** o: a pick list of this project's configuration files, or straight to the file prompt. */
  openLoad(): void {
    const items = loadChoices(this.session);
    if (!items.length) this.openPrompt('load');
    else this.push(new PickController(this.deps, items));
  }

  openSearch(resume: boolean): void {
    if (!this.search) this.search = new SearchController(this.deps);
    else if (!resume) this.search.reopen();
    this.push(this.search);
  }

  jumpTo(node: MenuNode): void {
    const { ok, hidden } = this.menu.jumpTo(node);
    const name = node.symbol ?? node.prompt ?? '';
    if (!ok) {
      const intro: Line[] = [
        { text: `${name} is not shown in the menu right now.`, tone: 'bad' },
        { text: `It lives in: ${[this.session.tree.title, ...node.path].join(' › ')}`, tone: 'dim' },
      ];
      this.openWhy(node, intro);
      return;
    }
    this.session.cancelSearch();
    this.toMenu();
    const note = hidden ? ' (hidden: shown greyed for this jump; z hides hidden entries again)' : '';
    this.session.setStatus(`${name}${note}: Esc goes back to the search results`, 'info');
  }

  load(abs: string): void {
    const top = this.top();
    if (!isFile(abs)) {
      if (top instanceof PromptController) top.error = `${abs}: no such file`;
      else this.session.setStatus(`${abs}: no such file`, 'error');
      return;
    }
    const warnings = this.session.load(abs);
    if (warnings === null) return;
    this.toMenu();
    if (warnings) this.showWarnings(`Loaded ${path.basename(abs)}`, abs, warnings);
  }

  private showWarnings(title: string, file: string, warnings: string): void {
    this.push(new PagerController(this.deps, title, [
      { text: `${file} was read with warnings:`, tone: 'warn' },
      { text: '', tone: 'plain' },
      ...warnings.split('\n').map((text) => ({ text, tone: 'plain' as const })),
    ]));
  }

  requestQuit(): void {
    if (!this.session.dirty) { this.exit(); return; }
    this.push(new QuitController(this.deps, this.session.unsavedChanges()));
  }

  exit(): void {
    this.exited = true;
    this.session.cancelSearch();
    this.toMenu();
    this.onExit();
  }

  /** t and W: save unsaved changes, then show the panel the hook returns. */
  private savedThenPanel(label: string, hook?: () => HookResult): void {
    const s = this.session;
    if (!hook) { s.setStatus(`${label}: this application has no targets (a Kraftfile's targets:, defconfigs/)`, 'error'); return; }
    if (s.dirty && !s.save()) return;
    try {
      const panel = hook();
      if (isPanel(panel)) this.showPanel(panel);
    } catch (e) {
      s.setStatus(`${label}: ${(e as Error).message}`, 'error');
    }
  }

  /** Shows a panel full screen (build/run views) until the user closes it. */
  showPanel(panel: Panel): void {
    this.toMenu();
    this.push(new PanelHost(this.deps, panel));
  }

  // ---- keys -------------------------------------------------------------------------------

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
      if (!isControlChar(c) && this.top().acceptsText()) {
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
    if (key.escape) {
      const now = Date.now();
      const double = now - this.lastEsc < this.escDoubleMs;
      this.lastEsc = now;
      if (double) return;
    }
    const top = this.top();
    let handled: boolean;
    if (this.session.tooSmall && !(top instanceof PanelHost) && !(top instanceof QuitController)) {
      // only quitting makes sense on a screen too small to draw the menu
      handled = actionOf(PANEL_KEYS, input, key) === 'close';
      if (handled) this.requestQuit();
    } else handled = top.onKey(input, key);
    if (handled) this.notify();
  }

  // ---- what the views show (shortcuts into the session and the menu) ------------------------

  get tree() { return this.session.tree; }
  get configPath(): string { return this.session.configPath; }
  get title(): string { return this.session.title; }
  get app(): string { return this.session.app; }
  get prefs(): PrefStore { return this.session.prefs; }
  get status(): Status | null { return this.session.status; }
  set status(s: Status | null) { this.session.status = s; }
  /** Bumped on every change of values (rows, labels and details are cached per version). */
  get version(): number { return this.session.version; }
  set version(v: number) { this.session.version = v; }
  get width(): number { return this.session.width; }
  get height(): number { return this.session.height; }
  get dirty(): boolean { return this.session.dirty; }
  get isNewFile(): boolean { return this.session.isNewFile; }
  get p(): Prefs { return this.session.p; }
  get showAll(): boolean { return this.menu.showAll; }
  get showNames(): boolean { return this.session.p.showNames; }
  get theme(): Theme { return this.session.theme; }
  get tooSmall(): boolean { return this.session.tooSmall; }
  get detailsHeight(): number { return this.session.detailsHeight; }
  get listHeight(): number { return this.session.listHeight; }
  get bodyHeight(): number { return this.session.bodyHeight; }
  /** The entered menus, outermost first. */
  get stack(): Level[] { return this.menu.levels; }
  get level(): Level { return this.menu.level; }

  setViewport(width: number, height: number): void {
    this.session.width = width;
    this.session.height = height;
  }

  /** The tree was changed from outside (a build or run hook, a test): redraw everything. */
  invalidate(): void {
    this.session.changedAll();
    this.notify();
  }

  changedSinceLoad(): ReadonlySet<string> { return this.session.changedSinceLoad(); }
  rowsOf(container: MenuNode): Row[] { return this.menu.rowsOf(container); }
  rows(): Row[] { return this.menu.rows(); }
  cells(row: Row): RowCells { return this.session.cells(row); }
  cursor(): { index: number; top: number; rows: Row[] } { return this.menu.cursor(); }
  current(): Row | null { return this.menu.current(); }
  breadcrumb(): string[] { return this.menu.breadcrumb(); }
  details(node: MenuNode | null, height: number): Line[] { return this.session.details(node, height); }
  unsavedChanges(): Change[] { return this.session.unsavedChanges(); }

  /** Lines of the pager on top, wrapped to the width. */
  pagerLines(): Line[] {
    const m = this.top();
    return m instanceof PagerController ? m.shownLines() : [];
  }
}
