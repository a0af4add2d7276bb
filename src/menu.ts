// The hook between the command line and the full-screen menu: loads the project's tree exactly as
// conf would (same environment, same folder), reads its .config and opens the menu on it.
import { KconfigError, KconfigTree } from '../kconfig/api.js';
import { loadTree, type LoadedTree, type TreeSource } from './tree.js';
import type { Project } from './project/index.js';
import { runConfig, treeValues } from './run/config.js';
import { whenLoaded } from './deferredPanel.js';
import { menuPrefs, prefsFile } from './menuPrefs.js';
import { keepFrame } from './lastFrame.js';
import { submenuStats } from './project/submenu.js';
import { historyPath } from './size/history.js';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { traceStage } from './startTrace.js';

export interface MenuIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function openMenu(project: Project, io: MenuIO): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    io.stderr('ukmenu: the menu needs a terminal; for scripts use `ukmenu conf --olddefconfig` (or another conf mode)\n');
    return 1;
  }
  // t picks another target: the menu closes and opens again on that target's configuration
  for (let current: Project | undefined = project; current;) {
    const loaded = loadOrReport({ kind: 'project', project: current }, io);
    if (typeof loaded === 'number') return loaded;
    const { tree, configPath, warnings } = loaded;
    traceStage('tree loaded');
    const here: Project = current;
    const keepThisFrame = frameKeeper(tree, configPath, () => [...folderEntries(here.appDir), ...sizeFiles(here, tree)]);
    // Loaded on demand: `ukmenu conf` never pays for React and Ink.
    const [{ openMenu: open }, hooks, targets] = await Promise.all([
      import('../components/index.js'),
      buildRunHooks(here, tree, configPath),
      import('./commands/targetMenuDeferred.js').then((m) => m.deferredTargetMenu(here, tree, process.env, io)),
    ]);
    await open({
      tree, configPath, title: tree.title, app: project.name, target: targets.target, loadWarnings: warnings || undefined, prefs: menuPrefs(), ...hooks, ...targets.hooks,
      onFirstFrame: (frame, cols, rows) => {
        keepThisFrame(frame, cols, rows);
        targets.preload(); // the Kraftfile's targets, for t and W, now that the frame is out
      },
    });
    current = await targets.next();
  }
  return 0;
}

/**
 * `b` and `r` in the menu: the build and run panels (components/build) on the menu's own tree. The
 * size marks are part of the first frame; the panels' modules (the build and run views, the
 * workspace with make's and QEMU's command lines, execa) load on the first b or r (deferredPanel.ts).
 */
export async function buildRunHooks(project: Project, tree: KconfigTree, configPath: string,
  opts: { env?: Record<string, string | undefined>; ukmenuCommand?: string; runPrefs?: import('./run/prefs.js').RunPrefStore } = {}) {
  const panels = () => Promise.all([
    import('../components/build/BuildView.js'),
    import('../components/build/RunView.js'),
    import('./run/flow.js'),
    import('./run/prefs.js'),
    import('./run/workspace.js'),
  ]);
  const { LibrarySizes } = await import('./size/menuMarks.js');
  const workspace = { project, values: () => treeValues(tree), env: opts.env ?? process.env, ukmenuCommand: opts.ukmenuCommand };
  // what run/workspace.ts's workspaceRunConfig gives, without loading that module for the first frame
  const rc = () => runConfig(workspace.project, workspace.values(), workspace.env);
  /** Sets a symbol on the menu's tree and saves, for the run view's LIBUKRANDOM offer. */
  const setAndSave = (name: string, value: string): string | null => {
    try {
      tree.set(name, value);
      if (tree.value(name) !== value) return `${name} stays ${tree.value(name)} (something selects it; see w in the menu)`;
      tree.writeConfig(configPath);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const runTitle = () => { const r = rc(); return `Run ${r.name} (${r.arch})`; };
  return {
    sizes: new LibrarySizes(() => rc().image),
    onBuild: whenLoaded(panels, () => `Build ${rc().name}`, ([{ BuildPanel }, , , , ws]) => new BuildPanel({ name: rc().name, create: () => ws.prepareBuild(workspace) })),
    onRun: whenLoaded(panels, runTitle, ([, { RunPanel }, { RunFlow }, { confRunPrefs }]) => new RunPanel({
      title: runTitle(), flow: new RunFlow({ workspace, setAndSave }),
      planFirst: true, prefs: opts.runPrefs ?? confRunPrefs(), appDir: project.appDir,
    })),
  };
}

/** `ukmenu --kconfig FILE [--config FILE]`: the menu on any Kconfig tree, loaded as `ukmenu conf` would. */
export interface KconfigMenuOptions {
  kconfig: string;
  /** The .config (default: $KCONFIG_CONFIG, else .config in `cwd`). */
  config?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

export async function openKconfigMenu(opts: KconfigMenuOptions, io: MenuIO): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    io.stderr('ukmenu: the menu needs a terminal; for scripts use `ukmenu --kconfig FILE conf --olddefconfig`, `why` or `search`\n');
    return 1;
  }
  const loaded = loadOrReport({ kind: 'kconfig', ...opts }, io);
  if (typeof loaded === 'number') return loaded;
  const { openMenu: open } = await import('../components/index.js');
  await open({
    tree: loaded.tree, configPath: loaded.configPath, title: loaded.tree.title, loadWarnings: loaded.warnings || undefined, prefs: menuPrefs(),
    onFirstFrame: frameKeeper(loaded.tree, loaded.configPath, () => folderEntries(opts.cwd)),
  });
  return 0;
}

/**
 * Keeps the menu's first frame for the next open (lastFrame.ts), after it is out, with what it was
 * made of: the tree's files (not those config-submenu.sh writes on every load: the folders above
 * the libraries' files stand for them) and the two folders above each, the .config, the
 * preferences, and `more` (folders stand for their files and entries).
 */
function frameKeeper(tree: KconfigTree, configPath: string, more: () => string[]) {
  return (frame: string, cols: number, rows: number) => setImmediate(() => {
    const files = tree.files.filter((f) => !submenuStats.written.has(f));
    const folders = files.flatMap((f) => [path.dirname(f), path.dirname(path.dirname(f))]);
    const prefs = prefsFile();
    keepFrame(frame, { cols, rows, files: [...files, ...folders, configPath, ...(prefs ? [prefs] : []), ...more()] });
  });
}

/** A folder and its entries (the application's: its Makefile, Kraftfile, .config files). */
function folderEntries(dir: string): string[] {
  try {
    return [dir, ...readdirSync(dir).map((n) => path.join(dir, n))];
  } catch {
    return [dir];
  }
}

/** What the size marks are read from: the image the configuration builds and its folder's size record. */
function sizeFiles(project: Project, tree: KconfigTree): string[] {
  try {
    const image = runConfig(project, treeValues(tree), process.env).image;
    return [image, historyPath(path.dirname(image))];
  } catch {
    return [];
  }
}

/** The tree and its .config, or conf's messages printed and its exit code for a broken tree. */
function loadOrReport(src: TreeSource, io: MenuIO): LoadedTree | number {
  try {
    return loadTree(src);
  } catch (e) {
    if (e instanceof KconfigError) {
      io.stderr(e.messages.endsWith('\n') ? e.messages : `${e.messages}\n`);
      return e.code;
    }
    throw e;
  }
}
