// `npm run bench`: ukmenu's engine against the C conf (Linux 6.1, built from linux-source) measured
// in the same run. Whole processes, median of several runs, alternating the two programs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KconfigTree } from '../../kconfig/api.js';
import { CORPUS_DIR, corpusEnv as fixtureEnv } from '../fixtures/corpus.js';
import { CONF_BIN, LINUX_TREE, REPO_ROOT, ensureOracle } from '../oracle/oracle.js';
import { benchSearchAndWhy } from './search.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const UKMENU = path.join(REPO_ROOT, 'dist/ukmenu.js');
// ukmenu as users run it: the installed command (bin/ukmenu, then bin/ukmenu.js's #! line's node settings)
const UKMENU_BIN = path.join(REPO_ROOT, 'bin/ukmenu');
const CORPUS = CORPUS_DIR;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

function linuxEnv(arch: string): Record<string, string> {
  const extra = fs.readFileSync(path.join(REPO_ROOT, '.cache/oracle/linux-env.txt'), 'utf8');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', srctree: '.', ARCH: arch, SRCARCH: arch, CC: 'gcc', LD: 'ld',
    HOSTCC: 'gcc', HOSTCXX: 'g++', RUSTC: 'rustc', BINDGEN: 'bindgen', PAHOLE: 'pahole',
  };
  for (const line of extra.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

function corpusEnv(dir: string): Record<string, string> {
  return { ...fixtureEnv(`${dir}/.config`), KCONFIG_AUTOCONFIG: `${dir}/auto.conf` };
}

/** Runs a command once; returns wall time and peak RSS (KiB, from GNU time when available). */
function timed(cmd: string[], cwd: string, env: Record<string, string>): { ms: number; rssKiB?: number } {
  const hasTime = fs.existsSync('/usr/bin/time');
  const rssFile = path.join(os.tmpdir(), `ukmenu-bench-rss-${process.pid}`);
  const argv = hasTime ? ['/usr/bin/time', '-o', rssFile, '-f', '%M', ...cmd] : cmd;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const t = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed (${r.status}): ${r.stderr}`);
  const rss = hasTime ? Number(fs.readFileSync(rssFile, 'utf8').trim()) : undefined;
  return { ms: t, rssKiB: rss };
}

function compare(label: string, cwd: string, env: (dir: string) => Record<string, string>, args: string[], kconfig: string) {
  const c: number[] = [];
  const u: number[] = [];
  let rss = 0;
  for (let i = 0; i < RUNS; i++) {
    for (const who of ['c', 'u'] as const) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ukmenu-bench-'));
      fs.writeFileSync(`${dir}/auto.conf`, '');
      const e = { ...env(dir), KCONFIG_CONFIG: `${dir}/.config`, KCONFIG_AUTOCONFIG: `${dir}/auto.conf` };
      const cmd = who === 'c' ? [CONF_BIN, ...args, kconfig] : [UKMENU_BIN, 'conf', ...args, kconfig];
      const r = timed(cmd, cwd, e);
      (who === 'c' ? c : u).push(r.ms);
      if (who === 'u' && r.rssKiB) rss = Math.max(rss, r.rssKiB);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const ratio = median(u) / median(c);
  console.log(`${label.padEnd(44)} C conf ${ms(median(c)).padStart(9)}   ukmenu ${ms(median(u)).padStart(9)}   ratio ${ratio.toFixed(2)}   ukmenu peak RSS ${rss ? `${(rss / 1024).toFixed(0)} MB` : 'n/a'}`);
}

function main(): void {
  const st = ensureOracle();
  if (!st.ok) throw new Error(st.reason);
  if (!fs.existsSync(UKMENU)) spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  console.log(`ukmenu benchmark: median of ${RUNS} runs, whole processes, C conf = Linux 6.1 scripts/kconfig/conf`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, node ${process.version}\n`);

  compare('Linux 6.1 x86 olddefconfig (empty .config)', LINUX_TREE, () => linuxEnv('x86'), ['-s', '--olddefconfig'], 'Kconfig');
  compare('Linux 6.1 x86 allyesconfig', LINUX_TREE, () => linuxEnv('x86'), ['-s', '--allyesconfig'], 'Kconfig');
  compare('Linux 6.1 arm64 olddefconfig', LINUX_TREE, () => linuxEnv('arm64'), ['-s', '--olddefconfig'], 'Kconfig');
  compare('Unikraft corpus olddefconfig', CORPUS, corpusEnv, ['-s', '--olddefconfig'], 'unikraft/Config.uk');

  // In-process: loading and evaluating the Unikraft corpus.
  const loads: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = process.hrtime.bigint();
    const tree = KconfigTree.load('unikraft/Config.uk', { env: corpusEnv('/nonexistent'), cwd: CORPUS });
    tree.readConfig();
    tree.snapshot();
    loads.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(`\nUnikraft corpus load + evaluate (in process)      median ${ms(median(loads))}`);

  // In-process: single value changes on the Linux tree through the UI API.
  const t0 = process.hrtime.bigint();
  const tree = KconfigTree.load('Kconfig', { env: linuxEnv('x86'), cwd: LINUX_TREE });
  tree.readConfig();
  tree.snapshot();
  console.log(`Linux x86 load + evaluate (in process)            ${ms(Number(process.hrtime.bigint() - t0) / 1e6)}, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
  const names = tree.symbolNames();
  let seed = 1;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
  const times: number[] = [];
  for (let i = 0; i < 20000 && times.length < 500; i++) {
    const name = names[Math.floor(rnd() * names.length)];
    const info = tree.info(name);
    const v = info.assignable.filter((x) => x !== '*' && x !== info.value)[0];
    if (v === undefined) continue;
    const s = process.hrtime.bigint();
    try {
      tree.set(name, v);
    } catch {
      continue;
    }
    times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  console.log(`Linux x86 single value change (${times.length} random)      median ${ms(median(times))}, p90 ${ms(quantile(times, 0.9))}, p99 ${ms(quantile(times, 0.99))}, max ${ms(quantile(times, 1))}`);

  // search per keystroke and why on the Linux tree (test/bench/search.ts)
  benchSearchAndWhy();
}

main();

// The menu (issue 4): process start to first frame on the Unikraft corpus, and key press to frame
// when scrolling and toggling in the biggest menu of the Linux tree (test/bench/ui.ts).
await (await import('./ui.js')).menuBench();

// The real app-helloworld on the real core (issue 14): first frame against `make menuconfig`, conf
// against `make olddefconfig` (test/bench/realApp.ts).
await (await import('./realApp.js')).realAppBench();
