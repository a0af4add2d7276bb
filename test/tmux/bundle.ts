// The program as `npm run build` makes it (scripts/bundle.mjs, bin/, package.json), built
// into a folder of the test's own, so a concurrent test never sees a half-written dist/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Builds ukmenu into `work`/ukmenu; returns its bin/ukmenu.js. */
export function bundleUkmenu(work: string): string {
  const root = path.join(work, 'ukmenu');
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'bundle.mjs'), '--outdir', path.join(root, 'dist')], { cwd: REPO, stdio: 'pipe' });
  for (const f of ['ukmenu', 'ukmenu.js', 'package.json']) fs.copyFileSync(path.join(REPO, 'bin', f), path.join(root, 'bin', f));
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(root, 'package.json'));
  return path.join(root, 'bin', 'ukmenu.js');
}
