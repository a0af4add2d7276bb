// Is the image older than what it is built from (.config, the sources of the app, the core and the
// libraries)? `r` builds first when it is.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../project/types.js';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.unikraft-cache', '__pycache__']);
const SOURCE = /(\.(c|h|S|s|cc|cpp|cxx|hpp|ld|lds|uk|mk|rs|go|sh|awk|py)|^Makefile.*|^Config\.uk|^Kconfig.*|^GNUmakefile|^exportsyms\.uk)$/;

function mtime(p: string): number | null {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * The first file newer than `since` under `dir` (sources only), skipping `skip` folders; stops
 * looking after `budget.files` files.
 */
function newerIn(dir: string, since: number, skip: Set<string>, budget: { files: number }): string | null {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  for (const e of entries) {
    if (budget.files <= 0) return null;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || skip.has(p)) continue;
      skip.add(p); // each folder once (the core usually sits inside the app folder)
      const hit = newerIn(p, since, skip, budget);
      if (hit) return hit;
    } else if (e.isFile() && SOURCE.test(e.name)) {
      budget.files--;
      const t = mtime(p);
      if (t !== null && t > since) return p;
    }
  }
  return null;
}

/** Why the image must be (re)built, or null when it is up to date. */
export function staleReason(project: Project, image: string): string | null {
  const built = mtime(image);
  if (built === null) return `there is no image yet (${path.basename(image)})`;
  const config = mtime(project.configFile);
  if (config !== null && config > built) return `${path.basename(project.configFile)} is newer than the image`;
  const skip = new Set([project.buildDir, path.join(project.appDir, 'workdir', 'build'), path.join(project.appDir, '.unikraft', 'build')]);
  const budget = { files: 200_000 };
  const roots = [...new Set([project.appDir, project.ukBase, ...project.libs, ...project.plats])];
  for (const root of roots) {
    if (skip.has(root)) continue;
    skip.add(root);
    const hit = newerIn(root, built, skip, budget);
    if (hit) return `${path.relative(project.appDir, hit) || hit} is newer than the image`;
  }
  return null;
}
