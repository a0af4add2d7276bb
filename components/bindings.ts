// Every key of every view, declared once as data: the controllers look their keys up here, the key
// bar shows the `bar` hints, the `H` page and the README's "Menu keys" table are made from the menu's
// entries (test/ui/bindings.test.ts checks the README against this file). A key spec is a printable
// character (matched without Ctrl or Alt: Ctrl-U is never `u`), `Ctrl-x`, or a named key below.
import type { Key } from 'ink';

export type KeySpec = string;

export interface Binding<A extends string = string> {
  action: A;
  keys: readonly KeySpec[];
  /** What it does, for `H` and the README (menu keys only); absent: not listed. */
  help?: string;
  /** Section of the `H` page. */
  group?: 'Moving' | 'Changing' | 'Finding out' | 'Files' | 'Other';
  /** Key-bar hint: [key as shown, label]; absent: not on the bar. */
  bar?: readonly [string, string];
  /** On the key bar only when the menu has this hook (b, r; t and W: the app has targets). */
  when?: 'build' | 'run' | 'targets';
}

const NAMED: Record<string, (k: Key) => boolean> = {
  Up: (k) => k.upArrow, Down: (k) => k.downArrow, Left: (k) => k.leftArrow, Right: (k) => k.rightArrow,
  PgUp: (k) => k.pageUp, PgDn: (k) => k.pageDown, Home: (k) => k.home, End: (k) => k.end,
  Enter: (k) => k.return, Esc: (k) => k.escape, Tab: (k) => k.tab,
  // Ink reports \x7f (what the Backspace key sends) as `delete`, \b as `backspace`
  Backspace: (k) => k.backspace, Delete: (k) => k.delete,
};

/** Does the key event match the spec? */
export function matches(spec: KeySpec, input: string, key: Key): boolean {
  const named = NAMED[spec];
  if (named) return named(key);
  if (spec === 'Space') return input === ' ' && !key.ctrl && !key.meta;
  if (spec.startsWith('Ctrl-')) return key.ctrl && !key.meta && input === spec.slice(5).toLowerCase();
  return input === spec && !key.ctrl && !key.meta;
}

/** The action bound to a key in a table, or null. */
export function actionOf<A extends string>(table: readonly Binding<A>[], input: string, key: Key): A | null {
  for (const b of table) for (const s of b.keys) if (matches(s, input, key)) return b.action;
  return null;
}

// ---- the menu -------------------------------------------------------------------------------

export type MenuAction =
  | 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last' | 'activate' | 'enter' | 'back'
  | 'toggle' | 'setY' | 'setN' | 'setM' | 'preview' | 'undo' | 'redo'
  | 'search' | 'info' | 'why' | 'showAll' | 'names'
  | 'save' | 'saveAs' | 'load' | 'saveMin'
  | 'build' | 'run' | 'target' | 'writeBack' | 'theme' | 'keys' | 'quit';

export const MENU_KEYS: readonly Binding<MenuAction>[] = [
  { action: 'up', keys: ['Up', 'k'], group: 'Moving', help: 'previous entry' },
  { action: 'down', keys: ['Down', 'j'], group: 'Moving', help: 'next entry' },
  { action: 'pageUp', keys: ['PgUp', 'Ctrl-B'], group: 'Moving', help: 'page up' },
  { action: 'pageDown', keys: ['PgDn', 'Ctrl-F'], group: 'Moving', help: 'page down' },
  { action: 'first', keys: ['Home', 'g'], group: 'Moving', help: 'first entry' },
  { action: 'last', keys: ['End', 'G'], group: 'Moving', help: 'last entry' },
  { action: 'activate', keys: ['Enter'], group: 'Moving', help: 'open a submenu or choice; toggle; edit a value; pick a choice member', bar: ['⏎', 'open/set'] },
  { action: 'enter', keys: ['Right', 'l'], group: 'Moving', help: 'open a submenu or choice' },
  { action: 'back', keys: ['Esc', 'Left', 'h', 'Backspace', 'Delete'], group: 'Moving', help: 'up one menu (after a jump from search: back to the results; Esc at the top quits)' },
  { action: 'toggle', keys: ['Space'], group: 'Changing', help: 'cycle the value (n → m → y)', bar: ['␣', 'toggle'] },
  { action: 'setY', keys: ['y'], group: 'Changing', help: 'set the value to y' },
  { action: 'setN', keys: ['n'], group: 'Changing', help: 'set the value to n' },
  { action: 'setM', keys: ['m'], group: 'Changing', help: 'set the value to m' },
  { action: 'preview', keys: ['p'], group: 'Changing', help: 'preview: every value that Space would change, then apply or cancel', bar: ['p', 'preview'] },
  { action: 'undo', keys: ['u'], group: 'Changing', help: 'undo (any number of steps since load)', bar: ['u', 'undo'] },
  { action: 'redo', keys: ['U', 'Ctrl-R'], group: 'Changing', help: 'redo', bar: ['U', 'redo'] },
  { action: 'search', keys: ['/'], group: 'Finding out', help: 'search names, prompts, help and menu paths (Tab: act on the results with Space/y/n/m, ?, w, p; z leaves out hidden entries)', bar: ['/', 'search'] },
  { action: 'info', keys: ['?'], group: 'Finding out', help: 'symbol info: help, defaults, dependencies, selects, where defined', bar: ['?', 'info'] },
  { action: 'why', keys: ['w'], group: 'Finding out', help: 'why: why the value, as an expandable tree, and the way out (a applies it after showing every change)', bar: ['w', 'why'] },
  { action: 'showAll', keys: ['z'], group: 'Finding out', help: 'show all: hidden entries greyed, with the reason', bar: ['z', 'all'] },
  { action: 'names', keys: ['c'], group: 'Finding out', help: 'show symbol names', bar: ['c', 'names'] },
  { action: 'save', keys: ['s', 'Ctrl-S'], group: 'Files', help: 'save the configuration', bar: ['s', 'save'] },
  { action: 'saveAs', keys: ['S'], group: 'Files', help: 'save a copy as …', bar: ['S', 'save as'] },
  { action: 'load', keys: ['o'], group: 'Files', help: "load a configuration (this project's recent files, defconfigs, …)", bar: ['o', 'load'] },
  { action: 'saveMin', keys: ['d'], group: 'Files', help: 'save the minimal configuration (savedefconfig)', bar: ['d', 'minimal'] },
  { action: 'build', keys: ['b'], group: 'Other', when: 'build', help: "when available: save, then build (unlike mconf, where b jumps to the next entry starting with b): progress, current step, log; Esc/Ctrl-C cancels", bar: ['b', 'build'] },
  { action: 'run', keys: ['r'], group: 'Other', when: 'run', help: 'when available: save, show the boot plan; Enter boots (building first when the image is older than .config or a source file)', bar: ['r', 'run'] },
  { action: 'target', keys: ['t'], group: 'Files', when: 'targets', help: "when the app has targets (Kraftfile, defconfigs/): save, then pick one; the menu reopens on that target's own configuration file", bar: ['t', 'target'] },
  { action: 'writeBack', keys: ['W'], group: 'Files', when: 'targets', help: "on a Kraftfile target: save, then the Kraftfile diff that records the changes in the target's kconfig (a: in unikraft's, for every target); Enter writes it", bar: ['W', 'write back'] },
  { action: 'theme', keys: ['T'], group: 'Other', help: 'theme (default, contrast, mono; NO_COLOR forces mono)' },
  { action: 'keys', keys: ['H'], group: 'Other', help: 'the list of keys', bar: ['H', 'keys'] },
  { action: 'quit', keys: ['q', 'Ctrl-C'], group: 'Other', help: 'quit (asks to save unsaved changes, listing them)', bar: ['q', 'quit'] },
];

/** The order of the menu's key bar (the most used first; b and r appear when available). */
const MENU_BAR_ORDER: readonly MenuAction[] = [
  'activate', 'toggle', 'search', 'info', 'why', 'preview', 'undo', 'save', 'quit', 'build', 'run',
  'showAll', 'names', 'load', 'saveAs', 'saveMin', 'target', 'writeBack', 'redo', 'keys',
];

/** Letters and digits that are menu commands; the others jump to entries (mconf's hotkeys). */
export const MENU_COMMAND_KEYS: ReadonlySet<string> = new Set(
  MENU_KEYS.flatMap((b) => b.keys).filter((k) => /^[A-Za-z0-9/?]$/.test(k)),
);

/** Text typed into a one-line field (value editor, file prompt, search query): textEdit.ts. */
const TEXT_KEYS = {
  move: { action: 'text', keys: ['Left', 'Right', 'Home', 'End', 'Ctrl-A', 'Ctrl-E'], bar: ['←→', 'move'] },
  clear: { action: 'text', keys: ['Ctrl-U'], bar: ['^U', 'clear'] },
} as const satisfies Record<string, Binding<'text'>>;

// ---- the other views ------------------------------------------------------------------------

export const EDIT_KEYS: readonly Binding<'set' | 'cancel' | 'text'>[] = [
  { action: 'set', keys: ['Enter'], bar: ['⏎', 'set'] },
  { action: 'cancel', keys: ['Esc'], bar: ['Esc', 'cancel'] },
  TEXT_KEYS.move, TEXT_KEYS.clear,
];

export const PROMPT_KEYS: readonly Binding<'ok' | 'cancel' | 'text'>[] = [
  { action: 'ok', keys: ['Enter'], bar: ['⏎', 'ok'] },
  { action: 'cancel', keys: ['Esc'], bar: ['Esc', 'cancel'] },
  TEXT_KEYS.clear,
];

export type SearchAction =
  | 'up' | 'down' | 'pageUp' | 'pageDown' | 'focus' | 'jump' | 'close'
  | 'query' | 'hideHidden' | 'set' | 'info' | 'why' | 'preview' | 'undo' | 'redo';

/** Typing the query. */
export const SEARCH_KEYS: readonly Binding<SearchAction>[] = [
  { action: 'up', keys: ['Up', 'Ctrl-P'], bar: ['↑↓', 'choose'] },
  { action: 'down', keys: ['Down', 'Ctrl-N'] },
  { action: 'pageUp', keys: ['PgUp'] },
  { action: 'pageDown', keys: ['PgDn'] },
  { action: 'jump', keys: ['Enter'], bar: ['⏎', 'jump'] },
  { action: 'focus', keys: ['Tab'], bar: ['Tab', 'to results'] },
  { action: 'close', keys: ['Esc'], bar: ['Esc', 'close'] },
];

/** In the results (after Tab): keys act on the highlighted result; other letters go back to typing. */
export const RESULTS_KEYS: readonly Binding<SearchAction>[] = [
  { action: 'jump', keys: ['Enter'], bar: ['⏎', 'jump'] },
  { action: 'up', keys: ['Up', 'Ctrl-P', 'k'] },
  { action: 'down', keys: ['Down', 'Ctrl-N', 'j'] },
  { action: 'pageUp', keys: ['PgUp'] },
  { action: 'pageDown', keys: ['PgDn'] },
  { action: 'set', keys: ['Space', 'y', 'n', 'm'], bar: ['␣ y n m', 'set'] },
  { action: 'info', keys: ['?'], bar: ['?', 'info'] },
  { action: 'why', keys: ['w'], bar: ['w', 'why'] },
  { action: 'preview', keys: ['p'], bar: ['p', 'preview'] },
  { action: 'hideHidden', keys: ['z'], bar: ['z', 'hide hidden'] },
  { action: 'focus', keys: ['Tab'], bar: ['Tab', 'to query'] },
  { action: 'query', keys: ['/'] },
  { action: 'undo', keys: ['u'] },
  { action: 'redo', keys: ['U'] },
  { action: 'close', keys: ['Esc'], bar: ['Esc', 'back'] },
];

export const PAGER_KEYS: readonly Binding<'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last' | 'close'>[] = [
  { action: 'up', keys: ['Up', 'k'], bar: ['↑↓', 'scroll'] },
  { action: 'down', keys: ['Down', 'j'] },
  { action: 'pageUp', keys: ['PgUp', 'b'], bar: ['PgUp/PgDn', 'page'] },
  { action: 'pageDown', keys: ['PgDn', 'Space'] },
  { action: 'first', keys: ['Home', 'g'] },
  { action: 'last', keys: ['End', 'G'] },
  { action: 'close', keys: ['Esc', 'Enter', 'q', '?', 'H', 'Left', 'h', 'Backspace', 'Delete'], bar: ['Esc', 'close'] },
];

export type WhyAction =
  | 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last' | 'open' | 'toggle' | 'collapse' | 'expandAll'
  | 'target' | 'apply' | 'info' | 'close';

export const WHY_KEYS: readonly Binding<WhyAction>[] = [
  { action: 'up', keys: ['Up', 'k'], bar: ['↑↓', 'move'] },
  { action: 'down', keys: ['Down', 'j'] },
  { action: 'pageUp', keys: ['PgUp'] },
  { action: 'pageDown', keys: ['PgDn'] },
  { action: 'first', keys: ['Home', 'g'] },
  { action: 'last', keys: ['End', 'G'] },
  { action: 'open', keys: ['Right', 'l'], bar: ['→/⏎', 'expand'] },
  { action: 'toggle', keys: ['Enter', 'Space'] },
  { action: 'collapse', keys: ['Left', 'h'], bar: ['←', 'collapse'] },
  { action: 'expandAll', keys: ['e'], bar: ['e', 'expand all'] },
  { action: 'apply', keys: ['a', 'p'], bar: ['a', 'apply the way out'] },
  { action: 'target', keys: ['y', 'n', 'm'], bar: ['y/n/m', 'target'] },
  { action: 'info', keys: ['?'], bar: ['?', 'info'] },
  { action: 'close', keys: ['Esc', 'q', 'w', 'Backspace'], bar: ['Esc', 'close'] },
];

/** Dialogs with a pick list: arrows and Enter go to the list (ink-select-input). */
const LIST_HINT = { action: 'list', keys: [], bar: ['↑↓ ⏎', 'choose'] } as const satisfies Binding<'list'>;

export const PREVIEW_KEYS: readonly Binding<'pageDown' | 'pageUp' | 'apply' | 'cancel' | 'list'>[] = [
  LIST_HINT,
  { action: 'apply', keys: ['a', 'y'], bar: ['a', 'apply'] },
  { action: 'cancel', keys: ['Esc', 'n', 'q', 'c'], bar: ['Esc', 'cancel'] },
  { action: 'pageDown', keys: ['PgDn', 'Space'], bar: ['PgUp/PgDn', 'scroll'] },
  { action: 'pageUp', keys: ['PgUp', 'b'] },
];

export const QUIT_KEYS: readonly Binding<'exit' | 'pageDown' | 'pageUp' | 'yes' | 'no' | 'cancel' | 'list'>[] = [
  { action: 'exit', keys: ['Ctrl-C'] },
  { action: 'yes', keys: ['y', 's'], bar: ['y', 'save+quit'] },
  { action: 'no', keys: ['n', 'd'], bar: ['n', 'quit'] },
  { action: 'cancel', keys: ['c', 'Esc', 'q'], bar: ['c/Esc', 'cancel'] },
  LIST_HINT,
  { action: 'pageDown', keys: ['PgDn', 'Space'] },
  { action: 'pageUp', keys: ['PgUp', 'b'] },
];

export const PICK_KEYS: readonly Binding<'up' | 'down' | 'first' | 'last' | 'choose' | 'cancel'>[] = [
  { action: 'up', keys: ['Up', 'k'], bar: ['↑↓', 'choose'] },
  { action: 'down', keys: ['Down', 'j'] },
  { action: 'first', keys: ['Home', 'g', 'PgUp'] },
  { action: 'last', keys: ['End', 'G', 'PgDn'] },
  { action: 'choose', keys: ['Enter'], bar: ['⏎', 'load'] },
  { action: 'cancel', keys: ['Esc'], bar: ['Esc', 'cancel'] },
];

/** A full-screen panel (build, run) handles its own keys; these close it once it allows. */
export const PANEL_KEYS: readonly Binding<'close'>[] = [{ action: 'close', keys: ['Esc', 'q', 'Ctrl-C'] }];

// ---- what is shown ---------------------------------------------------------------------------

export type Hint = readonly [string, string];

/** Key-bar hints of a table, in its order. */
export function hintsOf(table: readonly Binding[]): readonly Hint[] {
  let h = hintCache.get(table);
  if (!h) { h = table.flatMap((b) => (b.bar ? [b.bar] : [])); hintCache.set(table, h); }
  return h;
}

// the same array for the same table: the key bar is memoized on it
const hintCache = new WeakMap<readonly Binding[], readonly Hint[]>();
const menuHintCache = new Map<string, readonly Hint[]>();

/** The menu's key bar: b and r only when the menu has those hooks. */
export function menuHints(has: { build: boolean; run: boolean; targets?: boolean }): readonly Hint[] {
  const key = `${has.build}:${has.run}:${!!has.targets}`;
  let h = menuHintCache.get(key);
  if (!h) { h = menuBar(has); menuHintCache.set(key, h); }
  return h;
}

function menuBar(has: { build: boolean; run: boolean; targets?: boolean }): Hint[] {
  return MENU_BAR_ORDER.map((a) => MENU_KEYS.find((b) => b.action === a)!)
    .filter((b) => b.bar && (!b.when || has[b.when]))
    .map((b) => b.bar!);
}

const SHOWN: Record<string, string> = {
  Up: '↑', Down: '↓', Left: '←', Right: '→', Backspace: 'Bksp', Delete: 'Del', Space: 'Space',
};

/** Keys as people read them: `↑ k`, `s Ctrl-S`. */
export function keyText(keys: readonly KeySpec[]): string {
  return keys.map((k) => SHOWN[k] ?? k).join(' ');
}

const GROUPS = ['Moving', 'Changing', 'Finding out', 'Files', 'Other'] as const;
const HOTKEYS_HELP = 'jump to the next entry starting with that letter (letters and digits not listed here)';

/** The `H` page: the menu's keys by group. */
export function keysHelp(): string[] {
  const out: string[] = [];
  for (const g of GROUPS) {
    out.push(`${g}:`);
    for (const b of MENU_KEYS) {
      if (b.group === g && b.help) out.push(`  ${keyText(b.keys).padEnd(16)} ${b.help}`);
    }
    if (g === 'Moving') out.push(`  ${'letters, digits'.padEnd(16)} ${HOTKEYS_HELP}`);
  }
  return out;
}

/** The README's "Menu keys" table (markdown rows, header included). */
export function readmeKeyTable(): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = ['| key | action |', '|---|---|'];
  for (const b of MENU_KEYS) if (b.help) rows.push(`| ${cell(b.keys.map((k) => `\`${SHOWN[k] ?? k}\``).join(' '))} | ${cell(b.help)} |`);
  rows.push(`| letters, digits | ${HOTKEYS_HELP} |`);
  return rows;
}
