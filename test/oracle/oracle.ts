// The C `conf` oracle (Linux 6.1's scripts/kconfig, built from Debian's linux-source by
// build-oracle.sh) and helpers to run it: one run (runOracle), or many at once (runOracleBatch,
// one fork per run and no exec, through conf-batch).
//
// Both sides of a comparison get the same pinned environment (pinnedEnv): system PATH only (no
// rustup or cargo from the user's PATH: with a rustc found, Linux's rust_is_available.sh triples
// each run), LC_ALL=C, nothing else inherited. A reference run that hits conf-batch's alarm is run
// again with a longer one (runOracleBatch) and, if it still does not end, reported as timed out.
// A missing oracle skips outside CI and fails in CI (test/ci.ts).

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireOrSkip } from '../ci.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');
/** Extracted Linux 6.1 tree: scripts/, every Kconfig* file, arch/*\/configs/*, Makefile. */
export const LINUX_TREE = path.join(CACHE_DIR, 'linux-6.1');
export const ORACLE_DIR = path.join(CACHE_DIR, 'oracle');
export const CONF_BIN = path.join(ORACLE_DIR, 'conf');
export const CONF_BATCH_BIN = path.join(ORACLE_DIR, 'conf-batch');
export const BUILD_SCRIPT = path.join(here, 'build-oracle.sh');

/** The one notion of "in CI" (test/ci.ts), under the name older tests import. */
export { inCI as isCI } from '../ci.js';

/** The PATH of every oracle comparison: system directories only, the same on any machine. */
export const PINNED_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The environment both sides of a comparison start from (`extra` on top; undefined removes). */
export function pinnedEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return cleanEnv({ PATH: PINNED_PATH, LC_ALL: 'C', ...extra });
}

export type OracleStatus = { ok: true } | { ok: false; reason: string };

let status: OracleStatus | undefined;

/** Builds the oracle if needed (idempotent, locked; once per process). Never throws. */
export function ensureOracle(): OracleStatus {
  if (status) return status;
  const r = spawnSync('bash', [BUILD_SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status === 0 && fs.existsSync(CONF_BIN) && fs.existsSync(CONF_BATCH_BIN)) status = { ok: true };
  else {
    const msg = (r.stderr || r.stdout || r.error?.message || '').trim();
    status = { ok: false, reason: `test/oracle/build-oracle.sh failed (exit ${r.status}): ${msg}` };
  }
  return status;
}

/** Throws unless the oracle is available. */
export function requireOracle(): void {
  const s = ensureOracle();
  if (!s.ok) throw new Error(s.reason);
}

/**
 * Why oracle tests should be skipped on this machine, or undefined to run them. In CI a missing
 * oracle throws here (test/ci.ts requireOrSkip): the test file fails instead of skipping.
 */
export function oracleSkipReason(): string | undefined {
  const s = ensureOracle();
  return requireOrSkip(`the C conf oracle (${s.ok ? '' : s.reason})`, s.ok) ? (s.ok ? undefined : s.reason) : undefined;
}

// ------------------------------------------------------------------------------------ runs

export interface RunResult {
  /** Exit code; for a run killed by a signal, 128 + signal number and `signal` set. */
  code: number;
  signal?: string;
  stdout: string;
  stderr: string;
  /** Every regular file under the run directory after the run (relative path -> bytes). */
  files: Map<string, Buffer>;
}

export interface RunOptions {
  argv: string[];
  /** The complete environment of conf (nothing is inherited from process.env). */
  env: Record<string, string | undefined>;
  /** Run directory. Default: a fresh temporary directory, removed afterwards. */
  cwd?: string;
  /** Files to write (relative to cwd) before the run. */
  files?: Record<string, string | Buffer>;
  /** Collect the files under cwd after the run (default true). */
  collect?: boolean;
  /** Skip these (relative) paths or directories when collecting. */
  ignore?: string[];
  /** conf's stdin (answers to its questions); default /dev/null. */
  stdin?: string;
}

export function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>) {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

/** All regular files under `dir` (sorted relative paths -> contents). */
export function snapshotDir(dir: string, ignore: string[] = []): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (ignore.some((i) => r === i || r.startsWith(i + '/'))) continue;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) {
        // most files are empty (conf's include/config/<SYMBOL> dep files, 12,000 for Linux): a stat, not a read
        const p = path.join(dir, r);
        out.set(r, fs.statSync(p).size === 0 ? Buffer.alloc(0) : fs.readFileSync(p));
      }
    }
  };
  walk('');
  return out;
}

let scratchRoot: string | undefined;

/**
 * Where scratch run directories go: UKMENU_SCRATCH, else /dev/shm when it is a writable tmpfs with
 * room (on this machine kind creating a file there is ~60x faster than under /tmp, and conf runs
 * create many files), else the OS temp dir.
 */
export function scratchDir(): string {
  if (scratchRoot) return scratchRoot;
  scratchRoot = os.tmpdir();
  if (process.env.UKMENU_SCRATCH) scratchRoot = process.env.UKMENU_SCRATCH;
  else {
    try {
      const st = fs.statfsSync('/dev/shm');
      fs.accessSync('/dev/shm', fs.constants.W_OK);
      if (st.bavail * st.bsize >= 1024 * 1024 * 1024) scratchRoot = '/dev/shm';
    } catch {
      /* no /dev/shm */
    }
  }
  removeStaleScratch(scratchRoot);
  return scratchRoot;
}

/**
 * Scratch directories of killed test runs (older than 3 hours) would otherwise pile up in RAM;
 * kept failing cases (under the OS temp dir) go after a day.
 */
function removeStaleScratch(root: string, re = /^ukmenu-(diff|batch|gen|linux-[ce]-[a-z0-9]+|oracle)-[A-Za-z0-9]{6}$/, age = 3 * 3600_000) {
  try {
    const limit = Date.now() - age;
    for (const name of fs.readdirSync(root)) {
      if (!re.test(name)) continue;
      const p = path.join(root, name);
      try {
        if (fs.statSync(p).mtimeMs < limit) fs.rmSync(p, { recursive: true, force: true });
      } catch {
        /* raced with another process */
      }
    }
  } catch {
    /* unreadable root */
  }
}

/** A new scratch directory (see scratchDir); `persistent` puts it under the OS temp dir. */
export function makeTempDir(prefix = 'ukmenu-oracle-', persistent = false): string {
  if (persistent && !keptCleaned) {
    keptCleaned = true;
    removeStaleScratch(os.tmpdir(), /^ukmenu-diff-fail-[A-Za-z0-9]{6}$/, 24 * 3600_000);
  }
  return fs.mkdtempSync(path.join(persistent ? os.tmpdir() : scratchDir(), prefix));
}
let keptCleaned = false;

/** Runs the C conf once (stdin is /dev/null unless given, argv[0] is "conf"). */
export function runOracle(opts: RunOptions): RunResult {
  requireOracle();
  return runConfProgram(CONF_BIN, opts);
}

/** Runs a conf program (this oracle's, or Unikraft's: unikraft-conf.ts) once. */
export function runConfProgram(bin: string, opts: RunOptions): RunResult {
  const tmp = opts.cwd === undefined;
  const cwd = opts.cwd ?? makeTempDir();
  // answers come from a file, as from `conf < answers`: conf may stop before reading them all
  const stdinDir = opts.stdin === undefined ? undefined : makeTempDir('ukmenu-oracle-');
  let stdinFd: number | undefined;
  try {
    if (opts.files) writeFiles(cwd, opts.files);
    if (stdinDir) {
      fs.writeFileSync(path.join(stdinDir, 'stdin'), opts.stdin!);
      stdinFd = fs.openSync(path.join(stdinDir, 'stdin'), 'r');
    }
    const r = spawnSync(bin, opts.argv, {
      argv0: 'conf',
      cwd,
      env: cleanEnv(opts.env),
      stdio: [stdinFd ?? 'ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000,
      killSignal: 'SIGKILL',
    });
    // conf can loop forever (syncconfig's dialog with stdin at EOF): report it as a killed run
    if (r.error && !(r.error as NodeJS.ErrnoException).code?.match(/ENOBUFS|ETIMEDOUT/)) throw r.error;
    const sig = r.signal ?? undefined;
    return {
      code: r.status ?? 128 + (sig ? (os.constants.signals[sig] ?? 0) : 0),
      signal: sig,
      stdout: r.stdout.toString('utf8'),
      stderr: r.stderr.toString('utf8'),
      files: opts.collect === false ? new Map() : snapshotDir(cwd, opts.ignore),
    };
  } finally {
    if (stdinFd !== undefined) fs.closeSync(stdinFd);
    if (stdinDir) fs.rmSync(stdinDir, { recursive: true, force: true });
    if (tmp) fs.rmSync(cwd, { recursive: true, force: true });
  }
}

export interface BatchJob {
  /** Run directory (must exist, with its input files). */
  cwd: string;
  argv: string[];
  env: Record<string, string | undefined>;
  /**
   * Buffer conf's stderr fully (faster when conf loops printing; stdout and stderr are separate
   * files anyway). Only when no $(shell,...) command writes to stderr: that would reorder it.
   */
  bufferStderr?: boolean;
}

export interface BatchResult {
  code: number;
  signal?: string;
  stdout: string;
  stderr: string;
  /** The run hit the first alarm and was run again with the longer one (its result is the second run's). */
  retried?: boolean;
  /** The reference did not end even with the longer alarm: nothing to compare, report it as such. */
  timedOut?: boolean;
}

export interface BatchOptions {
  /** Seconds before conf-batch stops a run with SIGALRM (default 10: conf can loop forever). */
  alarm?: number;
  /** Seconds for the one retry of a run stopped by the alarm (default 60; 0: no retry). */
  retryAlarm?: number;
  /**
   * Parse the tree once for the jobs that share an environment and Kconfig file (conf-batch -p;
   * each run forks from the parsed tree). Only for trees whose $(shell,...) commands depend on the
   * environment alone and leave nothing in the run folder (Linux's: compiler probes). Jobs whose
   * shared parse fails are run the ordinary way.
   */
  shareParse?: boolean;
}

const SIGALRM = os.constants.signals.SIGALRM;

/** conf-batch's line for a run stopped by its alarm. */
export function hitAlarm(r: BatchResult): boolean {
  return r.signal === `signal ${SIGALRM}`;
}

/**
 * Runs many conf invocations through conf-batch (fork per job, `parallel` at a time). Each job
 * behaves as a fresh `conf` process run in job.cwd with exactly job.env and stdin at EOF. Output
 * files stay in each job's cwd (snapshot them with snapshotDir). A run stopped by the alarm (a
 * slow reference on a busy machine, or a conf that never ends) is run once more, alone, on a
 * restored copy of its folder with `retryAlarm`; if it is stopped again it is marked timedOut.
 */
export async function runOracleBatch(jobs: BatchJob[], parallel = 1, opts: BatchOptions = {}): Promise<BatchResult[]> {
  requireOracle();
  if (jobs.length === 0) return [];
  const retryAlarm = opts.retryAlarm ?? 60;
  const before = retryAlarm > 0 ? jobs.map((j) => snapshotDir(j.cwd)) : [];
  const alarm = opts.alarm ?? 10;
  // the shared parse runs all of the tree's commands at once: it gets the longer alarm
  const results = opts.shareParse ? await runSharedParse(jobs, parallel, alarm, Math.max(alarm, retryAlarm)) : await runBatchOnce(jobs, parallel, alarm);
  const again = results.map((r, i) => (hitAlarm(r) ? i : -1)).filter((i) => i >= 0 && retryAlarm > 0);
  if (again.length) {
    for (const i of again) {
      fs.rmSync(jobs[i]!.cwd, { recursive: true, force: true });
      fs.mkdirSync(jobs[i]!.cwd, { recursive: true });
      writeFiles(jobs[i]!.cwd, Object.fromEntries(before[i]!));
    }
    const second = await runBatchOnce(again.map((i) => jobs[i]!), 1, retryAlarm);
    again.forEach((i, k) => {
      results[i] = { ...second[k]!, retried: true, timedOut: hitAlarm(second[k]!) };
    });
  }
  return results;
}

/** runBatchOnce with one parse per group of jobs with the same environment and Kconfig file. */
async function runSharedParse(jobs: BatchJob[], parallel: number, alarm: number, parseAlarm: number): Promise<BatchResult[]> {
  const groups = new Map<string, number[]>();
  jobs.forEach((j, i) => {
    const key = JSON.stringify([Object.entries(cleanEnv(j.env)), j.argv[j.argv.length - 1]]);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const results: BatchResult[] = new Array(jobs.length);
  const alone: number[] = [];
  for (const idx of groups.values()) {
    if (idx.length < 2) { alone.push(...idx); continue; }
    const group = idx.map((i) => jobs[i]!);
    // a broken tree (conf-batch exits 3) or a parse stopped by the alarm: the ordinary way
    const out = await runBatchOnce(group, parallel, alarm, parseAlarm).catch(() => runBatchOnce(group, parallel, alarm));
    idx.forEach((i, k) => { results[i] = out[k]!; });
  }
  const rest = await runBatchOnce(alone.map((i) => jobs[i]!), parallel, alarm);
  alone.forEach((i, k) => { results[i] = rest[k]!; });
  return results;
}

/** One conf-batch; with `parseAlarm`, the jobs share one parse of the tree (conf-batch -p -T). */
async function runBatchOnce(jobs: BatchJob[], parallel: number, alarm: number, parseAlarm?: number): Promise<BatchResult[]> {
  if (jobs.length === 0) return [];
  const io = makeTempDir('ukmenu-batch-');
  try {
    const parts: Buffer[] = [];
    const z = Buffer.from([0]);
    const str = (s: string) => {
      if (s.includes('\0')) throw new Error('runOracleBatch: NUL in argument or environment');
      parts.push(Buffer.from(s, 'utf8'), z);
    };
    jobs.forEach((j, i) => {
      str(j.bufferStderr ? 'b' : '');
      str(path.resolve(j.cwd));
      str(path.join(io, `${i}.out`));
      str(path.join(io, `${i}.err`));
      const env = Object.entries(cleanEnv(j.env));
      str(String(env.length));
      for (const [k, v] of env) str(`${k}=${v}`);
      str(String(j.argv.length + 1));
      str('conf');
      for (const a of j.argv) str(a);
    });
    const jobFile = path.join(io, 'jobs');
    fs.writeFileSync(jobFile, Buffer.concat(parts));
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn(CONF_BATCH_BIN, ['-j', String(Math.max(1, parallel)), '-t', String(alarm), ...(parseAlarm ? ['-p', '-T', String(parseAlarm)] : []), jobFile], { stdio: ['ignore', 'pipe', 'pipe'] });
      let so = '';
      let se = '';
      p.stdout.setEncoding('utf8').on('data', (d: string) => (so += d));
      p.stderr.setEncoding('utf8').on('data', (d: string) => (se += d));
      p.on('error', reject);
      p.on('close', (code, signal) => (code === 0 ? resolve(so) : reject(new Error(`conf-batch exited ${code ?? signal}: ${se}`))));
    });
    const codes = new Map<number, string>();
    for (const line of out.split('\n')) {
      const m = /^(\d+) (\S+)$/.exec(line);
      if (m) codes.set(Number(m[1]), m[2]!);
    }
    return jobs.map((_, i) => {
      const c = codes.get(i);
      if (c === undefined) throw new Error(`conf-batch: no status for job ${i}`);
      const sig = c.startsWith('sig') ? Number(c.slice(3)) : undefined;
      return {
        code: sig !== undefined ? 128 + sig : Number(c),
        signal: sig !== undefined ? `signal ${sig}` : undefined,
        stdout: readCapped(path.join(io, `${i}.out`)),
        stderr: readCapped(path.join(io, `${i}.err`)),
      };
    });
  } finally {
    fs.rmSync(io, { recursive: true, force: true });
  }
}

/** Reads at most 4 MiB of a file as UTF-8 (a killed conf may have written that much). */
function readCapped(file: string, cap = 4 << 20): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(cap, fs.fstatSync(fd).size));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

// ------------------------------------------------------------------------------ Linux tree

export type LinuxArch = 'x86' | 'arm64';

/** KERNELVERSION and CC_VERSION_TEXT as computed by build-oracle.sh (like the kernel Makefile). */
export function linuxVersionInfo(): { KERNELVERSION: string; CC_VERSION_TEXT: string } {
  requireOracle();
  const txt = fs.readFileSync(path.join(ORACLE_DIR, 'linux-env.txt'), 'utf8');
  const get = (k: string) => {
    const line = txt.split('\n').find((l) => l.startsWith(k + '='));
    if (line === undefined) throw new Error(`linux-env.txt: no ${k}`);
    return line.slice(k.length + 1);
  };
  return { KERNELVERSION: get('KERNELVERSION'), CC_VERSION_TEXT: get('CC_VERSION_TEXT') };
}

/** The arch's default defconfig, as the kernel Makefile's KBUILD_DEFCONFIG picks it on an x86_64 host. */
export function linuxDefconfig(arch: LinuxArch): string {
  return arch === 'x86' ? 'arch/x86/configs/x86_64_defconfig' : 'arch/arm64/configs/defconfig';
}

/**
 * The environment the kernel's Makefile gives scripts/kconfig/conf for `make ARCH=<arch> <target>`
 * (out-of-tree: cwd is the object directory, srctree the absolute source path), reduced to what
 * conf and the Kconfig files read. Checked: with this environment conf writes the same .config,
 * auto.conf, autoconf.h and rustc_cfg as under make's full exported environment.
 * Kconfig files read: ARCH SRCARCH KERNELVERSION CC LD NM AR OBJCOPY PAHOLE RUSTC BINDGEN srctree
 * CC_VERSION_TEXT (and CLANG_FLAGS USERCFLAGS USERLDFLAGS, unset for gcc); their $(shell,...)
 * commands also see PATH, HOSTCC, HOSTCXX, CROSS_COMPILE. PATH is pinned (PINNED_PATH) and HOME
 * left out, so a rustup rustc in the user's PATH or home never takes part.
 */
export function linuxEnv(arch: LinuxArch, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const v = linuxVersionInfo();
  return cleanEnv({
    PATH: PINNED_PATH,
    LC_ALL: 'C',
    srctree: LINUX_TREE,
    ARCH: arch,
    SRCARCH: arch,
    KERNELVERSION: v.KERNELVERSION,
    CC_VERSION_TEXT: v.CC_VERSION_TEXT,
    CC: 'gcc',
    LD: 'ld',
    NM: 'nm',
    AR: 'ar',
    OBJCOPY: 'objcopy',
    PAHOLE: 'pahole',
    RUSTC: 'rustc',
    BINDGEN: 'bindgen',
    HOSTCC: 'gcc',
    HOSTCXX: 'g++',
    CROSS_COMPILE: '',
    KCONFIG_CONFIG: '.config',
    ...extra,
  });
}

/** Used by global-setup.ts; exported for tools. */
export function buildOracleVerbose(): void {
  execFileSync('bash', [BUILD_SCRIPT], { stdio: 'inherit' });
}
