// Helpers for the menu's component tests: small Kconfig trees in temp folders, rendering the App
// with ink-testing-library at a fixed size, pressing keys and reading the screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import { render } from 'ink-testing-library';
import { KconfigTree } from '../../kconfig/api.js';
import { App } from '../../components/App.js';
import { MenuController, type ControllerOptions } from '../../components/controller.js';
import { memoryPrefs } from '../../components/prefs.js';

export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  esc: '\x1b',
  backspace: '\x7f',
  pageDown: '\x1b[6~',
  pageUp: '\x1b[5~',
  home: '\x1b[H',
  end: '\x1b[F',
  tab: '\t',
  ctrlS: '\x13',
  ctrlU: '\x15',
} as const;

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-ui-'));
}

export interface SmallTree {
  dir: string;
  tree: KconfigTree;
  configPath: string;
}

/** Writes `Kconfig` (and an optional .config) to a temp folder and loads it (flavor linux). */
export function smallTree(kconfig: string, dotconfig?: string | 'save'): SmallTree {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'Kconfig'), kconfig);
  const configPath = path.join(dir, '.config');
  if (dotconfig !== undefined && dotconfig !== 'save') fs.writeFileSync(configPath, dotconfig);
  const tree = KconfigTree.load('Kconfig', { cwd: dir, flavor: 'linux', env: { KCONFIG_CONFIG: configPath } });
  tree.readConfig(configPath);
  if (dotconfig === 'save') tree.writeConfig(configPath);
  return { dir, tree, configPath };
}

const UK = path.resolve(import.meta.dirname, '../../../shared/corpora/unikraft'); // ../shared from the repository root

/** The Unikraft corpus tree (app-helloworld with musl and lwip), .config in a temp folder. */
export function unikraftTree(): SmallTree {
  const dir = tempDir();
  const configPath = path.join(dir, '.config');
  const env = {
    CONFIG_: 'CONFIG_', HOST_ARCH: 'x86_64', UK_ARCH: 'x86_64', UK_BASE: 'unikraft', UK_APP: 'app-helloworld',
    UK_FULLVERSION: '0.17.0', UK_CODENAME: 'Calypso', UK_NAME: 'helloworld', KCONFIG_DIR: 'generated',
    KCONFIG_DRIV_BASE: 'unikraft/drivers', KCONFIG_LIB_BASE: 'unikraft/lib', KCONFIG_PLAT_BASE: 'unikraft/plat',
    KCONFIG_ELIB_DIRS: 'libs/musl:libs/lwip', KCONFIG_EPLAT_DIRS: '', KCONFIG_EAPP_DIR: 'app-helloworld',
    KCONFIG_EXCLUDEDIRS: '', KCONFIG_CONFIG: configPath,
  };
  const tree = KconfigTree.load('unikraft/Config.uk', { cwd: UK, env });
  tree.readConfig(configPath);
  return { dir, tree, configPath };
}

export const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

const tick = () => new Promise<void>((r) => setImmediate(r));

export interface Harness {
  controller: MenuController;
  frame: () => string;
  /** Presses keys one by one, letting Ink process and render each. */
  press: (...keys: string[]) => Promise<void>;
  /** Types text one character at a time. */
  type: (text: string) => Promise<void>;
  exited: () => boolean;
  unmount: () => void;
  /** Writes one key and returns how long the synchronous handling and rendering took (ms). */
  timeKey: (key: string) => number;
}

export function renderMenu(t: SmallTree, opts: Partial<ControllerOptions> = {}, size = { width: 100, height: 30 }): Harness {
  const controller = new MenuController({ tree: t.tree, configPath: t.configPath, escDoubleMs: 0, prefs: memoryPrefs(), env: {}, ...opts });
  let exited = false;
  const r = render(<App controller={controller} width={size.width} height={size.height} />);
  const origExit = () => { exited = true; };
  // App sets onExit in an effect; wrap it so tests can see the exit
  const wrap = () => {
    const inner = controller.onExit;
    if ((inner as { wrapped?: boolean }).wrapped) return;
    const fn = () => { origExit(); inner(); };
    (fn as { wrapped?: boolean }).wrapped = true;
    controller.onExit = fn;
  };
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      wrap();
      r.stdin.write(k);
      await tick();
      await tick();
      await new Promise((res) => setTimeout(res, 2));
    }
  };
  return {
    controller,
    frame: () => stripAnsi(r.lastFrame() ?? ''),
    press,
    type: async (text: string) => { for (const c of text) await press(c); },
    exited: () => exited,
    unmount: () => r.unmount(),
    timeKey: (k: string) => { wrap(); const t0 = performance.now(); r.stdin.write(k); return performance.now() - t0; },
  };
}

/** The highlighted line of the menu list (starts with `>`, then the changed-since-load mark). */
export function selectedLine(frame: string): string {
  return frame.split('\n').find((l) => l.startsWith('>')) ?? '';
}
