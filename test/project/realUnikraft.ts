// The real Unikraft core and app-helloworld of ../shared/unikraft (relative to the repository
// root), unpacked into a temporary folder: app-helloworld/workdir/unikraft is the core, as in the
// app's own Makefile. Needs tar, xz, make, gcc, flex and bison (the packages .ci/run installs).
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_UNIKRAFT = path.resolve(REPO_ROOT, '../shared/unikraft');
const CORE_TAR = 'unikraft-0.17.0-89-geaf6fda1.tar.xz';
const APP_TAR = 'app-helloworld-1add85d.tar.xz';

export interface RealApp {
  root: string;
  core: string;
  app: string;
  /** Unikraft's own v5.2 conf, as `make olddefconfig` built it (null until built). */
  conf: string;
  /** `make ARGS` in the app folder (the app Makefile forwards to the core). */
  make(args: string[], env?: Record<string, string>): SpawnSyncReturns<string>;
  remove(): void;
}

/** Unpacks the core and the app; with `configure`, runs `make olddefconfig` (which builds conf). */
export function unpackRealApp(configure = true): RealApp {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-real-')));
  execFileSync('tar', ['-xJf', path.join(SHARED_UNIKRAFT, CORE_TAR), '-C', root]);
  execFileSync('tar', ['-xJf', path.join(SHARED_UNIKRAFT, APP_TAR), '-C', root]);
  const core = path.join(root, 'unikraft');
  const app = path.join(root, 'app-helloworld');
  fs.mkdirSync(path.join(app, 'workdir'));
  fs.symlinkSync(core, path.join(app, 'workdir', 'unikraft'));
  const make = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync('make', args, { cwd: app, env: { ...process.env, ...env, PWD: app }, encoding: 'utf8', timeout: 600_000 });
    if (r.error) throw new Error(`make ${args.join(' ')}: ${r.error.message}`);
    return r;
  };
  const real: RealApp = {
    root, core, app, conf: path.join(app, 'workdir', 'build', 'kconfig', 'conf'), make,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
  if (configure) {
    const r = make(['olddefconfig']);
    if (r.status !== 0 || !fs.existsSync(real.conf)) throw new Error(`make olddefconfig failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }
  return real;
}
