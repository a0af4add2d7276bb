// The hook between the command line and the full-screen menu: loads the project's tree exactly as
// conf would (same environment, same folder), reads its .config and opens the menu on it.
import { KconfigError, KconfigTree } from '../kconfig/api.js';
import { loadTree, type LoadedTree, type TreeSource } from './tree.js';
import type { Project } from './project/index.js';
import { runConfig, treeValues } from './run/config.js';
import { whenLoaded } from './deferredPanel.js';
import { menuPrefs, prefsFile } from './menuPrefs.js';
import { DEFAULT_PREFS } from '../components/prefs.js';
import { claimFrameKeeper, type FrameInputs, type FrameKeeper } from './lastFrame.js';
import type { OpenMenuOptions } from '../components/index.js';
import { submenuStats } from './project/submenu.js';
import { historyPath } from './size/history.js';
import { KRAFTFILE_NAMES } from './project/kraftfileFind.js';
import { fileIdentity, sameFile, type FileIdentity } from './fileIdentity.js';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { traceStage } from './startTrace.js';
import { frameCommands } from './commandOutputs.js';
import { frameShown, showFrame } from './frameOnScreen.js';
import { frameTerminal, onTerminal } from './frameTerminal.js';
import { MenuController } from '../components/controller.js';
import { firstFrameText } from '../components/firstFrame.js';
import { LibrarySizes } from './size/menuMarks.js';
import { deferredTargetMenu } from './commands/targetMenuDeferred.js';

export interface MenuIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function openMenu(project: Project, io: MenuIO): Promise<number> {
  if (!onTerminal()) {
    io.stderr('ukmenu: the menu needs a terminal; for scripts use `ukmenu conf --olddefconfig` (or another conf mode)\n');
    return 1;
  }
  const keeper = claimFrameKeeper(); // the first menu's, the one the arguments open
  const foundFrom = projectFiles(project);
  // t picks another target: the menu closes and opens again on that target's configuration
  for (let current: Project | undefined = project, first = true; current; first = false) {
    const loaded = loadOrReport({ kind: 'project', project: current }, io);
    if (typeof loaded === 'number') return loaded;
    traceStage('tree loaded');
    const here: Project = current;
    const inputs = (l: LoadedTree) => frameInputs(l.tree, l.configPath, [...folderEntries(here.appDir), ...sizeFiles(here, l.tree)]);
    const { options, targets, prefs } = await projectMenuOptions(here, project.name, loaded, io);
    const controller = first ? await drawFirstFrame(options) : undefined;
    // Loaded on demand: `ukmenu conf` never pays for React and Ink.
    const { openMenu: open } = await import('../components/index.js');
    await open({
      ...options,
      onFirstFrame: (frame, cols, rows) => {
        if (first) keeper?.keepSoon(frame, () => ({ cols, rows, ...inputs(loaded) }));
        prefs?.loadSoon();
        targets.preload(); // the Kraftfile's targets, for t and W, now that the frame is out
      },
    }, controller);
    // (made from the project as found at the start: not when the files it was found from were edited meanwhile)
    if (first && foundFrom.every(([p, id]) => sameFile(p, id))) {
      await keepNextFrame(keeper, async () => {
        const fresh = loadTree({ kind: 'project', project: here });
        return { options: (await projectMenuOptions(here, project.name, fresh, QUIET)).options, inputs: () => inputs(fresh) };
      });
    }
    current = await targets.next();
  }
  return 0;
}

/** What the menu on a project's tree opens with (title, target, hooks), and its t and W. */
async function projectMenuOptions(project: Project, app: string, loaded: LoadedTree, io: MenuIO) {
  const { tree, configPath, warnings } = loaded;
  const [hooks, targets] = await Promise.all([
    buildRunHooks(project, tree, configPath),
    deferredTargetMenu(project, tree, process.env, io),
  ]);
  const prefs = menuPrefs();
  const options: OpenMenuOptions = {
    tree, configPath, title: tree.title, app, target: targets.target, loadWarnings: warnings || undefined, prefs, ...hooks, ...targets.hooks,
  };
  return { options, targets, prefs };
}

const QUIET: MenuIO = { stdout: () => {}, stderr: () => {} };

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
  if (!onTerminal()) {
    io.stderr('ukmenu: the menu needs a terminal; for scripts use `ukmenu --kconfig FILE conf --olddefconfig`, `why` or `search`\n');
    return 1;
  }
  const keeper = claimFrameKeeper();
  const loaded = loadOrReport({ kind: 'kconfig', ...opts }, io);
  if (typeof loaded === 'number') return loaded;
  const prefs = menuPrefs();
  const options = (l: LoadedTree): OpenMenuOptions => ({ tree: l.tree, configPath: l.configPath, title: l.tree.title, loadWarnings: l.warnings || undefined, prefs });
  const inputs = (l: LoadedTree) => frameInputs(l.tree, l.configPath, folderEntries(opts.cwd));
  const controller = await drawFirstFrame(options(loaded));
  const { openMenu: open } = await import('../components/index.js');
  await open({
    ...options(loaded),
    onFirstFrame: (frame, cols, rows) => { keeper?.keepSoon(frame, () => ({ cols, rows, ...inputs(loaded) })); prefs?.loadSoon(); },
  }, controller);
  await keepNextFrame(keeper, async () => {
    const fresh = loadTree({ kind: 'kconfig', ...opts });
    return { options: options(fresh), inputs: () => inputs(fresh) };
  });
  return 0;
}

/**
 * The menu's controller, its first frame on the screen already when it can be written without
 * React and Ink (components/firstFrame.ts: ~80 ms sooner), unless the last open's frame is there
 * (lastFrame.ts). The menu then opens on this controller, and Ink writes nothing when its first
 * frame is the same text. UKMENU_EARLY_FRAME=0: Ink draws it alone.
 */
async function drawFirstFrame(options: OpenMenuOptions): Promise<MenuController | undefined> {
  if (process.env.UKMENU_EARLY_FRAME === '0' || !options.prefs || frameShown()) return undefined;
  const t = frameTerminal();
  if (!t.stdout.isTTY) return undefined;
  const controller = new MenuController({ ...options, env: process.env });
  const text = firstFrameText(controller, { columns: t.stdout.columns, rows: t.stdout.rows });
  if (text !== undefined) {
    showFrame(text, t);
    traceStage('first frame written');
  }
  return controller;
}

/**
 * What the menu's first frame is made of, for lastFrame.ts: the tree's files (not those
 * config-submenu.sh writes on every load: the folders above the libraries' files stand for them)
 * and the two folders above each, the .config, `more` (folders stand for their files and entries),
 * the preferences the frame shows, and the commands whose output it shows (the core's gitsha1).
 */
function frameInputs(tree: KconfigTree, configPath: string, more: string[]): Omit<FrameInputs, 'cols' | 'rows'> {
  const files = tree.files.filter((f) => !submenuStats.written.has(f));
  const folders = files.flatMap((f) => [path.dirname(f), path.dirname(path.dirname(f))]);
  const prefs = prefsFile();
  // by the values the frame shows: a save elsewhere rewrites the file (the recent configurations)
  const { showNames, showAll, theme } = DEFAULT_PREFS;
  return {
    // (the .config and the application's folder first: what an open after a change made elsewhere
    // most often finds changed, and the check stops at the first change)
    files: [configPath, ...more, ...files, ...folders],
    settings: prefs ? [{ file: prefs, defaults: { showNames, showAll, theme } }] : [],
    commands: [...frameCommands], // the core's gitsha1 in a git repository
  };
}

/**
 * After the menu: when what the next open shows changed (a save, a build's sizes, the preferences,
 * the terminal's size),
 * its first frame is made now as that open would make it (the tree read again, the menu rendered
 * off the screen), so that it too is drawn at once. Quietly: anything going wrong keeps no frame.
 */
async function keepNextFrame(keeper: FrameKeeper | undefined, fresh: () => Promise<{ options: OpenMenuOptions; inputs: () => Omit<FrameInputs, 'cols' | 'rows'> }>): Promise<void> {
  const cols = process.stdout.columns, rows = process.stdout.rows;
  if (!keeper || !cols || !rows || keeper.current(cols, rows)) return;
  traceStage('menu closed, its next frame to make');
  try {
    const next = await fresh();
    const { renderFirstFrame } = await import('../components/index.js');
    const frame = await renderFirstFrame(next.options, { columns: cols, rows });
    if (frame) keeper.keep(frame, { cols, rows, ...next.inputs() });
    traceStage('next open\'s frame kept');
  } catch {
    // the next open makes its own
  }
}

/**
 * The files an application's project is found from that its user may edit while the menu is open
 * (its Makefile, a Kraftfile by any of its names), as they are now.
 */
function projectFiles(project: Project): [string, FileIdentity][] {
  const files = [...(project.makefile ? [project.makefile] : []), ...KRAFTFILE_NAMES.map((n) => path.join(project.appDir, n))];
  return files.map((f) => [f, fileIdentity(f)]);
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
