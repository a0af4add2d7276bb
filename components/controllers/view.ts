// What a view's controller is to the router (components/controller.ts): it owns its state and its
// keys, says which key-bar hints apply, and opens other views only through the Navigator. The
// shared services (tree, edits, files, preferences, status) come in as the MenuSession.
import type { Key } from 'ink';
import type { Edit, MenuNode, SymbolInfo } from '../../kconfig/api.js';
import type { Hint } from '../bindings.js';
import type { MenuSession } from '../session.js';
import type { Line } from '../why.js';

export type ViewKind = 'menu' | 'edit' | 'search' | 'pager' | 'why' | 'preview' | 'quit' | 'prompt' | 'pick' | 'panel';

export interface ViewController {
  readonly kind: ViewKind;
  /** Handles one key; false when the key means nothing here (nothing changed, no redraw). */
  onKey(input: string, key: Key): boolean;
  /** Takes a run of typed characters as one key (fast typing, paste). */
  acceptsText(): boolean;
  /** The key bar. */
  hints(): readonly Hint[];
  /** Taken off the stack for good. */
  closed?(): void;
}

export type PromptPurpose = 'saveAs' | 'saveMin' | 'load';

/** How a view opens, closes and replaces views (the router's stack). */
export interface Navigator {
  /** Takes the top view off (back to the one below). */
  back(): void;
  /** Back to the menu, closing every view above it. */
  toMenu(): void;
  /** The view on top. */
  top(): ViewController;
  openInfo(node: MenuNode): void;
  openWhy(node: MenuNode, intro?: Line[]): void;
  /** Shows every value `edits` would change; `done` heads the status after applying. */
  openPreview(title: string, edits: Edit[], done?: string): void;
  openPrompt(purpose: PromptPurpose): void;
  openLoad(): void;
  /** `/` (resume=false: the last query selected) or back to the results after a jump (resume=true). */
  openSearch(resume: boolean): void;
  openEdit(node: MenuNode, info: SymbolInfo): void;
  /** Opens the menus down to `node` and highlights it (from search and why). */
  jumpTo(node: MenuNode): void;
  /** Loads a configuration file into the tree and shows the menu (or its warnings). */
  load(abs: string): void;
  requestQuit(): void;
  exit(): void;
  /** Ask for a redraw outside a key (a promise settled, a panel changed). */
  notify(): void;
}

export interface ViewDeps {
  session: MenuSession;
  nav: Navigator;
}
