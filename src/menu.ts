// The hook between the command line and the full-screen menu (issue 4).
// The menu lives in components/; when it lands, replace this body with
//   export { openMenu } from '../components/<entry>.js';
// keeping the signature: it gets the discovered project and returns the exit code.
import type { Project } from './project/index.js';

export interface MenuIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function openMenu(project: Project, io: MenuIO): Promise<number> {
  io.stderr(
    `ukmenu: the menu is not available yet.\n` +
      `  found: ${project.appDir} (core ${project.ukBase}, ${project.libs.length} external libraries)\n` +
      `  meanwhile: ukmenu conf --olddefconfig, or ukmenu project to see what was found\n`,
  );
  return 1;
}
