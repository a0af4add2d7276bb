// `npm run bench`, issue 14: ukmenu on the real app-helloworld and the real core from ../shared/unikraft
// against Unikraft's own tools, alternated in one run (the machine is shared: ratios and medians of
// the same run are what compare):
//  - first frame: process start to the top menu in a pseudo-terminal (util-linux `script`), ukmenu
//    (bin/ukmenu, the installed command) against `make menuconfig`: as a user opens it again (the answers of make and
//    gcc it keeps in the cache folder apply, and the last first frame is drawn at once: src/lastFrame.ts), as
//    the user opens it again after changing a value and saving in it (the frame it made as it quit), the
//    same without the last frame (the menu's own first frame, written without React and Ink:
//    components/firstFrame.ts; and as after a .config changed elsewhere: the kept frame checked, found
//    stale and not drawn), the same drawn by Ink (UKMENU_EARLY_FRAME=0: when keys start to work),
//    as on a first open (an empty cache folder each time:
//    make and gcc run), and with config-submenu.sh run by bash (UKMENU_SUBMENU=script: how ukmenu
//    loaded the tree before src/project/submenu.ts; its own frame);
//  - `ukmenu conf --olddefconfig` against `make olddefconfig` (again, and first).
// Run alone: `npx tsx test/bench/realApp.ts` (BENCH_RUNS=N, BENCH_UKMENU_BIN=another ukmenu).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unpackRealApp } from '../project/realUnikraft.js';
import { timeToFrame } from './ui.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
// the ukmenu command as npm installs it: a link to bin/ukmenu in a folder of its own
const linkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-bench-bin-'));
const UKMENU_BIN = path.join(linkDir, 'ukmenu');
fs.symlinkSync(path.join(REPO, 'bin/ukmenu'), UKMENU_BIN);
process.on('exit', () => fs.rmSync(linkDir, { recursive: true, force: true }));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_UKMENU_BIN=<file>: another ukmenu command (e.g. an older commit's bin/ukmenu.js) in the same runs
const OTHER = process.env.BENCH_UKMENU_BIN ? path.resolve(process.env.BENCH_UKMENU_BIN) : undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

interface Contender {
  label: string;
  run: () => Promise<number>;
}

/** Runs the contenders in turn RUNS times (after one warm-up round) and prints medians and ratios to the first. */
async function alternate(title: string, contenders: Contender[]): Promise<void> {
  const times = contenders.map(() => [] as number[]);
  const loads: number[] = [];
  for (let i = 0; i <= RUNS; i++) { // round 0 warms up (and builds mconf)
    for (let c = 0; c < contenders.length; c++) {
      const t = await contenders[c].run();
      if (i > 0) times[c].push(t);
    }
    loads.push(os.loadavg()[0]);
  }
  console.log(`\n${title} (${RUNS} alternated runs, load average during the runs ${median(loads).toFixed(1)} median on ${os.cpus().length} cores)`);
  const ref = median(times[0]);
  for (let c = 0; c < contenders.length; c++) {
    const m = median(times[c]);
    const ratio = c === 0 ? '' : `   ${(m / ref).toFixed(2)} x ${contenders[0].label}`;
    console.log(`  ${contenders[c].label.padEnd(44)} median ${ms(m).padStart(8)}, min ${ms(Math.min(...times[c])).padStart(8)}, max ${ms(Math.max(...times[c])).padStart(8)}${ratio}`);
  }
}

function timedProcess(argv: string[], cwd: string, env: Record<string, string | undefined>): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const t = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return t;
}

export async function realAppBench(): Promise<void> {
  if (!fs.existsSync(path.join(REPO, 'dist/ukmenu.js'))) spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  const real = unpackRealApp(); // make olddefconfig: the app's .config and Unikraft's conf
  try {
    const app = real.app;
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-bench-home-'));
    const env = { ...process.env, PWD: app, HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg'), XDG_CACHE_HOME: path.join(home, 'cache'), TERM: 'xterm-256color' } as Record<string, string>;
    let firsts = 0;
    /** The environment of a first open: a cache folder of its own, empty. */
    const firstEnv = () => ({ ...env, XDG_CACHE_HOME: path.join(home, `first-${firsts++}`) });
    const config = fs.readFileSync(path.join(app, '.config'));
    // a run that changed the .config (none should) gets it back; an unchanged one keeps its time
    const restore = () => { if (!fs.readFileSync(path.join(app, '.config')).equals(config)) fs.writeFileSync(path.join(app, '.config'), config); };
    // A session that changes the image name and saves, in a copy of the app with its own cache folder
    // (its .config changes every run, the others' must not), then the open after it, timed
    const saver = path.join(real.root, 'app-saved');
    fs.cpSync(app, saver, { recursive: true, verbatimSymlinks: true });
    const saverEnv = { ...env, PWD: saver, XDG_CACHE_HOME: path.join(home, 'cache-saved') };
    let saves = 0;
    const afterSave = async () => {
      const down = '\x1b[B';
      // down to "Image name", edit, clear (^U), a new name, set, save, quit
      const name = `saved-${saves++ % 2}`;
      await timeToFrame([UKMENU_BIN], saver, saverEnv, 'open/set', 'q', [down, down, down, down, down, down, '\r', '\x15', name, '\r', 's', 'q']);
      if (!fs.readFileSync(path.join(saver, '.config'), 'utf8').includes(`CONFIG_UK_NAME="${name}"`)) throw new Error('the session in the menu did not save its change');
      return timeToFrame([UKMENU_BIN], saver, saverEnv, 'open/set');
    };
    // A .config changed outside the menu between opens (make, a defconfig, git, an editor), in a copy
    // of the app with its own cache folder: the kept frame is checked, found stale, and not drawn
    const edited = path.join(real.root, 'app-edited');
    fs.cpSync(app, edited, { recursive: true, verbatimSymlinks: true });
    const editedEnv = { ...env, PWD: edited, XDG_CACHE_HOME: path.join(home, 'cache-edited') };
    let edits = 0;
    const afterEdit = () => {
      const file = path.join(edited, '.config');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^CONFIG_UK_NAME=.*$/m, `CONFIG_UK_NAME="edited-${edits++ % 2}"`));
      return timeToFrame([UKMENU_BIN], edited, editedEnv, 'open/set');
    };
    console.log(`\nReal application: app-helloworld on Unikraft ${path.basename(real.core)} 0.17.0-89 (../shared/unikraft), load average now ${load()}`);
    await alternate('Menu: process start to the top menu, in a pseudo-terminal 100x30', [
      { label: 'make menuconfig', run: () => timeToFrame(['make', 'menuconfig'], app, env, 'Arrow keys navigate the menu', '\x1b\x1b').finally(restore) },
      { label: 'ukmenu (opened again)', run: () => timeToFrame([UKMENU_BIN], app, env, 'open/set').finally(restore) },
      { label: 'ukmenu (opened again after a change saved in it)', run: () => afterSave().finally(restore) },
      { label: 'ukmenu (opened again, its own frame: UKMENU_LAST_FRAME=0)', run: () => timeToFrame([UKMENU_BIN], app, { ...env, UKMENU_LAST_FRAME: '0' }, 'open/set').finally(restore) },
      { label: 'ukmenu (opened again after the .config was changed elsewhere)', run: () => afterEdit() },
      // (Ink's first frame: when keys start to work, whichever frame was drawn first)
      { label: 'ukmenu (its own frame drawn by Ink: also UKMENU_EARLY_FRAME=0)', run: () => timeToFrame([UKMENU_BIN], app, { ...env, UKMENU_LAST_FRAME: '0', UKMENU_EARLY_FRAME: '0' }, 'open/set').finally(restore) },
      { label: 'ukmenu (first open: empty cache folder)', run: () => timeToFrame([UKMENU_BIN], app, firstEnv(), 'open/set').finally(restore) },
      // (its own frame: the kept one applies to this environment too, the script's files aside)
      { label: 'ukmenu, config-submenu.sh by bash, own frame', run: () => timeToFrame([UKMENU_BIN], app, { ...env, UKMENU_SUBMENU: 'script', UKMENU_LAST_FRAME: '0' }, 'open/set').finally(restore) },
      ...(OTHER ? [{ label: 'BENCH_UKMENU_BIN (opened again)', run: () => timeToFrame([OTHER], app, env, 'open/set').finally(restore) }] : []),
    ]);
    await alternate('olddefconfig on the app', [
      { label: 'make olddefconfig', run: async () => { const t = timedProcess(['make', 'olddefconfig'], app, env); restore(); return t; } },
      { label: 'ukmenu conf --olddefconfig (again)', run: async () => { const t = timedProcess([UKMENU_BIN, 'conf', '--olddefconfig'], app, env); restore(); return t; } },
      { label: 'ukmenu conf --olddefconfig (first)', run: async () => { const t = timedProcess([UKMENU_BIN, 'conf', '--olddefconfig'], app, firstEnv()); restore(); return t; } },
    ]);
    fs.rmSync(home, { recursive: true, force: true });
  } finally {
    real.remove();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await realAppBench();
