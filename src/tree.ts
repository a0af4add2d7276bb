// Loading a tree and its .config the way the menu does: for an application (its environment, in its
// build folder) or for a plain Kconfig file (the caller's environment, as `ukmenu conf`).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { KconfigTree } from '../kconfig/api.js';
import { confEnvironment, type Project } from './project/index.js';
import { savedefconfigTrailer } from './project/conf.js';
import { traceStage } from './startTrace.js';

/** Where the tree comes from: an application, or a plain Kconfig file. */
export type TreeSource =
  | { kind: 'project'; project: Project; baseEnv?: Record<string, string | undefined> }
  | { kind: 'kconfig'; kconfig: string; config?: string; env: Record<string, string | undefined>; cwd: string };

export interface LoadedTree {
  tree: KconfigTree;
  /** The .config read (absolute). */
  configPath: string;
  /** Was there a .config? (otherwise: the defaults) */
  found: boolean;
  /** conf's warnings while loading and reading. */
  warnings: string;
}

/** Loads the tree and its .config as the menu does; KconfigError for a broken tree. */
export function loadTree(src: TreeSource): LoadedTree {
  let tree: KconfigTree;
  let configPath: string;
  if (src.kind === 'project') {
    const p = src.project;
    for (const d of p.dirsToCreate) mkdirSync(d, { recursive: true });
    tree = KconfigTree.load(p.topKconfig, { env: confEnvironment(p, src.baseEnv), cwd: p.confCwd, flavor: 'unikraft', onStage: traceStage });
    tree.minimalConfigTrailer = () => savedefconfigTrailer(p); // the menu's d = make savedefconfig
    configPath = path.resolve(p.confCwd, p.configFile);
  } else {
    const env = { ...src.env };
    if (src.config !== undefined) env.KCONFIG_CONFIG = src.config;
    tree = KconfigTree.load(src.kconfig, { env, cwd: src.cwd, onStage: traceStage });
    configPath = path.resolve(src.cwd, env.KCONFIG_CONFIG ?? '.config');
  }
  traceStage('tree made');
  const loadMessages = tree.messages;
  // as conf and the menu read it: KCONFIG_CONFIG (or .config), and conf's fallbacks when missing
  const r = tree.readConfig(src.kind === 'kconfig' && src.config !== undefined ? configPath : undefined);
  return { tree, configPath, found: r.found, warnings: loadMessages + r.warnings };
}

