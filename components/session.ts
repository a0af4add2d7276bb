// What every view of the menu shares, injected into each controller: the tree and its edits (one
// undo step each), saving and loading, the saved/unsaved state, the preferences, the status line,
// the terminal size and the cached row texts. No view state and no keys here.
import fs from 'node:fs';
import path from 'node:path';
import type { ChangeMap, Edit, KconfigTree, MenuNode } from '../kconfig/api.js';
import { detailLines } from './details.js';
import { MAX_RECENT, memoryPrefs, pushRecent, type PrefStore, type Prefs } from './prefs.js';
import { RowCache, safeValue } from './rowCache.js';
import type { Row, RowCells } from './rows.js';
import { SearchIndex } from '../src/search/index.js';
import { noColor, theme, THEMES, type Theme } from './theme.js';
import type { Line } from './why.js';

export type Tone = 'info' | 'ok' | 'error';
export interface Status { text: string; tone: Tone }
export interface Change { name: string; from: string; to: string }

/** Smallest terminal the menu draws in. */
export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 15;

export interface SessionOptions {
  tree: KconfigTree;
  configPath: string;
  title?: string;
  /** The application's name for the title bar. */
  app?: string;
  /** Preferences (default: in memory only). */
  prefs?: PrefStore;
  /** The environment (for NO_COLOR). */
  env?: Record<string, string | undefined>;
  /** Library sizes of the last build (src/size/menuMarks.ts): shown after a library's entry and on `?`. */
  sizes?: MenuSizes;
}

export interface MenuSizes {
  mark(node: MenuNode): string | null;
  infoLines(node: MenuNode): Line[];
}

export class MenuSession {
  readonly tree: KconfigTree;
  readonly configPath: string;
  readonly title: string;
  readonly app: string;
  readonly prefs: PrefStore;
  private readonly forceMono: boolean;
  status: Status | null = null;
  /** Bumped on every change of values (rows, labels and details are cached per version). */
  version = 0;
  width = 80;
  height = 24;
  readonly rowCache: RowCache;
  private forceDirty = false;
  private configMissing: boolean;
  private changedCache: { version: number; set: ReadonlySet<string> } | null = null;
  /** Values when the configuration was last loaded or saved (the quit dialog lists the difference). */
  private savedValues: Map<string, string>;
  private index: SearchIndex | null = null;
  private detailsCache: { key: string; lines: Line[] } | null = null;
  readonly sizes: MenuSizes | null;
  /** Rows with their size mark, by the cached row and the mark (the same object while neither changes). */
  private sized = new WeakMap<RowCells, { mark: string; cells: RowCells }>();

  constructor(opts: SessionOptions) {
    this.tree = opts.tree;
    this.configPath = opts.configPath;
    this.title = opts.title ?? opts.tree.title;
    this.app = opts.app ?? path.basename(path.dirname(path.resolve(opts.configPath)));
    this.prefs = opts.prefs ?? memoryPrefs();
    this.forceMono = noColor(opts.env ?? process.env);
    this.configMissing = !fs.existsSync(opts.configPath);
    this.savedValues = this.tree.snapshot();
    this.rowCache = new RowCache(this.tree);
    this.sizes = opts.sizes ?? null;
  }

  // ---- state shown everywhere ---------------------------------------------------------------

  get dirty(): boolean { return this.tree.changed || this.forceDirty || this.configMissing; }
  get isNewFile(): boolean { return this.configMissing; }
  get p(): Prefs { return this.prefs.get(); }
  get theme(): Theme { return theme(this.forceMono ? 'mono' : this.p.theme); }
  get tooSmall(): boolean { return this.width < MIN_WIDTH || this.height < MIN_HEIGHT; }

  /** Lines of the details pane for the current terminal size. */
  get detailsHeight(): number { return this.height >= 34 ? 6 : this.height >= 22 ? 4 : 2; }
  /** Height of the menu list: the rest after title, breadcrumb, rule, rule, details, status, keys. */
  get listHeight(): number { return Math.max(3, this.height - 6 - this.detailsHeight); }
  /** Lines available to the pager, search, why and dialogs (list + rule + details). */
  get bodyHeight(): number { return this.listHeight + 1 + this.detailsHeight; }

  setStatus(text: string, tone: Tone = 'info'): void {
    this.status = { text, tone };
  }

  /** The search index (built on first use, shared by every search). */
  get searchIndex(): SearchIndex {
    this.index ??= new SearchIndex(this.tree);
    return this.index;
  }

  cancelSearch(): void { this.index?.cancel(); }

  /** Symbols whose value differs from the loaded configuration (cached per version). */
  changedSinceLoad(): ReadonlySet<string> {
    if (this.changedCache?.version !== this.version) this.changedCache = { version: this.version, set: this.tree.changedSinceLoad() };
    return this.changedCache.set;
  }

  cells(row: Row): RowCells {
    const cells = this.rowCache.cells(row, this.version, this.changedSinceLoad());
    const mark = row.role === 'entry' || row.role === 'header' ? this.sizes?.mark(row.node) : null;
    if (!mark) return cells;
    const known = this.sized.get(cells);
    if (known?.mark === mark) return known.cells;
    const withMark = { ...cells, text: `${cells.text}  [${mark}]` };
    this.sized.set(cells, { mark, cells: withMark });
    return withMark;
  }

  /** The details pane's lines for a node, cached per version. */
  details(node: MenuNode | null, height: number): Line[] {
    const key = `${this.version}:${node?.id ?? -1}:${height}`;
    if (this.detailsCache?.key !== key) this.detailsCache = { key, lines: detailLines(this.tree, node, height) };
    return this.detailsCache.lines;
  }

  /** Values changed in a way that moves user values around: every row is computed again. */
  changedAll(): void {
    this.version++;
    this.rowCache.markStale();
  }

  // ---- edits --------------------------------------------------------------------------------

  /** Applies edits as one undo step; reports what changed (headed by `head`) or why not. */
  applyEdits(edits: Edit[], main: string | null, head?: string): boolean {
    let changes: ChangeMap;
    try {
      changes = this.tree.apply(edits);
    } catch (e) {
      this.setStatus((e as Error).message, 'error');
      return false;
    }
    this.version++;
    this.rowCache.forget(edits.map((e) => e.name));
    if (edits.some((e) => e.node || this.rowCache.isModules(e.name))) this.rowCache.markStale();
    const prefix = head ?? (main ? `${main} = ${safeValue(this.tree, main)}` : `Applied ${edits.length} edit${edits.length === 1 ? '' : 's'}`);
    this.reportChanges(prefix, main, changes, head !== undefined);
    return true;
  }

  assign(name: string, value: string): boolean {
    return this.applyEdits([{ name, value }], name);
  }

  assignChoiceMode(node: MenuNode, mode: string): void {
    try {
      const changes = this.tree.setChoiceMode(node, mode);
      this.changedAll();
      this.reportChanges(`${node.prompt ?? 'choice'}: ${mode}`, null, changes);
    } catch (e) {
      this.setStatus((e as Error).message, 'error');
    }
  }

  /** Reports a change map in the status line. */
  private reportChanges(prefix: string, main: string | null, changes: ChangeMap, headed = false): void {
    const others = [...changes].filter(([n]) => n !== main);
    let msg = prefix;
    if (others.length) {
      const shown = others.slice(0, 3).map(([n, c]) => `${n}=${c.to}`).join(', ');
      msg += `${main ? '; also changed' : headed ? '; changed' : ''}: ${shown}${others.length > 3 ? ` and ${others.length - 3} more` : ''}`;
    }
    this.setStatus(msg, 'ok');
  }

  undo(): void {
    const ch = this.tree.undo();
    if (!ch) { this.setStatus('Nothing to undo', 'info'); return; }
    this.changedAll();
    this.setStatus(ch.size ? `Undone: ${describe(ch)}` : 'Undone (no value changed)', 'ok');
  }

  redo(): void {
    const ch = this.tree.redo();
    if (!ch) { this.setStatus('Nothing to redo', 'info'); return; }
    this.changedAll();
    this.setStatus(ch.size ? `Redone: ${describe(ch)}` : 'Redone (no value changed)', 'ok');
  }

  // ---- preferences --------------------------------------------------------------------------

  toggleShowNames(): void {
    this.prefs.set({ showNames: !this.p.showNames });
    this.setStatus(this.p.showNames ? 'Showing symbol names (c hides them)' : 'Symbol names hidden', 'info');
  }

  cycleTheme(): void {
    const next = THEMES[(THEMES.indexOf(this.p.theme) + 1) % THEMES.length];
    this.prefs.set({ theme: next });
    this.setStatus(`Theme: ${next}${this.forceMono ? ' (NO_COLOR is set: no colours)' : ''}`, 'info');
  }

  private remember(file: string): void {
    this.prefs.set({ recentConfigs: pushRecent(this.p.recentConfigs, path.resolve(file), MAX_RECENT) });
  }

  // ---- files --------------------------------------------------------------------------------

  save(): boolean {
    try {
      this.tree.writeConfig(this.configPath);
    } catch (e) {
      this.setStatus(`Cannot save ${this.configPath}: ${(e as Error).message}`, 'error');
      return false;
    }
    this.markSaved();
    this.remember(this.configPath);
    this.setStatus(`Saved ${this.configPath}`, 'ok');
    return true;
  }

  private markSaved(): void {
    this.forceDirty = false;
    this.configMissing = false;
    this.savedValues = this.tree.snapshot();
  }

  /** S: writes the configuration to another file; `s` keeps saving to the usual one. */
  saveAs(file: string): string | null {
    const wasDirty = this.dirty;
    const err = writeFileWith(file, 'save', (f) => this.tree.writeConfig(f));
    if (err) return err;
    if (path.resolve(file) === path.resolve(this.configPath)) this.markSaved();
    else if (wasDirty) this.forceDirty = true; // writing elsewhere does not save the .config
    this.remember(file);
    this.setStatus(`Saved a copy to ${file}`, 'ok');
    return null;
  }

  /** d: writes the minimal configuration (what `savedefconfig` writes). */
  saveMinimal(file: string): string | null {
    const err = writeFileWith(file, 'write', (f) => this.tree.writeMinimalConfig(f));
    if (err) return err;
    this.setStatus(`Saved the minimal configuration to ${file}`, 'ok');
    return null;
  }

  /** Reads a configuration file into the tree; returns its warnings, or null when it could not (status set). */
  load(abs: string): string | null {
    let res: { found: boolean; warnings: string };
    try {
      res = this.tree.readConfig(abs);
    } catch (e) {
      this.setStatus(`Cannot load ${abs}: ${(e as Error).message}`, 'error');
      return null;
    }
    this.changedAll();
    const isOwn = path.resolve(abs) === path.resolve(this.configPath);
    this.forceDirty = !isOwn;
    if (isOwn) this.markSaved();
    this.remember(abs);
    const warnings = res.warnings.trim();
    this.setStatus(`Loaded ${abs}${warnings ? ' (with warnings)' : ''}${isOwn ? '' : `; s saves it to ${this.configPath}`}`, warnings ? 'info' : 'ok');
    return warnings;
  }

  /** What changed since the configuration was loaded or saved. */
  unsavedChanges(): Change[] {
    const out: Change[] = [];
    for (const [n, v] of this.tree.snapshot()) {
      const was = this.savedValues.get(n);
      if (was !== v) out.push({ name: n, from: was ?? '(new)', to: v });
    }
    return out;
  }
}

/** Writes a file with `write`, or says why not (a folder, an error). */
function writeFileWith(file: string, verb: string, write: (file: string) => void): string | null {
  try {
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return `${file} is a folder`;
    write(file);
    return null;
  } catch (e) {
    return `Cannot ${verb} ${file}: ${(e as Error).message}`;
  }
}

export function isFile(p: string): boolean {
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
