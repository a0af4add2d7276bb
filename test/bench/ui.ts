// The menu's part of `npm run bench` (issue 4):
//  - time from process start to the first full frame, for the real program (dist/ukmenu.js, as
//    `npm run build` makes it) on the Unikraft corpus, in a pseudo-terminal (util-linux `script`);
//  - time from a key press to the finished frame when scrolling and toggling in the biggest menu
//    of the Linux 6.1 tree, with Ink's real (non-debug) renderer and React's production build,
//    measured in a child process (NODE_ENV=production must be set before React loads).
// Run alone: `npx tsx test/bench/ui.ts` (both), or `... --latency` (the child's part).
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = path.resolve(REPO, '../shared/corpora/unikraft');
const LINUX = path.join(REPO, '.cache/linux-6.1');
// BENCH_UKMENU: another build of the program (e.g. of an older commit, for before/after figures)
const UKMENU = process.env.BENCH_UKMENU ? path.resolve(process.env.BENCH_UKMENU) : path.join(REPO, 'dist/ukmenu.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
const median = (xs: number[]) => sorted(xs)[Math.floor((xs.length - 1) / 2)];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

function corpusEnv(dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg'), TERM: 'xterm-256color',
    LANG: 'C.UTF-8', CONFIG_: 'CONFIG_', KCONFIG_CONFIG: `${dir}/.config`, HOST_ARCH: 'x86_64', UK_ARCH: 'x86_64',
    UK_BASE: 'unikraft', UK_APP: 'app-helloworld', UK_FULLVERSION: '0.17.0', UK_CODENAME: 'Calypso', UK_NAME: 'helloworld',
    KCONFIG_DIR: 'generated', KCONFIG_DRIV_BASE: 'unikraft/drivers', KCONFIG_LIB_BASE: 'unikraft/lib',
    KCONFIG_PLAT_BASE: 'unikraft/plat', KCONFIG_ELIB_DIRS: 'libs/musl:libs/lwip', KCONFIG_EPLAT_DIRS: '',
    KCONFIG_EAPP_DIR: 'app-helloworld', KCONFIG_EXCLUDEDIRS: '',
  };
}

/**
 * Starts `argv` in a pseudo-terminal of 100x30 and resolves with the time from spawn until the
 * output holds `marker` (the key bar, the last line of a frame), once the program has exited: it is
 * quit with `quit` (and n for "save changes?"), or with `keys` typed one by one when given (a
 * session: they must end it).
 */
export function timeToFrame(argv: string[], cwd: string, env: Record<string, string>, marker: string, quit = 'q', keys?: string[]): Promise<number> {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = `stty cols 100 rows 30; exec ${argv.map(q).join(' ')}`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => {}); // the quit keys may arrive after the program is gone (EPIPE)
    let out = '';
    let done = false;
    const timer = setTimeout(() => { if (!done) { done = true; child.kill('SIGKILL'); reject(new Error(`no frame after 60 s:\n${out.slice(-2000)}`)); } }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (!done && out.includes(marker)) {
        done = true;
        const t = performance.now() - t0;
        clearTimeout(timer);
        child.on('exit', () => resolve(t));
        if (keys) { // one at a time, as typed (a pick list reads one key per event)
          keys.forEach((k, i) => setTimeout(() => child.stdin.write(k), 100 * (i + 1)));
          setTimeout(() => child.kill('SIGTERM'), 100 * keys.length + 10_000).unref();
          return;
        }
        // quit: q, and n for "save changes?" (the .config does not exist yet)
        child.stdin.write(quit);
        setTimeout(() => child.stdin.write('n'), 150);
        setTimeout(() => child.kill('SIGTERM'), 2000).unref();
      }
    });
    child.on('error', (e) => { if (!done) { done = true; clearTimeout(timer); reject(e); } });
  });
}

export async function firstFrameBench(): Promise<void> {
  if (spawnSync('sh', ['-c', 'command -v script']).status !== 0) { console.log('first frame: skipped (no `script` from util-linux)'); return; }
  if (!fs.existsSync(UKMENU)) spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  const nodeOnly: number[] = [];
  const frames: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-bench-ui-'));
    const env = corpusEnv(dir);
    // node itself printing a line, for scale
    const n = await timeToFrame([process.execPath, '-e', 'process.stdout.write("ready\\n")'], CORPUS, env, 'ready');
    const f = await timeToFrame([process.execPath, UKMENU, '--kconfig', 'unikraft/Config.uk'], CORPUS, env, 'open/set');
    if (i > 0) { nodeOnly.push(n); frames.push(f); } // the first run warms the file cache
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nMenu: process start to first full frame, Unikraft corpus (dist/ukmenu.js in a pty, ${RUNS} runs)`);
  console.log(`  ukmenu --kconfig unikraft/Config.uk   median ${ms(median(frames))}, max ${ms(Math.max(...frames))}   (target <= 300 ms)`);
  console.log(`  node -e 'print a line' (for scale)    median ${ms(median(nodeOnly))}`);
}

// ---- key latency (child process) -----------------------------------------------------------

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void { this.data = data; this.emit('readable'); this.emit('data', data); }
  read(): string | null { const d = this.data; this.data = null; return d; }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 41;
  writes = 0;
  lastWrite = 0;
  onWrite: (() => void) | null = null;
  write(_s: string): boolean {
    this.writes++;
    this.lastWrite = performance.now();
    this.onWrite?.();
    return true;
  }
}

/**
 * How Ink renders in the latency child (BENCH_INK, comma-separated; default `cache`, as the menu): `stock` (Ink's public API
 * only), `incremental` (Ink's incrementalRendering option: only changed lines are
 * written), `cache` (components/inkCache.ts replaces Ink's private Output.get). BENCH_MAX_FPS sets
 * Ink's maxFps (the menu uses 120).
 */
const INK_MODES = (process.env.BENCH_INK ?? 'cache').split(',');
const MAX_FPS = Number(process.env.BENCH_MAX_FPS ?? 120);

async function latencyChild(): Promise<void> {
  if (process.env.SEMI) (await import('node:v8')).setFlagsFromString(`--max-semi-space-size=${process.env.SEMI}`);
  const React = (await import('react')).default;
  const { render } = await import('ink');
  if (INK_MODES.includes('cache')) {
    const { installInkCache, verifyInkCache } = await import('../../components/inkCache.js');
    if (!(await installInkCache()) || !verifyInkCache()) throw new Error('BENCH_INK=cache: inkCache.ts does not apply to this Ink');
  }
  const { KconfigTree } = await import('../../kconfig/api.js');
  const { App } = await import('../../components/App.js');
  const { MenuController } = await import('../../components/controller.js');
  const { memoryPrefs } = await import('../../components/prefs.js');
  const { menuRows, isContainer } = await import('../../components/rows.js');
  const extra = path.join(REPO, '.cache/oracle/linux-env.txt');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', srctree: '.', ARCH: 'x86', SRCARCH: 'x86', CC: 'gcc', LD: 'ld', HOSTCC: 'gcc' };
  if (fs.existsSync(extra)) for (const line of fs.readFileSync(extra, 'utf8').split('\n')) { const eq = line.indexOf('='); if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1); }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-bench-lat-'));
  env.KCONFIG_CONFIG = path.join(dir, '.config');
  // allyesconfig: every menu as big as it gets
  const { runConf } = await import('../../kconfig/conf.js');
  runConf(['-s', '--allyesconfig', 'Kconfig'], { cwd: LINUX, env, stdout: () => {}, stderr: () => {} });
  const tree = KconfigTree.load('Kconfig', { cwd: LINUX, env, flavor: 'linux' });
  tree.readConfig();
  // the biggest menu: the container with the most rows
  let biggest = tree.root;
  let most = 0;
  for (const n of tree.allNodes()) {
    if (!isContainer(n) || n.kind === 'choice') continue;
    const c = menuRows(tree, n).length;
    if (c > most) { most = c; biggest = n; }
  }
  const controller = new MenuController({ tree, configPath: env.KCONFIG_CONFIG, prefs: memoryPrefs(), env: {} });
  controller.jumpTo(biggest);
  controller.stack.push({ node: biggest, selId: null, index: 0, top: 0 });
  controller.status = null;
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  const ink = render(React.createElement(App, { controller }), {
    stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stdout as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false, patchConsole: false, maxFps: MAX_FPS, incrementalRendering: INK_MODES.includes('incremental'),
  });
  const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
  await sleep(100);
  /** Presses a key; resolves with the time until the frame was written. */
  const cpu: number[] = [];
  const press = (k: string) => new Promise<number>((resolve) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const before = stdout.writes;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      stdout.onWrite = null;
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      resolve(stdout.lastWrite - t0);
    };
    stdout.onWrite = () => finish();
    stdin.write(k);
    if (stdout.writes > before) finish();
    setTimeout(() => { if (!settled) { settled = true; stdout.onWrite = null; resolve(NaN); } }, 500);
  });
  const scroll: number[] = [];
  const toggle: number[] = [];
  // scrolling: down through the whole menu and back up a page at a time
  for (let i = 0; i < Math.min(most - 1, 400); i++) { scroll.push(await press('\x1b[B')); await sleep(12); }
  for (let i = 0; i < 10; i++) { scroll.push(await press('\x1b[5~')); await sleep(12); }
  // toggling: Space on each changeable bool/tristate entry in the window, twice (on and back)
  await press('\x1b[H');
  await sleep(12);
  const rows = controller.rows();
  let toggled = 0;
  for (let i = 0; i < rows.length && toggled < 60; i++) {
    const r = rows[i];
    if (r.node.symbol && (r.node.kind === 'config' || r.node.kind === 'menuconfig')) {
      const info = tree.info(r.node.symbol);
      if ((info.effectiveType === 'bool' || info.effectiveType === 'tristate') && info.assignable.length > 1) {
        controller.level.selId = r.node.id;
        controller.status = null;
        await press('\x1b[B'); await sleep(12); await press('\x1b[A'); await sleep(12);
        toggle.push(await press(' ')); await sleep(12);
        toggle.push(await press('u')); await sleep(12);
        toggled++;
      }
    }
  }
  ink.unmount();
  const ok = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
  const line = (label: string, xs: number[]) => `  ${label.padEnd(36)} p50 ${ms(median(ok(xs)))}, p95 ${ms(quantile(ok(xs), 0.95))}, max ${ms(Math.max(...ok(xs)))} (${ok(xs).length} keys)`;
  console.log(`\nMenu: key press to finished frame, Linux 6.1 x86, biggest menu "${biggest.prompt}" (${most} rows), 120x41, production React, Ink ${INK_MODES.join('+')} maxFps ${MAX_FPS}`);
  console.log(line('scrolling (Down, PgUp)', scroll));
  console.log(line('toggling (Space, u undo)', toggle));
  console.log(`  CPU time per key (all threads, incl. GC): p50 ${ms(median(cpu))}, p95 ${ms(quantile(cpu, 0.95))}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log('  (target: p95 <= 16 ms)');
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function keyLatencyBench(): Promise<void> {
  if (!fs.existsSync(path.join(LINUX, 'Kconfig'))) { console.log('key latency: skipped (no Linux 6.1 tree in .cache/linux-6.1)'); return; }
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--latency'], {
    cwd: REPO, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`key latency benchmark failed (${r.status})`);
}

export async function menuBench(): Promise<void> {
  await firstFrameBench();
  await keyLatencyBench();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes('--latency')) await latencyChild();
  else await menuBench();
}
