// Entry point of the menu: openMenu() renders the full-screen menu with Ink on the alternate
// screen and resolves when the user quits.
import React from 'react';
import { render } from 'ink';
import type { KconfigTree } from '../kconfig/api.js';
import { App } from './App.js';
import { MenuController } from './controller.js';
import type { HookResult } from './panel.js';

export interface OpenMenuOptions {
  tree: KconfigTree;
  /** The .config that S saves to (tree.writeConfig(configPath)). */
  configPath: string;
  title?: string;
  /**
   * Key `b` (after saving unsaved changes). A returned Panel (components/panel.ts) is shown full
   * screen until the user closes it, then the menu comes back at the same place; a returned
   * promise shows "Building…" until it settles.
   */
  onBuild?: () => HookResult;
  /** Key `r`, like onBuild. */
  onRun?: () => HookResult;
}

export async function openMenu(opts: OpenMenuOptions): Promise<void> {
  const stdout = process.stdout;
  if (!process.stdin.isTTY) throw new Error('the menu needs a terminal (stdin is not a TTY)');
  const controller = new MenuController(opts);
  const tty = stdout.isTTY;
  if (tty) stdout.write('\x1b[?1049h\x1b[H'); // alternate screen
  const ink = render(<App controller={controller} />, { exitOnCtrlC: false, patchConsole: true });
  try {
    await ink.waitUntilExit();
  } finally {
    ink.cleanup();
    if (tty) stdout.write('\x1b[?1049l'); // back to the normal screen
  }
}

export { App, type AppProps } from './App.js';
export { MenuController, type ControllerOptions } from './controller.js';
export { isPanel, type Panel, type HookResult } from './panel.js';

