// The hook between the command line and the full-screen menu: loads the project's tree exactly as
// conf would (same environment, same folder), reads its .config and opens the menu on it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { KconfigError, KconfigTree } from '../kconfig/api.js';
import { confEnvironment, type Project } from './project/index.js';

export interface MenuIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function openMenu(project: Project, io: MenuIO): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    io.stderr('ukmenu: the menu needs a terminal; for scripts use `ukmenu conf --olddefconfig` (or another conf mode)\n');
    return 1;
  }
  for (const d of project.dirsToCreate) mkdirSync(d, { recursive: true });
  let tree: KconfigTree;
  try {
    tree = KconfigTree.load(project.topKconfig, { env: confEnvironment(project), cwd: project.confCwd, flavor: 'unikraft' });
  } catch (e) {
    if (e instanceof KconfigError) {
      io.stderr(e.messages.endsWith('\n') ? e.messages : `${e.messages}\n`);
      return e.code;
    }
    throw e;
  }
  tree.readConfig();
  const configPath = path.resolve(project.confCwd, project.configFile);
  // Loaded on demand: `ukmenu conf` never pays for React and Ink.
  const { openMenu: open } = await import('../components/index.js');
  await open({ tree, configPath, title: tree.title });
  return 0;
}
