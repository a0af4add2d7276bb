// Entry point of the menu: openMenu() renders the full-screen menu with Ink on the alternate
// screen and resolves when the user quits; the terminal is restored on every way out.
// Ink (and React, yoga) are loaded here on demand, so that `ukmenu conf` never pays for them, and
// with fetch hidden meanwhile (see noFetch.ts); the preferences load at the same time.
import React from 'react';
import type { KconfigTree } from '../kconfig/api.js';
import { MenuController } from './controller.js';
import { hideFetch, restoreFetch } from './noFetch.js';
import type { HookResult } from './panel.js';
import { confPrefs, type PrefStore } from './prefs.js';
import { CLEAR, guardTerminal } from './terminal.js';
import { traceStage } from '../src/startTrace.js';
import { frameShown, takeShownFrame } from '../src/frameOnScreen.js';
import { captureWrites } from './captureWrites.js';
import { offscreenTerminal } from './offscreenTerminal.js';

export interface OpenMenuOptions {
  tree: KconfigTree;
  /** The .config that `s` saves to (tree.writeConfig(configPath)). */
  configPath: string;
  /** The mainmenu text (default: the tree's). */
  title?: string;
  /** The application's name for the title bar (default: the name of the .config's folder). */
  app?: string;
  /** Warnings from reading the .config (tree.readConfig().warnings): shown at start. */
  loadWarnings?: string;
  /**
   * Key `b` (after saving unsaved changes). A returned Panel (components/panel.ts) is shown full
   * screen until the user closes it, then the menu comes back at the same place; a returned
   * promise shows "Building…" until it settles.
   */
  onBuild?: () => HookResult;
  /** Key `r`, like onBuild. */
  onRun?: () => HookResult;
  /** Keys `t` and `W` (the app's targets): see ControllerOptions. */
  onTarget?: (menu: { exit(): void }) => HookResult;
  onWriteBack?: () => HookResult;
  /** The target whose configuration is open, for the title bar. */
  target?: string;
  /** Preferences (default: persisted with `conf` in the user's config folder). */
  prefs?: PrefStore;
  /** Library sizes of the last build (src/size/menuMarks.ts). */
  sizes?: import('./session.js').MenuSizes;
  /** The text of the first frame, as written to the terminal, and the terminal's size (src/lastFrame.ts keeps it). */
  onFirstFrame?: (frame: string, cols: number, rows: number) => void;
}

/**
 * `made`: the menu's controller made from `opts` already (src/menu.ts, to write the first frame
 * before React and Ink load: components/firstFrame.ts).
 */
export async function openMenu(opts: OpenMenuOptions, made?: MenuController): Promise<void> {
  if (!process.stdin.isTTY) throw new Error('the menu needs a terminal (stdin is not a TTY)');
  const [{ render }, { App }, prefs, inkCache] = await loadMenuModules(opts);
  traceStage('menu modules loaded');
  const controller = made ?? new MenuController({ ...opts, prefs, env: process.env });
  // a first frame may be on the screen already (src/frameOnScreen.ts): the full screen is entered,
  // and Ink's first frame is written only if it differs (after clearing the other). The menu's
  // guard is in place before that frame's is removed: a signal's listeners never drop to none,
  // which would close Node's watcher and lose a signal that came while this code ran
  const guard = guardTerminal({ stdout: process.stdout, stdin: process.stdin, stderr: process.stderr, entered: frameShown() });
  const showing = takeShownFrame();
  try {
    const first = captureWrites(process.stdout);
    let ink;
    try {
      ink = render(<App controller={controller} />, { exitOnCtrlC: false, patchConsole: true, maxFps: 120 });
    } finally {
      const frame = first.stop();
      if (frame !== showing) process.stdout.write(showing === undefined ? frame : CLEAR + frame);
      if (showing !== undefined) traceStage(frame === showing ? 'frame on the screen was the same' : 'frame on the screen replaced');
      if (frame) opts.onFirstFrame?.(frame, process.stdout.columns, process.stdout.rows);
    }
    traceStage('first frame rendered');
    // the faster frame output is checked once the first frame is out; if it is not Ink's, Ink's
    // own takes over and the screen is drawn again with it
    setImmediate(() => {
      opts.tree.prepareChanges(); // what the first change needs, now that the frame is out
      if (!inkCache.verifyInkCache()) {
        ink.clear();
        ink.rerender(<App controller={controller} />);
      }
    });
    try {
      await ink.waitUntilExit();
    } finally {
      ink.cleanup();
    }
  } finally {
    guard.restore();
  }
}

/** Ink, the App, the preferences and the faster frame output (inkCache.ts, when it applies to this Ink), with fetch hidden meanwhile. */
async function loadMenuModules(opts: OpenMenuOptions) {
  hideFetch();
  try {
    return await Promise.all([import('ink'), import('./App.js'), opts.prefs ?? confPrefs(), import('./inkCache.js').then(async (m) => { await m.installInkCache(); return m; })]);
  } finally {
    restoreFetch();
  }
}

/**
 * The first frame openMenu(opts) would write on a terminal of `size`, rendered off the screen (Ink
 * on a stand-in terminal), for the next open to draw at once (src/lastFrame.ts).
 */
export async function renderFirstFrame(opts: OpenMenuOptions, size: { columns: number; rows: number }): Promise<string> {
  const [{ render }, { App }, prefs] = await loadMenuModules(opts);
  const controller = new MenuController({ ...opts, prefs, env: process.env });
  const terminal = offscreenTerminal(size);
  const ink = render(<App controller={controller} />, { stdout: terminal.stdout, stdin: terminal.stdin, stderr: terminal.stdout, exitOnCtrlC: false, patchConsole: false, maxFps: 120 });
  const frame = terminal.written();
  ink.unmount();
  ink.cleanup();
  return frame;
}

export { MenuController, type ControllerOptions } from './controller.js';
export type { AppProps } from './App.js';
export { isPanel, type Panel, type HookResult } from './panel.js';
export { confPrefs, memoryPrefs, type PrefStore, type Prefs } from './prefs.js';
