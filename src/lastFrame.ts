// The menu's first frame, drawn again at once when the menu opens on what it showed last time.
// Opening the menu costs ~0.3 s of one core (Node, the bundle, the tree, React and Ink, the first
// render), and most opens show what the last one showed first. So the first frame's text is kept
// with what it was made from: the files the tree was read from (each by inode, size and time, and
// else by content: src/fileIdentity.ts; and the folders above them, by their entries), the application
// folder's files (.config, Makefile, Kraftfile), the preferences, the last build's size record, the
// program, the environment, the arguments, the terminal's size, and the output of the commands the
// frame shows (a git core's gitsha1: run again first, ~40 ms here). When all of them are unchanged,
// the frame is written as soon as the program starts (src/frameOnScreen.ts); the menu loads as
// always and takes the screen over: if its own first frame is the same text, nothing is written
// again; otherwise the screen is cleared and its frame drawn. So a frame kept wrongly shows for the
// ~0.2 s the menu takes to load, never longer. When a session changed what the frame was made of (a save, a
// build), the menu makes the next open's frame as it quits (src/menu.ts: FrameKeeper.current, then
// keep). UKMENU_LAST_FRAME=0 turns it off.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheFolder, statKey, writeQuietly } from './cacheFolder.js';
import { fileIdentity, sameFile, type FileIdentity } from './fileIdentity.js';
import { runForCheck, type CommandRun } from './commandOutputs.js';
import { textHash } from './textHash.js';
import { frameShown, showFrame, type FrameTerminal } from './frameOnScreen.js';

const FORMAT = 3;
/** Records kept (each is rewritten when its menu opens: the least recently opened go first). */
const KEPT_FRAMES = 200;

/**
 * Variables that change from shell to shell (a new login, tmux server, terminal tab or SSH agent)
 * without changing the menu: `export GPG_TTY=$(tty)` in a shell's start-up file, X11 forwarding's
 * display, Windows Terminal's tab and WSL's session, VS Code's and zellij's per-window ones.
 */
const VOLATILE = new Set([
  '_', 'OLDPWD', 'SHLVL', 'PWD', 'TMUX', 'TMUX_PANE', 'STY', 'WINDOW', 'WINDOWID', 'SSH_CLIENT', 'SSH_CONNECTION', 'SSH_TTY',
  'SSH_AUTH_SOCK', 'SSH_AGENT_PID', 'TERM_SESSION_ID', 'ITERM_SESSION_ID', 'KITTY_WINDOW_ID', 'KITTY_PID', 'WEZTERM_PANE', 'ALACRITTY_WINDOW_ID',
  'GNOME_TERMINAL_SCREEN', 'KONSOLE_DBUS_SESSION', 'KONSOLE_DBUS_WINDOW', 'XDG_SESSION_ID', 'INVOCATION_ID', 'JOURNAL_STREAM', 'UKMENU_TRACE',
  'GPG_TTY', 'DISPLAY', 'XAUTHORITY', 'WT_SESSION', 'WSL_INTEROP', 'VSCODE_GIT_IPC_HANDLE', 'VSCODE_IPC_HOOK_CLI', 'ZELLIJ_PANE_ID',
  'ZELLIJ_SESSION_NAME', 'TERMINATOR_UUID', 'TILIX_ID', 'DESKTOP_STARTUP_ID',
]);

interface FrameRecord {
  format: number;
  /** What the frame's key was made of, but the files: environment hash, arguments, folder, size. */
  id: string;
  /** [path, identity] of every file and folder the frame may depend on. */
  inputs: [string, FileIdentity][];
  /** [path, defaults, settingsDigest] of the settings files the frame depends on by their values. */
  settings: [string, Record<string, unknown>, string][];
  /** Commands whose output the frame shows (src/commandOutputs.ts): run again before it is drawn. */
  commands: CommandRun[];
  frame: string;
}

/**
 * The program's file whose time a build changes: the bundle's. Run from source there is no build
 * to tell a change by, so no frame is kept, unless UKMENU_LAST_FRAME=1 (tests).
 */
function programFile(env: Record<string, string | undefined>): string | undefined {
  const here = new URL(import.meta.url);
  if (here.protocol !== 'file:') return undefined;
  return here.pathname.endsWith('.js') || env.UKMENU_LAST_FRAME === '1' ? here.pathname : undefined;
}

const envHashes = new WeakMap<object, string>();
/** The environment's fingerprint (once per environment object: the record's name and its id both use it). */
function envHash(env: Record<string, string | undefined>): string {
  let h = envHashes.get(env);
  if (h === undefined) {
    h = textHash(JSON.stringify(Object.entries(env).filter(([k, v]) => v !== undefined && !VOLATILE.has(k)).sort(([a], [b]) => (a < b ? -1 : 1))));
    envHashes.set(env, h);
  }
  return h;
}

function frameId(cwd: string, argv: string[], env: Record<string, string | undefined>, cols: number, rows: number): string {
  const program = programFile(env);
  return JSON.stringify([FORMAT, program, program && statKey(program), cwd, argv, cols, rows, envHash(env)]);
}

/** One record per folder, arguments, environment and terminal size (panes of two sizes keep a frame each). */
function recordFile(env: Record<string, string | undefined>, cwd: string, argv: string[], cols: number, rows: number): string | undefined {
  const dir = cacheFolder(env, 'frames');
  return dir && path.join(dir, `${textHash(JSON.stringify([cwd, argv, envHash(env)]))}-${cols}x${rows}.json`);
}

/** The menu being opened (set by showLastFrame): where, with what, for keepFrame. */
let opening: { cwd: string; argv: string[]; env: Record<string, string | undefined> } | undefined;

/** The inputs of the record showLastFrame found (drawn or not): the keeper reads again only the files whose stat changed. */
let found: FrameRecord['inputs'] | undefined;

/**
 * Writes the last first frame when everything it was made from is unchanged; true if it did. Call
 * only where the menu is about to open on a terminal.
 */
export function showLastFrame(cwd: string, argv: string[], env: Record<string, string | undefined>, t: FrameTerminal): boolean {
  if (env.UKMENU_LAST_FRAME === '0' || !t.stdout.isTTY || !t.stdin.isTTY || !programFile(env) || frameShown()) return false;
  opening = { cwd, argv, env };
  const file = recordFile(env, cwd, argv, t.stdout.columns, t.stdout.rows);
  if (!file) return false;
  let rec: FrameRecord;
  try {
    rec = JSON.parse(fs.readFileSync(file, 'utf8')) as FrameRecord;
  } catch {
    return false;
  }
  if (rec.format !== FORMAT || rec.id !== frameId(cwd, argv, env, t.stdout.columns, t.stdout.rows)) return false;
  found = rec.inputs;
  if (!unchanged(rec)) return false;
  // (after the files: a changed file spares running them)
  if (!(rec.commands ?? []).every((c) => runForCheck(c, env) === c.out)) return false;

  showFrame(rec.frame, t);
  return true;
}

/** What the next open checks before drawing `frame`. */
export interface FrameInputs {
  cols: number;
  rows: number;
  /** Files and folders (a folder by its entries: one added, removed or linked elsewhere) whose change may change the frame; missing ones too. */
  files: string[];
  /**
   * JSON files of settings the frame shows by the values of some keys only (`defaults`: those keys,
   * and their values when missing): rewriting the file, or changing another key, is no change.
   */
  settings?: { file: string; defaults: Record<string, unknown> }[];
  /** Commands whose output the frame shows, with that output. */
  commands?: CommandRun[];
}

/** The values of `defaults`' keys in a settings file (a missing file or key: the default), as text. */
function settingsDigest(file: string, defaults: Record<string, unknown>): string {
  let raw: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (v && typeof v === 'object') raw = v as Record<string, unknown>;
  } catch {
    // missing, or not JSON (the menu then starts from the defaults too)
  }
  return JSON.stringify(Object.keys(defaults).map((k) => raw[k] ?? defaults[k]));
}

function recordInputs(i: FrameInputs, known: Map<string, FileIdentity>): Pick<FrameRecord, 'inputs' | 'settings'> {
  return {
    inputs: [...new Set(i.files)].map((p) => [p, fileIdentity(p, known.get(p))]),
    settings: (i.settings ?? []).map(({ file, defaults }) => [file, defaults, settingsDigest(file, defaults)]),
  };
}

/** Is everything the record's frame was made of as it was? */
function unchanged(rec: Pick<FrameRecord, 'inputs' | 'settings'>): boolean {
  return rec.inputs.every(([p, id]) => sameFile(p, id)) && rec.settings.every(([f, d, id]) => settingsDigest(f, d) === id);
}

/** Where the frames of the menu the arguments open go, for the next open with the same arguments. */
export interface FrameKeeper {
  /** Keeps `frame` for the next open with the same inputs (quietly: a cache). */
  keep(frame: string, i: FrameInputs): void;
  /** keep(), once the frame is out (the inputs listed then): at the next turn of the event loop, or at current(). */
  keepSoon(frame: string, i: () => FrameInputs): void;
  /** Would the next open, on a terminal of this size, draw the frame kept last (none of its inputs changed since)? False when none was kept. */
  current(cols: number, rows: number): boolean;
}

/**
 * The keeper of the menu the arguments open (showLastFrame's): once per run, so not for a menu
 * opened later in the same run (t picks another target) nor one opened by another caller (tests).
 */
export function claimFrameKeeper(): FrameKeeper | undefined {
  if (!opening) return undefined;
  const { cwd, argv, env } = opening;
  opening = undefined;
  if (!cacheFolder(env, 'frames')) return undefined;
  let kept: Pick<FrameRecord, 'inputs' | 'settings'> & { cols: number; rows: number } | undefined;
  let pending: (() => void) | undefined;
  const keeper: FrameKeeper = {
    keep(frame, i) {
      pending = undefined;
      const inputs = recordInputs(i, new Map(kept?.inputs ?? found));
      kept = { ...inputs, cols: i.cols, rows: i.rows };
      const rec: FrameRecord = { format: FORMAT, id: frameId(cwd, argv, env, i.cols, i.rows), ...inputs, commands: i.commands ?? [], frame };
      const file = recordFile(env, cwd, argv, i.cols, i.rows);
      if (file) writeQuietly(file, JSON.stringify(rec), KEPT_FRAMES);
    },
    keepSoon(frame, i) {
      const now = () => { if (pending === now) keeper.keep(frame, i()); };
      pending = now;
      setImmediate(now);
    },
    // a key pressed before the frame was kept (q at once) is handled before setImmediate's turn;
    // the commands do not run again here (the next open's check does)
    current: (cols, rows) => { pending?.(); return kept !== undefined && kept.cols === cols && kept.rows === rows && unchanged(kept); },
  };
  return keeper;
}
